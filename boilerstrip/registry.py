"""Filter names -> filter classes: the built-ins and the ``boilerstrip.filters`` entry points.

Third-party packages register filters without touching boilerstrip::

    [project.entry-points."boilerstrip.filters"]
    my_filter = "my_package.filters:MyFilter"

An unknown name fails with the list of names that do exist.
"""

from __future__ import annotations

import re
from importlib.metadata import entry_points
from typing import TypeVar

from .errors import BoilerstripError, UnknownFilterError
from .filter import Filter

__all__ = ["register_filter", "get_filter", "registered_filters", "filter_origin", "ENTRY_POINT_GROUP"]

ENTRY_POINT_GROUP = "boilerstrip.filters"
#: Names no filter may take: "page" marks segments the pipeline itself strips (a BOM, binary data).
RESERVED = frozenset({"page"})
_NAME = re.compile(r"[a-z][a-z0-9_]*\Z")
_registry: dict[str, type[Filter]] = {}
_origins: dict[str, str] = {}
_entry_points_loaded = False

F = TypeVar("F", bound=type[Filter])


def register_filter(cls: F) -> F:
    """Class decorator: make *cls* available under ``cls.name``."""
    if not (isinstance(cls, type) and issubclass(cls, Filter)):
        raise TypeError(f"register_filter expects a Filter subclass, got {cls!r}")
    name = cls.name
    if not isinstance(name, str) or not _NAME.match(name):
        raise BoilerstripError(f"filter class {cls.__qualname__} needs a snake_case `name`, got {name!r}")
    if name in RESERVED:
        raise BoilerstripError(f"filter name {name!r} is reserved for boilerstrip's own page-level segments")
    existing = _registry.get(name)
    if existing is not None and existing is not cls and existing.__qualname__ != cls.__qualname__:
        raise BoilerstripError(
            f"filter name {name!r} is taken by {existing.__module__}.{existing.__qualname__}")
    _registry[name] = cls
    _origins[name] = cls.__module__.split(".")[0]
    return cls


def _load_builtins() -> None:
    from . import filters  # noqa: F401  (registers the built-ins on import)


def _load_entry_points() -> None:
    global _entry_points_loaded
    if _entry_points_loaded:
        return
    _entry_points_loaded = True
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            cls = ep.load()
        except Exception as exc:  # a broken plugin must not break every other user
            raise BoilerstripError(
                f"entry point {ep.name!r} in group {ENTRY_POINT_GROUP!r} ({ep.value}) failed to load: {exc}"
            ) from exc
        if not (isinstance(cls, type) and issubclass(cls, Filter)):
            raise BoilerstripError(f"entry point {ep.name!r} ({ep.value}) is not a boilerstrip.Filter subclass")
        if not cls.name:
            cls.name = ep.name
        register_filter(cls)
        dist = getattr(ep, "dist", None)
        if dist is not None:
            _origins[cls.name] = dist.name


def registered_filters() -> dict[str, type[Filter]]:
    """Every known filter by name: built-ins first, then entry points."""
    _load_builtins()
    _load_entry_points()
    return dict(_registry)


def filter_origin(name: str) -> str:
    """The package a registered filter comes from."""
    registered_filters()
    return _origins.get(name, "?")


def get_filter(name: str) -> type[Filter]:
    """The filter class registered as *name*; :class:`UnknownFilterError` lists the known ones."""
    _load_builtins()
    if name not in _registry:
        _load_entry_points()
    try:
        return _registry[name]
    except KeyError:
        raise UnknownFilterError(name, sorted(_registry)) from None
