"""The numbers the instrument tests compare: each quantified instrument's numeric fields."""

from __future__ import annotations

from policykg.loaders.instruments import InstrumentExtractor

NUMBER_FIELDS = ("rate", "rate_min", "rate_max", "cap_yuan", "amount_yuan")


def numbers(ex: InstrumentExtractor, text: str) -> list[dict[str, float]]:
    """The numeric fields of each quantified instrument of ``text``, in order."""
    out = []
    for i in ex.find(text):
        fields = {k: getattr(i, k) for k in NUMBER_FIELDS if getattr(i, k) is not None}
        if fields:
            out.append(fields)
    return out
