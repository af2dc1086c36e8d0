import boilerstrip

from helpers import ARTICLE, page, reasons, run

FORM = ["Leave a Reply Cancel reply", "Your email address will not be published. Required fields are marked *",
        "Comment *", "Name *", "Email *", "Website",
        "Save my name, email, and website in this browser for the next time I comment.", "Post Comment", "Δ"]


def test_wordpress_form_is_one_segment_and_article_stays():
    result = run("comments", page(*ARTICLE, *FORM))
    assert result.text == "\n\n".join(ARTICLE)
    assert reasons(result) == [("comments", "comment_form")]
    assert result.stripped[0].text.startswith("Leave a Reply")
    assert result.stripped[0].text.endswith("Δ")


def test_thread_runs_to_the_last_reply_link_before_the_form():
    thread = ["2 thoughts on “Harbour town opens its first public library”",
              "Maria Jensen", "March 3, 2024 at 9:14 am",
              "What a wonderful project, congratulations to everyone who helped build it.", "Reply",
              "Tom Alder", "March 4, 2024 at 11:02 am", "I visited on Sunday and the reading room is lovely.", "Reply"]
    result = run("comments", page(*ARTICLE, *thread, *FORM))
    assert result.text == "\n\n".join(ARTICLE)
    assert ("comments", "comment_thread") in reasons(result)


def test_translated_forms_are_found():
    for heading, note in [
        ("Schreibe einen Kommentar", "Deine E-Mail-Adresse wird nicht veröffentlicht."),
        ("Laisser un commentaire", "Votre adresse e-mail ne sera pas publiée."),
        ("Deja una respuesta", "Tu dirección de correo electrónico no será publicada."),
        ("コメントを残す", "メールアドレスが公開されることはありません。"),
    ]:
        result = run("comments", page(*ARTICLE, heading, note))
        assert result.text == "\n\n".join(ARTICLE), heading


def test_comments_closed_is_stripped():
    result = run("comments", page(*ARTICLE, "Comments are closed."))
    assert reasons(result) == [("comments", "comments_closed")]


def test_article_sentences_about_comments_stay():
    text = page(*ARTICLE, "The ministry declined to comment.", "Readers can leave a reply on the council's website until Friday, officials said.")
    assert run("comments", text).stripped == []


def test_form_ends_at_article_text_after_it():
    later = "This paragraph is part of the page after the form and it is long enough to be running text."
    result = run("comments", page(*ARTICLE, "Leave a Reply", "Your email address will not be published.", later))
    assert later in result.text


def _html(*parts: str) -> str:
    return "<html><body>" + "".join(parts) + "</body></html>"


def test_a_linked_comment_count_goes_alone_and_the_article_stays():
    # "0 comments" in the byline links to the (empty) thread below: the article follows it.
    paragraphs = "".join(f"<p>{text}</p>" for text in ARTICLE[1:])
    markup = _html(f"<h1>{ARTICLE[0]}</h1>", '<div class="meta"><a href="#comments">0 comments</a></div>',
                   paragraphs, "<h3>Leave a Reply</h3><p>Your email address will not be published.</p>")
    result = boilerstrip.Pipeline(["comments"])(markup, kind="html")
    assert reasons(result) == [("comments", "comment_count_link"), ("comments", "comment_form")]
    assert result.stripped[0].text == "0 comments"
    for text in ARTICLE:
        assert text in result.text


def test_a_thread_heading_that_is_not_a_link_still_opens_the_thread():
    thread = ("<h3>2 Comments</h3><p>Maria Jensen</p><p>What a wonderful project, congratulations to all.</p>"
              '<p><a href="#r">Reply</a></p>')
    markup = _html(*(f"<p>{text}</p>" for text in ARTICLE), thread,
                   "<h3>Leave a Reply</h3><p>Your email address will not be published.</p>")
    result = boilerstrip.Pipeline(["comments"])(markup, kind="html")
    assert ("comments", "comment_thread") in reasons(result)
    assert "wonderful project" not in result.text
    assert result.text == "\n\n".join(ARTICLE)
