"""What the core keeps between runs without knowing where: the shell hands in the store's
cache (``store.cache.memo``); without one, as in a test of the rules, each value is built."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol


class Memo(Protocol):
    """The value kept as ``kind``, the ``packages``' versions and ``detail`` when it is
    ``valid``; else ``build()``'s, then kept."""

    def __call__(
        self,
        kind: str,
        detail: str,
        *,
        packages: Sequence[str],
        build: Callable[[], Any],
        valid: Callable[[Any], bool],
    ) -> Any: ...


def fresh(
    kind: str,
    detail: str,
    *,
    packages: Sequence[str],
    build: Callable[[], Any],
    valid: Callable[[Any], bool],
) -> Any:
    """No cache: the value built each time it is asked for."""
    return build()
