"""The one error type of the loaders: a file that cannot be read, with its path and reason."""

from __future__ import annotations

from policykg.errors import EXIT_FAILED, FileFormatError


class ReadError(FileFormatError):
    """A policy file could not be read or understood.

    ``str(error)`` is a complete message for the user: the path, what went wrong and,
    where there is one, what to do about it.
    """

    error = "unreadable_file"
    exit_code = EXIT_FAILED

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
