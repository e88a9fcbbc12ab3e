"""Ingest: find article files under the given paths and read each into Article records.

Reading never aborts a run and never writes to the user's files: anything that cannot be
read becomes a ``Skip`` with a one-line reason.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from indexer.article import Article, FileResult, FileState, Skip
from indexer.catalog import CATALOG_NAME, CatalogCache
from indexer.formats import PARSERS, FormatError, Parsed, jsonl_lines, parse_jsonl_line

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
SKIPPED_DIRS = {".git", ".hg", ".svn", "__pycache__", "node_modules", ".venv"}
_SNIFF = 8192
_STRAY_BYTES = 8
_SURROGATE = re.compile("[\ud800-\udfff]")
_AS_JSON = json.JSONEncoder(ensure_ascii=False, default=str)
T = TypeVar("T")


FEEDS = (".json", ".jsonl")  # files of many articles: the size limit is per record


@dataclass(frozen=True)
class IngestOptions:
    """Knobs a user may set; the defaults suit saved news articles. ``max_bytes`` limits one
    article: a file of one, or one record of a JSON/JSONL feed (a feed may be any size)."""

    max_bytes: int = DEFAULT_MAX_BYTES


def supported(path: Path) -> bool:
    return path.suffix.lower() in PARSERS and path.name != CATALOG_NAME


def discover(paths: Iterable[Path]) -> Iterator[Path | Skip]:
    """Yield each article file under ``paths`` (sorted, so runs are repeatable).

    Hidden and version-control folders are not entered; symlinked folders are not followed,
    which also rules out symlink loops. A named path that is missing or unsupported is a Skip.
    """
    for root in paths:
        if root.is_dir():
            yield from _walk(root)
        elif not root.exists():
            yield Skip(str(root), "no such file or folder")
        elif supported(root):
            yield root
        else:
            yield Skip(str(root), f"unsupported file type {root.suffix or '(none)'}")


def _walk(root: Path) -> Iterator[Path | Skip]:
    for folder, dirs, files in os.walk(root, onerror=None):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)
        for name in sorted(files):
            path = Path(folder, name)
            if name.startswith(".") or not supported(path):
                continue
            if _SURROGATE.search(str(path)):
                yield Skip(shown_path(path), "file name is not valid UTF-8: rename the file to index it")
            else:
                yield path


def shown_path(path: Path) -> str:
    """``path`` as printable text: bytes that are not UTF-8 in a file name become ``\\xNN``.

    Python keeps such bytes as lone surrogates, which the index and stdout cannot encode;
    those files are skipped, and this is how the skip names them.
    """
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def stat_state(path: Path) -> tuple[int, int]:
    """(size, mtime_ns): the cheap check reindex makes before reading a file."""
    st = path.stat()
    return st.st_size, st.st_mtime_ns


def read_file(path: Path, catalogs: CatalogCache, options: IngestOptions,
              known: Mapping[str, str] | None = None) -> FileResult:
    """Read one file into articles; every failure becomes a Skip, never an exception.

    ``known`` maps the digests of records already indexed from this file to their ids. A
    JSONL line whose digest is there is not parsed again, only listed in ``digests``: in a
    20,000-record feed with a few edited records, parsing all of them was most of a reindex.
    """
    key = str(path)
    try:
        with open(path, "rb", opener=_open_nonblocking) as handle:
            st = os.fstat(handle.fileno())
            if not stat.S_ISREG(st.st_mode):
                return _skipped(key, 0, 0, "not a regular file (a pipe, socket or device)")
            if st.st_size > options.max_bytes and path.suffix.lower() not in FEEDS:
                size = _mb(st.st_size)
                return _skipped(key, st.st_size, st.st_mtime_ns, f"too large ({size} > {_mb(options.max_bytes)})")
            data = handle.read()
    except OSError as exc:
        return _skipped(key, 0, 0, f"unreadable: {exc.strerror or exc}")
    state = FileState(key, len(data), st.st_mtime_ns, hashlib.sha1(data).hexdigest())
    result = FileResult(state)
    text, problem = decode(data)
    if problem:
        result.skips.append(Skip(key, problem))
        return result
    entry = catalogs.entry(path)
    context = _AS_JSON.encode(entry)  # catalogue values change records too
    try:
        parsed = list(_parse(path.suffix.lower(), text, context, known or {}))
        _collect(result, key, parsed, entry, context, known or {}, options.max_bytes)
    except FormatError as exc:
        result.skips.append(Skip(key, str(exc)))
    except Exception as exc:  # a hostile file can trip any parser (trafilatura, YAML): skip it
        result.articles.clear()
        result.digests.clear()
        result.skips.append(Skip(key, f"cannot parse: {_problem(exc)}"))
    return result


def _parse(suffix: str, text: str, context: str, known: Mapping[str, str]) -> Iterator[Parsed | FormatError | str]:
    """The file's records in order, each parsed, or (a JSONL line already indexed) its digest."""
    if suffix != ".jsonl" or not known:
        yield from PARSERS[suffix](text)
        return
    for number, line in jsonl_lines(text):
        # the line as an id-carrying record, else as a record named by its line number
        candidates = (record_digest(context, "", line), record_digest(context, f"#{number}", line))
        digest = next((d for d in candidates if d in known), None)
        yield digest or parse_jsonl_line(number, line)


def record_digest(context: str, position: str, raw: str) -> str:
    """A fingerprint of one record as written (``raw``), under the file's catalogue entry
    (``context``), and at ``position`` when that is what names it: equal digests mean the
    same document, id included, so reindex can tell which records really changed."""
    return hashlib.sha1(f"{context}\n{position}\n{raw}".encode("utf-8", "surrogatepass")).hexdigest()


def _problem(exc: Exception) -> str:
    """A one-line description of a parser's unexpected exception."""
    if isinstance(exc, RecursionError):  # deeply nested JSON, YAML aliases that loop
        return "nested too deeply"
    return f"{type(exc).__name__}: {_one_line(str(exc))}"


def _open_nonblocking(path: str, flags: int) -> int:
    """Open without blocking: a FIFO named like an article would otherwise hang the run
    until some other process writes to it. Reads of regular files are unaffected."""
    return os.open(path, flags | os.O_NONBLOCK)


def _collect(result: FileResult, key: str, parsed: list[Parsed | FormatError | str], entry: dict[str, object],
             context: str, known: Mapping[str, str], max_bytes: int) -> None:
    """Add each record to ``result`` as an article (with its digest), a known digest or a skip;
    in file order, so a repeated id ends as its last record, as in the index."""
    if not parsed:
        result.skips.append(Skip(key, "no articles in the file"))
    for item in parsed:
        if isinstance(item, str):
            result.digests[known[item]] = item
        elif isinstance(item, FormatError):
            result.skips.append(Skip(key, str(item)))
        elif not (item.body.strip() or item.title.strip()):
            result.skips.append(Skip(key, f"no text{_where(item)}"))
        elif len(item.raw) > max_bytes and item.record:  # characters: at least as many bytes
            result.skips.append(Skip(key, f"too large{_where(item)} ({_mb(len(item.raw))} > {_mb(max_bytes)})"))
        else:
            article = _article(key, item, entry)
            result.articles.append(article)
            result.digests[article.id] = record_digest(context, item.record if item.positional else "", item.raw)


def _where(item: Parsed) -> str:
    return f" record {item.record.lstrip('#')}" if item.record else ""


def decode(data: bytes) -> tuple[str, str | None]:
    """Decode bytes as UTF-8 (BOMs honoured), else the best detected charset.

    Returns (text, None) or ("", reason) for empty, binary or undecodable input.
    """
    if not data.strip():
        return "", "empty file"
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return _clean(data.decode(codec)), None
            except UnicodeDecodeError:
                return "", f"invalid {codec} text"
    if b"\x00" in data[:_SNIFF]:
        return "", "binary file (NUL bytes)"
    text, stray = _utf8_with_stray_bytes(data)
    if stray <= max(_STRAY_BYTES, len(data) // 200):
        return _clean(text), None
    from charset_normalizer import from_bytes  # only for the rare file that is not UTF-8

    best = from_bytes(data[: 1024 * 1024]).best()
    if best is None:
        return "", "not text in any known encoding"
    return _clean(data.decode(best.encoding, errors="replace")), None


def _utf8_with_stray_bytes(data: bytes) -> tuple[str, int]:
    """UTF-8, reading each invalid byte as Windows-1252 (a stray "£" pasted from an old
    page); returns the text and how many bytes needed that. Many of them means the file is
    in another encoding altogether, which charset detection handles better."""
    stray = 0
    parts = []
    view = memoryview(data)
    while True:
        try:
            parts.append(str(view, "utf-8"))
            return "".join(parts), stray
        except UnicodeDecodeError as exc:
            parts.append(str(view[: exc.start], "utf-8"))
            bad = bytes(view[exc.start : exc.end])
            parts.append(bad.decode("cp1252", errors="replace"))
            stray += len(bad)
            view = view[exc.end :]


def _clean(text: str) -> str:
    """Normalise newlines and drop NULs so offsets match what every reader sees."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


def _article(path: str, item: Parsed, entry: dict[str, object]) -> Article:
    """The record as an article of its text as read; enrich separates its body from the
    page around it and, when no title was given, takes one from the text."""
    item = _scrubbed(item)
    provenance = {k: item.origin for k in item.meta}
    meta = dict(item.meta)
    title = item.title
    for key in ("title", "source", "date", "url"):
        if entry.get(key):
            meta[key] = str(entry[key])
            provenance[key] = "catalog"
    title = meta.pop("title", title)
    if title and "title" not in provenance:
        provenance["title"] = item.origin
    extra = {**item.extra, **{k: v for k, v in entry.items() if k not in ("title", "source", "date", "url")}}
    return Article(
        id=path + (item.record or ""),
        path=path,
        title=title,
        body=item.body,
        full_text=item.body,
        title_in_text=item.title_in_text and not title,
        source=meta.get("source"),
        date_text=meta.get("date"),
        url=meta.get("url"),
        extra=extra,
        provenance=provenance,
    )


def _scrubbed(item: Parsed) -> Parsed:
    """``item`` with lone surrogates (from JSON "\\ud800" escapes) replaced by U+FFFD: the
    index and stdout cannot encode them, and they never carry meaning."""
    item.body, item.title = _scrub(item.body), _scrub(item.title)
    item.meta = _scrub(item.meta)
    item.extra = _scrub(item.extra)
    item.record = _scrub(item.record)
    return item


def _scrub(value: T) -> T:
    if isinstance(value, str):
        return value if value.isascii() else _SURROGATE.sub("\ufffd", value)
    if not _SURROGATE.search(_AS_JSON.encode(value)):
        return value  # one pass in C instead of a Python call per value: feeds carry many
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    if isinstance(value, dict):
        return {_scrub(k): _scrub(v) for k, v in value.items()}
    return value


def _one_line(text: str, limit: int = 200) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _skipped(path: str, size: int, mtime_ns: int, reason: str) -> FileResult:
    return FileResult(FileState(path, size, mtime_ns, ""), skips=[Skip(path, reason)])


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"
