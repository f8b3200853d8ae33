"""What exports keep in memory, bounded: finished files in caches bounded in bytes as well as in count, and the heap a
report or a large image freed handed back to the system (glibc keeps it otherwise, one arena per thread)."""

from __future__ import annotations

import ctypes
import ctypes.util
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import NamedTuple


class CacheInfo(NamedTuple):
    hits: int
    misses: int
    items: int
    bytes: int


class BytesCache:
    """A least-recently-used cache of bytes values, at most `max_items` entries and `max_bytes` in all (a value over
    a quarter of that is returned, not kept). Thread-safe; values are computed outside the lock, so a refusal raised
    by `compute` (a busy renderer) costs nothing and is not cached."""

    def __init__(self, max_items: int, max_bytes: int) -> None:
        self.max_items, self.max_bytes = max_items, max_bytes
        self._items: OrderedDict[Hashable, bytes] = OrderedDict()
        self._size = self._hits = self._misses = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], bytes]) -> bytes:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                self._hits += 1
                return self._items[key]
            self._misses += 1
        value = compute()
        if len(value) <= self.max_bytes // 4:
            with self._lock:
                if key not in self._items:
                    self._items[key] = value
                    self._size += len(value)
                while len(self._items) > self.max_items or self._size > self.max_bytes:
                    self._size -= len(self._items.popitem(last=False)[1])
        return value

    def info(self) -> CacheInfo:
        with self._lock:
            return CacheInfo(self._hits, self._misses, len(self._items), self._size)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._size = self._hits = self._misses = 0


def _malloc_trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to hand back this way
        return None


_TRIM = _malloc_trim()


def hand_back_heap() -> None:
    """Return the free heap of every malloc arena to the system (glibc's malloc_trim; a few ms)."""
    if _TRIM is not None:
        _TRIM(0)
