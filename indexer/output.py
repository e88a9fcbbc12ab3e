"""Render search API results for the CLI: text for people, JSON/JSONL/CSV for scripts.

Article text is data from the wild: every text rendering goes through ``printable`` so an
ANSI or OSC escape in an article can never reach the terminal live.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import asdict

from indexer.search import Document, Facets, Hit, IndexStats, SearchResult, date_label

FACET_NAMES = ("source", "parties", "people", "places", "year", "month")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Replace control characters (escape sequences included) with visible symbols."""
    return _CONTROL.sub(lambda m: chr(0x2400 + ord(m.group())) if ord(m.group()) < 0x20 else "\ufffd", text)


def hit_dict(hit: Hit) -> dict[str, object]:
    data = asdict(hit)
    data["date"] = date_label(hit.date, hit.date_precision)
    data["snippet"] = [
        {"text": f.text, "start": f.start, "spans": [[s.start, s.end] for s in f.spans]} for f in hit.snippet
    ]
    data["highlights"] = [[s.start, s.end] for s in hit.highlights]
    data["title_highlights"] = [[s.start, s.end] for s in hit.title_highlights]
    return data


def facets_dict(facets: Facets) -> dict[str, dict[str, int]]:
    return {name: {v.value: v.count for v in getattr(facets, name)} for name in FACET_NAMES}


def result_json(result: SearchResult) -> str:
    return json.dumps(
        {
            "query": result.request.query,
            "total": result.total,
            "took_ms": result.took_ms,
            "hits": [hit_dict(h) for h in result.hits],
            "facets": facets_dict(result.facets),
            "suggestion": result.suggestion,
        },
        ensure_ascii=False,
        indent=2,
    )


def result_jsonl(result: SearchResult) -> str:
    return "".join(json.dumps(hit_dict(h), ensure_ascii=False) + "\n" for h in result.hits)


CSV_COLUMNS = ("id", "path", "title", "source", "date", "parties", "people", "places", "score", "url", "snippet")


def result_csv(result: SearchResult) -> str:
    """CSV of the hits; text cells go through ``printable`` because CSV is read in terminals too."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for hit in result.hits:
        snippet = printable(" … ".join(" ".join(f.text.split()) for f in hit.snippet))
        writer.writerow([printable(hit.id), printable(hit.path), printable(hit.title), printable(hit.source or ""),
                         date_label(hit.date, hit.date_precision) or "",
                         "; ".join(hit.parties), "; ".join(hit.people), "; ".join(hit.places),
                         "" if hit.score is None else hit.score, hit.url or "", snippet])
    return out.getvalue()


EXPORT_COLUMNS = ("id", "path", "title", "url", "source", "date", "date_precision", "parties", "mentions", "people",
                  "places", "provenance")
_LISTS = ("parties", "mentions", "people", "places")


def export_row(hit: Hit) -> dict[str, object]:
    """A document's metadata and where each inferred value came from."""
    return {
        "id": hit.id, "path": hit.path, "title": hit.title, "url": hit.url, "source": hit.source,
        "date": date_label(hit.date, hit.date_precision), "date_precision": hit.date_precision,
        **{key: list(getattr(hit, key)) for key in _LISTS}, "provenance": hit.provenance,
    }


def export_jsonl(hits: tuple[Hit, ...]) -> str:
    return "".join(json.dumps(export_row(h), ensure_ascii=False) + "\n" for h in hits)


def export_csv(hits: tuple[Hit, ...]) -> str:
    """Lists joined with "; ", provenance as "field=origin" pairs, so a spreadsheet reads it."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    for hit in hits:
        row = export_row(hit)
        for key in _LISTS:
            row[key] = "; ".join(row[key])
        row["provenance"] = "; ".join(f"{k}={v}" for k, v in sorted(hit.provenance.items()))
        writer.writerow([printable(str(row[c])) if row[c] is not None else "" for c in EXPORT_COLUMNS])
    return out.getvalue()


def document_json(doc: Document) -> str:
    """The document with its metadata, where each value came from (``provenance``) and the
    passages behind it (``evidence``: field -> value -> [{"in", "start", "end"}])."""
    data = asdict(doc)
    data["date"] = date_label(doc.date, doc.date_precision)
    data["updated"] = date_label(doc.updated, doc.updated_precision)
    for key in ("highlights", "title_highlights", "boilerplate", "full_highlights"):
        data[key] = [[s.start, s.end] for s in getattr(doc, key)]
    data["evidence"] = {
        key: {value: [e.as_json() for e in spans] for value, spans in by_value.items()}
        for key, by_value in doc.evidence.items()
    }
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def stats_dict(stats: IndexStats) -> dict[str, object]:
    data = asdict(stats)
    data["last_reindex"] = stats.last_reindex.isoformat() if stats.last_reindex else None
    return data
