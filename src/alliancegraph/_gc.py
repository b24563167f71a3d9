"""Pausing Python's cyclic garbage collector around bulk work.

Building indexes, copying views or streaming millions of RDF terms allocates
many small, short-lived, acyclic objects. Each burst would set off collections
that walk the whole large, long-lived graph, which can cost more than the work
itself; pausing the collector for the duration avoids that.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused"]


@contextmanager
def paused() -> Iterator[None]:
    """Disable the cyclic collector inside the block (restored as it was).

    >>> with paused():
    ...     gc.isenabled()
    False
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
