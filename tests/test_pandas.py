"""boilerstrip.pandas: a column of pages in, a DataFrame of results out, on the same index."""

from __future__ import annotations

import subprocess
import sys

import pytest

pd = pytest.importorskip("pandas")
np = pytest.importorskip("numpy")

import boilerstrip  # noqa: E402
from boilerstrip import BoilerstripError, Filter  # noqa: E402
from boilerstrip.pandas import RESULT_COLUMNS, strip_column, strip_series  # noqa: E402

TEXT_PAGE = ("Harbour wall to be rebuilt\n\n"
             "The town council voted on Monday to rebuild the old harbour wall, which has cracked "
             "in forty places since the winter storms.\n\nLeave a Reply\n\n"
             "Your email address will not be published. Required fields are marked *\n")
HTML_PAGE = ("<!DOCTYPE html><html><head><title>Library reopens | Elm News</title>"
             "<link rel='canonical' href='/2024/library'></head><body>"
             "<nav><ul><li><a href='/'>Home</a></li><li><a href='/local'>Local</a></li>"
             "<li><a href='/sport'>Sport</a></li></ul></nav><article><h1>Library reopens</h1>"
             "<p>The library on Elm Street reopened on Saturday after a renovation that added a "
             "reading room and new shelves for the local history collection.</p>"
             "<p>Staff said the building had been closed for nine months.</p></article>"
             "<footer><p>© 2024 Elm News</p></footer></body></html>")


@pytest.fixture
def frame():
    return pd.DataFrame({"page": [TEXT_PAGE, None, HTML_PAGE.encode("utf-8"), np.nan, pd.NA],
                         "url": [None, None, "https://elm.example/x", None, None]},
                        index=[10, 20, 30, 40, 50])


def test_strip_column_matches_strip_row_by_row(frame):
    out = strip_column(frame, "page", url_column="url")
    assert list(out.columns) == list(RESULT_COLUMNS)
    assert out.index.equals(frame.index)
    for label, url in ((10, None), (30, "https://elm.example/x")):
        want = boilerstrip.strip(frame.at[label, "page"], url=url)
        assert out.at[label, "text"] == want.text
        assert out.at[label, "title"] == want.meta["title"]
        assert out.at[label, "kind"] == want.kind
        assert out.at[label, "stripped"] == want.to_dict()["stripped"]
        assert out.at[label, "meta"] == want.meta
    assert out.at[30, "meta"]["url"] == "https://elm.example/2024/library"  # the URL was used
    assert [s["reason"] for s in out.at[10, "stripped"]] == ["comment_form"]
    assert all(s["dom_path"] for s in out.at[30, "stripped"])


def test_missing_rows_give_empty_results(frame):
    out = strip_column(frame, "page")
    for label in (20, 40, 50):
        assert out.at[label, "text"] == ""
        assert out.at[label, "stripped"] == []
        assert out.at[label, "meta"] == {}
        assert pd.isna(out.at[label, "title"]) and pd.isna(out.at[label, "kind"])


def test_series_accessor_is_the_same(frame):
    import boilerstrip.pandas  # noqa: F401  (registers the accessor)

    via_accessor = frame["page"].boilerstrip.strip(url=frame["url"])
    assert via_accessor.equals(strip_column(frame, "page", url_column="url"))


def test_result_joins_back_and_keeps_repeated_labels():
    df = pd.DataFrame({"page": [TEXT_PAGE, "Short page.\n"]}, index=["a", "a"])
    out = strip_series(df["page"], keep_source=True)
    assert list(out.index) == ["a", "a"]
    assert out["source"].tolist() == [TEXT_PAGE, "Short page.\n"]
    joined = df.reset_index(drop=True).join(out.reset_index(drop=True))
    assert joined.loc[1, "text"] == "Short page."


def test_pipeline_and_kind_are_passed(frame):
    out = strip_column(frame, "page", pipeline=boilerstrip.Pipeline([]))
    assert out.at[10, "stripped"] == []
    assert "Leave a Reply" in out.at[10, "text"]
    html_as_text = strip_series(pd.Series([HTML_PAGE]), kind="text")
    assert html_as_text.at[0, "kind"] == "text" and "<nav>" in html_as_text.at[0, "text"]


def test_empty_series():
    out = strip_series(pd.Series([], dtype=object))
    assert out.empty and list(out.columns) == list(RESULT_COLUMNS)


def test_bad_values_name_their_row():
    s = pd.Series(["Fine page text that stays.\n", 42], index=["ok", "bad"], name="body")
    with pytest.raises(TypeError, match=r"row 'bad' of column 'body'.*not int"):
        strip_series(s)
    out = strip_series(s, errors="coerce")
    assert out.at["ok", "text"] == "Fine page text that stays." and pd.isna(out.at["ok", "error"])
    assert "not int" in out.at["bad", "error"] and out.at["bad", "text"] == ""


def test_a_failing_filter_names_the_row():
    class Broken(Filter):
        name = "broken_demo"

        def find(self, page):
            raise RuntimeError("boom")

    s = pd.Series(["Some page text.\n"], index=["p1"])
    with pytest.raises(BoilerstripError, match="row 'p1'.*broken_demo.*boom"):
        strip_series(s, pipeline=boilerstrip.Pipeline([Broken()]))
    out = strip_series(s, pipeline=boilerstrip.Pipeline([Broken()]), errors="coerce")
    assert "boom" in out.at["p1", "error"]


def test_bad_arguments(frame):
    with pytest.raises(KeyError, match="'html'.*'page', 'url'"):
        strip_column(frame, "html")
    with pytest.raises(KeyError, match="'link'"):
        strip_column(frame, "page", url_column="link")
    with pytest.raises(ValueError, match="name the DataFrame column"):
        strip_column(frame)
    with pytest.raises(ValueError, match="Series is the column itself"):
        strip_column(frame["page"], "page")
    with pytest.raises(TypeError, match="DataFrame or Series"):
        strip_column(["a list"], "page")
    with pytest.raises(ValueError, match="kind"):
        strip_column(frame, "page", kind="pdf")
    with pytest.raises(ValueError, match="errors"):
        strip_column(frame, "page", errors="ignore")
    with pytest.raises(ValueError, match="no row for the page"):
        strip_series(frame["page"], urls=pd.Series(["https://x.example/"], index=[10]))
    with pytest.raises(TypeError, match="row 10: a URL is a string"):
        strip_series(frame["page"], urls=pd.Series([1, None, None, None, None], index=frame.index))


def test_urls_are_matched_by_label_not_position():
    pages = pd.Series([HTML_PAGE, HTML_PAGE], index=["x", "y"])
    urls = pd.Series(["https://b.example/", "https://a.example/"], index=["y", "x"])
    out = strip_series(pages, urls=urls)
    assert out.at["x", "meta"]["url"] == "https://a.example/2024/library"
    assert out.at["y", "meta"]["url"] == "https://b.example/2024/library"


def test_importing_boilerstrip_does_not_import_pandas():
    code = "import sys, boilerstrip; boilerstrip.strip('x'); assert 'pandas' not in sys.modules"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0


def test_without_pandas_the_error_says_how_to_install_it():
    code = ("import sys; sys.modules['pandas'] = None\n"
            "try:\n    import boilerstrip.pandas\nexcept ImportError as exc:\n    print(exc)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert 'pip install "boilerstrip[pandas]"' in proc.stdout
