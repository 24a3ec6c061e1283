"""A tuple kept packed: its pickle, zlib-compressed, unpacked each time it is read.

A cleaned seed's edits and raw lines, and a 原文对照 table's pieces, are read once or twice a build (the
tables, each table once per script, clean.py) but held from the cleaning to the end: as objects they were
most of the hook's memory (about 1 KB an edit with its note and the raw lines, about 600 edits a seed:
0.66 MB a seed, 0.7 GB at 1,000 seeds; measured on 50 bench seeds, 2026-12-06), packed a thirtieth of that.
"""

from __future__ import annotations

import gc
import pickle
import zlib
from collections.abc import Iterable, Iterator, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")

LEVEL = 1  # zlib's fastest: most of the saving is the objects' overhead, not the bytes


class Packed(Sequence[T], Generic[T]):
    """The items as one bytes object; reading any of them unpacks them all, so a reader that reads more than
    one takes `unpacked()` once (indexing in a loop would unpack in every turn)."""

    __slots__ = ("_data", "_length")

    def __init__(self, items: Iterable[T] = ()) -> None:
        items = tuple(items)
        self._length = len(items)
        self._data = zlib.compress(pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL), LEVEL)

    def unpacked(self) -> tuple[T, ...]:
        # The cycle collector paused while the objects are made: a seed's edits are thousands of small objects,
        # and the collections their making sets off walk the young objects again and again (60 bench seeds'
        # edits: 0.35-0.55 s to unpack with it, 0.10 s without). They hold no cycles. Only the build's thread
        # unpacks (serve's other threads serve files and run Pagefind): no lock around the switch.
        collecting = gc.isenabled()
        gc.disable()
        try:
            return pickle.loads(zlib.decompress(self._data))
        finally:
            if collecting:
                gc.enable()

    def __len__(self) -> int:
        return self._length

    def __iter__(self) -> Iterator[T]:
        return iter(self.unpacked())

    def __getitem__(self, index):  # an int or a slice, as a tuple's
        return self.unpacked()[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Packed):
            return self._data == other._data or self.unpacked() == other.unpacked()
        return isinstance(other, tuple) and self.unpacked() == other

    def __hash__(self) -> int:  # equal ones have equal lengths; a dataclass holding one is hashable
        return hash(self._length)

    def __repr__(self) -> str:
        return f"Packed({self.unpacked()!r})"

    def __reduce__(self):  # pickled as its bytes: a cache file or a worker's result stays packed
        return _from_data, (self._data, self._length)


def _from_data(data: bytes, length: int) -> Packed:
    packed = Packed.__new__(Packed)
    packed._data, packed._length = data, length
    return packed
