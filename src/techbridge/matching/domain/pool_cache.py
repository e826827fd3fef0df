"""Prepared candidate pools, cached per process: tokenising hundreds of candidates costs far
more than ranking them. The key names a candidate set exactly (ids, text hashes, metadata),
so a changed candidate simply misses the cache."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from threading import Lock

from techbridge_core.matching import CandidatePool

POOL_CACHE_SIZE = 16
_pools: OrderedDict[tuple[object, ...], CandidatePool] = OrderedDict()
_pools_lock = Lock()


def cached_pool(key: tuple[object, ...], build: Callable[[], CandidatePool]) -> CandidatePool:
    with _pools_lock:
        if (cached := _pools.get(key)) is not None:
            _pools.move_to_end(key)
            return cached
    pool = build()
    with _pools_lock:
        _pools[key] = pool
        while len(_pools) > POOL_CACHE_SIZE:
            _pools.popitem(last=False)
    return pool
