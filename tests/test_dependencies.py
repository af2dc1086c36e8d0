"""The declared dependencies import together on a fresh install."""


def test_trafilatura_imports():
    # trafilatura's jusText fallback needs lxml.html.clean, a separate package since lxml 5.2:
    # this fails when pyproject.toml forgets the lxml[html_clean] extra.
    import trafilatura

    assert trafilatura.extract("<html><body><article><p>" + "Word " * 60 + "</p></article></body></html>")


def test_core_libraries_import():
    import bs4
    import lxml.html
    import regex

    assert lxml.html.fromstring("<p>x</p>").text_content() == "x"
    assert bs4.BeautifulSoup("<p>x</p>", "lxml").p.text == "x"
    assert regex.fullmatch(r"\p{L}+", "Grüße")
