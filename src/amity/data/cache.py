"""In-process caches of DataFrames that follow the store and cannot be corrupted by their callers.

:func:`frame_cache` is ``functools.lru_cache`` with two differences: the key includes the store's path, so
pointing ``AMITY_HOME`` at another store reloads instead of serving the old store's rows; and every call
gets its own copy of the cached frames (shallow under pandas copy-on-write, so free), so a caller that
adds a column or edits a value cannot change what the next caller gets.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import cache, lru_cache, wraps
from typing import TypeVar

T = TypeVar("T")


@cache
def _copy_on_write() -> bool:
    """pandas 3 always copies on write; earlier versions only with the option set (else copy deeply)."""
    import pandas as pd

    return int(pd.__version__.split(".")[0]) >= 3 or bool(pd.get_option("mode.copy_on_write"))


def protected(value: T) -> T:
    """A copy of ``value`` (a frame, series, or tuple of them) that its receiver may modify freely."""
    pd = sys.modules.get("pandas")  # no frame can exist before pandas is imported: do not import it here
    if pd is not None and isinstance(value, (pd.DataFrame, pd.Series)):
        return value.copy(deep=not _copy_on_write())
    if isinstance(value, tuple):
        return tuple(protected(v) for v in value)
    return value


def _store_path() -> str:
    from amity.data.fetch import amity_home

    return str(amity_home())


def frame_cache(maxsize: int | None = 8, per_store: bool = True) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Decorator: cache a function's frames (per store unless ``per_store=False``), hand out copies."""

    def decorate(fn: Callable[..., T]) -> Callable[..., T]:
        @lru_cache(maxsize=maxsize)
        def cached(store: str, *args, **kwargs):
            return fn(*args, **kwargs)

        @wraps(fn)
        def wrapper(*args, **kwargs):
            return protected(cached(_store_path() if per_store else "", *args, **kwargs))

        wrapper.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        return wrapper

    return decorate


def stored_frame(kind: str, sources: tuple[str, ...]) -> Callable[[Callable[[], T]], Callable[[], T]]:
    """Decorator: keep a derived frame that is slow to compute in the store's keyed cache, across processes.

    The key is a sha256 of the pinned files of ``sources`` (registry names) and of the code of the module
    that defines the function, so new data or new code computes it afresh (the entry it replaces is
    dropped). Combine with :func:`frame_cache` for the in-process copy.
    """

    def decorate(fn: Callable[[], T]) -> Callable[[], T]:
        @wraps(fn)
        def wrapper() -> T:
            from amity.data.store import get_store

            key = _stored_key(fn, sources)
            store = get_store()
            hit = store.cache_get(kind, key)
            if hit is not None:
                return hit.value
            value = fn()
            store.cache_put(kind, key, value, tag=kind)
            return value

        return wrapper

    return decorate


def _stored_key(fn: Callable, sources: tuple[str, ...]) -> str:
    import hashlib
    import json
    from pathlib import Path

    from amity.data.registry import get_source

    pinned = {name: {f.path: f.sha256 for f in get_source(name).files} for name in sources}
    code = hashlib.sha256(Path(sys.modules[fn.__module__].__file__).read_bytes()).hexdigest()
    # "kept": how the store keeps frames (2 = Arrow IPC, whose dtypes round-trip; entries of 1, Parquet, are stale)
    blob = json.dumps({"function": fn.__qualname__, "pinned": pinned, "code": code, "kept": 2}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()
