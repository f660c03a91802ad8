"""When a policy is in force: the one definition every "in force on" filter uses.

A policy is in force on a day D when its start (``effective_from``, else its date of issue
``date``) is on or before D and it has no end (``effective_until``) or that end is on or
after D. A policy with neither a start nor an end known is never counted as in force on any
day; one with only an end known is in force on every day up to that end. Dates are ISO
strings (YYYY-MM-DD), compared as text, so both stores compare them the same way.

``cypher.in_force`` says the same in Cypher; ``store.in_force_on`` is this function's name in
the stores (kept for its callers).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from policykg.errors import BadInputError


class InvalidDateError(BadInputError, ValueError):
    """A date parameter that is not a date written YYYY-MM-DD."""

    error = "invalid_parameter"


def check_date(value: str | None, name: str = "in_force_on") -> str | None:
    """``value`` as an ISO date (YYYY-MM-DD), or None when it is None or empty; anything else
    is refused with ``InvalidDateError``."""
    if value is None or value == "":
        return None
    try:
        if len(value) != 10:
            raise ValueError(value)
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise InvalidDateError(f"{name} must be a date written YYYY-MM-DD (e.g. 2024-01-31), not {value!r}; "
                               "leave it out to keep every policy.") from None


def policy_start(props: dict[str, Any]) -> str | None:
    """The day a policy starts to apply: ``effective_from``, else its date of issue."""
    start = props.get("effective_from")
    return start if start is not None else props.get("date")


def in_force_on(props: dict[str, Any], on: str | None) -> bool:
    """Whether a policy (its properties) is in force on the ISO date ``on`` (module docstring);
    ``on`` None: every policy."""
    if on is None:
        return True
    start, until = policy_start(props), props.get("effective_until")
    if start is None and until is None:
        return False
    return (start is None or start <= on) and (until is None or on <= until)
