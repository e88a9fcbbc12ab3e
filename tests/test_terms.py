"""The term table saved with an index: every indexed word's term, so a search analyses its
query and highlights hits as the indexer did without importing NLTK. It is only a cache."""

from __future__ import annotations

import json
import marshal
import shutil
from pathlib import Path

from whoosh import index as whoosh_index

from indexer.engine.schema import text_analyzer
from indexer.engine.store import INDEX_NAME
from indexer.engine.terms import TABLE_NAME
from indexer.reindex import update_index
from tests.faultkit import parley
from tests.paths import SEEDS

QUERIES = ["ceasefire Kyiv", "Kiev negotiating", '"peace talks"', "Zelenskyy OR Donbass", "negotiationsy"]


def _table(index_dir: Path) -> dict[str, str]:
    return marshal.loads((index_dir / TABLE_NAME).read_bytes())


def _indexed_words(index_dir: Path) -> set[str]:
    with whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME).searcher() as searcher:
        return {word.decode() for word in searcher.reader().lexicon("words")}


def _answers(index_dir: Path) -> list[dict]:
    """Each query's JSON from a fresh `parley search` process, less its timing."""
    out = []
    for query in QUERIES:
        done = parley("search", query, "--format", "json", "--index", str(index_dir))
        assert done.returncode in (0, 1), done.stderr  # 1: nothing found
        answer = json.loads(done.stdout)
        answer.pop("took_ms")
        out.append(answer)
    return out


def test_the_table_holds_every_indexed_word_with_the_term_the_indexer_gave_it(tmp_path: Path) -> None:
    index_dir, extra = tmp_path / "index", tmp_path / "kiev.txt"
    extra.write_text("Talks in Kiev\n\nThe envoys met in Kiev on Monday for the negotiations.\n", "utf-8")
    update_index(index_dir, [SEEDS, extra])
    table, words = _table(index_dir), _indexed_words(index_dir)
    assert words and words <= table.keys()
    analyze = text_analyzer()
    assert all([t.text for t in analyze(word, mode="index")] == [table[word]] for word in words)
    assert table["kiev"] == "kyiv" and table["negotiations"] == "negoti"


def test_a_reindex_adds_the_words_it_brings(tmp_path: Path) -> None:
    articles, index_dir = tmp_path / "articles", tmp_path / "index"
    shutil.copytree(SEEDS, articles)
    update_index(index_dir, [articles])
    (articles / "new.txt").write_text("Quadrilateral parleys\n\nThe envoys held quadrilateral parleys.\n", "utf-8")
    update_index(index_dir)
    table = _table(index_dir)
    assert table["quadrilateral"] == "quadrilater" and table["parleys"] == "parley"


def test_searches_answer_alike_with_the_table_without_it_and_with_it_damaged(tmp_path: Path) -> None:
    """Words missing from the table (or a table unreadable) are analysed afresh, with NLTK."""
    index_dir = tmp_path / "index"
    update_index(index_dir, [SEEDS])
    with_table = _answers(index_dir)
    assert with_table[1]["total"] >= 1 and with_table[1]["hits"][0]["snippet"][0]["spans"], "Kiev finds Kyiv, marked"
    (index_dir / TABLE_NAME).unlink()
    assert _answers(index_dir) == with_table
    (index_dir / TABLE_NAME).write_bytes(b"\x00not a table")
    assert _answers(index_dir) == with_table


def test_a_full_reindex_starts_the_table_afresh(tmp_path: Path) -> None:
    articles, index_dir = tmp_path / "articles", tmp_path / "index"
    shutil.copytree(SEEDS, articles)
    update_index(index_dir, [articles])
    table = _table(index_dir)
    table["zzyzx"] = "stale"
    (index_dir / TABLE_NAME).write_bytes(marshal.dumps(table))
    update_index(index_dir, full=True)
    assert "zzyzx" not in _table(index_dir)
