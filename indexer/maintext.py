"""The article's own text: which lines of a text without markup are the page around it.

A saved page read as text (a ``.txt`` or ``.md`` file, a JSON record's ``body`` that is a page
dump) carries its site's menus, share buttons, cookie banners, appeals, other stories' teasers
and footers. Search, snippets, facets and inference should see only the article, yet nothing
is thrown away, so the page around it is returned as spans of whole lines.

A line (in hard-wrapped text, a paragraph of lines) is judged, with its cue phrases kept as
data (``indexer/data/boilerplate.toml``):

- on its own: nothing but links, or a note's URLs; one of the site's furniture (``Skip to
  content``, ``Share``, ``Subscribe``); a phrase of a cookie banner or a login box; a short line
  with a newsletter's or a copyright's words; a one-line teaser ("Read more...");
- by what it heads: a teaser list's header ("Recommended", "Most read") takes the lines after
  it up to the next paragraph of prose or a section of the article;
- as an appeal (give, join, subscribe) with the lines around it that address the reader, and
  just before it the lines that name what it names but the article does not;
- once the text shows it is a page (two lines of furniture at least), by its place: menus
  (runs of lines of one to three words, and list items between them), a listing's other
  stories, the short line over a piece of furniture, a blurb with furniture under it above
  the article, the author's bio box that closes it, and all that follows the article's
  densest run of prose but a byline. A page with no run of statements worth a story (a list
  of headlines) keeps only the item it leads with.

A text that is only cut snippets ("...", a search's results) has no article: all of it is
marked. A clean article (a wire story, a BBC text) holds none of the cues' words: a split of
the text and a set lookup tell that, so it costs little and comes back with ``()``.
"""

from __future__ import annotations

import os
import re
import tomllib
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial
from importlib import resources
from pathlib import Path

from indexer.evidence import Spans

_DATA_FILE = "boilerplate.toml"

# Markup a page dump keeps: markdown links and images, autolinks, bare URLs, path-like tokens.
_LINK = re.compile(r"!?\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\((?:[^()]|\([^()]*\))*\)")
_URL = re.compile(r"<(?:https?:|www\.|mailto:|/|#)[^<>\s]*>|\bhttps?://\S+|\bwww\.\S+")
_LINK_HINTS = ("](", "://", "www.")
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)[*_]|[*_](?!\w)")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))  # soft hyphen, zero widths
_LEADING_MARKS = " \t*#>_|•+-"  # bullets, heading and quote marks before a line's words
_EDGE_MARKS = _LEADING_MARKS + "|"
# Bytes that split words for the screen: all ASCII but letters, digits, "-" and "&".
_TOKEN_BYTES = bytes(b if chr(b).isalnum() or b >= 128 or chr(b) in "-&" else 32 for b in range(256))
_WORD = re.compile(r"[^\W\d_]+")
_GLUE = re.compile(r"[a-z][A-Z][a-z]")  # "LicensingSubmit": items of a menu run together
# A sentence's end (footnote marks after it allowed); "..." and "…" end a cut teaser instead.
_SENTENCE_END = re.compile(r"(?<![.…])[.!?][\"'”’)\]]*(?:\d{1,3}|\[\w{1,5}\])*$")
# A note line ("1. Title, accessed ..., <https://...>", "[[iv]](#ref4) https://t.me/...").
_REFERENCE = re.compile(
    r"\s*(?:\d+\.|\[\^?\w+\]|\[\[\w+\]\]\S*)\s.*(?:<https?://|(?<![(\w])https?://|www\.)\S*[\s>]*$"
)
_INNER_SENTENCE = re.compile(r"[a-z]{2}[.!?][\"'”’)]*\s+[A-Z]")  # a sentence's end inside a line
_BOLD_START = re.compile(r"\s*(?:[*•-]\s+)?\*\*\w")  # a line that begins in bold ("**Jane Roe** is")
_BULLET = re.compile(r"\s*(?:[*•+-]|\d{1,2}[.)])\s")  # a list's item
_PRONOUNS = frozenset(("he", "she", "his", "her", "him", "they", "their"))  # a bio goes on with these
_DATED = re.compile(r"\b(?:19|20)\d\d\b")  # a dateline or a byline's date is no menu item
# A bold line in capitals between paragraphs: a link to another story ("**WATCH: ...**").
_SHOUTED_LINK = re.compile(r"\*\*[^a-z*]*[A-Z]{2}[^a-z*]*\*\*")

_PROSE_WORDS = 8  # a line with at least this many words, ending as a sentence, is prose
_PROSE_STOPWORDS = 0.15  # and at least this share of them stop words
_LONG_PROSE_WORDS = 100  # a line this long that holds a sentence's end is prose however it ends
_PARAGRAPH_WORDS = 20  # prose this long ends a teaser list and counts for the article's run
_MENU_WORDS = 3  # menu items have at most this many words
_MENU_RUN = 3  # and come at least this many in a row
_ADDRESS_SHARE = 0.04  # an appeal addresses the reader at least this often ...
_APPEAL_SHARE = 0.06  # ... and the lines it takes in with it at least this often
_EVIDENCE = 2  # furniture lines that show the text is a page dump
_CHROME_WEIGHT = 10  # a furniture line counts against the article's run at most this much
_SIGN_OFF_WORDS = 8  # a byline, a sign-off or a heading has at most this many words
_LEAD_IN_LINES = 6  # how far before an appeal its opening may begin
_BIO_LINES = 12  # a bio that closes the article begins at most this many lines before its end
_BOX_WORDS = 5  # the name, picture and role lines over a bio have at most this many words
_SNIPPETS = 4  # this many cut snippets ("...") holding ...
_SNIPPET_SHARE = 0.6  # ... this share of a text's words make it a list of them
_NO_HEADING = 7  # the heading level of a line that is no heading
_STORY_WORDS = 40  # a page whose best run of statements is worth less ...
_STORY_SHARE = 0.1  # ... and less than this share of its words outside furniture is a list
_LISTING_RUN = 4  # headline-and-paragraph pairs in a row that make a page a listing
_LISTING_SHARE = 0.7  # of the page's prose words
_HEADLINE_WORDS = 20  # a listed story's headline has at most this many words
_TITLE_CASE_SHARE = 0.8  # and this share of them capitalised
_WRAP_CHARS = 100  # hard-wrapped text has no line longer than this
_WRAP_FULL = 0.75  # and most of its lines are at least this share of the longest
_LINE_CUE_CHARS = 200  # a line of furniture, or a list's header, is no longer than this
_HEAD_CHARS = 24  # of a line: enough to see how it begins
_GLUED_CHARS = 40  # of a line's end: where a glued header is looked for


@dataclass(frozen=True)
class Cues:
    """The compiled cues of one ``boilerplate.toml``."""

    words: tuple[str, ...]  # a cue's line holds one of these, or begins with one of
    long_line_starts: tuple[str, ...]  # these, or is short and begins with one of
    start_words: frozenset[str]  # these words
    start_phrases: tuple[str, ...]  # or these
    keys: frozenset[bytes]  # of the words: each word holds its key as a whole word ...
    keyed: dict[bytes, tuple[str, ...]]  # ... and these are the words of each key
    keyless: tuple[str, ...]  # words without a key ("©")
    line_start_chars: int
    chrome_line: re.Pattern[str]  # whole lines (a pattern of alternatives: tried at one place)
    opener: re.Pattern[str]  # at a line's start, whatever its length
    header: re.Pattern[str]
    teaser: re.Pattern[str]
    glued: re.Pattern[str]  # at a line's end
    chrome_phrases: tuple[re.Pattern[str], ...]  # anywhere (each alone: found faster so)
    short_phrases: tuple[re.Pattern[str], ...]
    appeals: tuple[re.Pattern[str], ...]
    appeal_shorts: tuple[re.Pattern[str], ...]
    errors: tuple[re.Pattern[str], ...]  # in a short text: an error page
    bio: re.Pattern[str]  # at a line's start: an author's bio
    address: frozenset[str]
    stopwords: frozenset[str]
    short_words: int
    error_page_words: int


@dataclass
class _Line:
    """A line, or in hard-wrapped text a paragraph of lines, and what it was judged to be.
    What a reader sees of it is read only when it is to be judged (``_read``)."""

    start: int
    end: int  # past the last newline
    raw: str
    cued: bool  # holds a cue's word: worth matching against the cues
    kind: str = "text"  # blank, chrome, header, appeal, prose, short, or text (not judged yet)
    text: str = ""  # what a reader sees: markup off, spaces single
    low: str = ""  # the same in lower case
    words: tuple[str, ...] = ()  # lowercased
    linked: bool = False  # had a link or a URL
    address: int = 0  # words that address the reader
    sentence: bool = False  # ends as a sentence does
    read: bool = False  # the fields above were filled in

    @property
    def prose(self) -> bool:
        return self.kind == "prose"


def boilerplate(text: str) -> Spans:
    """The sorted, disjoint ``(start, end)`` spans of ``text`` that are not the article: whole
    lines (a span ends past its last line's newline) of menus, link lists, banners, appeals,
    teasers, footers and legal lines; ``()`` for a clean article. Why: search, facets and
    inference should read the article, not the page around it."""
    if not text:
        return ()
    if _snippet_list(text):
        return ((0, len(text)),)
    cues = default_cues()
    lowered = text.lower()
    if not (_cue_words_in(lowered, cues) or _short_line_cue(text, cues) or _may_be_chrome_alone(text)):
        return ()
    pieces = _split(text)
    cued = _cued_lines(lowered, pieces, cues) if len(lowered) == len(text) else set(range(len(pieces)))
    lines = [_line(group, cued) for group in _paragraphs(pieces)]
    if _error_page(lowered, cues):
        for line in lines:
            line.kind = "blank" if line.kind == "blank" else "chrome"
        return _spans(lines)
    for line in lines:
        if line.kind == "text" and (line.cued or _may_be_chrome_alone(line.raw)):
            line.kind = _kind(line, cues)
    if sum(line.kind in ("chrome", "header", "appeal") for line in lines) >= _EVIDENCE:
        for line in lines:
            line.kind = _kind(line, cues) if line.kind == "text" else line.kind
        _by_place(lines, cues)
    return _spans(lines)


def _snippet_list(text: str) -> bool:
    """Whether the text is a list of cut snippets (a search's results, a listing): at least
    ``_SNIPPETS`` lines of prose that end in "..." holding most of its words. No story on it
    is whole, so none of it is an article."""
    if text.count("...") + text.count("…") < _SNIPPETS:
        return False
    cut = [len(words) for line in text.split("\n") if line.rstrip(" \t\r*_").endswith(("...", "…"))
           and len(words := line.split()) >= _PROSE_WORDS]
    return len(cut) >= _SNIPPETS and sum(cut) >= _SNIPPET_SHARE * len(text.split())


def _error_page(lowered: str, cues: Cues) -> bool:
    """Whether the text is an error page or a bot check: short, with one of their phrases."""
    if len(_WORD.findall(lowered[: 20 * cues.error_page_words])) > cues.error_page_words:
        return False
    unmarked = lowered.replace("*", "").replace("`", "")
    plain = [" ".join(line.strip(_EDGE_MARKS).split()) for line in unmarked.split("\n")]
    return any(pattern.search(line) for line in plain for pattern in cues.errors)


def _may_be_chrome_alone(raw: str) -> bool:
    """Whether a line without a cue's word may still be furniture: links, notes, bold capitals."""
    return "**" in raw or any(hint in raw for hint in _LINK_HINTS)


def _split(text: str) -> list[tuple[int, int, str]]:
    """Each line as (start, end past its newline, text without the newline)."""
    out, start = [], 0
    for piece in text.split("\n"):
        end = min(start + len(piece) + 1, len(text))
        out.append((start, end, piece))
        start = end
    return out


def _cue_words_in(lowered: str, cues: Cues) -> list[str]:
    """The cues' words in the (lower-cased) text. Only a word whose key word the text holds
    is looked for, so clean text costs a split and a set lookup a word."""
    tokens = lowered.encode("utf-8", "replace").translate(_TOKEN_BYTES).split()
    keys = cues.keys.intersection(tokens)
    return [word for key in keys for word in cues.keyed[key] if word in lowered] + [
        word for word in cues.keyless if word in lowered
    ]


def _short_line_cue(text: str, cues: Cues) -> bool:
    """Whether a line begins as a cue's line does (a short one, or one of any length)."""
    for line in text.split("\n"):
        head = line[:_HEAD_CHARS].lstrip(_LEADING_MARKS).lower()
        if head.startswith(cues.long_line_starts):
            return True
        if len(line) <= cues.line_start_chars and _starts_as_cue(line, cues):
            return True
    return False


def _starts_as_cue(line: str, cues: Cues) -> bool:
    head = line.lstrip(_LEADING_MARKS).lower()
    first = head.split(None, 1)[0].rstrip(":") if head.strip() else ""
    return first in cues.start_words or head.startswith(cues.start_phrases)


def _cued_lines(lowered: str, pieces: list[tuple[int, int, str]], cues: Cues) -> set[int]:
    """Indexes of the lines that hold a cue's word (glued to other words or not) or begin as
    a cue's line does; ``lowered`` is the text in lower case, of the same length."""
    starts = [start for start, _, _ in pieces]
    found = set()
    for word in (*cues.words, *cues.long_line_starts):
        at = lowered.find(word)
        while at >= 0:
            found.add(bisect_right(starts, at) - 1)
            at = lowered.find(word, at + 1)
    for index, (_, _, piece) in enumerate(pieces):
        if piece.lstrip(_LEADING_MARKS).lower().startswith(cues.long_line_starts) or (
            len(piece) <= cues.line_start_chars and _starts_as_cue(piece, cues)
        ):
            found.add(index)
    return found


def _paragraphs(pieces: list[tuple[int, int, str]]) -> list[list[tuple[int, int, int, str]]]:
    """Groups of (index, start, end, text) lines to judge as one: in hard-wrapped text (a
    wire story cut at 65 characters) a paragraph's lines, elsewhere each line alone."""
    numbered = [(index, *piece) for index, piece in enumerate(pieces)]
    if not _hard_wrapped([piece for _, _, piece in pieces]):
        return [[line] for line in numbered]
    groups: list[list[tuple[int, int, int, str]]] = []
    for line in numbered:
        if groups and _continues(groups[-1][-1][3], line[3]):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _hard_wrapped(lines: list[str]) -> bool:
    """Whether the text was cut into lines of one width: no long line, most lines near the
    longest, and many going on in lower case on the next."""
    filled = [line for line in lines if line.strip()]
    if len(filled) < 4 or max(map(len, filled)) > _WRAP_CHARS:
        return False
    longest = max(map(len, filled))
    full = sum(len(line) >= _WRAP_FULL * longest for line in filled)
    flowing = sum(_continues(a, b) and b[:1].islower() for a, b in zip(lines, lines[1:]))
    return 2 * full >= len(filled) and 4 * flowing >= len(filled)


def _continues(before: str, line: str) -> bool:
    """Whether a wrapped line goes on with the paragraph of the line before it."""
    if not before.strip() or not line.strip() or line[:1].isspace():
        return False
    return not (_ends_sentence(before.rstrip()) or before.rstrip().endswith(":"))


def _visible(raw: str) -> tuple[str, bool]:
    """The line as a reader sees it, and whether it had links or URLs."""
    raw = raw.translate(_INVISIBLE) if not raw.isascii() else raw
    text = _LINK.sub(lambda m: f" {m.group(1)} ", raw) if "](" in raw else raw
    linked = text != raw
    if "://" in text or "www." in text or "<" in text:
        unlinked = _URL.sub(" ", text)
        linked = linked or unlinked != text
        text = unlinked
    if "*" in text or "_" in text:
        text = _EMPHASIS.sub(" ", text)
    words = text.strip(_EDGE_MARKS).split()
    if linked:  # what is left of an obfuscated URL ("meduza dot io/news/...") goes too
        words = [word for word in words if "/" not in word]
    return " ".join(words), linked


def _ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text[-16:]))


def _line(group: list[tuple[int, int, int, str]], cued: set[int]) -> _Line:
    raw = " ".join(piece for _, _, _, piece in group)
    line = _Line(group[0][1], group[-1][2], raw, any(index in cued for index, _, _, _ in group))
    if not raw.strip():
        line.kind = "blank"
    return line


def _read(line: _Line, cues: Cues) -> None:
    """Fill in what a reader sees of the line and what is counted of it."""
    line.text, line.linked = _visible(line.raw)
    line.low = line.text.lower()
    found = _WORD.findall(line.text)
    line.words = tuple(w.lower() for w in found)
    line.address = sum(map(cues.address.__contains__, line.words)) - found.count("US")
    line.sentence = _ends_sentence(line.text)
    line.read = True


def _kind(line: _Line, cues: Cues) -> str:
    """What the line is on its own, before its neighbours are looked at."""
    if not line.read:
        _read(line, cues)
    if line.linked and (len(line.words) <= 2 and _link_heavy(line.raw) or _REFERENCE.match(line.raw)):
        return "chrome"
    if line.cued:
        short = len(line.low) <= _LINE_CUE_CHARS
        if short and cues.header.fullmatch(line.low.rstrip(" :")) or cues.glued.search(line.low[-_GLUED_CHARS:]):
            return "header"
        if _is_appeal(line, cues):
            return "appeal"
        if _is_chrome(line, cues):
            return "chrome"
    if "**" in line.raw and _SHOUTED_LINK.fullmatch(line.raw.strip()):
        return "chrome"
    if _reads_as_prose(line) and _stop_share(line, cues) >= _PROSE_STOPWORDS:
        return "prose"
    return "short"


def _reads_as_prose(line: _Line) -> bool:
    """Ends as a sentence, or is long and holds sentences (a paragraph ending in a link)."""
    if len(line.words) >= _LONG_PROSE_WORDS and not _table_row(line) and not _GLUE.search(line.raw):
        return line.sentence or bool(_INNER_SENTENCE.search(line.text))
    return len(line.words) >= _PROSE_WORDS and line.sentence


def _is_appeal(line: _Line, cues: Cues) -> bool:
    if _address_share(line) >= _ADDRESS_SHARE and _found(cues.appeals, line.low):
        return True
    short = len(line.words) <= cues.short_words
    return short and (line.address > 0 or not line.sentence) and _found(cues.appeal_shorts, line.low)


def _is_chrome(line: _Line, cues: Cues) -> bool:
    low = line.low
    if len(low) <= _LINE_CUE_CHARS and cues.chrome_line.fullmatch(low) or cues.opener.match(low):
        return True
    if _found(cues.chrome_phrases, low):
        return True
    if not line.sentence and not line.raw.lstrip().startswith("#") and cues.teaser.match(low):
        return True
    if len(line.words) > cues.short_words or line.sentence and not line.address:
        return False
    return _found(cues.short_phrases, low) or (not line.sentence and len(_GLUE.findall(line.raw)) >= 2)


def _found(patterns: tuple[re.Pattern[str], ...], text: str) -> bool:
    return any(pattern.search(text) for pattern in patterns)


def _link_heavy(raw: str) -> bool:
    return len(_URL.sub("", _LINK.sub("", raw)).strip(" *-•|;,.()[]")) <= len(raw) // 4


def _stop_share(line: _Line, cues: Cues) -> float:
    return sum(w in cues.stopwords for w in line.words) / len(line.words)


def _address_share(line: _Line) -> float:
    return line.address / max(1, len(line.words))


def _by_place(lines: list[_Line], cues: Cues) -> None:
    """Judge lines by their neighbours and their place, once the text is known to be a page."""
    _mark_lists(lines)
    _mark_menus(lines)
    _mark_enclosed(lines)
    _mark_appeals(lines)
    _mark_listing(lines)
    if not _tells_a_story(lines):
        _keep_lead(lines)
        return
    first, last = _densest_prose(lines)
    while last + 1 < len(lines) and lines[last + 1].kind in ("prose", "blank"):
        last += 1  # short paragraphs that close the article
    last = _cut_bio(lines, first, last, cues)
    _mark_before(lines[:first])
    _mark_headings_of_chrome(lines[first : last + 1])
    _mark_after(lines[last + 1 :])


def _tells_a_story(lines: list[_Line]) -> bool:
    """Whether the page holds a run of statements, less a word a line of anything else, of
    ``_STORY_WORDS`` words or a good share of its words outside furniture: a list of
    headlines holds a question ("Is the PM next?") or a blurb here and there."""
    best = _best_run(lines, _statement_worth)[0]
    if best >= _STORY_WORDS:
        return True
    return best >= _STORY_SHARE * sum(len(line.words) for line in lines if line.kind != "chrome")


def _statement_worth(line: _Line) -> int:
    if line.prose and not line.text.endswith("?"):
        return len(line.words)
    return 0 if line.kind == "blank" or _table_row(line) else -1


def _keep_lead(lines: list[_Line]) -> None:
    """A page without a story is a list (of headlines, of links): only its first item with a
    blurb or list items right under it is kept, as the story the page leads with."""
    filled = [line for line in lines if line.kind != "blank"]
    lead = next((index for index in range(len(filled) - 1) if filled[index].kind != "chrome"
                 and (filled[index + 1].prose or _list_item(filled[index + 1]))), None)
    kept = range(0)
    if lead is not None:
        end = lead + 2  # the item and its blurb or first list item ...
        while not filled[lead + 1].prose and end < len(filled) and _list_item(filled[end]):
            end += 1  # ... and its other list items
        kept = range(lead, end)
    for index, line in enumerate(filled):
        line.kind = line.kind if index in kept else "chrome"


def _list_item(line: _Line) -> bool:
    return line.kind == "short" and bool(_BULLET.match(line.raw))


def _mark_before(head: list[_Line]) -> None:
    """Prose above the article with furniture right under it, a paragraph or words to the
    reader, is another block's (a banner's text, a site's blurb), not the article's opening.
    The page's first line that is no furniture (the title's place, unless it ends in a full
    stop) and a list's items (key points) stay."""
    filled = [line for line in head if line.kind != "blank"]
    top = next((line for line in filled if line.kind != "chrome"), None)
    title = top if top is not None and not top.text.endswith(".") else None  # a headline has no full stop
    for line, after in zip(filled, filled[1:]):
        blurb = len(line.words) >= _PARAGRAPH_WORDS or line.address > 0
        if line is not title and line.prose and blurb and after.kind == "chrome" and not _BULLET.match(line.raw):
            line.kind = "chrome"


def _cut_bio(lines: list[_Line], first: int, last: int, cues: Cues) -> int:
    """The article's last line once the author's bio box that closes it is marked as the
    page's (``last`` when there is none): a bio's opening under a box (its picture, name and
    role, or a bold name), then lines about the same person. A note straight after the last
    paragraph ("Jane Doe is a fellow at ...") is the piece's own and stays."""
    filled = [index for index in range(first, last + 1) if lines[index].kind != "blank"]
    for at in range(max(1, len(filled) - _BIO_LINES), len(filled)):
        boxed = not lines[filled[at - 1]].prose or _BOLD_START.match(lines[filled[at]].raw)
        if boxed and cues.bio.match(lines[filled[at]].text) and _about_the_same(lines, filled[at:], cues):
            for line in lines[filled[at] : last + 1]:
                line.kind = "chrome" if line.kind != "blank" else "blank"
            before = filled[:at]
            while before and _in_author_box(lines[before[-1]]):
                before.pop()
            return before[-1] if before else first - 1
    return last


def _in_author_box(line: _Line) -> bool:
    """A line of the box over a bio: furniture, or a few words (a picture, a name, a role)."""
    return line.kind == "chrome" or not line.prose and len(line.words) <= _BOX_WORDS


def _about_the_same(lines: list[_Line], indexes: list[int], cues: Cues) -> bool:
    """Whether each line after a bio's opening goes on about its person: names them, says
    "he" or "she", or opens another bio."""
    names: set[str] = set()
    for index in indexes:
        line = lines[index]
        opening = cues.bio.match(line.text)
        if opening:
            names |= {word for word in _WORD.findall(opening.group()) if word[0].isupper()} - {"The"}
        elif not (names.intersection(_WORD.findall(line.text)) or _PRONOUNS.intersection(line.words)):
            return False
    return True


def _mark_lists(lines: list[_Line]) -> None:
    """A teaser list's header takes the lines after it up to the next paragraph of prose,
    the page's title ("# ...") or the next heading over prose that outranks it (a header
    that is no heading is outranked by any): the article's next section."""
    filled = [line for line in lines if line.kind != "blank"]
    rank = 0  # the open list's header's heading level (7: no heading); 0: no list open
    for index, line in enumerate(filled):
        if line.kind == "header":
            rank = _heading_level(line) or _NO_HEADING
            line.kind = "chrome"
        elif rank:
            over_prose = index + 1 < len(filled) and filled[index + 1].prose
            section = _title_heading(line) or 0 < _heading_level(line) < rank and over_prose
            if line.prose and len(line.words) >= _PARAGRAPH_WORDS or section:
                rank = 0
            else:
                line.kind = "chrome"


def _heading_level(line: _Line) -> int:
    """1 for "# ...", 2 for "## ...", and so on; 0 for a line that is no heading."""
    marks = len(line.raw) - len(line.raw.lstrip("#"))
    return marks if 0 < marks <= 6 and line.raw[marks : marks + 1].isspace() else 0


def _title_heading(line: _Line) -> bool:
    """A page's top heading ("# ..."): its article's title, never another story's."""
    return _heading_level(line) == 1


def _mark_menus(lines: list[_Line]) -> None:
    """Runs of lines of one to three words, none a sentence, at least ``_MENU_RUN`` of them not
    furniture already (blank lines and furniture between them do not end a run)."""
    run: list[_Line] = []
    for line in [*lines, None]:
        if line is not None and (line.kind == "blank" and run or _menu_item(line)):
            run.append(line)
            continue
        if sum(item.kind not in ("blank", "chrome") for item in run) >= _MENU_RUN:
            for item in run:
                item.kind = "chrome" if item.kind != "blank" else "blank"
        run = []


def _mark_enclosed(lines: list[_Line]) -> None:
    """Short list items between two lines of furniture are the menu's too ("* Firsthand:
    Life After Prison" among "* News", "* Events")."""
    filled = [line for line in lines if line.kind != "blank"]
    start = 0
    for index, line in enumerate(filled + [None]):
        if line is not None and _list_item(line):
            continue
        if 0 < start < index and line is not None and line.kind == filled[start - 1].kind == "chrome":
            for item in filled[start:index]:
                item.kind = "chrome"
        start = index + 1


def _menu_item(line: _Line) -> bool:
    if line.kind == "chrome":
        return True
    short = line.kind == "short" and len(line.words) <= _MENU_WORDS
    return short and not line.sentence and "|" not in line.raw and not _DATED.search(line.text)


def _mark_listing(lines: list[_Line]) -> None:
    """A page that is a list of stories (a headline, then one paragraph, at least
    ``_LISTING_RUN`` times in a row, holding most of the page's prose) is a listing: only the
    first story is kept, as the one the page leads with, not the short lines over it."""
    filled = [line for line in lines if line.kind != "blank"]
    prose = sum(len(line.words) for line in filled if line.prose)
    start = 0
    while start < len(filled) - 1:
        end = start
        while end + 1 < len(filled) and _headline(filled[end]) and filled[end + 1].prose:
            end += 2
        listed = sum(len(line.words) for line in filled[start + 1 : end : 2])
        if end - start >= 2 * _LISTING_RUN and listed >= _LISTING_SHARE * prose:
            for line in filled[start + 2 : end]:
                line.kind = "chrome"
            for line in reversed(filled[:start]):  # the listing's own name ("Peace Negotiations")
                if line.kind != "short":
                    break
                line.kind = "chrome"
        start = max(end, start + 1)


def _headline(line: _Line) -> bool:
    """A short line in Title Case that is no statement: another story's headline."""
    found = _WORD.findall(line.text)
    if line.kind not in ("short", "prose") or line.text.endswith("."):
        return False
    if not 2 <= len(found) <= _HEADLINE_WORDS:
        return False
    if line.text[:1].isdigit():  # "3.1 Pre-Training Data": a section of this document
        return False
    return sum(w[0].isupper() for w in found) >= _TITLE_CASE_SHARE * len(found)


def _mark_appeals(lines: list[_Line]) -> None:
    """An appeal takes the lines next to it that address the reader, the lines between it and
    the next appeal, and just before it the lines that name what it names but the article
    does not."""
    common: set[str] | None = None
    taken = [index for index, line in enumerate(lines) if line.kind == "appeal"]
    for index in taken:
        for step in (-1, 1):
            other = index + step
            while 0 <= other < len(lines) and _appeal_like(lines[other]):
                lines[other].kind = "appeal" if lines[other].kind != "blank" else "blank"
                other += step
            if step < 0 and other >= 0 and lines[other].prose:
                common = _lowercase_words(lines) if common is None else common
                _mark_lead_in(lines, other, index, common)
    for before, after in zip(taken, taken[1:]):
        if after - before <= _LEAD_IN_LINES:
            for line in lines[before:after]:
                line.kind = "appeal" if line.kind != "blank" else "blank"
    for line in lines:
        line.kind = "chrome" if line.kind == "appeal" else line.kind


def _appeal_like(line: _Line) -> bool:
    if line.kind in ("blank", "chrome", "appeal"):
        return True
    return line.kind != "header" and _address_share(line) >= _APPEAL_SHARE


def _mark_lead_in(lines: list[_Line], before: int, appeal: int, common: set[str]) -> None:
    """Lines just before an appeal (``before`` and up) that name someone or something the
    appeal names and the article above them hardly does: the appeal's own opening."""
    names = set().union(*(_names(line, common) for line in lines[before + 1 : appeal + 1]))
    top = max(0, before - _LEAD_IN_LINES + 1)
    above = Counter(name for line in lines[:top] for name in _names(line, common))
    for line in reversed(lines[top : before + 1]):
        if line.kind == "blank":
            continue
        mine = _names(line, common)
        if not line.prose or not any(above[name] <= 1 for name in mine & names):
            return
        line.kind = "appeal"
        names |= mine


def _lowercase_words(lines: list[_Line]) -> set[str]:
    return {word for line in lines for word in _WORD.findall(line.text) if word.islower()}


def _names(line: _Line, common: set[str]) -> set[str]:
    """Capitalised words the text never writes in lower case: names of people, places,
    outlets ("Trump", "Truthout"), not a sentence's first word ("Today")."""
    found = _WORD.findall(line.text)
    return {w for w in found if w[0].isupper() and not w.isupper() and w.lower() not in common}


def _densest_prose(lines: list[_Line]) -> tuple[int, int]:
    """First and last line of the run with the most words of paragraphs less furniture (a
    maximum-sum segment): paragraphs of ``_PARAGRAPH_WORDS`` words at least, or if there are
    none any prose; (-1, -1) when the text has no prose."""
    for least in (_PARAGRAPH_WORDS, _PROSE_WORDS):
        best, span = _best_run(lines, partial(_worth, least=least))
        if best:
            return span
    return -1, -1


def _worth(line: _Line, least: int) -> int:
    """What a line adds to the article's run: a paragraph its words, furniture and short
    lines a cost (a table's row nothing)."""
    if line.kind == "prose":
        return len(line.words) if len(line.words) >= least else 0
    if line.kind == "chrome":
        return -min(max(2, len(line.words)), _CHROME_WEIGHT)
    return -1 if line.kind == "short" and not _table_row(line) else 0


def _best_run(lines: list[_Line], worth: Callable[[_Line], int]) -> tuple[int, tuple[int, int]]:
    """The run of lines worth most, and its first and last line ((-1, -1) when none is worth
    anything)."""
    best, best_span, total, begin = 0, (-1, -1), 0, 0
    for index, line in enumerate(lines):
        total += worth(line)
        if total <= 0:
            total, begin = 0, index + 1
        elif total > best:
            best, best_span = total, (begin, index)
    return best, best_span


def _table_row(line: _Line) -> bool:
    """A row of a table ("| 1 March | Lunar landing | Success |"): the article's, not a menu."""
    return line.raw.count("|") >= 3


def _mark_headings_of_chrome(article: list[_Line]) -> None:
    """A short line in the article that stands over furniture is that furniture's heading."""
    filled = [line for line in article if line.kind != "blank"]
    for line, after in zip(filled, filled[1:]):
        if line.kind == "short" and after.kind == "chrome" and len(line.words) <= _SIGN_OFF_WORDS:
            line.kind = "chrome"


def _mark_after(tail: list[_Line]) -> None:
    """After the article the page's footer begins: all of it but a short first line that is
    no heading nor a picture (a byline or a sign-off)."""
    filled = [line for line in tail if line.kind != "blank"]
    for index, line in enumerate(filled):
        heading = line.raw.lstrip().startswith(("#", "!")) or line.text.isupper()  # or a picture's text
        if index or heading or line.prose or len(line.words) > _SIGN_OFF_WORDS:
            line.kind = "chrome"


def _spans(lines: list[_Line]) -> Spans:
    """Spans of the chrome lines, neighbours merged; blank lines between two chrome lines go
    with them."""
    spans: list[tuple[int, int]] = []
    after_chrome = False  # only blank lines since the last chrome line
    for line in lines:
        if line.kind == "chrome":
            if after_chrome:
                spans[-1] = (spans[-1][0], line.end)
            else:
                spans.append((line.start, line.end))
            after_chrome = True
        elif line.kind != "blank":
            after_chrome = False
    return tuple(spans)


@lru_cache(maxsize=1)
def default_cues() -> Cues:
    """The cues of ``$PARLEY_DATA/boilerplate.toml`` if there is one, else those shipped with
    parley; compiled once per process."""
    folder = os.environ.get("PARLEY_DATA")
    if folder and (Path(folder) / _DATA_FILE).is_file():
        text = (Path(folder) / _DATA_FILE).read_text("utf-8")
    else:
        text = resources.files("indexer").joinpath("data", _DATA_FILE).read_text("utf-8")
    return compile_cues(tomllib.loads(text), _stopwords())


def compile_cues(table: dict, stopwords: frozenset[str]) -> Cues:
    """Cues from a parsed ``boilerplate.toml`` (its layout is described in the shipped one)."""
    screen, chrome = table.get("screen", {}), table.get("chrome", {})
    lists, appeals = table.get("lists", {}), table.get("appeals", {})
    limits = table.get("limits", {})
    long_starts = screen.get("long_line_starts", [])
    words = screen.get("words", [])
    keyed: dict[bytes, list[str]] = {}
    for word in words:
        keyed.setdefault(_key(word, stopwords), []).append(word)
    starts = screen.get("line_starts", [])
    return Cues(
        words=tuple(words),
        long_line_starts=tuple(long_starts),
        start_words=frozenset(w for w in starts if w.replace("'", "").isalnum()),
        start_phrases=tuple(w for w in starts if not w.replace("'", "").isalnum()),
        keys=frozenset(key for key in keyed if key),
        keyed={key: tuple(found) for key, found in keyed.items()},
        keyless=tuple(keyed.get(b"", ())),
        line_start_chars=int(limits.get("line_start_chars", 40)),
        chrome_line=_any_of(chrome.get("lines", [])),
        opener=_any_of(chrome.get("openers", [])),
        header=_any_of(lists.get("headers", [])),
        teaser=_any_of(lists.get("teasers", []), "(?:{})\\s*\\S"),
        glued=_any_of(lists.get("glued", []), "\\S(?:{})$"),
        chrome_phrases=tuple(re.compile(p) for p in chrome.get("phrases", [])),
        short_phrases=tuple(re.compile(p) for p in chrome.get("short_phrases", [])),
        appeals=tuple(re.compile(p) for p in appeals.get("phrases", [])),
        appeal_shorts=tuple(re.compile(p) for p in appeals.get("short_phrases", [])),
        errors=tuple(re.compile(p) for p in table.get("errors", {}).get("phrases", [])),
        bio=_bio_opening(table.get("bios", {})),
        address=frozenset(appeals.get("address", [])),
        stopwords=stopwords,
        short_words=int(limits.get("short_words", 25)),
        error_page_words=int(limits.get("error_page_words", 150)),
    )


def _key(word: str, stopwords: frozenset[str]) -> bytes:
    """The phrase's longest word that is not a stop word, as likely its rarest (b"" for one
    of marks only): a text holds the phrase only if it holds that word."""
    tokens = [token for token in word.encode("utf-8").translate(_TOKEN_BYTES).split() if token.isascii()]
    content = [token for token in tokens if token.decode() not in stopwords] or tokens
    return max(reversed(content), key=len, default=b"")


def _bio_opening(bios: dict) -> re.Pattern[str]:
    """A name (one to four capitalised words), then a verb of a bio with a role soon after it
    ("is a senior editor"), or a verb of a reporter's beat ("covers")."""
    roles, verbs, beats = ("|".join(bios.get(key, [])) or "(?!)" for key in ("roles", "verbs", "beats"))
    name = r"(?:The )?[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}"
    return re.compile(rf"{name} (?i:(?:{verbs}) (?:\S+ ){{0,8}}?(?:{roles})|(?:{beats}))\b")


def _any_of(patterns: list[str], shape: str = "{}") -> re.Pattern[str]:
    """One pattern matching any of ``patterns`` (each put in ``shape``)."""
    return re.compile("|".join(shape.format(f"(?:{p})") for p in patterns) or r"(?!)")


def _stopwords() -> frozenset[str]:
    """The index's stop list (``data/stopwords.txt``): prose is dense with them, menus are not."""
    text = resources.files("indexer").joinpath("data", "stopwords.txt").read_text("utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))
