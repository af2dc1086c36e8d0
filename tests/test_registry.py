"""Filters are found by name: built-ins, and third-party ones through entry points."""

import importlib
import sys
import textwrap

import pytest

import boilerstrip
from boilerstrip import registry


def test_builtins_are_registered_with_descriptions():
    filters = boilerstrip.registered_filters()
    for name in boilerstrip.DEFAULT_FILTERS:
        assert name in filters
        assert filters[name].description
    assert boilerstrip.Pipeline().names == list(boilerstrip.DEFAULT_FILTERS)


def test_entry_point_filter_is_loaded(tmp_path, monkeypatch):
    pkg = tmp_path / "bs_plugin_demo.py"
    pkg.write_text(textwrap.dedent('''
        from boilerstrip import Filter

        class ByeFilter(Filter):
            name = "bye_demo"
            description = "Strips 'bye' lines."

            def find(self, page):
                for line in page.kept_lines():
                    if line.key == "bye":
                        yield self.strip(page, line, "farewell")
    '''))
    dist = tmp_path / "bs_plugin_demo-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: bs-plugin-demo\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[boilerstrip.filters]\nbye_demo = bs_plugin_demo:ByeFilter\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    monkeypatch.setattr(registry, "_entry_points_loaded", False)
    try:
        result = boilerstrip.Pipeline(["bye_demo"])("Some article text that stays here.\n\nbye\n")
        assert result.text == "Some article text that stays here."
        assert [(s.filter, s.reason) for s in result.stripped] == [("bye_demo", "farewell")]
        assert registry.filter_origin("bye_demo") == "bs-plugin-demo"
    finally:
        registry._registry.pop("bye_demo", None)
        sys.modules.pop("bs_plugin_demo", None)


def test_unknown_filter_lists_the_known_ones():
    with pytest.raises(boilerstrip.UnknownFilterError) as info:
        boilerstrip.Pipeline(["comment"])
    assert "comments" in str(info.value) and "'comment'" in str(info.value)


def test_unknown_option_names_the_filter():
    with pytest.raises(TypeError, match="navigation"):
        boilerstrip.get_filter("navigation").from_options(min_run=3)


def test_reserved_name_page_is_refused():
    from boilerstrip import BoilerstripError, Filter, register_filter

    class PageFilter(Filter):
        name = "page"

    with pytest.raises(BoilerstripError, match="reserved"):
        register_filter(PageFilter)
