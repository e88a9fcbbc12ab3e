"""NLTK analysis without downloaded data, and the parties gazetteer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from indexer import analysis
from indexer.gazetteer import Gazetteer, default_names
from tests.paths import SEEDS


def test_word_spans_are_exact_offsets() -> None:
    text = "Kyiv’s no-fly zone: U.S. aid of 1,500 units"
    words = [text[s:e] for s, e in analysis.word_spans(text)]
    assert words == ["Kyiv’s", "no", "fly", "zone", "U.S", "aid", "of", "1,500", "units"]


def test_terms_lowercase_drop_stop_words_and_stem() -> None:
    assert analysis.terms("The negotiators negotiated in Kyiv’s talks") == ["negoti", "negoti", "kyiv", "talk"]
    assert analysis.terms("U.S. 1,500") == ["u.s", "1,500"], "numbers and abbreviations are not stemmed"
    assert "no" in analysis.terms("no deal") and "not" in analysis.terms("not yet")


def test_needs_no_nltk_data(tmp_path: Path) -> None:
    """In a fresh process whose NLTK data path is an empty folder, analysis still works."""
    code = (
        "import nltk; nltk.data.path[:] = [%r]\n"
        "from indexer import analysis\n"
        "print(analysis.terms('Negotiations continued in Kyiv'))" % str(tmp_path)
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['negoti', 'continu', 'kyiv']"



def test_stems_keep_the_first_letter() -> None:
    """Highlighting stems only words whose initial a wanted term has (schema.WordTokenizer),
    which is exact only while no stem starts with another letter than its word."""
    text = " ".join(path.read_text("utf-8") for path in SEEDS.glob("*.txt"))
    text += " dying lying tying skies skis ugly early only idly gently news inning proceeding"
    words = {analysis.normalize(text[s:e]) for s, e in analysis.word_spans(text)}
    assert [w for w in words if analysis.stem(w)[:1] != w[:1]] == []

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
