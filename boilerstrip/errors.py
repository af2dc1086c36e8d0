"""Errors boilerstrip raises. Each names the component at fault so a user knows where to look."""

from __future__ import annotations

__all__ = ["BoilerstripError", "FilterError", "UnknownFilterError", "InputError"]


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
