import boilerstrip

from helpers import ARTICLE, page, reasons, run

TEASERS = ["Ferry fares to rise 8 percent in January", "Ferry fares to rise 8 percent in January",
           "The regional transport authority said higher fuel prices and new safety rules left it no choice but to raise prices for the first time since 2019.",
           "Bakery wins regional bread award", "Bakery wins regional bread award"]


def test_block_at_the_end_goes_entirely():
    result = run("related", page(*ARTICLE, "Related articles", *TEASERS))
    assert result.text == "\n\n".join(ARTICLE)
    assert reasons(result) == [("related", "related_block")]


def test_block_in_the_middle_and_the_article_resumes():
    resumed = "Librarians say the next step is a mobile library van that will visit the outlying villages twice a week from spring."
    middle = ["You may also like", "Ferry fares to rise 8 percent in January",
              "The transport authority blamed fuel prices...", "Bakery wins regional bread award",
              "A sourdough loaf from the harbour took the top prize..."]
    result = run("related", page(*ARTICLE[:2], *middle, *ARTICLE[2:], resumed))
    assert result.text == "\n\n".join(ARTICLE + [resumed])


def test_translated_headings():
    for heading in ["Ähnliche Artikel", "Articles similaires", "Artículos relacionados", "関連記事", "相关文章",
                    "Most read", "Trending", "Recommended", "Ähnliche Nachrichten", "Zobacz również",
                    "Mehr zum Thema auf Tagesblatt.de"]:
        result = run("related", page(*ARTICLE, heading, "Ferry fares to rise 8 percent in January"))
        assert result.text == "\n\n".join(ARTICLE), heading


def test_sentences_starting_with_cue_words_stay():
    text = page(*ARTICLE, "Related research published last year found that libraries lift reading scores in small towns.",
                "Popular support for the plan rose to 60 percent in a survey taken before the opening.")
    assert run("related", text).stripped == []


def test_heading_followed_by_running_text_takes_only_the_heading():
    text = page(ARTICLE[0], "Read more", *ARTICLE[1:])
    result = run("related", text)
    assert reasons(result) == [("related", "related_heading")]
    assert result.text == "\n\n".join(ARTICLE)


def test_read_more_under_every_teaser_is_a_link_not_a_block():
    items = []
    for n in range(3):
        items += [f"Sewing machine model {n} review",
                  f"Machine number {n} is a sturdy choice for beginners who want straight and zigzag stitches.",
                  "Read more"]
    result = run("related", page(*ARTICLE, *items))
    assert [r for _, r in reasons(result)] == ["teaser_link"] * 3
    assert "Sewing machine model 2 review" in result.text


def test_block_ends_where_other_boilerplate_stands_between_teasers():
    # A "Top stories" box in the page header, then the site menu, then the article: the box
    # must not run on through the menu (stripped by navigation) and take the article's title.
    menu = ["Home", "World", "Business", "Sport", "Culture", "Travel", "Weather"]
    text = page("Top stories", "Ferry fares to rise 8 percent in January", *menu, *ARTICLE)
    result = boilerstrip.Pipeline(["navigation", "related"])(text, kind="text")
    assert result.text == "\n\n".join(ARTICLE)
    assert ("related", "related_block") in reasons(result)


def test_on_a_listing_with_no_article_the_teasers_are_the_content():
    # Headlines with one-sentence teasers and never two paragraphs in a row: a category page.
    items = []
    for n, topic in enumerate(["ferry fares", "the bakery award", "the school board vote"]):
        items += [f"Story {n}: what we know about {topic}",
                  f"Residents told the council on Monday that {topic} had been discussed for months without any decision."]
    listing = page("Latest news", *items)
    assert run("related", listing).stripped == []
    # The same block under an article is a block of teasers.
    assert reasons(run("related", page(*ARTICLE, "Latest news", *items))) == [("related", "related_block")]


POINTER = "Read more: Ferry fares to rise 8 percent in January"


def test_a_read_more_pointer_inside_the_article_goes_alone():
    for line in [POINTER, "Lea también: Bakery wins regional bread award", "Weiterlesen » Bäckerei gewinnt Brotpreis",
                 "(See also: Bakery wins regional bread award)", "MIRA: Panadería gana premio regional de pan",
                 "Dowiedz się więcej: Piekarnia wygrywa nagrodę"]:
        result = run("related", page(*ARTICLE[:2], line, *ARTICLE[2:]))
        assert result.text == "\n\n".join(ARTICLE), line
        assert reasons(result) == [("related", "related_link")], line


def test_a_sentence_after_a_label_is_not_a_pointer():
    long = ("Related: the council said the library had been the town's busiest public building for a decade, "
            "and that its reading room would stay open late on weekdays through the winter months.")
    for line in [long, "Note: bring your library card and a photo", "Related: yes"]:
        assert run("related", page(*ARTICLE[:2], line, *ARTICLE[2:])).stripped == [], line


def test_on_html_a_pointer_headline_must_be_a_link():
    body = "".join(f"<p>{text}</p>" for text in ARTICLE)
    linked = f'<p>Read more: <a href="/ferry">Ferry fares to rise 8 percent in January</a></p>'
    plain = "<p>Read more: Ferry fares to rise 8 percent in January</p>"
    for html, kept in ((linked, False), (plain, True)):
        result = boilerstrip.Pipeline(["related"])(f"<html><body>{body}{html}{body}</body></html>", kind="html")
        assert ("Ferry fares" in result.text) is kept
