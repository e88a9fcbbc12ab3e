"""NLTK analysis without downloaded data, and the parties gazetteer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from indexer import analysis
from indexer.engine.schema import text_analyzer
from indexer.gazetteer import Gazetteer, default_names
from tests.paths import CORPORA, SEEDS


def test_word_spans_are_exact_offsets() -> None:
    text = "Kyiv’s no-fly zone: U.S. aid of 1,500 units"
    words = [text[s:e] for s, e in analysis.word_spans(text)]
    assert words == ["Kyiv’s", "no", "fly", "zone", "U.S", "aid", "of", "1,500", "units"]


def _terms(text: str, mode: str) -> list[tuple[str, int, int, int]]:
    """What the engine's analyzer makes of ``text`` when indexing (``mode="index"``, NLTK's
    tokenizer) or searching (``""``, the same pattern matched directly)."""
    tokens = text_analyzer()(text, positions=True, chars=True, mode=mode)
    return [(t.text, t.pos, t.startchar, t.endchar) for t in tokens]


def test_terms_lowercase_drop_stop_words_fold_and_stem() -> None:
    def terms(text: str) -> list[str]:
        return [term for term, *_ in _terms(text, "index")]

    assert terms("The negotiators negotiated in Kyiv’s talks") == ["negoti", "negoti", "kyiv", "talk"]
    assert terms("U.S. 1,500") == ["u.s", "1,500"], "numbers and abbreviations are not stemmed"
    assert "no" in terms("no deal") and "not" in terms("not yet")
    assert terms("Kiev Donbass") == ["kyiv", "donba"], "spelling variants fold before stemming"


def test_searching_analyses_text_exactly_as_indexing_did() -> None:
    """A search splits words without NLTK (``direct_word_spans``): on the seeds, a slice of
    a real corpus and hostile text, its terms, positions and offsets equal the indexer's."""
    texts = [path.read_text("utf-8") for path in SEEDS.glob("*.txt")]
    texts += [line for _, line in zip(range(300), (CORPORA / "reuters-21578.jsonl").open(encoding="utf-8"))]
    texts += [
        "Kyiv’s no-fly zone: U.S. aid of 1,500 units, 5.93% o'clock 'quoted' end.",
        "[bold]Evil[/] \x1b[31mred\x1b[0m \u200bzero\u200bwidth e\u0301t\u00e9 \u0417\u0435\u043b\u0435\u043d\u0441\u044c\u043a\u0438\u0439 \u57fa\u8f85 \U0001f600 a..b 1..2 3,,4",
        "",
    ]
    for text in texts:
        assert analysis.direct_word_spans(text) == analysis.word_spans(text)
        assert _terms(text, "") == _terms(text, "index")


def test_needs_no_nltk_data(tmp_path: Path) -> None:
    """In a fresh process whose NLTK data path is an empty folder, analysis still works."""
    code = (
        "import nltk; nltk.data.path[:] = [%r]\n"
        "from indexer.engine.schema import text_analyzer\n"
        "print([t.text for t in text_analyzer()('Negotiations continued in Kyiv', mode='index')])" % str(tmp_path)
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['negoti', 'continu', 'kyiv']"


GAZ = Gazetteer({
    "Ukraine": ["Ukrainian", "Kyiv", "Kiev", "Zelensky", "Zelenskyy"],
    "Russia": ["Russian", "Kremlin", "Putin", "Sergey Lavrov", "Lavrov"],
    "United States": ["U.S.", "US", "Washington", "White House"],
    "Turkey": ["Turkish", "Ankara"],
})


def test_aliases_map_to_their_party_on_word_boundaries() -> None:
    found = GAZ.find("Zelenskyy met Putin's envoy; the Kremlin and the White House said Kiev agreed. Ukrainians...")
    assert found == {"Ukraine": 2, "Russia": 2, "United States": 1}
    assert GAZ.find("Russiaville and Kyivstar") == {}


def test_matching_is_case_sensitive_so_common_words_do_not_count() -> None:
    assert GAZ.find("they served turkey to us in washington state") == {}
    assert GAZ.find("Turkey and the US") == {"Turkey": 1, "United States": 1}
    assert GAZ.find("U.S. officials") == {"United States": 1}


def test_longest_alias_wins() -> None:
    assert GAZ.find("Sergey Lavrov said") == {"Russia": 1}


def test_not_within_phrases_name_no_party() -> None:
    gaz = Gazetteer({"United States": ["America"], "Belarus": ["Minsk"]}, ["Latin America", "Minsk agreements"])
    assert gaz.find("Latin America and the Minsk agreements") == {}
    assert gaz.find("America and Minsk") == {"United States": 1, "Belarus": 1}


def test_resolve_names_a_user_types() -> None:
    assert GAZ.resolve("kremlin") == "Russia"
    assert GAZ.resolve("united states") == "United States"
    assert GAZ.resolve("Atlantis") is None


def test_shipped_names_cover_the_story() -> None:
    """Each name, alone in a sentence, tags its party: directly, or through the person."""
    names = default_names()
    cases = {
        "Kyiv": "Ukraine", "Kiev": "Ukraine", "Zelensky": "Ukraine", "Zelenskyy": "Ukraine",
        "Kremlin": "Russia", "Putin": "Russia", "Lavrov": "Russia",
        "Witkoff": "United States", "Rubio": "United States", "U.S.": "United States",
        "Rutte": "NATO", "NATO": "NATO", "EU": "European Union", "Macron": "France",
        "Downing Street": "United Kingdom", "Minsk": "Belarus", "Beijing": "China", "Ankara": "Turkey",
    }
    for alias, party in cases.items():
        text = f"Officials in {alias} said"
        people = names.people.find(text)
        parties = set(names.parties.find(text)) | {names.person_party[p] for p in people}
        assert parties == {party}, alias
