"""The root of every error policykg reports to a person: ``PolicykgError`` and its kinds.

Each kind carries what it becomes at the edges: the HTTP ``status`` and ``error`` code of
the API's one error shape ``{"error", "detail", "status"}`` (api/errors.py maps them in one
place) and the command line's ``exit_code`` (policykg/cli.py prints them the same way).
``str(error)`` — the ``detail`` — is a complete message that says what to do next.

The existing error types of graph/, loaders/ and the evaluation derive from these kinds and
keep their names; several keep a second, built-in base (``ValueError``, ``LookupError``,
``RuntimeError``) so that callers' ``except`` clauses keep working.
"""

from __future__ import annotations

EXIT_FAILED = 1
"""A command that could not do its work (a file that cannot be read, a refused change)."""
EXIT_BAD_INPUT = 2
"""A command given input it cannot use (an evaluation file of the wrong shape)."""
EXIT_UNAVAILABLE = 3
"""The store cannot be used now: run the command again once it is back."""


class PolicykgError(Exception):
    """An error with a message for the user; ``status``/``error`` are the API's, ``exit_code`` the CLI's."""

    status: int = 500
    error: str = "internal"
    exit_code: int = EXIT_FAILED
    next_step: str = "Please report it with what you ran."
    """What to do next, used when an error is raised without a message of its own."""

    def __init__(self, detail: str | None = None) -> None:
        super().__init__(detail if detail is not None else self.next_step)

    @property
    def detail(self) -> str:
        """The message for the user (``str(error)``)."""
        return str(self)

    def headers(self) -> dict[str, str]:
        """HTTP headers the API answer carries besides the body (none by default)."""
        return {}

    def body(self) -> dict[str, str | int]:
        """The API's one error shape."""
        return {"error": self.error, "detail": self.detail, "status": self.status}


class NotFoundError(PolicykgError):
    """An id or name that is not there."""

    status = 404
    error = "not_found"
    next_step = "Nothing has that id; list what there is (GET /api/v1/policies) and use one of its ids."


class RefusedError(PolicykgError):
    """Input that is well-formed but refused (a rule forbids it, or it would destroy data)."""

    status = 400
    error = "refused"
    next_step = "The request was refused; change it as the message says and try again."


class BadInputError(PolicykgError):
    """Input that does not have the expected shape or values."""

    status = 422
    error = "invalid_input"
    exit_code = EXIT_BAD_INPUT
    next_step = "The input is not valid; see /docs (or --help) for what is accepted."


class FileFormatError(BadInputError):
    """A file that cannot be read, or does not have the format it should."""

    error = "bad_file"
    next_step = "The file cannot be read or has the wrong format; fix or replace it and try again."


class DataFileError(FileFormatError):
    """A vocabulary or catalogue file of the project (loaders/data/*.json) that is missing or
    inconsistent: the installation, not the request, is at fault."""

    status = 500
    error = "data_file_invalid"
    exit_code = EXIT_FAILED
    next_step = "A data file of policykg is missing or broken; restore it from the repository (loaders/data/)."


class StoreUnavailableError(PolicykgError):
    """The store cannot be used now (Neo4j unreachable, the graph file held or unusable)."""

    status = 503
    error = "store_unavailable"
    exit_code = EXIT_UNAVAILABLE
    next_step = ("The store cannot be used now. Start Neo4j with `policykg neo4j start` (or check NEO4J_URI), "
                 "then try again.")


class TimeoutExceeded(PolicykgError):
    """Work that ran past its time limit and was stopped."""

    status = 408
    error = "timeout"
    next_step = "It ran past its time limit: narrow the query (LIMIT, a more selective MATCH) and try again."


class BusyError(PolicykgError):
    """Every slot for this kind of work is taken; ``retry_after`` is in seconds."""

    status = 429
    error = "busy"
    retry_after: int = 1
    next_step = "Too many requests at once: wait a moment and retry."

    def headers(self) -> dict[str, str]:
        """``Retry-After``: when to try again."""
        return {"Retry-After": str(self.retry_after)}


class SetupError(PolicykgError):
    """Something this machine must provide is missing or broken (Java, Maven, a port, a folder)."""

    status = 503
    error = "setup_failed"
    next_step = "A tool or resource of this machine is missing; install it or fix the setting the message names."


def describe_unexpected(exc: BaseException) -> str:
    """What to tell the user about an error that is not a ``PolicykgError``: its type, never its text
    (which may hold paths, queries or credentials)."""
    return f"Unexpected error ({type(exc).__name__}). Please report it with the request."
