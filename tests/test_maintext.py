"""The article's own text: the page around it is found line by line, clean text is left alone."""

from __future__ import annotations

import json
import re
import tomllib
from importlib import resources

import pytest

from indexer.maintext import boilerplate, default_cues

from tests.paths import CORPORA, SEEDS

# A short article of our own, written like a wire story, used inside the page dumps below.
ARTICLE = (
    "Ministers from both countries met in Geneva on Tuesday to discuss a ceasefire along the front line.\n"
    "The talks lasted six hours and ended without a joint statement, officials said after the meeting.\n"
    "A second round is planned for next month, according to a spokesman for the foreign ministry.\n"
)


def marked(text: str) -> str:
    """The text of the boilerplate spans, joined."""
    return "".join(text[start:end] for start, end in boilerplate(text))


def kept(text: str) -> str:
    """The text outside the boilerplate spans."""
    spans, out, at = boilerplate(text), [], 0
    for start, end in spans:
        out.append(text[at:start])
        at = end
    return "".join(out) + text[at:]


def assert_well_formed(text: str) -> None:
    """Spans are sorted, disjoint, non-empty, within the text, and cover whole lines."""
    spans = boilerplate(text)
    assert isinstance(spans, tuple)
    for start, end in spans:
        assert 0 <= start < end <= len(text)
        assert start == 0 or text[start - 1] == "\n"
        assert end == len(text) or text[end - 1] == "\n"
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_a_clean_article_is_untouched() -> None:
    text = (
        "Shares rise as markets shrug off trade worries\n\n"
        "Shares rose on Monday after the central bank said it would support the currency, and investors "
        "who had sold in the previous week returned.\n\n"
        "Subscriptions to the new bond issue were twice the amount offered, the finance ministry said, and "
        "the related sale of state assets will go ahead as planned next year.\n\n"
        "Donations to the relief fund reached 2 million dollars, a charity official said.\n"
        "Terms were not disclosed.\n"
        "More details are expected later this week.\n"
    )
    assert boilerplate(text) == ()


def test_skip_links_and_link_only_lines() -> None:
    text = "Skip to main content\n\n[](https://news.example.org/)\n* [Home](/)\n\n" + ARTICLE
    assert marked(text).startswith("Skip to main content")
    assert "[Home](/)" in marked(text)
    assert kept(text).strip() == ARTICLE.strip()


def test_cookie_banner() -> None:
    banner = (
        "We use cookies to make sure the site works and, with your consent, to measure how it is used.\n"
        "Accept all cookies\nReject optional cookies\n"
    )
    assert marked(banner + "\n" + ARTICLE) == banner


def test_donation_appeal_after_the_article_with_its_opening_and_sign_off() -> None:
    appeal = (
        "The Example Herald is getting ready for the hardest year in its history.\n"
        "If you value our reporting, we ask you to help us now: your gift keeps the Example Herald free.\n"
        "Please make a donation today, or become a monthly donor, so we keep our journalism free for you.\n"
        "Our December fundraiser decides what we can do next year, and we need your donations to reach it.\n"
        "With thanks,\n"
        "The editors\n"
    )
    text = ARTICLE + appeal
    assert marked(text) == appeal
    assert kept(text) == ARTICLE


def test_newsletter_sign_up_box_in_the_middle() -> None:
    first, rest = ARTICLE.split("\n", 1)
    box = "Sign up for our Morning Briefing newsletter\nGet the day's top stories delivered to your inbox.\n"
    text = "Ceasefire talks end without a deal\n\n" + first + "\n" + box + rest
    assert marked(text) == box
    assert "ended without a joint statement" in kept(text)


def test_read_more_teaser_line() -> None:
    first, rest = ARTICLE.split("\n", 1)
    text = first + "\nRead more: Why the last ceasefire collapsed within a week\n" + rest
    assert marked(text) == "Read more: Why the last ceasefire collapsed within a week\n"


def test_recommended_list_and_footer() -> None:
    sidebar = (
        "Recommended For You\n"
        "Storm warning as heavy snow moves east\n"
        "City council approves new tram line\n"
        "Five things to know about the budget\n"
        "Most Popular\n"
        "Local team wins cup final in extra time\n"
        "© 2026 Example Herald Ltd. All rights reserved.\n"
        "Privacy Policy\n"
        "Terms of Use\n"
    )
    text = "Share on Facebook\n" + ARTICLE + sidebar
    assert marked(text) == "Share on Facebook\n" + sidebar
    assert kept(text) == ARTICLE


def test_glued_sidebar_titles_and_read_times() -> None:
    sidebar = (
        "Add Example Herald as a preferred source on Google to see more of our coverage.Recommended For You\n"
        "WorldStorm Warning As Snow Moves East4 min read\n"
        "PoliticsCouncil Approves New Tram Line3 min read\n"
    )
    assert marked(ARTICLE + sidebar) == sidebar


def test_share_buttons_and_menus() -> None:
    menu = "Markets\nBusiness\nInvesting\nTech\nPolitics\nVideo\nMenu\n"
    share = "Mail   Facebook   Twitter / X   LinkedIn\n"
    text = share + "Ceasefire talks end without a deal\n" + menu + ARTICLE
    assert marked(text) == share + menu
    assert "Ceasefire talks end without a deal" in kept(text)


def test_tags_and_author_box_after_the_article() -> None:
    tail = (
        "Tags: ceasefire, Geneva, diplomacy\nView Bio\nMore from Example Herald\n"
        "City council approves new tram line\n"
    )
    text = ARTICLE + "Jane Roe, Example Herald\n" + tail
    assert marked(text) == tail
    assert "Jane Roe, Example Herald" in kept(text)


def test_notes_of_urls_after_the_article() -> None:
    notes = (
        "[[i]](https://example.org/<#ref1>) https://t.me/somechannel/123\n"
        "1. Talks in Geneva, Example Herald, accessed February 3, 2026, <https://example.org/geneva>\n"
    )
    assert marked(ARTICLE + notes) == notes


def test_an_error_page_is_all_boilerplate() -> None:
    text = "# Forbidden\nYou don't have permission to access this resource.\n"
    assert marked(text) == text


def test_a_listing_keeps_only_the_story_it_leads_with() -> None:
    stories = [
        ("Ministers Meet In Geneva To Discuss A Ceasefire", "Ministers from both countries met in Geneva on "
         "Tuesday to discuss a ceasefire, and the talks ended without a joint statement."),
        ("Why The Last Truce Collapsed Within A Week", "The previous truce fell apart after both sides "
         "accused each other of shelling villages near the river, observers said."),
        ("Aid Convoys Reach The Besieged City At Last", "Three convoys carrying food and medicine reached "
         "the city on Sunday, the first to arrive since the siege began in the spring."),
        ("Parliament Votes To Extend The Emergency Law", "Lawmakers voted by a wide margin to keep the "
         "emergency powers in place for another ninety days, despite protests outside."),
        ("Farmers Warn Of A Poor Harvest After The Drought", "Grain output could fall by a third this year "
         "because of the drought, the farmers union said in a statement on Friday."),
    ]
    text = "Skip to content\n\n" + "".join(f"{title}\n\n{body}\n\n" for title, body in stories)
    text += "Sign Up To Our Daily Digest\n"
    assert kept(text).split() == f"{stories[0][0]} {stories[0][1]}".split()


def test_hard_wrapped_wire_text_is_judged_by_paragraph() -> None:
    text = (
        "The company said its shareholders will have subscription rights\n"
        "in the ratio of one new share for every ten held, and that the\n"
        "issue would be underwritten by a group of banks.\n"
        "    Holders may subscribe between January 1 and March 31, it said,\n"
        "and the newsletter of the exchange will carry the details.\n"
    )
    assert boilerplate(text) == ()


# A paragraph of our own longer than ARTICLE's lines, for pages where a paragraph must count as one.
PARAGRAPH = (
    "The envoys agreed to meet again in Geneva next month, and both delegations said the exchange "
    "of prisoners would go ahead before then, officials from the two foreign ministries said.\n"
)


def test_an_author_bio_box_after_the_article() -> None:
    box = (
        "Topics\nDiplomacy, Europe\n!Jane Roe\nJane Roe\nSenior Reporter\n"
        "Jane Roe covers European diplomacy for the Example Herald from Brussels. "
        "Previously, she covered energy markets.\n"
        "You can reach her at jane.roe@example.org.\nView Bio\n"
    )
    text = "Share on Facebook\n" + ARTICLE + box
    assert marked(text) == "Share on Facebook\n" + box
    assert kept(text) == ARTICLE


def test_an_authors_note_straight_after_the_last_paragraph_stays() -> None:
    note = "Jane Roe is a senior fellow at the Example Institute and writes on European security.\n"
    text = "Share on Facebook\n" + ARTICLE + note + "Privacy Policy\nTerms of Use\n"
    assert kept(text) == ARTICLE + note


def test_a_list_of_cut_snippets_has_no_article() -> None:
    snippet = "attacks on the grid left thousands of homes without heating for days, and the situation remains..."
    text = "".join(f"Update {day} January: {snippet}\n" for day in range(1, 7))
    assert boilerplate(text) == ((0, len(text)),)


def test_a_page_of_headlines_keeps_only_the_story_it_leads_with() -> None:
    lead = (
        "Ministers agree to resume ceasefire talks next week\n"
        "* 10 minutes ago Envoys arrive in Geneva for the second round\n"
        "* 25 minutes ago Foreign minister says the talks will be hard\n"
    )
    others = [
        "Storm warning as heavy snow moves east", "City council approves new tram line",
        "Will the budget survive the vote?", "Five things to know about the harvest",
        "Is the mayor next in line for the top job?", "Museum reopens after a long repair",
    ]
    carousel = "Scroll carousel left Scroll carousel right\n"
    lists = "\n".join(others[:3]) + "\n" + carousel + "\n".join(others[3:]) + "\n" + carousel
    text = "Skip to content\n" + lead + lists
    assert kept(text) == lead


def test_event_promotions_and_a_video_players_text() -> None:
    first, rest = ARTICLE.split("\n", 1)
    event = "Online Event Fri, January 30, 2026 • 9:00 am ET How winter warfare targets the cities\n"
    player = (
        "Video Player is loading.\nThis is a modal window.\nNo compatible source was found for this media.\n"
        "Close Modal Dialog\nEnd of dialog window.\n"
    )
    summit = (
        "**Join us at the Example Diplomacy Summit** May 19–20, 2026, in Atlanta. Leaders from business and "
        "government will meet to discuss how trade and security shape the years ahead. Register now.\n"
    )
    text = "Share on Facebook\n" + first + "\n" + event + player + rest + summit + "Privacy Policy\n"
    assert kept(text) == ARTICLE


def test_a_teaser_list_ends_where_a_section_of_the_article_begins() -> None:
    teasers = "Read More\nStorm warning as heavy snow moves east\nCity council approves new tram line\n"
    points = (
        "## Key Points\n* Both sides said they would return to the table within a month.\n"
        "* Observers expect the front line to stay quiet until then.\n"
    )
    text = "Share on Facebook\nCeasefire talks end without a deal\n" + teasers + points + ARTICLE + "Privacy Policy\n"
    assert marked(text) == "Share on Facebook\n" + teasers + "Privacy Policy\n"


def test_a_one_line_article_that_ends_without_a_full_stop() -> None:
    sentence = "The assembly will vote next week on a loan package for the region, and members said it comes first."
    debate = " _Debate: the loan, Wednesday 11 February, 13:00_\n"
    line = "| **Support for the region -** " + " ".join([sentence] * 6) + debate
    text = "We use cookies to make sure the site works.\nAccept all cookies\n" + line + "Privacy Policy\n"
    assert kept(text) == line


def test_a_paragraph_ending_in_a_zero_width_space_is_still_prose() -> None:
    paragraph = PARAGRAPH.replace(".\n", ".\u200b\n")
    teasers = "Recommended For You\nStorm warning as snow moves east\n"
    text = "Share on Facebook\n" + teasers + paragraph + "Privacy Policy\n"
    assert kept(text) == paragraph


def test_a_sites_blurb_over_its_share_buttons_is_not_the_article() -> None:
    blurb = "Our mission is to support research and teaching on peace and security in every state.\n"
    text = "Skip to content\nCeasefire talks end without a deal\n" + blurb + "Share\nFacebook\nTwitter\n" + PARAGRAPH
    assert kept(text) == "Ceasefire talks end without a deal\n" + PARAGRAPH


def test_longer_menu_items_between_short_ones() -> None:
    menu = (
        "* News\n* Events\n* About\n* Firsthand: Life After Prison\n* The Great Chicago Quiz Show\n"
        "* Latino Voices\n* Support\n* Donate\n"
    )
    text = "Skip to content\n" + menu + "Ceasefire talks end without a deal\n" + ARTICLE + "Privacy Policy\n"
    assert kept(text) == "Ceasefire talks end without a deal\n" + ARTICLE


def test_a_long_table_inside_the_article_stays() -> None:
    rows = "".join(f"| {day} March | Lunar flyby | Success |\n" for day in range(1, 31))
    table = "| Date | Mission | Result |\n|---|---|---|\n" + rows
    opening = ARTICLE.replace("\n", " ").rstrip() + "\n"
    text = "Skip to content\nShare\n" + opening + table + PARAGRAPH + "Privacy Policy\n"
    assert kept(text) == opening + table + PARAGRAPH


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n",
        "x" * 200_000,
        "Subscribe " * 20_000,
        ("word " * 40_000) + "[a](https://example.org) Share",
        "[" + "a" * 100_000 + "](" + "b" * 99_990,
        "\n".join(f"[](https://example.org/{i})" for i in range(3000)),
        "Skip to content\u2028Share\u2028Menu\u2028" * 500,
        "Skip to content\r\nShare\r\n\r\n" + ARTICLE.replace("\n", "\r\n") + "© 2026 Example Herald\r\n",
        "İstanbul talks\nSkip to content\nShare\nMenu\n" + ARTICLE,
        "**" * 50_000,
    ],
    ids=["empty", "newline", "one long line", "no newlines", "long words", "open brackets", "only links",
         "u2028", "crlf", "case changes length", "stars"],
)
def test_spans_are_sorted_disjoint_whole_lines_on_hostile_input(text: str) -> None:
    assert_well_formed(text)


def test_crlf_lines_are_found_as_lines() -> None:
    text = "Skip to content\r\n" + ARTICLE.replace("\n", "\r\n")
    assert marked(text) == "Skip to content\r\n"


def test_only_links_are_all_boilerplate() -> None:
    text = "\n".join(f"* [](https://example.org/{i})" for i in range(50)) + "\n"
    assert marked(text) == text


def read_seed(name: str) -> str:
    return next(SEEDS.glob(f"{name}_*.txt")).read_text("utf-8")


def test_truthout_seed_appeal_is_boilerplate_and_the_article_stays() -> None:
    text = read_seed("000")
    assert "Trump is busy getting ready" in marked(text)
    assert "genocide in Gaza" in marked(text) and "December fundraiser" in marked(text)
    body = kept(text)
    assert "Trump" not in body and "Gaza" not in body
    assert body.startswith("Negotiators said they") and "Chomsky said." in body
    assert "announced $800 million in military aid" in body


def test_newsweek_seed_sidebars_are_boilerplate_and_the_article_stays() -> None:
    text = read_seed("002")
    chrome = marked(text)
    assert "WorldChina Closes Military Power Gap" in chrome and "Trending\n" in chrome
    assert "Amtrak" in chrome and "Tennessee" in chrome and "Recommended For You" in chrome
    body = kept(text)
    assert "Amtrak" not in body and "China Closes" not in body
    assert "What To Know" in body and "Rutte told Spanish outlet El Pais" in body
    assert "Lukashenko" in body


@pytest.mark.parametrize(
    ("seed", "first_line", "article"),
    [
        ("001", "Skip to content", "Officials Admit West Sabotaged Ukraine Peace Deal With Russia"),
        ("004", "Skip to main content", "wrapped up diplomatic talks in Paris"),
    ],
)
def test_seed_skip_links_are_boilerplate(seed: str, first_line: str, article: str) -> None:
    text = read_seed(seed)
    assert boilerplate(text)[0][0] == 0 and marked(text).startswith(first_line + "\n")
    assert article in kept(text)


def test_the_week_seed_keeps_its_article_and_drops_its_newsletter_box() -> None:
    text = read_seed("003")
    assert "Sign up for The Week's Free Newsletters" in marked(text)
    body = kept(text)
    assert body.startswith("Trump’s Ukraine peace talks advance amid leaked call")
    assert "Peter Weber, The Week US" in body and "What next?" in body
    assert "Peter has worked as" in marked(text)  # the author's bio box under the sign-off


def clean_texts() -> list[str]:
    with (CORPORA / "reuters-21578.jsonl").open(encoding="utf-8") as feed:
        texts = [json.loads(line).get("body") or "" for line in feed]
    for path in sorted((CORPORA / "bbc-news").glob("*/*.txt")):
        raw = path.read_bytes()
        try:
            texts.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            texts.append(raw.decode("cp1252"))
    return texts


def test_reuters_and_bbc_come_back_almost_untouched() -> None:
    """Clean corpora: under 0.5% of their characters marked (today: none)."""
    texts = clean_texts()
    assert len(texts) == 20841 + 2225
    total = sum(len(text) for text in texts)
    chrome = sum(end - start for text in texts for start, end in boilerplate(text))
    assert chrome / total < 0.005


def test_every_cue_pattern_has_a_screen_word_or_line_start() -> None:
    """A pattern is tried only on lines the screen lets through, so each form it matches
    holds a screen word or begins with a line start."""
    table = tomllib.loads(resources.files("indexer").joinpath("data", "boilerplate.toml").read_text("utf-8"))
    screen = table["screen"]
    words = screen["words"] + screen["long_line_starts"]
    starts = tuple(start.rstrip(":") for start in screen["line_starts"] + screen["long_line_starts"])
    patterns = [
        *table["chrome"]["lines"], *table["chrome"]["phrases"], *table["chrome"]["short_phrases"],
        *table["lists"]["headers"], *table["lists"]["glued"], *table["lists"]["teasers"],
        *table["appeals"]["phrases"], *table["appeals"]["short_phrases"], *table["errors"]["phrases"],
    ]
    for pattern in patterns:
        for form in forms(pattern):
            heads = (form.lstrip(" #*_|-"), form.lstrip(" !#*_|-"))
            found = any(word in form for word in words) or any(h.startswith(starts) for h in heads)
            assert found, (pattern, form)


def forms(pattern: str) -> list[str]:
    """Forms a pattern matches: each alternative, a repeat taken once, an optional part left
    out, a digit written 1, a word character a, any other character a space."""
    return _forms(re._parser.parse(pattern))[:500]


def _forms(items) -> list[str]:
    out = [""]
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            choices = [chr(arg)]
        elif name == "SUBPATTERN":
            choices = _forms(arg[-1])
        elif name == "BRANCH":
            choices = [form for branch in arg[1] for form in _forms(branch)]
        elif name in ("MAX_REPEAT", "MIN_REPEAT"):
            choices = [""] if arg[0] == 0 else _forms(arg[2])
        elif name in ("AT", "ASSERT", "ASSERT_NOT"):
            choices = [""]
        elif name == "IN":
            choices = [_one_of(*arg[0])]
        else:
            choices = [" "]
        out = [a + b for a in out for b in choices][:500]
    return out


def _one_of(kind, value) -> str:
    """A character of a set: its first literal, or 1 for a digit, a for a word character."""
    if str(kind) == "CATEGORY":
        return {"CATEGORY_DIGIT": "1", "CATEGORY_WORD": "a"}.get(str(value), " ")
    if str(kind) == "LITERAL":
        return chr(value)
    return chr(value[0]) if str(kind) == "RANGE" else " "


def test_a_data_folder_adds_a_sites_own_furniture(tmp_path, monkeypatch) -> None:
    """$PARLEY_DATA/boilerplate.toml replaces the shipped cues: editing data, not code."""
    shipped = resources.files("indexer").joinpath("data", "boilerplate.toml").read_text("utf-8")
    table = tomllib.loads(shipped)
    text = ARTICLE + "Example Herald live ticker\n"
    assert boilerplate(text) == ()
    ticker = '  "example herald live ticker",\n'
    edited = shipped.replace('  "tipxmake a text selection', ticker + '  "tipxmake a text selection')
    edited = edited.replace('words = [\n', 'words = [\n  "live ticker",\n', 1)
    assert tomllib.loads(edited)["chrome"]["lines"] != table["chrome"]["lines"]
    (tmp_path / "boilerplate.toml").write_text(edited, "utf-8")
    monkeypatch.setenv("PARLEY_DATA", str(tmp_path))
    default_cues.cache_clear()
    try:
        assert marked(text) == "Example Herald live ticker\n"
    finally:
        monkeypatch.delenv("PARLEY_DATA")
        default_cues.cache_clear()
