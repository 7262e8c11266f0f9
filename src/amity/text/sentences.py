"""Article text to sentences, with page chrome dropped and offsets kept into the original text.

Page chrome is anything that is not article prose: navigation, headings, captions ("Image courtesy: …"),
"Also read: …" links, share buttons, comment forms ("Please enter your comment!"), end marks ("###").
It is detected even in plain text, in two passes:

1. a line that *starts* like chrome (see :data:`CHROME_LINE`) is dropped, and so is a bold line without
   final punctuation that opens a paragraph (a section title set above its first sentence);
2. a paragraph (block between blank lines) that has no sentence-final punctuation, or is shorter than
   :data:`MIN_WORDS` words, is dropped (headings, menus, captions, bylines).

List items (lines that start with ``-``, ``*``, ``•`` or ``1.``/``1)`` after any indentation) are units of
their own, like paragraphs: an item is never glued to its neighbours, its hard-wrapped continuation lines
stay with it, and it counts as prose without final punctuation if it has :data:`MIN_ITEM_WORDS` words
("- the United States intends to sell Australia three Virginia class submarines").

Markdown/HTML markup (``**``, ``<sup>``, ``\\#``, list markers, paragraph numbers "1.") is removed and
whitespace (hard wraps) collapsed, but each sentence keeps ``start``/``end`` offsets into the original text, so
``text[start:end]`` is the sentence as written.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

MIN_WORDS = 4
MIN_ITEM_WORDS = 6
_ITEM = re.compile(r"^[ \t]*(?:[-*•]|\d{1,2}[.)])[ \t]+(?=\S)", re.M)

CHROME_LINE = re.compile(
    r"^\s*(?:also read|read also|read more|see also|related(?: articles?| posts?| stories)?\s*:|recommended|"
    r"you (?:may|might) also like|more from|image(?: courtesy)?\s*:|photo(?: credit)?\s*:|caption\s*:|"
    r"source\s*:|share(?: this)?\b|follow us|subscribe|sign up|newsletter|advertisement|sponsored|"
    r"please enter your|leave a (?:reply|comment)|post a comment|comments?\s*(?:\(\d+\))?\s*$|"
    r"click here|tags?\s*:|filed under|copyright|©|all rights reserved|privacy policy|cookie|"
    r"log ?in|sign in|print\s*$|email\s*$|\\?#{3}|\\?\*{3}\s*$|trending|most read|previous article|"
    r"next article|about the author|the author is|the writer is|disclaimer)",
    re.I,
)
_BLOCK_SPLIT = re.compile(r"\n[ \t\u00a0\u200b]*(?:\n[ \t\u00a0\u200b]*)+")
# Markup removed from prose: tags, markdown emphasis, backslash escapes, leading paragraph numbers.
_MARKUP = re.compile(r"<[^>\n]{1,40}>|\\(?=[#*_\[\]()])|^[ \t]*[-*•][ \t]+|\*{1,3}|^\s*\d{1,3}\.(?=\s{2,})|"
                     r"^[ \t]*\d{1,2}[.)][ \t]+(?=[A-Za-z])|\]\([^)\s]*\)|(?<!\w)\[(?=[^\]\n]*\]\()|"
                     r"[\s\u00a0\u200b]+", re.M)
_TERMINAL = re.compile(r"[.!?][\"'”’)\]]*(?:\s|$)")
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
ABBREVIATIONS = set(
    "mr mrs ms dr prof gen lt col maj capt sgt adm sen rep gov pres st jr sr no nos vol fig jan feb mar apr "
    "jun jul aug sep sept oct nov dec u.s u.k u.n e.u u.s.a i.e e.g etc vs inc co corp ltd dept govt est "
    "approx mt ft rt hon amb a.m p.m".split()
)
_STARTERS = set("The This That These Those It They We He She In On At As But And However Our Their".split())


@dataclass(frozen=True)
class Sentence:
    """One sentence: its index in the document, cleaned text, and [start, end) offsets in the original."""

    index: int
    text: str
    start: int
    end: int


def _clean(text: str, start: int, end: int) -> tuple[str, list[int]]:
    """Markup-free, whitespace-collapsed text of ``text[start:end]`` and each char's original offset."""
    out: list[str] = []
    orig: list[int] = []
    pos = start
    for m in _MARKUP.finditer(text, start, end):
        if m.start() > pos:
            out.append(text[pos:m.start()])
            orig.extend(range(pos, m.start()))
        if m.group().isspace() or m.group()[:1] in " \u00a0\u200b\n\t":
            if orig and out and not out[-1].endswith(" "):
                out.append(" ")
                orig.append(m.start())
        pos = m.end()
    if pos < end:
        out.append(text[pos:end])
        orig.extend(range(pos, end))
    s = "".join(out)
    # Strip edges, keeping offsets aligned.
    lead = len(s) - len(s.lstrip())
    s2 = s.strip()
    return s2, orig[lead:lead + len(s2)]


def _is_abbreviation(chunk: str, nxt: str) -> bool:
    """Whether the period ending ``chunk`` belongs to an abbreviation or initial rather than a sentence."""
    last = re.search(r"(\S+)\.[\"'”’)\]]*$", chunk)
    if not last:
        return False
    word = last.group(1).lstrip("(\"'“‘")
    if len(word) == 1 and word.isupper():
        return True  # an initial: "S. Jaishankar", "Joseph R. Biden"
    if word.lower() in ABBREVIATIONS:
        # "U.S." can end a sentence; only a typical sentence opener after it says so.
        return not (word.lower() in {"u.s", "u.k", "u.n", "e.u", "u.s.a", "etc"} and nxt in _STARTERS)
    return False


def split_sentences(clean: str) -> list[tuple[int, int]]:
    """[start, end) spans of sentences in cleaned prose (regex splitter with an abbreviation list)."""
    spans = []
    begin = 0
    for m in _BOUNDARY.finditer(clean):
        cut = m.start()
        nxt = re.match(r"[\"'“‘(\[]?(\w+)", clean[m.end():])
        if _is_abbreviation(clean[begin:m.end()].rstrip(), nxt.group(1) if nxt else ""):
            continue
        seg_end = m.end() - len(m.group()) + len(m.group().rstrip())
        spans.append((begin, max(cut, seg_end)))
        begin = m.end()
    if begin < len(clean):
        spans.append((begin, len(clean)))
    return [(a, b) for a, b in spans if clean[a:b].strip()]


def blocks(text: str, body_start: int = 0) -> list[tuple[int, int]]:
    """[start, end) spans of paragraphs (separated by blank lines) from ``body_start`` on."""
    out = []
    pos = body_start
    for m in _BLOCK_SPLIT.finditer(text, body_start):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


def _prose_lines(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """The lines of a block that do not start like chrome, merged into contiguous runs; a list item starts
    a run of its own. Each run is (start, end, is_list_item)."""
    runs: list[tuple[int, int, bool]] = []
    pos = start
    lines = text[start:end].split("\n")
    titled = _underlined_titles(lines)
    for n, line in enumerate(lines):
        a, b = pos, pos + len(line)
        pos = b + 1
        if CHROME_LINE.match(line) or n == 0 and len(lines) > 1 and _heading(line) or n in titled:
            continue
        item = bool(_ITEM.match(line))
        # A hard-wrapped item continues on indented lines; an unindented line after it is new prose.
        lazy = runs and runs[-1][2] and not line[:1].isspace()
        if runs and runs[-1][1] + 1 >= a and not item and not lazy:
            runs[-1] = (runs[-1][0], b, runs[-1][2])
        else:
            runs.append((a, b, item))
    return runs


_UNDERLINE_OPEN = re.compile(r"^[ \t\u00a0]*(?:<span style=\"text-decoration: underline\">|<u>)")
_UNDERLINE_CLOSE = re.compile(r"(?:</span>|</u>)[ \t\u00a0]*$")


def _underlined_titles(lines: list[str]) -> set[int]:
    """Indices of lines that form an underlined section title ("<span style="text-decoration: underline">" /
    "Japan-U.S.-Mekong Power Partnership (JUMPP)</span>"), which the page may glue to the paragraph above:
    an opening tag at a line's start, the closing one at a line's end within three lines, and no
    sentence-final punctuation in between."""
    out: set[int] = set()
    for n, line in enumerate(lines):
        if not _UNDERLINE_OPEN.match(line):
            continue
        for m in range(n, min(n + 3, len(lines))):
            if _UNDERLINE_CLOSE.search(lines[m]):
                title = re.sub(r"<[^>\n]{1,60}>|\*\*", "", " ".join(lines[n:m + 1])).strip()
                if not re.search(r"[.!?:;]$", title):
                    out.update(range(n, m + 1))
                break
    return out


_BOLD_LINE = re.compile(r"^[ \t\u00a0]*\*\*([^*\n]{3,160})\*\*[ \t\u00a0]*$")


def _heading(line: str) -> bool:
    """A bold line without final punctuation that opens a paragraph ("**<u>U.S.-Japan Cooperation for
    Peace</u>**" above "The two leaders expressed …"): a section title, not part of the first sentence."""
    bold = _BOLD_LINE.match(line)
    return bool(bold) and not re.search(r"[.!?:;,]$", re.sub(r"<[^>\n]{1,40}>", "", bold.group(1)).strip())


def is_prose(clean: str, item: bool = False) -> bool:
    """Article prose, not chrome: enough words and at least one sentence-final punctuation mark (a list
    item may lack the punctuation if it has :data:`MIN_ITEM_WORDS` words)."""
    words = len(clean.split())
    if words >= MIN_WORDS and _TERMINAL.search(clean):
        return True
    # a preamble clause or a lead-in ("Whereas, the Participants intend …;", "… as follows:") is prose too
    return item and words >= MIN_ITEM_WORDS or words >= 2 * MIN_ITEM_WORDS and clean.rstrip()[-1:] in ";:"


def article_sentences(text: str, body_start: int = 0) -> tuple[list[Sentence], list[tuple[int, int]]]:
    """Sentences of the article prose in ``text`` and the [start, end) spans dropped as chrome."""
    sentences: list[Sentence] = []
    chrome: list[tuple[int, int]] = []
    for b_start, b_end in blocks(text, body_start):
        kept_any = False
        for r_start, r_end, item in _prose_lines(text, b_start, b_end):
            clean, orig = _clean(text, r_start, r_end)
            if not clean or not is_prose(clean, item):
                continue
            kept_any = True
            for a, b in split_sentences(clean):
                s = clean[a:b].strip()
                lead = len(clean[a:b]) - len(clean[a:b].lstrip())
                o_start = orig[a + lead]
                o_end = orig[a + lead + len(s) - 1] + 1
                sentences.append(Sentence(len(sentences), s, o_start, o_end))
        if not kept_any:
            chrome.append((b_start, b_end))
        else:
            # Chrome lines inside a kept block (e.g. a caption line above a paragraph).
            covered = [(s.start, s.end) for s in sentences if b_start <= s.start < b_end]
            chrome.extend(_gaps(text, b_start, b_end, covered))
    return sentences, chrome


def _gaps(text: str, start: int, end: int, covered: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Non-blank stretches of [start, end) not covered by any span (dropped lines)."""
    out = []
    pos = start
    for a, b in sorted(covered):
        if text[pos:a].strip(" \n\t\u00a0"):
            out.append((pos, a))
        pos = max(pos, b)
    if text[pos:end].strip(" \n\t\u00a0"):
        out.append((pos, end))
    return out


def sentence_at(sentences: list[Sentence], offset: int) -> Sentence | None:
    """The sentence containing original offset ``offset`` (binary search), or None."""
    starts = [s.start for s in sentences]
    i = bisect_right(starts, offset) - 1
    if i >= 0 and sentences[i].start <= offset < sentences[i].end:
        return sentences[i]
    return None
