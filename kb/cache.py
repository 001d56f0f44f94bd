"""Values computed from the catalog, cached under the catalog version: never stale, whatever the backend.

Every change a reader could see bumps the version (kb.search.signals: a publish, unpublish, move or delete of an
entry, a privacy change, a save of a shared record, a synonym or glossary row; kb.search.indexing: the index
update that follows in the task worker). A bump makes every value cached before it unreachable at once; the
backend's timeout and culling drop them later.

Every process of the site (web workers, the task worker, the scheduler) must share the cache backend, so that a
version bumped in one is seen by all (settings CACHES; deploy/README.md). A lost version key only costs misses.
"""

import hashlib
import uuid
from collections import Counter
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction

T = TypeVar("T")
VERSION_KEY = "kb:catalog-version"
_MISSING = object()
# Hits and misses of this process per kind of value (the benchmark reads them when its workers exit).
hits: Counter = Counter()
misses: Counter = Counter()


def catalog_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)  # another process may have set one meanwhile
        version = cache.get(VERSION_KEY) or "unset"
    return version


def bump_catalog_version(sender=None, **kwargs) -> None:
    """Now, and again once the transaction commits: whatever was cached while it ran saw the old catalog.

    Usable as a signal receiver."""
    _bump()
    if not (connection.in_atomic_block and any(func is _bump for _, func, _ in connection.run_on_commit)):  # once is enough
        transaction.on_commit(_bump, robust=True)


def _bump() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)  # unique without a counter shared by the processes


def cached(kind: str, key, compute: Callable[[], T], keep: Callable[[T], bool] = lambda value: True) -> T:
    """compute(), or its value cached under (catalog version, kind, key); a value `keep` refuses is not stored.

    `key` must hold everything the value depends on besides the catalog (the query, the language, the engine)."""
    seconds = settings.CATALOG_CACHE_SECONDS
    if seconds <= 0:
        return compute()
    digest = hashlib.sha256(repr(key).encode()).hexdigest()[:32]
    full_key = f"kb:{kind}:{catalog_version()}:{digest}"
    value = cache.get(full_key, _MISSING)
    if value is not _MISSING:
        hits[kind] += 1
        return value
    misses[kind] += 1
    value = compute()
    if keep(value):
        cache.set(full_key, value, timeout=seconds)
    return value


def statistics() -> dict[str, dict[str, int]]:
    """{kind: {"hits": n, "misses": n}} in this process since it started."""
    return {kind: {"hits": hits[kind], "misses": misses[kind]} for kind in sorted(set(hits) | set(misses))}
