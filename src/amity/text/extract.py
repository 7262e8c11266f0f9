"""Extract events between states from articles: who did what to whom, when, how, and with what certainty.

Pipeline per document: read (:mod:`amity.text.ingest`) → drop page chrome and split sentences
(:mod:`amity.text.sentences`) → find actor mentions (:mod:`amity.text.actors`) and trigger phrases
(:mod:`amity.text.events`) → attach the subject group before a trigger as ``source`` and the first actor
group after it (in the same clause) as ``target``. An event needs both; "reciprocal" acts (meet, agree,
cooperate, sign) with a plural subject and no object are between the subject's members.

Compound references: "both countries"/"the two states" take the most recent coordinated group of that
size ("the US and India"); "we"/"our" in a joint statement are the statement's parties (from its title,
groupings expanded as of the document date); a sentence-initial "They"/"It" repeats the previous event's
source. Output columns are exactly those of issue 5: doc, sentence, char_start, char_end, source, target,
event, mode, quad, intensity, domain, modality, date, actors_text, confidence.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from amity.text.actors import Mention, expand, find_mentions, members
from amity.text.events import domains, event_date, event_type, find_triggers, modality
from amity.text.ingest import MAX_BYTES, Document, DocumentError, parse_text, read_many
from amity.text.sentences import article_sentences

COLUMNS = ["doc", "sentence", "char_start", "char_end", "source", "target", "event", "mode", "quad", "intensity",
           "domain", "modality", "date", "actors_text", "confidence"]
_COORD = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+|&\s*|[-–/]\s*)(?:the\s+)?$")
_CLAUSE_BREAK = re.compile(r";|:\s|\s—\s|\sbut\s|,\s*which\b|,\s*while\b|\swhereas\s|,\s*although\b|"
                           r"\swhich\s+will\b|,\s*and\s+(?=(?:the|this|it|they|we)\b)", re.I)
_PRONOUN = re.compile(r"\b(?:[Ww]e|[Oo]ur|[Uu]s)\b")
_NUMBER = {"both": 2, "two": 2, "three": 3, "four": 4}


@dataclass
class Group:
    """A coordinated run of mentions ("Australia, India, Japan, and the United States")."""

    mentions: list[Mention]
    codes: list[str] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.mentions[0].start

    @property
    def end(self) -> int:
        return self.mentions[-1].end


@dataclass
class Context:
    """What earlier sentences of the document tell later ones."""

    date: str | None
    speakers: list[str] | None
    groups: list[list[str]] = field(default_factory=list)  # recent coordinated multi-state groups
    last_source: list[str] | None = None


def _group(sentence: str, mentions: list[Mention]) -> list[Group]:
    """Merge mentions joined by "and", commas, hyphens ("US-India") or possessives into groups."""
    groups: list[Group] = []
    for m in mentions:
        if groups:
            gap = sentence[groups[-1].end:m.start]
            if _COORD.match(gap) or re.fullmatch(r"’s\s+|'s\s+|\s+of\s+", gap) and m.kind == "person":
                groups[-1].mentions.append(m)
                continue
            if (re.fullmatch(r"’s\s+(?:[A-Z][\w-]*\s+){0,4}|'s\s+(?:[A-Z][\w-]*\s+){0,4}", gap)
                    and m.kind == "person"):
                groups[-1].mentions.append(m)
                continue
        groups.append(Group([m]))
    return groups


def _resolve(group: Group, ctx: Context) -> list[str]:
    codes: list[str] = []
    for m in group.mentions:
        if m.codes:
            codes.extend(m.codes)
        elif m.kind == "pronoun":
            codes.extend(ctx.speakers or [])
        elif m.kind == "compound":
            codes.extend(_compound(m.text, ctx))
    return list(dict.fromkeys(codes))


def _compound(text: str, ctx: Context) -> list[str]:
    """Members of a compound reference: speakers for "our …", else the last group of the right size."""
    low = text.lower()
    if low.startswith("our") and ctx.speakers:
        return ctx.speakers
    size = next((n for w, n in _NUMBER.items() if re.search(rf"\b{w}\b", low)), None)
    if "leaders" in low and ctx.speakers and size in (None, len(ctx.speakers)):
        return ctx.speakers
    for g in reversed(ctx.groups):
        if size is None or len(g) == size:
            return g
    return []


def _clause(sentence: str, pos: int) -> tuple[int, int]:
    """[start, end) of the clause around offset ``pos`` (split at ;, but, which, while …)."""
    start, end = 0, len(sentence)
    for m in _CLAUSE_BREAK.finditer(sentence):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return start, end


def _speakers(doc: Document) -> list[str] | None:
    """Parties of a joint statement, from its title ("Quad …", "Joint Statement from the US and India")."""
    if not doc.title or not re.search(r"joint|quad|aukus|leaders|fact sheet|declaration", doc.title, re.I):
        return None
    codes = list(dict.fromkeys(c for m in find_mentions(doc.title, doc.date) for c in m.codes))
    codes = expand(codes, doc.date)
    return codes if len(codes) >= 2 else None


def _event_rows(doc_name: str, sent_text: str, start: int, end: int, ctx: Context) -> list[dict]:
    mentions = find_mentions(sent_text, ctx.date)
    if ctx.speakers:
        taken = [(m.start, m.end) for m in mentions]
        for m in _PRONOUN.finditer(sent_text):
            if not any(a < m.end() and m.start() < b for a, b in taken):
                mentions.append(Mention(m.start(), m.end(), (), "pronoun", m.group()))
        mentions.sort(key=lambda x: x.start)
    # "It is …" is an expletive; "It should …", "It has …" refer back to the previous subject.
    lead = re.match(r"\s*(They|The latter|It(?= (?:should|must|will|would|could|has|had|also|continues)\b))\b",
                    sent_text)
    if lead and ctx.last_source:
        mentions.insert(0, Mention(lead.start(1), lead.end(1), tuple(ctx.last_source), "pronoun", lead.group(1)))
    groups = _group(sent_text, mentions)
    resolved = [(g, _resolve(g, ctx)) for g in groups]
    rows: list[dict] = []
    seen: set = set()
    doc_year = int(ctx.date[:4]) if ctx.date else None
    for trig in find_triggers(sent_text):
        c_start, c_end = _clause(sent_text, trig.start)
        before = [(g, c) for g, c in resolved if c_start <= g.start and g.end <= trig.start and c]
        if not before:  # subject of the sentence, when the clause has none ("India called …but refrained…")
            before = [(g, c) for g, c in resolved[:1] if g.end <= trig.start and c]
        after = [(g, c) for g, c in resolved if trig.end <= g.start and g.end <= c_end and c]
        if not before:
            continue
        src_group, source = before[-1] if len(before[-1][1]) > 1 or len(before) == 1 else before[0]
        source = list(dict.fromkeys(c for _, cs in before for c in cs)) if all(
            g.mentions[0].kind in ("state", "person", "capital", "demonym") for g, _ in before) else source
        target: list[str] = []
        tgt_mentions: list[Mention] = []
        for g, cs in after:
            if trig.reciprocal and len(source) >= 2 and not re.search(
                    r"\b(?:with|to)\s+(?:the\s+)?\S*\s*$", sent_text[trig.end:g.start]):
                break  # "the leaders agreed to … through the Quad": between the leaders, not with the Quad
            cs = [c for c in cs if c not in source] or ([] if len(source) == 1 else cs)
            if cs:
                target, tgt_mentions = cs, g.mentions
                break
        if not target:
            if not (trig.reciprocal and len(source) >= 2):
                continue
            target = list(source)
        source, target = _drop_covered_groupings(source, ctx.date), _drop_covered_groupings(target, ctx.date)
        if set(source) == set(target) and len(source) < 2:
            continue
        et = event_type(trig.cameo)
        mod, year = modality(sent_text[c_start:trig.start], sent_text[c_start:c_end], doc_year)
        key = (et.event, tuple(source), tuple(target), mod)
        if key in seen:
            continue
        seen.add(key)
        src_mentions = [m for g, _ in before for m in g.mentions]
        explicit = sum(all(m.kind not in ("compound", "pronoun") for m in ms) for ms in (src_mentions, tgt_mentions))
        confidence = round(min(0.95, 0.55 + 0.15 * explicit + (0.1 if not trig.reciprocal or tgt_mentions else 0)), 2)
        rows.append({
            "doc": doc_name, "sentence": sent_text, "char_start": start, "char_end": end,
            "source": source, "target": target, "event": et.event, "mode": et.mode, "quad": et.quad,
            "intensity": et.intensity, "domain": domains(sent_text[c_start:c_end]) or domains(sent_text),
            "modality": mod, "date": event_date(sent_text, ctx.date, year),
            "actors_text": list(dict.fromkeys(m.text for m in src_mentions + tgt_mentions)),
            "confidence": confidence,
        })
        ctx.last_source = source
    rows = _drop_agreed_content(rows)
    if not rows and resolved and resolved[0][0].start < 20 and resolved[0][1]:
        ctx.last_source = resolved[0][1]  # the sentence's subject, for a following "It"/"They"
    multi = [codes for g, codes in resolved if len(codes) >= 2 and all(len(c) == 3 for c in codes)]
    ctx.groups.extend(multi)
    return rows


def _drop_covered_groupings(codes: list[str], date: str | None) -> list[str]:
    """"the summit of the Quad, we pledge…": a grouping listed beside all its members is redundant."""
    return [c for c in codes if not (members(c, date) and set(members(c, date)) <= set(codes))]


def _drop_agreed_content(rows: list[dict]) -> list[dict]:
    """A planned act that is the content of an agreement in the same sentence ("committing that the US and
    India will work together") is the agreement, not a second event."""
    agreed = {(tuple(r["source"]), tuple(r["target"])) for r in rows if r["event"] == "AGREE"}
    return [r for r in rows if not (r["event"] == "COOPERATE" and (tuple(r["source"]), tuple(r["target"])) in agreed)]


def events_of(document: Document) -> pd.DataFrame:
    """Events in one read document (see module docstring), as a DataFrame with :data:`COLUMNS`."""
    sentences, _chrome = article_sentences(document.text, document.body_start)
    ctx = Context(date=document.date, speakers=_speakers(document))
    rows: list[dict] = []
    for s in sentences:
        rows.extend(_event_rows(document.doc, s.text, s.start, s.end, ctx))
    return pd.DataFrame(rows, columns=COLUMNS)


def extract_events(text: str, doc: str = "<text>", date: str | None = None, title: str | None = None
                   ) -> pd.DataFrame:
    """Events in a string of article text (Markdown front matter allowed); ``date`` is the document date."""
    document = parse_text(doc, text)
    if date:
        document.date = date
    if title:
        document.title = title
    return events_of(document)


def extract(paths_or_urls: str | Path | Iterable[str | Path], store: bool = False, encoding: str | None = None,
            max_bytes: int = MAX_BYTES, quiet: bool = False) -> pd.DataFrame:
    """Events from files, directories and URLs; bad documents are reported and skipped.

    Per-document problems (empty, binary, not English, too large, undecodable) are printed to stderr
    (unless ``quiet``) and listed in ``df.attrs["errors"]``; the rest of the batch is processed. With
    ``store=True`` each document's events replace its earlier ones in the store's ``events`` table in one
    transaction (see :mod:`amity.text.store`).
    """
    if isinstance(paths_or_urls, (str, Path)):
        paths_or_urls = [paths_or_urls]
    frames: list[pd.DataFrame] = []
    errors: list[str] = []
    for item in read_many(paths_or_urls, encoding=encoding, max_bytes=max_bytes):
        if isinstance(item, DocumentError):
            errors.append(str(item))
            if not quiet:
                print(f"skipped {item}", file=sys.stderr)
            continue
        df = events_of(item)
        if store:
            from amity.text.store import store_events

            store_events(item, df)
        frames.append(df)
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)
    out.attrs["errors"] = errors
    return out
