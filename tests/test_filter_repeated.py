import boilerstrip
from helpers import ARTICLE, page, reasons, run


def test_repeated_paragraph_is_kept_once():
    result = run("repeated", page(*ARTICLE, ARTICLE[1]))
    assert result.text == "\n\n".join(ARTICLE)
    assert reasons(result) == [("repeated", "repeated_paragraph")]


def test_repeats_compare_after_folding_case_space_and_punctuation():
    variant = "  the TOWN council opened the new library on Monday, after a decade of fundraising by residents and local businesses "
    result = run("repeated", page(*ARTICLE, variant))
    assert result.text == "\n\n".join(ARTICLE)


def test_copies_of_a_stripped_teaser_all_go_but_the_title_stays():
    headline = "Ferry fares to rise 8 percent in January"
    text = page(*ARTICLE, headline, "Related articles", headline, ARTICLE[0])
    result = boilerstrip.Pipeline(["related", "repeated"])(text)
    assert headline not in result.text
    assert result.text.startswith(ARTICLE[0])
    assert ("repeated", "repeated_teaser") in reasons(result)


def test_distinct_lines_are_untouched():
    assert run("repeated", page(*ARTICLE)).stripped == []
