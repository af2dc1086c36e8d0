"""Configuration: ``boilerstrip.toml``, or ``[tool.boilerstrip]`` in ``pyproject.toml``.

A project tunes boilerstrip once, in a file next to its code, rather than in every call:
which filters run and in what order, their options, extra cue phrases, and rules for the sites
it crawls. The command line finds the file from the working directory upwards (the first
folder with a ``boilerstrip.toml``, or a ``pyproject.toml`` that has a ``[tool.boilerstrip]``
table, wins; ``boilerstrip.toml`` first within a folder) or takes ``--config PATH``. Python
code asks for it explicitly, so a library call never depends on the folder it runs in::

    config = boilerstrip.load_config()          # found from the working directory, or defaults
    result = boilerstrip.strip(html, url=url, pipeline=config.pipeline())

Everything is checked when the file is read, before any page is stripped: an unknown key,
a value of the wrong type, an unknown filter, a bad option or an invalid pattern raises
:class:`~boilerstrip.errors.ConfigError` naming the file and the key, e.g.
``boilerstrip.toml: filters.navigation.min_run_outsid: unknown option; navigation's options
are: min_run_outside, min_run_inside``. The layout is in ``docs/configuration.md``.
"""

from __future__ import annotations

import inspect
import os
import sys
from pathlib import Path
from typing import Any, Mapping, Sequence

from .cues import check_extra_cues
from .errors import BoilerstripError, ConfigError
from .filter import Filter
from .pipeline import DEFAULT_FILTERS, SITE_RULES, Pipeline, default_pipeline
from .registry import registered_filters
from .sites import SiteRules

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

__all__ = ["Config", "load_config", "find_config", "CONFIG_NAME"]

CONFIG_NAME = "boilerstrip.toml"
PYPROJECT_NAME = "pyproject.toml"
TOP_KEYS = ("pipeline", "filters", "cues", "sites")
PIPELINE_KEYS = ("filters", "disable")


class Config:
    """A checked configuration, and the pipeline it describes.

    ``filters`` is the order the filters run in (after ``disable``), ``options`` each
    filter's options, ``extra_cues`` the added cue phrases (``{table: {key: (phrase, ...)}}``),
    ``site_rules`` the per-site rules (or None), ``path`` the file it came from (None for
    defaults or a mapping). ``Config()`` is the built-in behaviour.
    """

    def __init__(self, *, filters: Sequence[str] = DEFAULT_FILTERS,
                 options: Mapping[str, Mapping[str, Any]] | None = None,
                 extra_cues: Mapping[str, Mapping[str, Sequence[str]]] | None = None,
                 site_rules: SiteRules | None = None, path: str | None = None) -> None:
        self.filters: tuple[str, ...] = tuple(filters)
        self.options: dict[str, dict[str, Any]] = {k: dict(v) for k, v in (options or {}).items()}
        self.extra_cues: dict[str, dict[str, tuple[str, ...]]] = {
            table: {key: tuple(phrases) for key, phrases in keys.items()}
            for table, keys in (extra_cues or {}).items()}
        self.site_rules = site_rules if site_rules else None
        self.path = path
        self._pipeline: Pipeline | None = None

    # ----------------------------------------------------------------- reading
    @classmethod
    def from_mapping(cls, data: Any, *, path: str | os.PathLike[str] | None = None,
                     prefix: str | None = None) -> "Config":
        """Check *data* (the parsed TOML) and build the Config.

        *path* and *prefix* (``tool.boilerstrip`` for a pyproject.toml) only go into error
        messages, so they point at the file and the key as the user wrote them.
        """
        where = str(path) if path is not None else None
        try:
            config = cls._parse(data)
            config.path = where
            config._pipeline = config._build()  # build now: a bad option fails here, not per page
        except ConfigError as exc:
            raise exc.within(prefix, where) from None
        return config

    @classmethod
    def _parse(cls, data: Any) -> "Config":
        if not isinstance(data, Mapping):
            raise ConfigError(f"expected a table, got {type(data).__name__}")
        for key in data:
            if key not in TOP_KEYS:
                raise ConfigError(f"unknown key; the keys are: {', '.join(TOP_KEYS)}", key)
        known = registered_filters()
        filters = _run_list(data.get("pipeline", {}), known)
        options = _options(data.get("filters", {}), filters, known)
        try:
            cues = check_extra_cues(data.get("cues", {}))
        except ConfigError as exc:
            raise exc.within("cues") from None
        try:
            sites = SiteRules.from_mapping(data.get("sites", {}))
        except ConfigError as exc:
            raise exc.within("sites") from None
        layout: dict[str, dict[str, tuple[str, ...]]] = {}
        for (table, key), phrases in cues.items():
            layout.setdefault(table, {})[key] = phrases
        return cls(filters=filters, options=options, extra_cues=layout, site_rules=sites)

    # ----------------------------------------------------------------- using
    @property
    def is_default(self) -> bool:
        """True when this configuration changes nothing from the built-in pipeline."""
        return (self.filters == DEFAULT_FILTERS and not self.options and not self.extra_cues
                and self.site_rules is None)

    def pipeline(self) -> Pipeline:
        """The pipeline this configuration describes (built once; the shared default when
        nothing differs from it)."""
        if self._pipeline is None:
            self._pipeline = self._build()
        return self._pipeline

    def _build(self) -> Pipeline:
        if self.is_default:
            return default_pipeline()
        known = registered_filters()
        specs: list[Any] = []
        for name in self.filters:
            opts = self.options.get(name)
            specs.append(_make_filter(known[name], name, opts) if opts else name)
        return Pipeline(specs, site_rules=self.site_rules, extra_cues=self.extra_cues or None)

    def __getstate__(self) -> dict[str, Any]:
        # Workers of a folder run get the configuration and build their own pipeline.
        state = dict(self.__dict__)
        state["_pipeline"] = None
        return state

    def __repr__(self) -> str:
        return (f"Config(path={self.path!r}, filters={list(self.filters)!r}, options={self.options!r}, "
                f"extra_cues={sorted(self.extra_cues)!r}, site_rules={self.site_rules!r})")


# --------------------------------------------------------------------------- finding, loading
def find_config(start: str | os.PathLike[str] | None = None) -> Path | None:
    """The configuration file that applies in *start* (default: the working directory).

    Folders are tried from *start* up to the filesystem root; in each, ``boilerstrip.toml``,
    then a ``pyproject.toml`` with a ``[tool.boilerstrip]`` table. None when there is none.
    """
    here = Path(start if start is not None else Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
        candidate = folder / PYPROJECT_NAME
        if candidate.is_file() and _has_tool_table(candidate):
            return candidate
    return None


def load_config(path: str | os.PathLike[str] | None = None, *,
                start: str | os.PathLike[str] | None = None) -> Config:
    """The configuration in *path*, or the one :func:`find_config` finds from *start*.

    A ``pyproject.toml`` is read for its ``[tool.boilerstrip]`` table; any other file is a
    ``boilerstrip.toml``. With no *path* and no file found, the defaults (``Config()``).
    Raises :class:`ConfigError` naming the file (and key) for anything wrong in it.
    """
    if path is None:
        found = find_config(start)
        if found is None:
            return Config()
        path = found
    file = Path(path)
    data = _read_toml(file)
    if file.name == PYPROJECT_NAME:
        tool = data.get("tool")
        section = tool.get("boilerstrip") if isinstance(tool, Mapping) else None
        if section is None:
            raise ConfigError("no [tool.boilerstrip] table in this file", "tool.boilerstrip", str(path))
        return Config.from_mapping(section, path=path, prefix="tool.boilerstrip")
    return Config.from_mapping(data, path=path)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError("no such file", path=str(path)) from None
    except IsADirectoryError:
        raise ConfigError("is a folder, not a configuration file", path=str(path)) from None
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror or exc}", path=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", path=str(path)) from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not UTF-8 text: {exc.reason} at byte {exc.start}", path=str(path)) from None


def _has_tool_table(path: Path) -> bool:
    """Whether a pyproject.toml configures boilerstrip (files that do not mention it are not parsed)."""
    try:
        raw = path.read_bytes()
    except OSError:
        return False
    if b"boilerstrip" not in raw:
        return False
    data = _read_toml(path)  # mentions boilerstrip: a syntax error there is the user's to see
    tool = data.get("tool")
    return isinstance(tool, Mapping) and "boilerstrip" in tool


# --------------------------------------------------------------------------- checking
def _names(value: Any, key: str, known: Mapping[str, type[Filter]]) -> list[str]:
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise ConfigError(f"expected a list of filter names, got {type(value).__name__}", key)
    names: list[str] = []
    for i, name in enumerate(value):
        if not isinstance(name, str):
            raise ConfigError(f"expected a filter name, got {name!r}", f"{key}[{i}]")
        if name not in known:
            raise ConfigError(f"unknown filter {name!r}; registered filters: {', '.join(sorted(known))}",
                              f"{key}[{i}]")
        if name in names:
            raise ConfigError(f"{name!r} is listed twice", f"{key}[{i}]")
        names.append(name)
    return names


def _run_list(table: Any, known: Mapping[str, type[Filter]]) -> tuple[str, ...]:
    """``[pipeline] filters`` minus ``disable``: the filters that run, in order."""
    if not isinstance(table, Mapping):
        raise ConfigError(f"expected a table with {', '.join(PIPELINE_KEYS)}, got {type(table).__name__}",
                          "pipeline")
    for key in table:
        if key not in PIPELINE_KEYS:
            raise ConfigError(f"unknown key; [pipeline] takes: {', '.join(PIPELINE_KEYS)}", f"pipeline.{key}")
    filters = (_names(table["filters"], "pipeline.filters", known) if "filters" in table
               else list(DEFAULT_FILTERS))
    disable = _names(table.get("disable", []), "pipeline.disable", known)
    for i, name in enumerate(disable):
        if name not in filters:
            raise ConfigError(f"{name!r} is not among the filters that run: {', '.join(filters) or '(none)'}",
                              f"pipeline.disable[{i}]")
    return tuple(name for name in filters if name not in disable)


def _options(table: Any, filters: Sequence[str], known: Mapping[str, type[Filter]]) -> dict[str, dict[str, Any]]:
    """``[filters.NAME]`` tables, each option checked against the filter's own parameters."""
    if not isinstance(table, Mapping):
        hint = "; the filters to run go in [pipeline] filters = [...]" if isinstance(table, list) else ""
        raise ConfigError(f"expected a table of filter options ([filters.NAME]), got "
                          f"{type(table).__name__}{hint}", "filters")
    options: dict[str, dict[str, Any]] = {}
    for name, body in table.items():
        where = f"filters.{name}"
        if name == SITE_RULES:
            raise ConfigError("site rules are configured in [sites.\"DOMAIN\"] tables, not as options", where)
        if name not in known:
            raise ConfigError(f"unknown filter; registered filters: {', '.join(sorted(known))}", where)
        if name not in filters:
            raise ConfigError(f"{name} does not run (see [pipeline] filters and disable): its options "
                              "would do nothing", where)
        if not isinstance(body, Mapping):
            raise ConfigError(f"expected a table of options, got {type(body).__name__}", where)
        params = _parameters(known[name])
        checked: dict[str, Any] = {}
        for option, value in body.items():
            if option not in params:
                raise ConfigError(f"unknown option; {name}'s options are: {', '.join(params) or '(none)'}",
                                  f"{where}.{option}")
            checked[option] = _typed(value, params[option].default, f"{where}.{option}")
        if checked:
            options[name] = checked
    return options


def _parameters(cls: type[Filter]) -> dict[str, inspect.Parameter]:
    """A filter's options: the keyword parameters of its ``__init__``."""
    if cls.__init__ is Filter.__init__:
        return {}
    params = inspect.signature(cls.__init__).parameters
    return {k: p for k, p in params.items()
            if k != "self" and p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL)}


def _typed(value: Any, default: Any, where: str) -> Any:
    """*value* checked against the type of the option's default (TOML has no other schema)."""
    if isinstance(default, bool):
        ok, wanted = isinstance(value, bool), "true or false"
    elif isinstance(default, int):
        ok, wanted = isinstance(value, int) and not isinstance(value, bool), "an integer"
    elif isinstance(default, float):
        ok, wanted = isinstance(value, (int, float)) and not isinstance(value, bool), "a number"
        if ok:
            value = float(value)
    elif isinstance(default, str):
        ok, wanted = isinstance(value, str), "a string"
    else:
        return value
    if not ok:
        raise ConfigError(f"expected {wanted}, got {value!r}", where)
    return value


def _make_filter(cls: type[Filter], name: str, options: Mapping[str, Any]) -> Filter:
    """The filter built with *options*; a value it refuses is reported at the option's key."""
    try:
        return cls.from_options(**options)
    except (TypeError, ValueError, BoilerstripError, OSError) as exc:
        named = [k for k in options if k in str(exc)]
        key = f"filters.{name}" + (f".{named[0]}" if len(named) == 1 else "")
        raise ConfigError(str(exc), key) from None
