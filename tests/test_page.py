"""The page as read -> the article: title, body and the offsets between body and whole text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from indexer.article import Article
from indexer.page import separate
from indexer.textmap import to_body, to_whole, whole_text

PAGE = (
    "Skip to main content\n"
    "[Home](https://example.org/) [World](https://example.org/world)\n"
    "\n"
    "Envoys meet in Geneva for a third round\n"
    "\n"
    "Negotiators from both sides met in Geneva on Tuesday to discuss a ceasefire, officials said.\n"
    "The talks ended without agreement on the future of the occupied territory, they added.\n"
    "\n"
    "Sign up for our newsletter to get the latest news in your inbox every morning.\n"
    "© 2026 Example News. All rights reserved.\n"
)


def page_article(text: str = PAGE, **fields: object) -> Article:
    return separate(Article(id="p", path="/x/p.txt", title="", body=text, full_text=text, title_in_text=True, **fields))


def test_the_title_is_the_first_line_of_the_article_not_of_the_page() -> None:
    article = page_article()
    assert article.title == "Envoys meet in Geneva for a third round"
    assert article.provenance["title"] == "text"
    assert "Skip to main content" not in article.body and "newsletter" not in article.body
    assert article.body.startswith("Negotiators from both sides")


def test_a_breadcrumb_is_not_the_title() -> None:
    article = page_article("Home | News | World | Europe\n\nEnvoys meet in Geneva\n\nThey met on Tuesday to talk.\n")
    assert article.title == "Envoys meet in Geneva" and article.body.startswith("Home | News")


def test_nothing_is_lost_the_whole_text_is_rebuilt_from_body_and_cuts() -> None:
    article = page_article()
    assert article.full_text == PAGE
    assert whole_text(article.body, article.cuts) == PAGE
    for start, end in article.boilerplate:
        assert PAGE[start:end] and PAGE[start:end].endswith("\n")


def test_body_offsets_map_onto_the_whole_text_and_back() -> None:
    article = page_article()
    start = article.body.index("Geneva on Tuesday")
    end = start + len("Geneva")
    whole = to_whole(start, article.cuts), to_whole(end, article.cuts, end=True)
    assert PAGE[whole[0] : whole[1]] == "Geneva"
    assert to_body(*whole, article.cuts) == (start, end)
    chrome = PAGE.index("newsletter")
    assert to_body(chrome, chrome + 10, article.cuts) is None, "a span in the boilerplate is not in the body"


def test_a_given_title_keeps_the_first_line_in_the_body_unless_it_repeats_the_title() -> None:
    article = separate(Article(id="p", path="/x/p.json", title="Given", body="First line\nSecond line.\n"))
    assert article.title == "Given" and article.body.startswith("First line")
    repeated = separate(Article(id="p", path="/x/p.md", title="Talks  resume", body="# Talks resume\n\nThey did.\n"))
    assert repeated.body == "They did.\n" and whole_text(repeated.body, repeated.cuts) == "# Talks resume\n\nThey did.\n"
    suffixed = separate(Article(id="p", path="/x/p.md", title="Talks resume. : Example News", body="# Talks resume.\nThey did.\n"))
    assert suffixed.body == "They did.\n", "the title ends with the site's name"
    longer = separate(Article(id="p", path="/x/p.md", title="Talks", body="Talks resume today.\nThey did.\n"))
    assert longer.body.startswith("Talks resume today."), "a first line that only starts like the title stays"


def test_without_a_title_line_the_title_falls_back_to_the_opening() -> None:
    text = "This is a long opening sentence that ends like a sentence does.\nMore text follows here.\n"
    article = page_article(text)
    assert article.title.startswith("This is a long opening") and article.body.startswith("This is a long")
    assert page_article("").title == "p", "no text at all: the file's name"


@given(st.text(alphabet="ab \n.", max_size=60), st.lists(st.tuples(st.integers(0, 60), st.integers(0, 8)), max_size=4))
def test_whole_text_and_offsets_agree_for_any_cuts(text: str, raw_cuts: list[tuple[int, int]]) -> None:
    spans, position = [], 0
    for start, length in sorted(raw_cuts):
        start = max(start, position)
        end = min(start + length, len(text))
        if start < end:
            spans.append((start, end))
            position = end
    cuts = tuple((s, text[s:e]) for s, e in spans)
    body = "".join(text[a:b] for a, b in zip([0, *(e for _, e in spans)], [*(s for s, _ in spans), len(text)]))
    assert whole_text(body, cuts) == text
    for offset in range(len(body)):
        assert text[to_whole(offset, cuts)] == body[offset]
        assert to_body(to_whole(offset, cuts), to_whole(offset, cuts) + 1, cuts) == (offset, offset + 1)
