import boilerstrip
from helpers import ARTICLE, page, reasons


def run_after(text: str, *before: str) -> boilerstrip.Result:
    return boilerstrip.Pipeline([*before, "region"])(text, kind="text")


def test_lines_above_the_title_go():
    text = page("The Harbour Gazette", "Your local news since 1887, independent and reader funded", *ARTICLE)
    result = run_after(text)
    assert result.text == "\n\n".join(ARTICLE)
    assert {r for _, r in reasons(result)} == {"before_title"}


def test_title_block_and_running_text_stay():
    text = page(ARTICLE[0], "By Jane Roe", "March 3, 2024", *ARTICLE[1:])
    assert run_after(text).stripped == []


def test_short_lines_after_the_articles_end_go_once_chrome_starts():
    text = page(*ARTICLE, "Source: Harbour Wire", "Leave a Reply", "Tags", "libraries, harbour town")
    result = run_after(text, "comments")
    assert result.text == "\n\n".join(ARTICLE + ["Source: Harbour Wire"])
    assert ("region", "after_article") in reasons(result)


def test_nothing_outside_when_the_page_has_no_running_text():
    text = page("Home", "Contact")
    assert run_after(text).stripped == []
