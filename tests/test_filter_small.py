"""Unit tests of the cue-driven filters: captions, share, newsletter, ads, consent, footer, navigation."""

import pytest

import boilerstrip

from helpers import ARTICLE, page, reasons, run

BODY = "\n\n".join(ARTICLE)


@pytest.mark.parametrize("line", ["Photo: Volunteers on the harbour wall.", "Image credit: Jane Roe",
                                  "Photo by Anna Berg on Unsplash", "Foto: dpa", "(Photo: AFP)",
                                  "Crowds outside the library. Getty Images"])
def test_captions(line):
    result = run("captions", page(ARTICLE[0], line, *ARTICLE[1:]))
    assert result.text == BODY
    assert result.stripped[0].filter == "captions"


def test_source_line_is_not_a_caption():
    text = "Title of the story here\n\nA paragraph of the article text that runs on for a while.\nSource: Reuters\nPhoto: Jane Roe\n"
    result = run("captions", text)
    assert "Source: Reuters" in result.text and "Photo:" not in result.text


@pytest.mark.parametrize("line", ["Share this:", "Facebook", "Facebook Twitter LinkedIn", "Share on X", "Teilen", "Partager"])
def test_share(line):
    result = run("share", page(*ARTICLE, line))
    assert result.text == BODY, line


def test_share_prices_stay():
    assert run("share", page(*ARTICLE, "Share prices fell 3 percent on Tuesday after the announcement of the results.")).stripped == []


def test_newsletter():
    box = ["Sign up for our newsletter", "Get the day's top stories delivered to your inbox.", "Enter your email", "Subscribe"]
    result = run("newsletter", page(*ARTICLE, *box))
    assert result.text == BODY
    assert {r for _, r in reasons(result)} == {"newsletter_signup"}


@pytest.mark.parametrize("label", ["Advertisement", "ADVERTISEMENT", "Anzeige", "Publicité", "Story continues below advertisement"])
def test_ads(label):
    result = run("ads", page(ARTICLE[0], ARTICLE[1], label, *ARTICLE[2:]))
    assert result.text == BODY
    assert reasons(result) == [("ads", "advertisement_label")]


def test_consent_banner_and_its_buttons_only():
    banner = ["We use cookies to improve your experience on our site and to show you relevant ads.", "Accept all", "Reject all"]
    result = run("consent", page(*banner, *ARTICLE, "Accept"))
    assert result.text == BODY + "\n\nAccept"  # a lone "Accept" far from any banner is not a cookie button
    assert reasons(result) == [("consent", "cookie_banner"), ("consent", "cookie_button")]


@pytest.mark.parametrize("line", [
    "This post contains affiliate links. If you buy through them, we may earn a small commission at no extra cost to you.",
    "Anzeige, enthält Affiliate Links",
    "We recommend the best products through an independent review process, and advertisers do not influence our picks."])
def test_advertising_disclosure(line):
    result = run("ads", page(ARTICLE[0], line, *ARTICLE[1:]))
    assert result.text == BODY
    assert reasons(result) == [("ads", "advertising_disclosure")]


def test_an_article_about_affiliate_links_keeps_its_sentences():
    line = "Affiliate programs: streamers earn a commission when viewers buy games or gear via affiliate links."
    assert run("ads", page(ARTICLE[0], line, *ARTICLE[1:])).stripped == []


def test_footer():
    result = run("footer", page(*ARTICLE, "© 2024 Harbour Media Ltd. All rights reserved.", "Privacy Policy | Terms of Use | Contact"))
    assert result.text == BODY
    assert reasons(result) == [("footer", "copyright_notice"), ("footer", "legal_links")]


@pytest.mark.parametrize("line", ["Filed under: Politics, Elections", "Tags: rust, parsing, tools",
                                  "Veröffentlicht in: Originalbeitrag", "Posted in News | Local",
                                  "This entry was posted in News. Bookmark the permalink."])
def test_the_line_filing_the_post_is_taken(line):
    result = run("footer", page(*ARTICLE, line))
    assert result.text == BODY
    assert reasons(result) == [("footer", "filed_under")]


@pytest.mark.parametrize("line", ["Posted in 2019, this essay changed how the town thought about its harbour.",
                                  "Tags", "Categories:"])
def test_a_filing_phrase_before_a_sentence_or_alone_stays(line):
    assert run("footer", page(*ARTICLE, line)).stripped == []


def test_a_filing_line_above_the_article_is_its_head():
    text = page(ARTICLE[0], "Posted in News", *ARTICLE[1:])
    assert run("footer", text).stripped == []


def test_copyright_in_running_text_stays():
    text = page(*ARTICLE, "Copyright law was changed in 2019 so that libraries could lend digital books to readers in other towns.")
    assert run("footer", text).stripped == []


def test_navigation_menu_breadcrumb_and_skip_link():
    menu = ["Home", "World", "Business", "Sport", "Culture"]
    result = run("navigation", page("Skip to content", *menu, "Home | World | Europe", *ARTICLE))
    assert result.text == BODY
    assert [r for _, r in reasons(result)] == ["skip_link", "menu_run", "menu_line"]


def test_short_list_inside_the_article_stays():
    items = ["Apples", "Pears", "Plums"]
    text = page(ARTICLE[0], ARTICLE[1], "The orchard grows three fruits:", *items, *ARTICLE[2:])
    assert run("navigation", text).stripped == []


def _nav_html(ingredients_markup: str) -> boilerstrip.Result:
    paragraphs = "".join(f"<p>{text}</p>" for text in ARTICLE[1:])
    markup = (f"<html><body><h1>{ARTICLE[0]}</h1>{paragraphs}<h2>You need</h2>{ingredients_markup}"
              f"<p>{ARTICLE[1]} Then bake it.</p></body></html>")
    return boilerstrip.Pipeline(["navigation"])(markup, kind="html")


INGREDIENTS = ["200 g flour", "3 eggs", "100 g butter", "1 pinch salt", "2 lemons", "50 ml milk", "1 tsp sugar"]


def test_html_run_of_short_lines_without_links_is_not_a_menu():
    result = _nav_html("<ul>" + "".join(f"<li>{item}</li>" for item in INGREDIENTS) + "</ul>")
    assert result.stripped == []


@pytest.mark.parametrize("wrap", ['<li><a href="/{i}">{item}</a></li>', '<li>{item}</li>'])
def test_html_run_of_links_or_in_a_nav_is_still_a_menu(wrap):
    items = "".join(wrap.format(i=i, item=item) for i, item in enumerate(INGREDIENTS))
    markup = f"<ul>{items}</ul>" if "href" in wrap else f"<nav><ul>{items}</ul></nav>"
    result = _nav_html(markup)
    assert reasons(result) == [("navigation", "menu_run")]
    assert all(item in result.stripped[0].text for item in INGREDIENTS)


def test_text_run_of_amounts_is_an_ingredient_list_not_a_menu():
    text = page(ARTICLE[0], ARTICLE[1], "You need", *INGREDIENTS, *ARTICLE[2:])
    assert run("navigation", text).stripped == []


def test_html_ingredients_with_linked_names_are_not_a_menu():
    # Recipe sites link the ingredient's name to a glossary; the amount is still plain text.
    items = "".join(f'<li>{item.split(" ", 1)[0]} <a href="/{i}">{item.split(" ", 1)[1]}</a></li>'
                    for i, item in enumerate(INGREDIENTS))
    result = _nav_html(f"<ul>{items}</ul>")
    assert result.stripped == []


def test_a_menu_with_one_amount_among_its_words_is_still_a_menu():
    menu = ["Home", "World", "Business", "24 Hours", "Sport", "Culture", "Travel"]
    text = page(ARTICLE[0], ARTICLE[1], *menu, *ARTICLE[2:])
    assert reasons(run("navigation", text)) == [("navigation", "menu_run")]


def test_title_block_is_not_a_menu():
    text = page("Home", "News", "Sport", "Library opens", "By Jane Roe", *ARTICLE[1:])
    result = run("navigation", text)
    assert result.text.startswith("Library opens\n\nBy Jane Roe")


def test_caption_ending_in_its_credit():
    line = "In Gottesdiensten gilt FFP2-Maskenpflicht. Foto: ccnull/Marco Verch/cc by sa 2.0"
    result = run("captions", page(ARTICLE[0], line, *ARTICLE[1:]))
    assert result.text == BODY
    assert reasons(result) == [("captions", "caption_credit")]


@pytest.mark.parametrize("line", [
    "Marco Odermatt, Ski-Star aus der Schweiz. © AFP / MARCO BERTORELLO",
    "Logo des Sustainable Award in Finance | © Springer",
    "Le piquet de grève dans le hall de l'université / (C) Kab Niang",
    "Golf im TV: die Übertragungszeiten im Überblick. (Foto: Getty)",
    "Crédits photos : Bestimage",
])
def test_caption_with_its_credit_after_a_copyright_sign_or_in_brackets(line):
    result = run("captions", page(ARTICLE[0], line, *ARTICLE[1:]))
    assert result.text == BODY
    assert [f for f, _ in reasons(result)] == ["captions"]


@pytest.mark.parametrize("line", [
    "Copyright © 2026 Harbour Press Ltd",   # a copyright notice alone: the footer's, not a caption
    "© 2025 Oracle",
    "The museum bought the © 1998 print at auction. It now hangs in the west wing of the old town hall.",
    "All rights reserved by the council © Harbour Town",
])
def test_copyright_lines_that_are_not_captions_stay(line):
    assert run("captions", page(ARTICLE[0], line, *ARTICLE[1:])).stripped == []


def test_sentence_with_a_colon_later_is_not_a_caption():
    line = "The mayor spoke first. Result: the council voted for the plan by a wide margin after a long debate."
    assert run("captions", page(ARTICLE[0], line, *ARTICLE[1:])).stripped == []
