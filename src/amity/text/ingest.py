"""Read documents for event extraction: plain text, Markdown with YAML front matter, HTML, RSS/Atom, URLs.

Every reader returns :class:`Document` objects whose ``text`` is what character offsets refer to:

* plain text and Markdown: the file's decoded text, unchanged (front matter included, so offsets index
  the file itself; the front matter is marked as non-article by ``body_start``);
* HTML: the main text as extracted by trafilatura (Barbaresi 2021, ACL demo), which drops navigation,
  "Also read" links and comment forms;
* RSS/Atom feeds: one document per entry, ``doc`` = ``FEED#<n>``, text = title + summary/content.

Bad input (empty, binary, non-English, too large, broken encodings) raises :class:`DocumentError`
with a one-line reason; :func:`read_many` turns those into per-document messages so a batch goes on.
"""

from __future__ import annotations

import re
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path

import yaml

from amity.errors import AmityError

MAX_BYTES = 20_000_000  # a news page is < 2 MB; larger inputs are almost always dumps or mistakes
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
READABLE = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES

# The 40 most frequent English function words; real English prose has > 25% of its tokens among them.
_ENGLISH = set(
    "the of and to a in is that for it as was with be by on not he this are or his from at which but "
    "have an they we has will its their been".split()
)


class DocumentError(AmityError):
    """A document could not be read as English article text; the message says why and what to do."""

    def __init__(self, doc: str, reason: str):
        self.doc = doc
        self.reason = reason
        super().__init__(f"{doc}: {reason}")


@dataclass
class Document:
    """One input document: ``doc`` as the user gave it, the text offsets refer to, and its metadata."""

    doc: str
    text: str
    date: str | None = None  # ISO 8601 (day or year precision)
    title: str | None = None
    source_url: str | None = None
    kind: str = "text"  # text, markdown, html, feed
    body_start: int = 0  # offset where the article body begins (after front matter)


def is_url(s: str) -> bool:
    return bool(re.match(r"^https?://", s, re.I))


def expand_inputs(paths_or_urls: Iterable[str | Path]) -> list[str]:
    """Files, directories (their readable files, sorted) and URLs, in the order given, as strings."""
    out: list[str] = []
    for item in paths_or_urls:
        s = str(item)
        p = Path(s)
        if not is_url(s) and p.is_dir():
            out.extend(str(f) for f in sorted(p.rglob("*")) if f.is_file() and f.suffix.lower() in READABLE)
        else:
            out.append(s)
    return out


def decode(doc: str, raw: bytes, encoding: str | None = None) -> str:
    """Bytes to text: strict UTF-8 (BOM allowed) unless ``encoding`` is given; binary is refused."""
    if not raw.strip():
        raise DocumentError(doc, "empty document (no text to read)")
    if b"\x00" in raw[:8192]:
        raise DocumentError(doc, "binary file (contains NUL bytes); give a text, Markdown, HTML or feed file")
    try:
        return raw.decode(encoding or "utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            doc,
            f"not valid {encoding or 'UTF-8'} (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "re-save it as UTF-8 or pass encoding='cp1252' (CLI: --encoding cp1252)",
        ) from None
    except LookupError:
        raise DocumentError(doc, f"unknown encoding {encoding!r}") from None


_URL = re.compile(r"\(?https?://\S+")


_TAG = re.compile(r"<[^>]*>", re.S)


def check_english(doc: str, text: str) -> None:
    """Refuse text that is not English: the patterns and dictionaries are English-only. HTML tags (a
    statement that is only images of a scanned page), tables, URLs and short lines (names, figures) are
    left out of the count, and so are capitalised words where there are enough others: a fact sheet that
    is mostly a table of states and dollar amounts, or a readout ending in a long list of names, is still
    English (function words are lower-case; names are not)."""
    body = _URL.sub(" ", _TAG.sub(" ", text[:50000]))
    prose = "\n".join(line for line in body.splitlines() if line.count("|") < 2 and len(line.split()) >= 6)
    words = re.findall(r"[^\W\d_]+", (prose or body)[:20000])
    if len(words) < 3:
        raise DocumentError(doc, "no words found (empty, only images or markup, or not text)")
    lower = [w for w in words if w[0].islower()]
    counted = lower if len(lower) >= 20 else [w.lower() for w in words]
    share = sum(w in _ENGLISH for w in counted) / len(counted)
    if share < 0.12:
        raise DocumentError(doc, f"does not look like English ({share:.0%} English function words); "
                                 "only English text is supported")


def _front_matter(text: str) -> tuple[dict, int]:
    """YAML front matter at the top of a Markdown file and the offset where the body starts."""
    m = re.match(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", text, re.S)
    if not m:
        return {}, 0
    try:
        meta = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError:
        return {}, 0
    return (meta if isinstance(meta, dict) else {}), m.end()


def _iso_date(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, Date):
        return value.isoformat()[:10]
    m = re.match(r"(\d{4}-\d{2}-\d{2})", str(value).strip())
    return m.group(1) if m else None


_SMALL_WORDS = {"of", "and", "the", "on", "in", "for", "to", "with", "between", "at", "by", "a", "an", "or"}


def readable_title(title: str | None) -> str | None:
    """An all-capitals title in title case ("AGREEMENT BETWEEN THE UNITED STATES OF AMERICA AND …" →
    "Agreement between the United States of America and …"), so names in it read as names."""
    if not title or title.upper() != title or sum(c.isalpha() for c in title) < 3:
        return title
    words = title.split()
    return " ".join(w.lower() if i and w.lower() in _SMALL_WORDS else w.capitalize() if w.isalpha() else w
                    for i, w in enumerate(words))


def parse_text(doc: str, text: str) -> Document:
    """Plain text or Markdown; front matter gives ``date``, ``title`` and ``source_url``."""
    meta, body = _front_matter(text)
    return Document(doc, text, date=_iso_date(meta.get("date") or meta.get("published_time")),
                    title=readable_title(str(meta["title"])) if meta.get("title") else None,
                    source_url=meta.get("source_url"), kind="markdown" if meta else "text", body_start=body)


def parse_html(doc: str, html: str, url: str | None = None) -> Document:
    """The main text of an HTML page via trafilatura; comments and boilerplate are excluded."""
    import trafilatura

    text = trafilatura.extract(html, url=url, include_comments=False, include_tables=False,
                               favor_precision=True, with_metadata=False)
    if not text or not text.strip():
        raise DocumentError(doc, "no article text found in the HTML page (only navigation or boilerplate)")
    meta = trafilatura.extract_metadata(html, default_url=url)
    return Document(doc, text, date=_iso_date(getattr(meta, "date", None)),
                    title=readable_title(getattr(meta, "title", None)), source_url=url, kind="html")


def _strip_tags(fragment: str) -> str:
    if "<" not in fragment:
        return fragment
    import trafilatura

    return trafilatura.extract(f"<html><body><article><p>{fragment}</p></article></body></html>",
                               favor_recall=True) or re.sub(r"<[^>]+>", " ", fragment)


def parse_feed(doc: str, raw: bytes | str) -> list[Document]:
    """One document per RSS/Atom entry (title + summary or content), dated by the entry."""
    import feedparser

    feed = feedparser.parse(raw)
    if not feed.entries:
        raise DocumentError(doc, "feed has no entries (or is not an RSS/Atom feed)")
    docs = []
    for i, e in enumerate(feed.entries):
        body = e.get("content", [{}])[0].get("value") if e.get("content") else e.get("summary", "")
        title = (e.get("title") or "").strip()
        text = "\n\n".join(x for x in (title + ("." if title and title[-1] not in ".!?" else ""),
                                       _strip_tags(body or "").strip()) if x)
        parsed = e.get("published_parsed") or e.get("updated_parsed")
        date = f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}" if parsed else None
        docs.append(Document(f"{doc}#{i}", text, date=date, title=title or None, source_url=e.get("link"),
                             kind="feed"))
    return docs


def _sniff(raw: bytes, suffix: str) -> str:
    head = raw[:2048].lstrip().lower()
    if suffix in FEED_SUFFIXES or head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head):
        if b"<rss" in raw[:4096].lower() or b"<feed" in raw[:4096].lower() or b"<rdf" in raw[:4096].lower():
            return "feed"
    if suffix in HTML_SUFFIXES or head.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "text"


def fetch_url(url: str, max_bytes: int = MAX_BYTES, timeout: float = 30.0) -> bytes:
    """GET ``url`` (at most ``max_bytes``); network failures become a :class:`DocumentError`."""
    req = urllib.request.Request(url, headers={"User-Agent": "amity (+https://github.com/)"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            raw = resp.read(max_bytes + 1)
    except OSError as exc:
        raise DocumentError(url, f"could not fetch: {exc}") from None
    if len(raw) > max_bytes:
        raise DocumentError(url, f"larger than {max_bytes / 1e6:.0f} MB; save the article text and pass the file")
    return raw


def read_document(item: str, encoding: str | None = None, max_bytes: int = MAX_BYTES) -> list[Document]:
    """Read one path or URL into documents (a feed gives several); raises :class:`DocumentError`."""
    if is_url(item):
        raw = fetch_url(item, max_bytes)
        suffix = Path(item.split("?")[0]).suffix.lower()
    else:
        p = Path(item)
        if not p.exists():
            raise DocumentError(item, "no such file or directory")
        size = p.stat().st_size
        if size > max_bytes:
            raise DocumentError(item, f"{size / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB limit per "
                                      "document (max_bytes); pass the article alone")
        raw = p.read_bytes()
        suffix = p.suffix.lower()
    return read_bytes(item, raw, suffix, encoding, url=item if is_url(item) else None)


def read_bytes(doc: str, raw: bytes, suffix: str = "", encoding: str | None = None, url: str | None = None,
               max_bytes: int = MAX_BYTES) -> list[Document]:
    """Documents from bytes already in memory (an upload), with the same guards as a file; ``doc`` names it."""
    if len(raw) > max_bytes:
        raise DocumentError(doc, f"{len(raw) / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB limit per document")
    kind = _sniff(raw, suffix)
    if kind == "feed":
        docs = parse_feed(doc, raw)
    else:
        text = decode(doc, raw, encoding)
        docs = [parse_html(doc, text, url=url) if kind == "html" else parse_text(doc, text)]
    for d in docs:
        check_english(d.doc, d.text[d.body_start:])
    return docs


def read_many(paths_or_urls: Iterable[str | Path], encoding: str | None = None,
              max_bytes: int = MAX_BYTES) -> Iterator[Document | DocumentError]:
    """Each input's documents, or a :class:`DocumentError` in its place, so a batch is never stopped."""
    for item in expand_inputs(paths_or_urls):
        try:
            yield from read_document(item, encoding, max_bytes)
        except DocumentError as exc:
            yield exc
