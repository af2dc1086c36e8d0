"""Errors boilerstrip raises. Each names the component at fault so a user knows where to look."""

from __future__ import annotations

__all__ = ["BoilerstripError", "FilterError", "UnknownFilterError", "InputError", "ConfigError"]


class BoilerstripError(Exception):
    """Base class of every error boilerstrip raises on purpose."""


class FilterError(BoilerstripError):
    """A filter broke the filter contract (bad span, bad reason, exception inside the filter)."""

    def __init__(self, filter_name: str, message: str) -> None:
        self.filter_name = filter_name
        super().__init__(f"filter {filter_name!r}: {message}")


class UnknownFilterError(BoilerstripError, KeyError):
    """A pipeline asked for a filter name nobody registered."""

    def __init__(self, name: str, known: list[str]) -> None:
        self.name = name
        self.known = known
        super().__init__(name)

    def __str__(self) -> str:
        return f"unknown filter {self.name!r}; registered filters: {', '.join(self.known) or '(none)'}"


class InputError(BoilerstripError, ValueError):
    """The page cannot be read as asked (for example kind='text' on binary data)."""


class ConfigError(BoilerstripError, ValueError):
    """A configuration that cannot be used, with the file and the key at fault.

    ``str()`` reads ``FILE: KEY: PROBLEM`` (``FILE`` left out for configuration given as a
    Python mapping), so a user can go straight to the line to fix. Parts of boilerstrip that
    check one piece of configuration (site rules, extra cue phrases) raise it with the key
    relative to that piece; :meth:`within` adds the file and the enclosing key.
    """

    def __init__(self, problem: str, key: str | None = None, path: str | None = None) -> None:
        self.problem = problem
        self.key = key
        self.path = path
        super().__init__(": ".join(part for part in (path, key, problem) if part))

    def within(self, prefix: str | None = None, path: str | None = None) -> "ConfigError":
        """The same problem, its key under *prefix* and its file *path* (when not already set)."""
        key = ".".join(part for part in (prefix, self.key) if part) or None
        return ConfigError(self.problem, key, self.path or path)
