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


def figures(ex: InstrumentExtractor, text: str) -> list[tuple[float | None, float | None, float | None]]:
    """(rate, cap, amount) of each instrument of ``text`` holding one of them, in order."""
    return [(i.rate, i.cap_yuan, i.amount_yuan) for i in ex.find(text)
            if i.rate is not None or i.cap_yuan is not None or i.amount_yuan is not None]
