"""`parley`: index, reindex, search, show, stats, and the terminal UI.

Exit status follows grep: 0 when something was found, 1 when nothing, 2 on an error. The
module imports only what the chosen command needs, so `parley search` starts quickly.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path

from indexer.search import (
    SORTS,
    IndexBusy,
    IndexDamaged,
    IndexMissing,
    QueryError,
    SchemaMismatch,
    SearchRequest,
)

EXIT_FOUND, EXIT_NONE, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130  # what shells report for Ctrl-C


def default_index() -> Path:
    return Path(os.environ.get("PARLEY_INDEX") or "index")


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _index_option(default: object) -> argparse.ArgumentParser:
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument("--index", type=Path, default=default, metavar="DIR",
                         help="index folder (default: $PARLEY_INDEX, else ./index)")
    return options


def build_parser() -> argparse.ArgumentParser:
    """``--index`` goes before or after the command; after it, a command's own default would
    overwrite the one given before it, so commands leave it unset unless given."""
    parser = argparse.ArgumentParser(prog="parley", description=__doc__.split("\n")[0], parents=[_index_option(None)])
    common = _index_option(argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command")

    index = commands.add_parser("index", parents=[common], help="add files or folders to the index")
    index.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    _add_ingest_options(index)

    reindex = commands.add_parser("reindex", parents=[common], help="rescan remembered roots, touching only changes")
    reindex.add_argument("--full", action="store_true", help="re-read and re-index every file")
    _add_ingest_options(reindex)

    search = commands.add_parser("search", parents=[common], help="search the index")
    search.add_argument("query", nargs="?", default="", help="query (empty: every document)")
    search.add_argument("--source", action="append", default=[], metavar="S", help="only this outlet (repeatable)")
    search.add_argument("--party", action="append", default=[], metavar="P", help="only articles naming P (repeatable)")
    search.add_argument("--person", action="append", default=[], metavar="NAME", help="only articles naming this person (repeatable)")
    search.add_argument("--place", action="append", default=[], metavar="NAME", help="only articles naming this place (repeatable)")
    search.add_argument("--since", type=_date, metavar="DATE")
    search.add_argument("--until", type=_date, metavar="DATE")
    search.add_argument("--sort", choices=SORTS, default="relevance")
    search.add_argument("--limit", type=int, default=10, metavar="N", help="hits to return (0: all)")
    search.add_argument("--format", choices=("text", "json", "jsonl", "csv"), default="text")

    show = commands.add_parser("show", parents=[common], help="print one document")
    show.add_argument("id")
    show.add_argument("--highlight", default="", metavar="QUERY")
    show.add_argument("--format", choices=("text", "json"), default="text")

    stats = commands.add_parser("stats", parents=[common], help="describe the index")
    stats.add_argument("--format", choices=("text", "json"), default="text")

    export = commands.add_parser("export", parents=[common], help="write every matching document's metadata")
    export.add_argument("query", nargs="?", default="", help="query (empty: every document)")
    export.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    export.add_argument("--output", type=Path, default=None, metavar="FILE", help="write here instead of stdout")

    commands.add_parser("tui", parents=[common], help="open the terminal UI (the default)")
    return parser


def _add_ingest_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--max-mb", type=float, default=5.0,
                        help="skip articles larger than this: a file of one, or one record of a feed (default 5)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="summary format")
    parser.add_argument("--workers", type=_positive, default=None, metavar="N",
                        help="processes that index (default: one per core; small runs use one)")


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {text!r}")
    return int(text)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    index_dir = args.index or default_index()
    handler = {
        "index": cmd_index, "reindex": cmd_index, "search": cmd_search,
        "show": cmd_show, "stats": cmd_stats, "export": cmd_export, "tui": cmd_tui, None: cmd_tui,
    }[args.command]
    try:
        return handler(args, index_dir)
    except (IndexMissing, SchemaMismatch, IndexDamaged, QueryError, IndexBusy) as exc:
        print(f"parley: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # `parley search ... | head` is fine
        return EXIT_FOUND
    except OSError as exc:
        print(f"parley: {_os_error(exc, index_dir, args.command)}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:  # Ctrl-C outside a reindex's batches (those report what they committed)
        print("parley: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def _os_error(exc: OSError, index_dir: Path, command: str | None) -> str:
    """One line for a system error. Ingest turns unreadable articles into skips, so an
    OSError while indexing is the index folder failing (full disk, read-only): say so, and
    that Whoosh's atomic commits left the last committed state in place."""
    from indexer.output import printable

    where = f" ({exc.filename})" if exc.filename and str(exc.filename) != str(index_dir) else ""
    if command in ("index", "reindex"):
        text = (f"cannot write the index at {index_dir}: {exc.strerror or exc}{where}; "
                "it keeps its last committed state")
    else:
        text = f"{exc.strerror or exc}: {exc.filename or index_dir}"
    return printable(text)


def cmd_index(args: argparse.Namespace, index_dir: Path) -> int:
    from indexer.ingest import IngestOptions
    from indexer.reindex import update_index

    paths = getattr(args, "paths", [])
    options = IngestOptions(max_bytes=int(args.max_mb * 1024 * 1024))
    full = getattr(args, "full", False)
    if sys.stderr.isatty():
        from indexer.progress import ProgressBar

        with ProgressBar() as bar:
            summary = update_index(index_dir, paths, full=full, options=options, progress=bar.update, workers=args.workers)
    else:
        summary = update_index(index_dir, paths, full=full, options=options, workers=args.workers)
    if args.format == "json":
        print(json.dumps(summary.as_dict(), ensure_ascii=False, indent=2))
    else:
        from indexer.output import printable

        for skip in summary.skipped:
            print(printable(f"skipped {skip.path}: {skip.reason}"), file=sys.stderr)
        print(summary.line())
    return EXIT_INTERRUPTED if summary.interrupted else EXIT_FOUND


def cmd_search(args: argparse.Namespace, index_dir: Path) -> int:
    from indexer import output
    from indexer.search import open_index

    request = SearchRequest(
        query=args.query, sources=tuple(args.source), parties=tuple(args.party),
        people=tuple(args.person), places=tuple(args.place),
        since=args.since, until=args.until, sort=args.sort,
        limit=args.limit or None, facets=args.format == "json" or args.format == "text",
    )
    index = open_index(index_dir, one_off=True)
    result = index.search(request)
    if args.format == "json":
        print(output.result_json(result))
    elif args.format == "jsonl":
        sys.stdout.write(output.result_jsonl(result))
    elif args.format == "csv":
        sys.stdout.write(output.result_csv(result))
    else:
        from indexer.present import print_result

        print_result(result)
    return EXIT_FOUND if result.total else EXIT_NONE


def cmd_show(args: argparse.Namespace, index_dir: Path) -> int:
    from indexer import output
    from indexer.search import open_index

    doc = open_index(index_dir, one_off=True).document(args.id, args.highlight)
    if doc is None:
        print(f"parley: no document with id {args.id!r}", file=sys.stderr)
        return EXIT_NONE
    if args.format == "json":
        print(output.document_json(doc))
    else:
        from indexer.present import print_document

        print_document(doc)
    return EXIT_FOUND


def cmd_stats(args: argparse.Namespace, index_dir: Path) -> int:
    from indexer import output
    from indexer.search import open_index

    stats = output.stats_dict(open_index(index_dir, one_off=True).stats())
    if args.format == "json":
        print(json.dumps(stats, indent=2))
    else:
        for key, value in stats.items():  # roots are paths, which may hold control characters
            print(output.printable(f"{key:15} {', '.join(value) if isinstance(value, (list, tuple)) else value}"))
    return EXIT_FOUND


def cmd_export(args: argparse.Namespace, index_dir: Path) -> int:
    """Every match, no limit, as metadata rows: how metadata reaches a spreadsheet or script."""
    from indexer import output
    from indexer.search import open_index

    request = SearchRequest(query=args.query, limit=None, highlight=False, facets=False)
    result = open_index(index_dir).search(request)
    render = output.export_csv if args.format == "csv" else output.export_jsonl
    text = render(result.hits)
    if args.output:
        args.output.write_text(text, "utf-8")
        print(f"exported {result.total} documents to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_FOUND if result.total else EXIT_NONE


def cmd_tui(args: argparse.Namespace, index_dir: Path) -> int:
    from tui.app import run

    return run(index_dir)


if __name__ == "__main__":
    sys.exit(main())
