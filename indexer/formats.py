"""Parsers that turn one decoded file into article fields, one function per format.

Each parser returns ``Parsed`` records holding raw metadata strings; turning those into
typed values (dates, outlets, parties) is the enrich step's job.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

MAX_TITLE_CHARS = 150
# Record fields with a meaning of their own; everything else is kept as an extra.
BODY_KEYS = ("body", "text", "content")
KNOWN_KEYS = {"id", "title", "date", "source", "url", *BODY_KEYS}
# json.loads recurses once per level, so "[[[[..." a few thousand deep exhausts the stack.
NESTED_TOO_DEEPLY = "invalid JSON: nested too deeply"
_URL = re.compile(r"https?://\S+$", re.I)


class FormatError(ValueError):
    """The file (or one record of it) is not valid in its format; the message says where."""


@dataclass
class Parsed:
    """One article's raw fields as found in the file."""

    body: str
    title: str = ""
    meta: dict[str, str] = field(default_factory=dict)  # date, source, url as written
    extra: dict[str, object] = field(default_factory=dict)
    record: str | None = None  # id suffix for records inside a file: "#<id>" or "#<line>"
    origin: str = "file"  # provenance label for the metadata found here
    title_in_text: bool = False  # no title given: the text's first line may be one (enrich decides)
    raw: str = ""  # the record as written: what its digest fingerprints
    positional: bool = False  # ``record`` is the record's place in the file, not an id of its own


def parse_txt(text: str) -> Iterator[Parsed]:
    """Plain text: all of it; its first line is the title when it reads as one (enrich
    decides, once the page's boilerplate is known: a first line "Skip to content" is not)."""
    yield Parsed(body=text, title_in_text=True, raw=text)


def parse_md(text: str) -> Iterator[Parsed]:
    """Markdown with optional YAML front matter (title, date, source or url, extras)."""
    import frontmatter  # only files of this format pay for the import
    import yaml

    try:
        post = frontmatter.loads(text)
    except yaml.YAMLError as exc:
        raise FormatError(f"front matter is not valid YAML: {_one_line(exc)}") from None
    meta = dict(post.metadata)
    title = str(meta.pop("title", "") or "")
    parsed = _record(meta, body=post.content, title=title, origin="front matter")
    parsed.title_in_text = not parsed.title
    parsed.raw = text
    yield parsed


def parse_html(text: str) -> Iterator[Parsed]:
    """HTML: main text and metadata extracted by trafilatura (no network)."""
    import trafilatura

    doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False)
    data = doc.as_dict() if doc is not None else {}
    body = str(data.get("text") or "")
    title = str(data.get("title") or "")
    if body.startswith(title) and title:
        body = body[len(title):].lstrip("\n")
    meta = {
        "date": data.get("date"),
        "source": data.get("sitename"),
        "url": data.get("url"),
        "author": data.get("author"),
        "description": data.get("description"),
    }
    parsed = _record({k: v for k, v in meta.items() if v}, body=body, title=title, origin="html")
    parsed.raw = text
    yield parsed


def parse_json(text: str) -> Iterator[Parsed]:
    """JSON: one article object, or a list of them."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError(f"invalid JSON: {exc}") from None
    except RecursionError:
        raise FormatError(NESTED_TOO_DEEPLY) from None
    items = data if isinstance(data, list) else [data]
    for index, item in enumerate(items):
        parsed = _json_record(item, f"#{index}")
        parsed.raw = json.dumps(item, sort_keys=True, ensure_ascii=False)  # one item, not the whole file
        yield parsed


def parse_jsonl(text: str) -> Iterator[Parsed | FormatError]:
    """JSON Lines: one article a line; a bad line is reported and the rest still indexed."""
    for number, line in jsonl_lines(text):
        yield parse_jsonl_line(number, line)


def jsonl_lines(text: str) -> Iterator[tuple[int, str]]:
    """The non-blank lines of a JSONL file with their line numbers: its records as written,
    which reindex can compare before parsing any of them."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield number, line


def parse_jsonl_line(number: int, line: str) -> Parsed | FormatError:
    """One JSONL record, or why it cannot be read."""
    try:
        parsed = _json_record(json.loads(line), f"#{number}")
    except json.JSONDecodeError as exc:
        return FormatError(f"line {number}: invalid JSON: {exc.msg}")
    except RecursionError:
        return FormatError(f"line {number}: {NESTED_TOO_DEEPLY}")
    except FormatError as exc:
        return FormatError(f"line {number}: {exc}")
    parsed.raw = line
    return parsed


def _json_record(item: object, position: str) -> Parsed:
    if not isinstance(item, dict):
        raise FormatError(f"record {position.lstrip('#')} is not an object")
    body = next((item[k] for k in BODY_KEYS if isinstance(item.get(k), str)), "")
    record_id = item.get("id")
    parsed = _record(item, body=body, title=str(item.get("title") or ""), origin="json")
    parsed.positional = not (isinstance(record_id, (str, int)) and str(record_id))
    parsed.record = position if parsed.positional else f"#{record_id}"
    return parsed


def _record(meta: dict, *, body: str, title: str, origin: str) -> Parsed:
    """Split a metadata mapping into the fields parley knows and extras it keeps. A
    ``source`` that is an address (crawlers write the page's URL there) is the url."""
    known = {k: _one_line(meta[k]) for k in ("date", "source", "url") if meta.get(k)}
    if _URL.match(known.get("source", "")):
        source = known.pop("source")
        known.setdefault("url", source)
    extra = {k: _plain(v) for k, v in meta.items() if k not in KNOWN_KEYS}
    return Parsed(body=body, title=title.strip(), meta=known, extra=extra, origin=origin)


def _plain(value: object) -> object:
    """Make a metadata value JSON-safe (YAML gives dates and other objects)."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return str(value)


def _one_line(value: object) -> str:
    return " ".join(str(value).split())


PARSERS: dict[str, Callable[[str], Iterator[Parsed | FormatError]]] = {
    ".txt": parse_txt,
    ".md": parse_md,
    ".markdown": parse_md,
    ".html": parse_html,
    ".htm": parse_html,
    ".json": parse_json,
    ".jsonl": parse_jsonl,
}
