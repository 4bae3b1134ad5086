"""Cleaned text that remembers, for every character, where it came from in the raw text.

Every span Wirewatch reports (evidence, actor, place, date, figure) is found in the
cleaned text and reported in raw-text offsets through this map, so users can always
check a field against the words exactly as published.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable


class OffsetMap:
    """clean index -> raw index, monotonic; one extra entry for the end of the text."""

    __slots__ = ("_raw", "raw_length")

    def __init__(self, raw_positions: array, raw_length: int) -> None:
        self._raw = raw_positions
        self.raw_length = raw_length

    def __len__(self) -> int:
        return len(self._raw) - 1

    def raw_index(self, clean_index: int) -> int:
        return self._raw[clean_index]

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw span covering the cleaned span [start, end)."""
        if end <= start:
            pos = self._raw[start]
            return pos, pos
        return self._raw[start], self._raw[end - 1] + 1

    def to_clean(self, raw_start: int, raw_end: int) -> tuple[int, int] | None:
        """Cleaned span of the raw span, or None if none of it survived cleaning."""
        n = len(self)
        start = bisect_left(self._raw, raw_start, 0, n)
        end = bisect_right(self._raw, raw_end - 1, 0, n)
        if start >= end:
            return None
        return start, end

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls(array("l", range(length + 1)), length)


class TextBuilder:
    """Builds cleaned text piece by piece, recording each character's raw position."""

    def __init__(self, raw: str, translate: Callable[[str], str] | None = None) -> None:
        self.raw = raw
        self._parts: list[str] = []
        self._pos = array("l")
        self._translate = translate
        self._len = 0

    def copy(self, start: int, end: int) -> None:
        """Copy raw[start:end], translating characters one for one."""
        if end <= start:
            return
        piece = self.raw[start:end]
        if self._translate is not None:
            piece = self._translate(piece)
        assert len(piece) == end - start, "translation must be one character for one"
        self._parts.append(piece)
        self._pos.extend(range(start, end))
        self._len += end - start

    def insert(self, text: str, raw_at: int) -> None:
        """Add characters that are not in the raw text (a space, a paragraph break).

        They map to `raw_at`, the raw position of what follows them, which keeps the
        map monotonic.
        """
        self._parts.append(text)
        self._pos.extend([raw_at] * len(text))
        self._len += len(text)

    def last_char(self) -> str:
        for part in reversed(self._parts):
            if part:
                return part[-1]
        return ""

    def __len__(self) -> int:
        return self._len

    def build(self, raw_end: int | None = None) -> tuple[str, OffsetMap]:
        end = len(self.raw) if raw_end is None else raw_end
        positions = array("l", self._pos)
        positions.append(self._pos[-1] + 1 if len(self._pos) else end)
        return "".join(self._parts), OffsetMap(positions, len(self.raw))
