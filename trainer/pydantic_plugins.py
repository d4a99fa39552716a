"""pydantic's plugin search, skipped for good in the app's process.

Simultaan has no pydantic plugins, and the app starts with ``PYDANTIC_DISABLE_PLUGINS=__all__``.
pydantic then finds no plugins, but only after importing its plugin loader at its first
validator, and that module imports ``importlib.metadata`` at its top (with ``email``, ``csv``
and ``socket``): 3 MB and 17-22 ms for the import alone, before the exercise list is filled
(a drill's process 1-1.5 MB less without it, a call's about 2), for a search the variable has
turned off.

``skip_search()`` puts a stand-in for the loader in ``sys.modules`` before pydantic looks for
it. Its ``get_plugins()`` finds none while the variable says so, as pydantic's own does; any
other name asked of it, and ``get_plugins`` once the variable no longer disables them all,
comes from pydantic's own loader, imported then.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterable
from types import ModuleType

LOADER = "pydantic.plugin._loader"
ALL_DISABLED = ("__all__", "1", "true")  # the values pydantic reads as "no plugins at all"


def _disabled() -> bool:
    return os.environ.get("PYDANTIC_DISABLE_PLUGINS") in ALL_DISABLED


def _real() -> ModuleType:
    """pydantic's own loader, imported in the stand-in's place."""
    if isinstance(sys.modules.get(LOADER), _StandIn):
        del sys.modules[LOADER]
    return importlib.import_module(LOADER)


class _StandIn(ModuleType):
    def __getattr__(self, name: str) -> object:
        if name.startswith("__"):  # (a look at every module's ``__file__`` loads nothing)
            raise AttributeError(name)
        return getattr(_real(), name)


def _get_plugins() -> Iterable[object]:
    return () if _disabled() else _real().get_plugins()


def skip_search() -> bool:
    """Put the stand-in in place when plugins are disabled and pydantic has not loaded its
    loader yet; whether it was put there."""
    if not _disabled() or LOADER in sys.modules:
        return False
    stand_in = _StandIn(LOADER, "pydantic's plugin loader while plugins are disabled")
    stand_in.get_plugins = _get_plugins  # type: ignore[attr-defined]
    sys.modules[LOADER] = stand_in
    return True
