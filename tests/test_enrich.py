"""Enrich: each value taken in order of trust, with where it came from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.article import Article
from indexer.enrich import enrich
from indexer.gazetteer import load_names
from indexer.outlets import load_outlets

DATA = {
    "parties.toml": '["Russia"]\naliases = ["Russian", "Kremlin", "Moscow"]\n'
                    '["Ukraine"]\naliases = ["Kyiv", "Kiev", "Ukrainian"]\nspellings = [["Kyiv", "Kiev"]]\n'
                    '["Georgia"]\naliases = ["Georgian", "Tbilisi"]\nnot_within = ["Atlanta, Georgia"]\n',
    "people.toml": '["Sergey Lavrov"]\nparty = "Russia"\naliases = ["Lavrov", "Sergei Lavrov"]\n'
                   '["Volodymyr Zelenskyy"]\nparty = "Ukraine"\naliases = ["Zelensky", "Zelenskyy"]\n'
                   'spellings = [["Zelenskyy", "Zelensky", "Zelenskiy"]]\n',
    "places.toml": '["Donbas"]\naliases = ["Donbass"]\nspellings = [["Donbas", "Donbass"]]\n',
    "outlets.toml": '["BBC News"]\ndomains = ["bbc.co.uk"]\nnames = ["BBC"]\nself_references = ["told the BBC"]\n'
                    '["Reuters"]\ndomains = ["reuters.com"]\nnames = ["Reuter"]\n'
                    '["Newsweek"]\ndomains = ["newsweek.com"]\n'
                    '["The Week"]\ndomains = ["theweek.com"]\nambiguous = true\n'
                    '["Truthout"]\ndomains = ["truthout.org"]\n',
}


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("data")
    for name, text in DATA.items():
        (folder / name).write_text(text, "utf-8")
    return load_names(folder), load_outlets(folder / "outlets.toml")


def article(body: str, title: str = "A title", **fields) -> Article:
    return Article(id="x", path="x", title=title, body=body, **fields)


def run(data, a: Article) -> Article:
    return enrich(a, *data)


def test_explicit_metadata_wins_and_is_tidied(data) -> None:
    a = run(data, article("Stay with Newsweek.", source="  Reuter ", date_text="2025-03-14",
                          url="https://truthout.org/x", provenance={"source": "json", "date": "json"}))
    assert (a.source, a.date.date().isoformat()) == ("Reuters", "2025-03-14")
    assert a.provenance["source"] == "json" and a.provenance["date"] == "json"


def test_outlet_from_the_url_domain(data) -> None:
    a = run(data, article("Talks went on.", url="https://www.newsweek.com/russia-ukraine-123"))
    assert (a.source, a.provenance["source"]) == ("Newsweek", "url")
    assert run(data, article("x", url="https://edition.theweek.com/a")).source == "The Week"
    assert run(data, article("x", url="https://example.org/a")).source is None


@pytest.mark.parametrize(
    ("body", "outlet", "how"),
    [
        ("KYIV, Feb 26 (Reuters) - Talks resumed.", "Reuters", "dateline"),
        ("Text.\n\nPeter Weber, The Week US\n\nPeter has worked at The Week.", "The Week", "byline"),
        ("Text.\nStay with Newsweek for live coverage.", "Newsweek", "sign-off"),
        ("In a Truthout interview he said so.\nTrump is busy, but so is Truthout.", "Truthout", "text"),
        ("The manager told the BBC he was pleased.", "BBC News", "self-reference"),
    ],
)
def test_outlet_from_how_the_text_names_itself(data, body: str, outlet: str, how: str) -> None:
    a = run(data, article(body))
    assert (a.source, a.provenance["source"]) == (outlet, how)


def test_a_cited_outlet_is_not_the_outlet(data) -> None:
    assert run(data, article("He told Truthout on Monday. Truthout has the letter.")).source is None
    assert run(data, article("The Week ahead looks busy. Next week too.")).source is None, "ambiguous name"


def test_date_from_the_text_with_its_evidence(data) -> None:
    a = run(data, article("Published November 26, 2025\nTalks went on."))
    assert (a.date.date().isoformat(), a.date_precision, a.provenance["date"]) == ("2025-11-26", "day", "stamp")
    [span] = a.evidence["date"]["2025-11-26"]
    assert "November 26, 2025" in a.body[span.start : span.end]


def test_a_stored_date_the_page_contradicts_is_kept_beside_it_and_flagged(data) -> None:
    body = "Published 5 February 2026\nTalks went on."
    a = run(data, article(body, date_text="2026-01-30", provenance={"date": "front matter"}))
    assert (a.date.date().isoformat(), a.provenance["date"]) == ("2026-02-05", "stamp")
    assert a.date_alternatives == [{"date": "2026-01-30", "precision": "day", "from": "front matter"}]
    agreeing = run(data, article(body, date_text="2026-02", provenance={"date": "front matter"}))
    assert agreeing.date_alternatives == [] and agreeing.provenance["date"] == "front matter"


def test_the_catalogue_date_a_user_wrote_wins_over_the_page(data) -> None:
    a = run(data, article("Published 5 February 2026\nTalks went on.", date_text="2026-01-30",
                          provenance={"date": "catalog"}))
    assert (a.date.date().isoformat(), a.provenance["date"]) == ("2026-01-30", "catalog")
    assert a.date_alternatives[0]["date"] == "2026-02-05"


def test_a_month_stays_a_month(data) -> None:
    a = run(data, article("Talks went on.", date_text="2025-03", provenance={"date": "front matter"}))
    assert (a.date.date().isoformat(), a.date_precision) == ("2025-03-01", "month")


def test_unknown_stays_unknown(data) -> None:
    a = run(data, article("Nothing dated and no outlet here, on Tuesday.", date_text="sometime soon"))
    assert a.source is None and a.date is None
    assert a.extra["unparsed_date"] == "sometime soon" and "date" not in a.provenance


def test_people_places_and_the_party_a_person_acts_for(data) -> None:
    a = run(data, article("Sergei Lavrov spoke about Donbass while Zelenskiy... no, Zelensky listened."))
    assert a.people == ["Sergey Lavrov", "Volodymyr Zelenskyy"]
    assert a.places == ["Donbas"]
    assert a.parties == ["Russia", "Ukraine"], "named only through the people who act for them"
    assert a.provenance["parties"] == "text"
    assert {a.body[e.start : e.end] for e in a.evidence["parties"]["Russia"]} >= {"Sergei Lavrov"}


def test_not_within_rules_resolve_context(data) -> None:
    assert run(data, article("Delegates met in Atlanta, Georgia on Monday.")).parties == []
    assert run(data, article("Georgian officials met in Tbilisi.")).parties == ["Georgia"]


def test_spellings_fold_variants(data) -> None:
    spellings = data[0].spellings
    assert spellings["kiev"] == "kyiv" and spellings["zelenskiy"] == spellings["zelensky"] == "zelenskyy"
    assert spellings["donbass"] == "donbas" and "moscow" not in spellings


def test_export_writes_every_match_with_provenance(capsys, seed_index: Path, tmp_path: Path) -> None:
    from indexer.cli import main

    assert main(["export", "--index", str(seed_index)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 5
    assert set(rows[0]) == {"id", "path", "title", "url", "source", "date", "date_precision", "parties", "mentions",
                            "people", "places", "provenance"}
    assert all(r["provenance"]["source"] == "catalog" for r in rows)
    out = tmp_path / "meta.csv"
    assert main(["export", "party:nato", "--index", str(seed_index), "--format", "csv", "--output", str(out)]) == 0
    lines = out.read_text("utf-8").splitlines()
    assert lines[0].startswith("id,path,title,url,source,date,date_precision,parties,mentions,people,places,provenance")
    assert 1 < len(lines) < 6 and "source=catalog" in lines[1]


def test_a_malformed_address_is_no_outlet_and_no_error(data) -> None:
    a = run(data, article("Talks went on.", url="http://[oops/2025/03/05/x"))
    assert a.source is None and a.body == "Talks went on."


def test_an_updated_date_keeps_its_precision(data) -> None:
    a = run(data, article("Updated April 2025\nThe envoys met."))
    assert (a.updated.date().isoformat(), a.updated_precision) == ("2025-04-01", "month")
