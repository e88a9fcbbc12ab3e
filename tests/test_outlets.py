"""Outlets.find: the outlet from the page's own evidence, never from a citation."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from indexer.outlets import OutletFinding, Outlets, default_outlets, load_outlets


@pytest.fixture(scope="module")
def outlets() -> Outlets:
    return default_outlets()


def find(outlets: Outlets, text: str, title: str = "", url: str | None = None, chrome=()) -> OutletFinding | None:
    return outlets.find(title, text, chrome, url)


def name(finding: OutletFinding | None) -> str | None:
    return finding.name if finding else None


def spans(finding: OutletFinding, text: str, where: str = "full_text") -> list[str]:
    return [text[e.start : e.end] for e in finding.evidence if e.where == where]


# --- citations are never evidence ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cited"),
    [
        ("Three people died in the strike, AFP reported. AFP said the toll may rise.", "Agence France-Presse"),
        ("NBC said the interview would air on Sunday. NBC said it had the tape.", "NBC News"),
        ("The Sunday Telegraph says the plan was dropped. The Sunday Telegraph says so again.", "The Daily Telegraph"),
        ("He told Reuters he would go. Reuters could not verify it.", "Reuters"),
        ("According to the Financial Times, talks stalled. The minister spoke to the Financial Times.", "Financial Times"),
        ("Soldiers rest near the front line. Photo: AFP\nAFP via Getty Images", "Agence France-Presse"),
        ("Rutte told Spanish outlet El Pais he was hopeful. El Pais ran the interview in full.", "El País"),
        ("Medvedev gave an interview to Reuters, Kremlin newswire TASS and a blogger. TASS quoted him.", "TASS"),
        ('"Starship explodes". Reuters. Retrieved 5 May 2024.\n"Booster lands". Reuters. Archived from the original.', "Reuters"),
        ("CBS Inc said profits rose. Shares of CBS Inc fell in New York.", "CBS News"),
    ],
)
def test_a_cited_outlet_is_not_the_outlet(outlets: Outlets, text: str, cited: str) -> None:
    assert name(find(outlets, text)) != cited


def test_a_body_stories_are_about_is_never_the_outlet_by_mentions(outlets: Outlets) -> None:
    text = "NATO allies met in Brussels. NATO said it would act.\nNATO relies on US air power. Ukraine hopes to join NATO."
    assert find(outlets, text) is None
    assert find(outlets, "Launching next is the ESA (European Space Agency)-provided relay.") is None, "not a dateline"
    assert name(find(outlets, "Launch schedule\n### About NASA\nNASA's rocket rolled out.")) == "NASA"


def test_told_the_bbc_in_another_outlets_page_is_not_the_bbc(outlets: Outlets) -> None:
    text = "The minister told the BBC he was hopeful.\n\n© 2026 Sky News. All rights reserved."
    assert name(find(outlets, text)) == "Sky News"
    assert name(find(outlets, "The minister told the BBC he was hopeful.", title="Talks resume | Sky News")) == "Sky News"


def test_told_the_bbc_with_bbc_chrome_is_the_bbc(outlets: Outlets) -> None:
    text = "The minister told the BBC he was hopeful.\n\nCopyright 2026 BBC. All rights reserved."
    assert name(find(outlets, text)) == "BBC News"


def test_a_house_phrase_alone_decides_only_when_no_other_outlet_is_named(outlets: Outlets) -> None:
    found = find(outlets, "The manager told BBC Sport he was pleased with the win.")
    assert (name(found), found.how) == ("BBC News", "self-reference")
    assert find(outlets, "He told BBC Sport he was pleased. CNN and CNN and CNN had it first.") is None


# --- evidence of the page's own outlet ------------------------------------------------------


def test_a_title_suffix_names_the_outlet(outlets: Outlets) -> None:
    title = "More than 100,000 civilians killed, study finds | World news | The Guardian"
    found = find(outlets, "The study counted deaths in 2025.", title=title)
    assert (name(found), found.how) == ("The Guardian", "title")
    assert spans(found, title, "title") == ["The Guardian"]
    assert name(find(outlets, "Shares fell.", title="Markets slide as rates rise - WSJ")) == "The Wall Street Journal"
    assert name(find(outlets, "Talks went on.", title="Talks resume - ABC News")) == "ABC News"


def test_a_title_suffix_of_an_unlisted_outlet_counts_on_its_own_domain(outlets: Outlets) -> None:
    title = "Why the talks failed - Harbour Policy Forum"
    found = find(outlets, "The talks failed.", title=title, url="https://www.harbourpolicyforum.org/analysis/x")
    assert (name(found), found.how) == ("Harbour Policy Forum", "title")
    assert {e.where for e in found.evidence} == {"title", "url"}
    acronym = find(outlets, "x", title="Brief | HPF", url="https://hpf.org/brief")
    assert name(acronym) == "HPF"
    assert find(outlets, "x", title=title, url="https://example.org/x") is None, "not the URL's site"
    assert find(outlets, "x", title=title) is None, "an unlisted name needs its domain"


def test_an_unlisted_sites_name_matching_its_address_names_it(outlets: Outlets) -> None:
    url = "https://www.theharbourinsider.com/2026/02/ferries"
    text = "Ferry fares rose.\nJane Roe has been an analyst at The Harbour Insider since 2020."
    found = find(outlets, text, url=url)
    assert (name(found), found.how) == ("The Harbour Insider", "site")
    assert spans(found, text) == ["The Harbour Insider"] and spans(found, url, "url") == ["www.theharbourinsider.com"]
    assert find(outlets, "Fares rose, according to The Harbour Insider.", url=url) is None, "a citation"
    owned = "Fares rose.\n© 2026 Acme Chemical Society\nMore from Harbour Shipping Review"
    cut = find(outlets, owned, url="https://hsr.acs.org/x")
    assert name(cut) == "Harbour Shipping Review", "the deepest label's name: the site, not its owner"
    title = find(outlets, "x", title="Times | University of Harbourton News", url="https://news.uharbourton.edu/x")
    assert name(title) == "University of Harbourton News", "initials and whole words mixed"
    prefix = find(outlets, "x", title="Visit Harbourton - Ferry times", url="https://visitharbourton.today/blog/1")
    assert (name(prefix), prefix.how) == ("Visit Harbourton", "title")
    affix = find(outlets, "Renew Harbour calls for a vote.", url="https://renewharbourgroup.eu/news/x")
    assert name(affix) == "Renew Harbour", "a host adds a word to the name"


def test_a_plain_word_matching_the_address_needs_more_than_one_mention(outlets: Outlets) -> None:
    url = "https://www.harbourton.edu/stories/x"
    assert find(outlets, "Harbourton researchers built a ferry.", url=url) is None
    twice = find(outlets, "Harbourton researchers built a ferry. The Harbourton ferry sails daily.", url=url)
    assert name(twice) == "Harbourton"
    assert find(outlets, "The Harbourton team built it. The Harbourton ferry sails.", url=url).name == "Harbourton"
    society = "The Harbourton Society met. The Harbourton Society voted."
    assert name(find(outlets, society, url="https://harbourton.org/x")) == "The Harbourton Society", "never alone"


def test_a_name_inside_a_longer_one_shares_its_evidence(outlets: Outlets) -> None:
    text = "Fares rose.\nSign up for HarbourHub Sponsors\nHarbourHub Sponsors helps. HarbourHub Sponsors pays."
    assert name(find(outlets, text, url="https://harbourhub.com/x")) == "HarbourHub"


def test_the_links_a_saved_page_resolved_give_its_address(outlets: Outlets) -> None:
    text = "[](https://www.theharbourinsider.com/2026/02/<#top>)\nFares rose.\nAbout The Harbour Insider"
    assert name(find(outlets, text)) == "The Harbour Insider"
    listed = "Fares rose.\n[\n  Other story\n  ](https://www.aljazeera.com/news/<https:/www.aljazeera.com/x>)"
    assert name(find(outlets, listed)) == "Al Jazeera", "a link whose text runs over lines"


def test_an_email_address_on_the_sites_domain_names_it_when_nothing_else_does(outlets: Outlets) -> None:
    text = "Fares rose.\nJane Roe writes for The Harbour Insider. jane@theharbourinsider.com"
    assert name(find(outlets, text)) == "The Harbour Insider"
    assert find(outlets, "Fares rose. Write to jane@theharbourinsider.com") is None, "no name for the domain"
    two = text + "\nPress: media@acmeferries.com, Acme Ferries"
    assert find(outlets, two) is None, "two domains named: whose page is it?"


def test_a_hosting_platforms_account_is_not_the_publication(outlets: Outlets) -> None:
    text = "Talks stalled.\nNorth Star Notes is a reader-supported publication.\n© 2026 Jane Roe · Privacy"
    found = find(outlets, text, url="https://janeroe.substack.com/p/talks")
    assert (name(found), found.how) == ("North Star Notes", "sign-off")
    assert name(find(outlets, text)) == "North Star Notes"
    alone = "Talks stalled.\n© 2026 Jane Roe · Privacy"
    assert find(outlets, alone, url="https://janeroe.substack.com/p/talks") is None, "the account's owner"


def test_a_pages_reference_to_itself_names_its_outlet(outlets: Outlets) -> None:
    reference = '"Ferry fares rise." ScienceDaily. Retrieved 5 May 2026.'
    assert name(find(outlets, "Fares rose.\n**Cite This Page**:\n" + reference)) == "ScienceDaily"
    assert find(outlets, "Fares rose.\nSources:\n" + reference) is None


def test_a_section_ending_a_title_is_not_an_outlet_on_its_own(outlets: Outlets) -> None:
    assert find(outlets, "Cells divide.", title="How cells divide - Science") is None
    assert name(find(outlets, "Cells divide.", title="How cells divide | The Guardian")) == "The Guardian"


def test_a_copyright_line_names_the_outlet(outlets: Outlets) -> None:
    text = "Talks resumed on Monday.\n\n© 2026 The Guardian. All rights reserved."
    found = find(outlets, text, chrome=((25, len(text)),))
    assert (name(found), found.how) == ("The Guardian", "sign-off")
    assert spans(found, text) == ["The Guardian"]


def test_a_newsletter_appeal_names_the_outlet(outlets: Outlets) -> None:
    text = "Talks went on.\nSign up for The Week's Free Newsletters\nThe Week ahead looks busy."
    assert name(find(outlets, text)) == "The Week"
    assert name(find(outlets, "Talks went on.\nStay with Newsweek for live coverage.")) == "Newsweek"
    assert find(outlets, "The Week ahead looks busy. Next week too.") is None, "an ambiguous name, no context"


def test_links_to_the_sites_own_pages_name_the_outlet(outlets: Outlets) -> None:
    text = (
        "[News](https://www.aljazeera.com/news/)\n[Features](https://www.aljazeera.com/features/)\n"
        "[Opinion](https://www.aljazeera.com/opinion/)\n\nDrone attacks continued, the UN said. "
        "Officials [told Reuters](https://www.reuters.com/world/x) the toll was rising."
    )
    found = find(outlets, text)
    assert (name(found), found.how) == ("Al Jazeera", "links")
    assert all(s.startswith("https://www.aljazeera.com/") for s in spans(found, text))
    assert find(outlets, "Officials [told Reuters](https://www.reuters.com/world/x) so.") is None, "a link in a sentence"
    # a saved page writes a relative link against its own address: one is enough
    resolved = "Officials said so.\n[](https://www.aljazeera.com/news/2026/2/9/</>)\nThe UN said more."
    assert name(find(outlets, resolved)) == "Al Jazeera"


def test_a_wire_dateline_byline_and_sign_off_name_the_outlet(outlets: Outlets) -> None:
    found = find(outlets, "KYIV, Feb 26 (Reuters) - Talks resumed.")
    assert (name(found), found.how) == ("Reuters", "dateline")
    byline = find(outlets, "Text.\n\nPeter Weber, The Week US\n\nPeter has worked at The Week.")
    assert (name(byline), byline.how) == ("The Week", "byline")
    assert name(find(outlets, "Profits rose 5 pct.\n REUTER\n")) == "Reuters"
    wrapped = find(outlets, "Officials met.\n© 2026 International Monetary\nFund")
    assert name(wrapped) == "International Monetary Fund", "a name wrapped over two lines"


def test_an_authors_note_names_the_outlet_but_a_former_job_does_not(outlets: Outlets) -> None:
    assert name(find(outlets, "Marco Diaz is a reporter for _Fortune_ covering business news.")) == "Fortune"
    assert find(outlets, "Anna Lee previously worked as a correspondent at NDTV.") is None


def test_repeated_plain_mentions_alone_are_weak(outlets: Outlets) -> None:
    found = find(outlets, "In a Truthout interview he said so.\nTrump is busy, but so is Truthout.")
    assert (name(found), found.how) == ("Truthout", "text")
    assert find(outlets, "In a Truthout interview he said so.") is None, "one mention"
    two = "CNN and Fox News carried the speech. CNN's ratings rose; Fox News's ratings fell."
    assert find(outlets, two) is None, "two outlets named equally"


def test_a_teaser_in_the_chrome_is_not_evidence_but_a_masthead_there_is(outlets: Outlets) -> None:
    body = "Drone strikes hit the city overnight, officials said."
    teaser = "\nCNN anchors react to the debate\nCNN ratings soar after the debate"
    assert name(find(outlets, body + teaser)) == "CNN"
    assert find(outlets, body + teaser, chrome=((len(body), len(body + teaser)),)) is None
    masthead = "\nSky News\n"
    assert name(find(outlets, body + masthead, chrome=((len(body), len(body + masthead)),))) == "Sky News"


def test_one_outlets_evidence_must_outweigh_the_others(outlets: Outlets) -> None:
    text = "Talks resumed.\n© 2026 The Guardian\n© 2026 Sky News"
    assert find(outlets, text) is None
    assert name(find(outlets, text, title="Talks resume | Sky News")) == "Sky News", "a title suffix and a copyright line"
    assert find(outlets, "Talks resumed.\n© 2026 The Guardian", title="Talks resume | Sky News") is None
    mention = "Talks resumed.\n© 2026 Sky News\nCNN had the story. CNN ran it all day."
    assert name(find(outlets, mention)) == "Sky News", "plain mentions do not outweigh a copyright line"


# --- the URL ------------------------------------------------------------------------------


def test_a_known_domain_decides(outlets: Outlets) -> None:
    url = "https://www.reuters.com/world/europe/x"
    found = find(outlets, "x", url=url)
    assert (name(found), found.how) == ("Reuters", "url")
    assert [url[e.start : e.end] for e in found.evidence] == ["www.reuters.com"]
    assert name(find(outlets, "x", url="https://news.bbc.co.uk/1/hi/x.stm")) == "BBC News"
    sky = find(outlets, "KYIV (Reuters) - Talks resumed.\n© 2026 Sky News", url="https://news.sky.com/story/x")
    assert name(sky) == "Sky News" and {e.where for e in sky.evidence} == {"url", "full_text"}
    assert outlets.from_url("https://edition.cnn.com/x") == "CNN" and outlets.from_url("example.org") is None


def test_canonical_names(outlets: Outlets) -> None:
    assert outlets.canonical("Reuter") == "Reuters"
    assert outlets.canonical("Center for Strategic and International Studies") == outlets.canonical("CSIS")
    assert outlets.canonical("Unlisted Daily") == "Unlisted Daily"


def test_an_own_table_keeps_the_shipped_cue_words(tmp_path: Path) -> None:
    table = tmp_path / "outlets.toml"
    table.write_text('["Harbour Post"]\ndomains = ["harbourpost.example"]\nnames = ["Harbour Post"]\n', "utf-8")
    mine = load_outlets(table)
    assert mine.find("", "Officials told Harbour Post so. Harbour Post said more.", (), None) is None
    assert mine.find("", "Text.\n© 2026 Harbour Post", (), None).name == "Harbour Post"
    assert mine.find("", "Text.\n\nAnna Lee, Harbour Post US\n", (), None).how == "byline"


def test_the_shipped_table_lists_each_domain_and_name_once() -> None:
    shipped = Path(__file__).resolve().parent.parent / "indexer" / "data" / "outlets.toml"
    data = tomllib.loads(shipped.read_text("utf-8"))
    tables = [(name, e) for name, e in data.items() if isinstance(e, dict)]
    domains = [d for _, e in tables for d in e.get("domains", [])]
    names = [n for name, e in tables for n in {name, *e.get("names", [])}]
    assert len(domains) == len(set(domains)) and len(names) == len(set(names))
    assert all(e.get("domains") for _, e in tables), "every outlet has a domain"
