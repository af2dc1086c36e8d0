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


def _recipe_html(container: str, head: str = "") -> str:
    """A recipe whose ingredients stand between its <h1> and the first paragraph of method."""
    ingredients = "".join(f"<li>{item}</li>" for item in ("200 g flour", "3 eggs", "100 g butter"))
    method = "".join(f"<p>{text}</p>" for text in ARTICLE[1:])
    return (f"<html><head>{head}</head><body><header><p>The Harbour Kitchen</p></header><{container}>"
            f"<h1>Harbour lemon cake</h1><h2>Ingredients</h2><ul>{ingredients}</ul>"
            f"<h2>How to bake it for the whole family</h2>{method}</{container}></body></html>")


def test_html_lines_in_the_titles_article_element_stay():
    result = boilerstrip.Pipeline(["region"])(_recipe_html("article"), kind="html")
    assert [s.text for s in result.stripped] == ["The Harbour Kitchen"]
    assert "200 g flour" in result.text and "Harbour lemon cake" in result.text


def test_html_lines_above_the_title_go_without_a_content_element():
    result = boilerstrip.Pipeline(["region"])(_recipe_html("div"), kind="html")
    assert "The Harbour Kitchen" not in result.text
    assert "200 g flour" not in result.text
    assert {r for _, r in reasons(result)} == {"before_title"}


def test_the_heading_that_repeats_the_declared_title_is_the_title():
    # Without a content element the title found from the text is the subheading over the
    # method; the <h1> repeating the page's <title> (less its site name) is the real one.
    html = _recipe_html("div", "<title>Harbour lemon cake | The Harbour Kitchen</title>")
    result = boilerstrip.Pipeline(["region"])(html, kind="html")
    assert [s.text for s in result.stripped] == ["The Harbour Kitchen"]
    assert "200 g flour" in result.text


def test_a_first_h1_alone_declares_no_title():
    # A site's logo is often the first <h1>; only og:title, twitter:title, the JSON-LD
    # headline and <title> declare the article's title.
    html = _recipe_html("div", '<meta property="og:title" content="Lemon cake, the harbour way">')
    result = boilerstrip.Pipeline(["region"])(html, kind="html")
    assert "200 g flour" not in result.text
