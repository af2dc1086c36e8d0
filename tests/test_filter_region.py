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


def test_everything_below_the_block_that_ends_the_article_goes():
    more = ["Librarians expect the reading room to be busiest in winter, when the fishing fleet is in port and evenings are long.",
            "The council will review opening hours in the autumn, after a survey of the people who use the library most."]
    comment = "Great article, thank you so much for writing it, I learned a lot about the harbour library today."
    text = page(*ARTICLE, *more, "Share this:", "Facebook", "Twitter", comment, "Ferry fares to rise 8 percent in January")
    result = run_after(text, "share")
    assert result.text == "\n\n".join(ARTICLE + more)
    assert ("region", "below_article_end") in reasons(result)


def test_a_block_early_in_the_article_does_not_end_it():
    text = page(ARTICLE[0], ARTICLE[1], "Share this:", "Facebook", "Twitter", *ARTICLE[2:])
    result = run_after(text, "share")
    assert result.text == "\n\n".join(ARTICLE)
