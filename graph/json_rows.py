"""Answer rows kept as compressed JSON text, and written into a response as they are.

A department's answer shows up to five instruments of each type it leads and co-owns: about two
hundred instrument rows, 250 KB of JSON at 10,000 policies. Kept as Python values they take about
2 KB a row in the API's process, and every answer showing them decodes them (a stored figure) and
encodes them again. ``JsonRows`` keeps such a value as its JSON text compressed with zlib (about
a twelfth of the text), so the process keeps every department's rows in a few megabytes; the
response splices the text in (``api/answer_response.py``) without a decode or an encode.

To Python code a ``JsonRows`` reads as the mapping it holds, a ``JsonList`` (a beneficiary
answer's page of provisions) as the list (each read decodes the text: it is for tests and
occasional callers, not for the path of an answer).
"""

from __future__ import annotations

import zlib
from collections.abc import ItemsView, Iterator, KeysView, Mapping, Sequence, ValuesView
from typing import Any, TypeVar, overload

import pydantic_core

P = TypeVar("P", bound="PackedJson")


class PackedJson:
    """A JSON value held as its text compressed with zlib (``text`` gives the JSON back)."""

    __slots__ = ("_packed",)

    def __init__(self, text: bytes) -> None:
        self._packed = zlib.compress(text)

    @classmethod
    def from_text(cls: type[P], text: str | bytes) -> P:
        """The value of a JSON text (as ``text`` gave it)."""
        return cls(text.encode() if isinstance(text, str) else text)

    @property
    def text(self) -> bytes:
        """The JSON text of the value (UTF-8)."""
        return zlib.decompress(self._packed)

    @property
    def packed_size(self) -> int:
        """Bytes the value takes compressed (what the process keeps)."""
        return len(self._packed)

    def decoded(self) -> Any:
        """The value as Python values, decoded afresh."""
        return pydantic_core.from_json(self.text)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PackedJson):
            return self._packed == other._packed or self.decoded() == other.decoded()
        if isinstance(other, (Mapping, Sequence)) and not isinstance(other, (str, bytes)):
            return bool(self.decoded() == (dict(other) if isinstance(other, Mapping) else list(other)))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # equal to dicts and lists, so not hashable

    def __repr__(self) -> str:
        return f"{type(self).__name__}({len(self.text):,} bytes of JSON)"


class JsonRows(PackedJson, Mapping[str, Any]):
    """A mapping of answer rows held as compressed JSON text."""

    __slots__ = ()

    @classmethod
    def of(cls, value: Mapping[str, Any]) -> JsonRows:
        """The rows of ``value`` (plain JSON values) as text."""
        return cls(pydantic_core.to_json(value))

    def value(self) -> dict[str, Any]:
        """The rows as Python values, decoded afresh."""
        found = self.decoded()
        if not isinstance(found, dict):
            raise TypeError("JsonRows holds a JSON object")
        return found

    def __getitem__(self, key: str) -> Any:
        return self.value()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.value())

    def __len__(self) -> int:
        return len(self.value())

    def keys(self) -> KeysView[str]:
        return self.value().keys()

    def items(self) -> ItemsView[str, Any]:
        return self.value().items()

    def values(self) -> ValuesView[Any]:
        return self.value().values()


class JsonList(PackedJson, Sequence[Any]):
    """A list of answer items held as compressed JSON text."""

    __slots__ = ()

    @classmethod
    def of(cls, value: Sequence[Any]) -> JsonList:
        """The items of ``value`` (plain JSON values) as text."""
        return cls(pydantic_core.to_json(list(value)))

    def value(self) -> list[Any]:
        """The items as Python values, decoded afresh."""
        found = self.decoded()
        if not isinstance(found, list):
            raise TypeError("JsonList holds a JSON array")
        return found

    @overload
    def __getitem__(self, index: int) -> Any: ...

    @overload
    def __getitem__(self, index: slice) -> list[Any]: ...

    def __getitem__(self, index: int | slice) -> Any:
        return self.value()[index]

    def __iter__(self) -> Iterator[Any]:
        return iter(self.value())

    def __len__(self) -> int:
        return len(self.value())
