"""Extract events between states from articles: who did what to whom, when, how, and with what certainty.

Pipeline per document: read (:mod:`amity.text.ingest`) → drop page chrome and split sentences
(:mod:`amity.text.sentences`) → find actor mentions (:mod:`amity.text.actors`) and trigger phrases
(:mod:`amity.text.events`) → attach the subject group before a trigger as ``source`` and the first actor
group after it (in the same clause) as ``target``. An event needs both; "reciprocal" acts (meet, agree,
cooperate, sign) with a plural subject and no object are between the subject's members. Before parsing,
lists of three or more states or their people are shortened at the same length (:func:`masked_for_parse`),
which the small parser reads far better; a role that touches a list takes all of it.

Compound references: "both countries"/"the two states" take the most recent coordinated group of that
size ("the US and India"); "we"/"our" in a joint statement are the statement's parties (from its title,
its opening "joint statement" sentence or an opening "We, <list of states>, …", groupings expanded as of
the document date); "the meeting included: <list>" is one meeting of all the actors listed; a
sentence-initial "They"/"It" repeats the previous event's source. Output columns are exactly those of
issue 5: doc, sentence, char_start, char_end, source, target, event, mode, quad, intensity, domain,
modality, date, actors_text, confidence.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from amity.text.actors import GROUPINGS_OF_MEMBERS, TITLES, Mention, as_parties, find_mentions, members
from amity.text.discourse import (
    PARTIES,
    author,
    learn_officials,
    learn_people,
    parties,
    people_mentions,
    self_mentions,
    title_mentions,
)
from amity.text.events import Trigger, domains, event_date, event_type, find_triggers, modality
from amity.text.ingest import MAX_BYTES, Document, DocumentError, parse_text, read_many
from amity.text.sentences import article_sentences

COLUMNS = ["doc", "sentence", "char_start", "char_end", "source", "target", "event", "mode", "quad", "intensity",
           "domain", "modality", "date", "actors_text", "confidence", "actors_from"]
_COORD = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+|&\s*|[-–/]\s*)(?:the\s+)?$")
_CLAUSE_BREAK = re.compile(r";|:\s|\s—\s|\sbut\s|,\s*which\b|,\s*while\b|\swhereas\s|,\s*although\b|"
                           r"\swhich\s+will\b|,\s*and\s+(?=(?:the|this|it|they|we)\b)", re.I)
_PRONOUN = re.compile(r"\b(?:[Ww]e|[Oo]ur|[Uu]s)\b")
_NUMBER = {"both": 2, "two": 2, "three": 3, "four": 4}
_GROUPING_PEOPLE = re.compile(r"^[\s”\"-]*(?:[Ll]eaders?|[Pp]artners|[Cc]ountries|[Mm]embers?|[Nn]ations|"
                              r"[Gg]overnments|[Ff]oreign [Mm]inisters)\b")
# "While in Saudi Arabia, the President will discuss …", "In Nigeria, Mr. Finer will discuss …": talks with the host
_WHILE_IN = re.compile(r"(?:(?:While|When)\s+(?:in|visiting)|In)\s+[^,]{2,40},")
_MADE = re.compile(r"\b([A-Z][a-z]+)[-\s]made\b")
_UNDER_LAW = re.compile(r"\bunder (?:the )?((?:[A-Z][\w’'.-]*\s+){0,8}(?:Act|Law)|CAATSA)\b")
_TITLE_TOPIC = re.compile(r"\s(?:on|regarding|concerning)\s")
_TITLE_BY = re.compile(r"\s(?:by|from)\s")
_ONE_AUTHOR = re.compile(r"\s*(?:Readout|Remarks|Letter|Message|Press Briefing|Statement (?:by|from))\b", re.I)
_INTERACTION = re.compile(r"readout|call with|meeting|joint|agreement|framework|visit|bilateral|between|"
                          r"summit|dialogue|talks|partnership|declaration|memorandum", re.I)
# Where an event's actors were found: named in the sentence, the document's author, the title's
# parties, or carried over from an earlier sentence.
ORIGINS = ("sentence", "author", "title", "previous sentence")


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
    """What the document as a whole, and its earlier sentences, tell each sentence."""

    date: str | None
    speakers: list[str] | None  # parties of a joint statement ("we")
    author: str | None = None  # the issuing government ("I", "the President")
    parties: list[str] = field(default_factory=list)  # states of the title
    people: dict[str, str] = field(default_factory=dict)  # names learned in the document
    groups: list[list[str]] = field(default_factory=list)  # recent coordinated multi-state groups
    last_source: list[str] | None = None
    last_actors: list[str] | None = None  # source and target of the previous sentence's first event
    last_single: list[str] | None = None  # the last single-state source ("He", "She")
    delegation: list[str] | None = None  # the state of the last "<state> delegation" ("The delegation met …")

    @property
    def bilateral(self) -> bool:
        """A readout, joint statement or agreement of exactly two parties: a commitment or a talk with
        no named counterpart is with the other party."""
        return len(self.parties) == 2 and bool(self.interaction)

    interaction: bool = False  # the title names an interaction (call, meeting, visit, agreement …)
    travel: bool = False  # the title announces or reads out the author's officials' travel ("… Travel to …")
    treaty: bool = False  # the document is an agreement's text ("Agreement Between the United States … and …")


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


def _resolve(group: Group, ctx: Context) -> tuple[list[str], set[str]]:
    """Codes of a group and where they came from (see :data:`ORIGINS`)."""
    codes: list[str] = []
    origins: set[str] = set()
    for m in group.mentions:
        if m.kind == "author":
            codes.extend(m.codes)
            origins.add("author")
        elif m.codes:
            codes.extend(m.codes)
            origins.add("sentence" if m.kind != "pronoun" else "previous sentence")
        elif m.kind == "pronoun":
            codes.extend(ctx.speakers or [])
            origins.add("title")
        elif m.kind in ("compound", "parties"):
            found, origin = _compound(m.text, ctx)
            codes.extend(found)
            if found:
                origins.add(origin)
    return list(dict.fromkeys(codes)), origins


def _compound(text: str, ctx: Context) -> tuple[list[str], str]:
    """Members of a compound reference ("both countries", "the two leaders", "they", "the Participants"):
    the speakers for "our …", else the last group of the right size, else the title's parties."""
    low = text.lower()
    if low.startswith("our") and ctx.speakers:
        return ctx.speakers, "title"
    size = next((n for w, n in _NUMBER.items() if re.search(rf"\b{w}\b", low)), None)
    if "leaders" in low and ctx.speakers and size in (None, len(ctx.speakers)):
        return ctx.speakers, "title"
    if low == "they":  # the previous event's several agents ("They reiterated …" after "They …
        # supported Ukraine"), else both its sides ("They discussed …" after "X spoke with Y")
        for group in (ctx.last_source, ctx.last_actors):
            if group and len(group) >= 2:
                return group, "previous sentence"
    if re.search(r"\bparticipants\b", low) and ctx.interaction and ctx.parties and size in (None, len(ctx.parties)):
        return ctx.parties, "title"  # "the participants committed …" in a readout of the title's meeting ("the
        # two sides" may be the two in conflict the previous sentence named)
    for g in reversed(ctx.groups):
        if size is None or len(g) == size:
            return g, "previous sentence"
    if ctx.parties and size in (None, len(ctx.parties)):
        return ctx.parties, "title"
    return [], "previous sentence"


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
    """Parties of a joint statement, from its title ("Quad …", "Joint Statement from the US and India"): those
    named before what it is on ("G7 Leaders’ Statement on Iran’s Attack Against Israel" is the G7's), or after
    "by"/"from" when the topic comes first ("Joint Statement on F-16s for Ukraine from U.S. President …, Dutch
    Prime Minister …")."""
    if not doc.title or not re.search(r"joint|quad|aukus|leaders|fact sheet|declaration|framework|communiqu|"
                                      r"agreement between|\b(?:G7|G20|NATO) statement", doc.title, re.I) \
            or _ONE_AUTHOR.match(doc.title):
        return None  # "Statement from Press Secretary … on the Quad Leaders Summit", "Readout of …": one author
    fact_sheet = bool(re.search(r"fact sheet", doc.title, re.I))  # the publisher's own, never one body's
    mentions = title_mentions(doc.title, doc.date)
    topic = _TITLE_TOPIC.search(doc.title)
    by = _TITLE_BY.search(doc.title, topic.end()) if topic else None
    readings = ([m for m in mentions if m.start >= by.end()] if by else [],
                [m for m in mentions if m.end <= topic.start()] if topic else [], mentions)
    for named in readings:
        codes = as_parties(list(dict.fromkeys(c for m in named for c in m.codes)), doc.date)
        if len(codes) >= 2:
            return codes
        if codes and all(m.kind == "org" for m in named) and not fact_sheet:
            return codes  # "We, the Leaders of the G7": one organisation speaks
    return None


_RELEASED = re.compile(r"\b(?:released|issued|adopted) the following (?:joint )?(?:statement|declaration)\b", re.I)


def _released_by(doc: Document, sentences: list) -> list[str] | None:
    """Who an opening says "released the following statement", whatever the title says ("Joint Statement of
    NATO and G7 Leaders …" opens "the Leaders of Canada, the European Commission, … and the United States met
    on the margins of the G20 Summit in Bali and released the following statement"): the longest list of
    states and organisations before the verb, not the summit or the place they met at."""
    for s in sentences[:3]:
        hit = _RELEASED.search(s.text)
        if hit:
            mentions = [m for m in find_mentions(s.text[:hit.start()], doc.date) if m.kind in ("state", "org")]
            listed = max(_group(s.text, mentions), key=lambda g: len(g.mentions), default=None)
            return _as_named_parties([c for m in listed.mentions for c in m.codes], doc.date) \
                if listed is not None and len(listed.mentions) >= 2 else None
    return None


def _signatories(doc: Document, sentences: list) -> list[str] | None:
    """Parties of a joint statement its opening names ("the leaders of France, Germany, Italy, the United
    Kingdom and the United States released the following joint statement"): who "we" and "our countries" are."""
    if not doc.title or not re.search(r"joint statement", doc.title, re.I):
        return None
    for s in sentences[:3]:
        if re.search(r"joint statement", s.text, re.I):
            return _named_parties(s.text, doc.date)
    return None


def _named_parties(text: str, date: str | None) -> list[str] | None:
    """The states and organisations ``text`` names, groupings as their members, if it names two or more."""
    return _as_named_parties([c for m in find_mentions(text, date) if m.kind in ("state", "org") for c in m.codes],
                             date)


def _as_named_parties(codes: list[str], date: str | None) -> list[str] | None:
    """Distinct codes, groupings as their members, if there are two or more."""
    codes = list(dict.fromkeys(codes))
    return as_parties(codes, date) if len(codes) >= 2 else None


_WE_LIST = re.compile(r"^\W*We,\s+(.{5,600}?),\s+\[?(?!and\b|the\b|as\b)(?=[a-z])|"  # "[strongly condemn](…)"
                      r"^[^,]{0,40},\s+we,?\s+(the\s+(?:[Ll]eaders|[Gg]overnments)\s+of\s+.{5,600}?),?\s+\[?"
                      r"(?!and\b|the\b|as\b)(?=[a-z])")  # "A year and a half ago, we the leaders of …, launched"


def _we_named(doc: Document, sentences: list) -> list[str] | None:
    """Parties that an opening "We, <list>, …" names ("We, the governments of Australia, Canada, …, and
    the United States, recognize …"; "We, the leaders of Japan, …, Viet Nam and the European Union,
    reaffirmed …"): who "we" and "our" are in the rest of the statement, whatever its title says."""
    for s in sentences[:3]:
        hit = _WE_LIST.match(s.text)
        if hit:
            return _named_parties(hit.group(1) or hit.group(2), doc.date)
    return None


def _mentions(sent_text: str, ctx: Context, named: list[Mention] | None = None) -> list[Mention]:
    """Actors of a sentence: named ones (``named``, the sentence's :func:`find_mentions` if already found),
    people learned earlier in the document, the author's self-references, "we/our" of a joint statement, and
    references to the parties ("they")."""
    mentions = list(named) if named is not None else find_mentions(sent_text, ctx.date)
    learn_people(sent_text, mentions, ctx.people)
    learn_officials(sent_text, ctx.author, ctx.people)
    # what the document says of a person ("Jens Stoltenberg of NATO") outranks a dictionary's old role
    mentions = [Mention(m.start, m.end, (ctx.people[m.text.strip()],), m.kind, m.text)
                if m.kind == "person" and ctx.people.get(m.text.strip(), m.codes[0]) != m.codes[0] else m
                for m in mentions]
    mentions += people_mentions(sent_text, ctx.people, mentions)
    mentions = [_grouping_people(sent_text, m, ctx.date) for m in mentions]
    if ctx.speakers:
        taken = [(m.start, m.end) for m in mentions]
        for m in _PRONOUN.finditer(sent_text):
            if not any(a < m.end() and m.start() < b for a, b in taken):
                mentions.append(Mention(m.start(), m.end(), (), "pronoun", m.group()))
    mentions += self_mentions(sent_text, ctx.author, bool(ctx.speakers), mentions)
    for m in PARTIES.finditer(sent_text):
        if not any(t.start < m.end() and m.start() < t.end for t in mentions):
            mentions.append(Mention(m.start(), m.end(), (), "parties", m.group()))
    # "It should …", "It has …" refer back to the previous subject ("It is …" is an expletive).
    lead = re.match(r"\s*(The latter|It(?= (?:should|must|will|would|could|has|had|also|continues)\b))\b",
                    sent_text)
    if lead and ctx.last_source:
        mentions = [m for m in mentions if m.start >= lead.end(1)]
        mentions.append(Mention(lead.start(1), lead.end(1), tuple(ctx.last_source), "pronoun", lead.group(1)))
    for m in mentions:
        if m.codes and re.match(r"\s+delegation\b", sent_text[m.end:]):
            ctx.delegation = list(m.codes)
    for m in re.finditer(r"\b[Tt]he (?:(interagency) )?delegation\b", sent_text):
        # no state's delegation named yet: an interagency one, or the one of a readout of travel, is the author's
        own = [ctx.author] if ctx.author and (m.group(1) or ctx.travel) else None
        if (ctx.delegation or own) and not any(t.start < m.end() and m.start() < t.end for t in mentions):
            mentions.append(Mention(m.start(), m.end(), tuple(ctx.delegation or own), "pronoun", m.group()))
    person = re.match(r"\s*(?:[A-Z][\w ]{0,25}, )?([Hh]e|[Ss]he)\b", sent_text)  # "He …", "There, he …"
    if person and ctx.last_single and not any(m.start < person.end(1) for m in mentions):
        mentions.append(Mention(person.start(1), person.end(1), tuple(ctx.last_single), "pronoun", person.group(1)))
    for m in re.finditer(r"(?<=, and )(?:he|she)\b", sent_text):  # "Biden raised …, and he condemned …"
        before = [t for t in mentions if t.end <= m.start() and t.kind in ("person", "author") and len(t.codes) == 1]
        if before and not any(t.start < m.end() and m.start() < t.end for t in mentions):
            mentions.append(Mention(m.start(), m.end(), before[0].codes, "pronoun", m.group()))
    mentions.sort(key=lambda x: x.start)
    return mentions


def _grouping_people(sentence: str, m: Mention, date: str | None) -> Mention:
    """"the Quad leaders", "AUKUS partners": a grouping's people are its member states."""
    if (m.kind == "org" and m.codes[0] in GROUPINGS_OF_MEMBERS and members(m.codes[0], date)
            and _GROUPING_PEOPLE.match(sentence[m.end:])):
        return Mention(m.start, m.end, tuple(members(m.codes[0], date)), "org", m.text)
    return m


def _codes_in(spans: list[tuple[int, int]], resolved: list[tuple[Mention, list[str], set[str]]]
              ) -> tuple[list[str], list[Mention], set[str]]:
    """Codes, mentions and origins of the actor mentions inside any of ``spans`` (the parse decides
    which mentions are coordinated, not the commas between them)."""
    codes: list[str] = []
    ments: list[Mention] = []
    origins: set[str] = set()
    for m, cs, orig in resolved:
        if cs and any(a < m.end and m.start < b for a, b in spans):
            codes.extend(cs)
            ments.append(m)
            origins |= orig
    return list(dict.fromkeys(codes)), ments, origins


def _heads_item(tok) -> bool:
    """A gerund that opens its sentence as its root, with no subject: a list item of what the author does."""
    first = next(t for t in tok.doc if not t.is_punct and not t.is_space)
    words = [t for t in tok.doc if t.is_alpha and len(t) > 3]
    heading = sum(t.text[0].isupper() for t in words) > 0.6 * len(words)  # "Supporting Ukraine Now and in the Future"
    return tok.tag_ == "VBG" and tok.dep_ == "ROOT" and tok.i == first.i and not heading and not any(
        c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


def _nominal_source(sent_text: str, pred, patients: list[tuple[int, int]], ctx: Context) -> list[str]:
    """Agents that event nouns leave implicit: the maker in "purchase of Russian-made S-400" (the seller
    of an arms transfer), the state whose law "sanctions … under the … Act" applies (else the author)."""
    from amity.text.actors import state_forms

    tail = sent_text[pred.end:pred.end + 160]
    if pred.cameo == "072":
        lo, hi = (min(a for a, _ in patients), max(b for _, b in patients)) if patients else (pred.end, pred.end)
        made = _MADE.search(sent_text[lo:hi] or tail)
        if made:
            form = state_forms().get(made.group(1))
            return [form[0]] if form else []
        return []
    if pred.cameo.startswith("16"):
        law = _UNDER_LAW.search(tail)
        if law:
            if law.group(1) == "CAATSA":
                return ["USA"]
            codes = [c for m in find_mentions(law.group(1), ctx.date) for c in m.codes]
            if not codes and re.search(r"\bAmerica", law.group(1)):
                codes = ["USA"]
            return codes[:1]
        return [ctx.author] if ctx.author else []
    return []


def _syntactic_events(sent_text: str, doc, resolved, ctx: Context) -> list[tuple]:
    """(trigger-like, source, target, mentions, origins, syntax modality) for each parsed predicate."""
    from amity.text import syntax

    out = []
    preds = syntax.predicates(doc)
    heads = {p.token.i for p in preds if syntax.is_verb(p.token)}
    talks = {p.token.i for p in preds if syntax.is_verb(p.token) and p.cameo.startswith("04")
             and p.cameo not in ("042", "043", "046")}
    for p in preds:
        tok = p.token
        if syntax.is_noun(tok) and (tok.head.i in heads or tok.head.dep_ == "prep" and tok.head.head.i in heads) \
                and tok.head is not tok \
                and not syntax.names_own_doer(p) \
                and not ((syntax.between(p) or syntax.named_pair(p)) and tok.head.i not in talks):
            continue  # "impose sanctions", "reaffirm the partnership": the verb is the event ("condemns
            # Russia's strikes", "condemned Russian aggression against Ukraine" and "welcomed the meeting between
            # X and Y" and "welcomed the launch of a new U.S.-U.K. dialogue" are two: the noun has parties of its
            # own; "discussed the bond between X and Y" is one: a topic of talks)
        if any(syntax.in_topic_of(p, q) for q in preds):
            continue
        agents, patients = (_widen(spans, doc.user_data.get("lists", [])) for spans in syntax.roles(p))
        source, s_m, s_o = _codes_in(agents, resolved)
        target, t_m, t_o = _codes_in(patients, resolved)
        if not source and target and ctx.author and syntax.is_verb(tok) and _heads_item(tok):
            # a fact sheet's item "Providing $50 million in humanitarian assistance to Ukraine;": the author does it
            source, s_o = [ctx.author], {"author"}
        if not target and p.reciprocal and syntax.is_verb(tok) and syntax.unnamed_partner(p):
            continue
        noun = syntax.is_noun(tok)
        if noun and not source and target and p.cameo == "042":
            source, s_o = _traveller(tok, resolved, ctx, target)
        if noun and (p.cameo == "072" or p.cameo.startswith("16")):
            implicit = _nominal_source(sent_text, p, patients, ctx)
            if p.cameo == "072" and implicit:  # "India's purchase of Russian-made S-400": Russia → India
                source, target, t_m = implicit, source, s_m
            elif implicit and _UNDER_LAW.search(sent_text[p.end:p.end + 160]):
                source = implicit  # "sanctions against India under CAATSA": the law's state sanctions
            elif not source:
                source = implicit
            s_o = {"author"} if source and source == [ctx.author] else {"sentence"}
        if not source and noun and (len(target) == 2 and p.reciprocal or len(target) >= 2 and syntax.between(p)):
            # "the partnership between Pakistan and China"; a longer list with no doer ("a Summit of the GCC
            # plus Egypt, Iraq, and Jordan") says who attends, not that they all act on each other
            source, s_m, s_o = target, t_m, t_o
        if not target and len(source) >= 2 and syntax.attends_meeting(tok):
            target = list(source)  # "Argentina, Australia, … participated in the meeting": they met one another
        if target and not p.reciprocal and set(target) < set(source):
            # "we (the United States and Ukraine) remain committed to assisting Ukraine": the others act on it
            source = [c for c in source if c not in target]
        target = [c for c in target if c not in source] or (target if len(source) >= 2 else [])
        if not source or noun and p.reciprocal and _only_possessor(tok, s_m + t_m):
            continue  # "… are at the heart of our cooperation": a relationship named, no act
        out.append((p, source, target, s_m + t_m, s_o | t_o, syntax.modality(p)))
    return [_complement_target(c, out) for c in out]


def _traveller(tok, single, ctx: Context, target: list[str]) -> tuple[list[str], set[str]]:
    """Who makes "his/her visit (trip) to X": the last single doer, else the one person the sentence names
    ("As part of her visit to the United Kingdom, Vice President Harris is announcing …"), else the author."""
    owner = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in ("his", "her")), None)
    if owner is None:
        return [], set()
    if ctx.last_single and not set(ctx.last_single) & set(target):
        return list(ctx.last_single), {"previous sentence"}
    named = [codes for m, codes, _ in single if m.kind in ("person", "author") and len(codes) == 1
             and not set(codes) & set(target)]
    if named:
        return list(named[0]), {"sentence"}
    return ([ctx.author], {"author"}) if ctx.author and ctx.author not in target else ([], set())


_PARTICIPANTS = re.compile(r"\b(?:meeting|call|summit|session|talks|dialogue|discussion)s?\s+(?:also\s+)?"
                           r"(?:included|was attended by|were attended by|brought together)\b:?|"
                           r"\bparticipating in (?:\S+\s+){0,3}(?:meeting|call|summit|session|talks|dialogue)s?"
                           r"\s+were\b|"
                           r"^\s*Joining\b[^,;]{0,80}?\b(?:on|for|at|in) (?:the|this|today’s|today's) "
                           r"(?:\S+\s+){0,2}(?:meeting|call|summit|session|talks|dialogue)s? (?:were|was)\b")


def _participants(sent_text: str, resolved) -> list[tuple]:
    """"In addition to the Vice President, the meeting included: Prime Minister Kishida of Japan, …": all
    the actors the sentence names took part in one meeting together (CAMEO 040, among them all)."""
    hit = _PARTICIPANTS.search(sent_text)
    codes = list(dict.fromkeys(c for _, cs, _ in resolved for c in cs))
    if not hit or len(codes) < 2:
        return []
    ments = [m for g, _, _ in resolved for m in g.mentions]
    origins = set().union(*(o for _, _, o in resolved))
    return [(Trigger(hit.start(), hit.end(), "040", True, hit.group()), codes, list(codes), ments, origins, None)]


_DELEGATION = re.compile(r"\bPresidential Delegation\b")


def _delegation(sent_text: str, single, ctx: Context) -> list[tuple]:
    """"announced the designation of a Presidential Delegation to Bogotá, Colombia to attend the Inauguration
    …", "… a Presidential Delegation to attend the Inauguration … in Gaborone, Botswana": the author's
    delegation travels to the first state named after it (CAMEO 042)."""
    hit = _DELEGATION.search(sent_text)
    if not hit or not ctx.author:
        return []
    host = next(((m, cs, o) for m, cs, o in single if m.start >= hit.end() and m.kind == "state"
                 and cs and ctx.author not in cs), None)
    if host is None:
        return []
    m, codes, origins = host
    return [(Trigger(hit.start(), hit.end(), "042", False, hit.group()), [ctx.author], list(codes), [m],
             origins | {"author"}, None)]


def _obligations(parsed, resolved, ctx: Context) -> list[tuple]:
    """An agreement's text: what a party "shall" do is its commitment to the other party ("Jordan shall apply
    a rate of customs duty on an originating good of the United States"; CAMEO 030, PLOVER AGREE)."""
    from amity.text import syntax

    if not (ctx.treaty and ctx.bilateral):
        return []
    out = []
    for tok in parsed:
        if not (syntax.is_verb(tok) and any(c.dep_ == "aux" and c.lower_ == "shall" for c in tok.children)):
            continue
        source, ments, _ = _codes_in(syntax.doer_span(tok), resolved)
        if len(source) == 1 and source[0] in ctx.parties:
            target = [c for c in ctx.parties if c != source[0]]
            trigger = Trigger(tok.idx, tok.idx + len(tok), "030", False, tok.text)
            out.append((trigger, source, target, ments, {"sentence", "title"}, None))
    return out


def _visit_host(sent_text: str, resolved, source: list[str]) -> list[str]:
    """"While in Saudi Arabia, the President will discuss …": talks on a visit are with the host."""
    visit = _WHILE_IN.match(sent_text)
    hosts = [c for m, codes, _ in resolved if visit and m.start < visit.end() for c in codes if c not in source]
    return hosts[:1]


def _only_possessor(tok, ments: list[Mention]) -> bool:
    """All the parties of an event noun are its possessive pronoun ("our cooperation"), none a doer."""
    owners = [(c.idx, c.idx + len(c)) for c in tok.children if c.dep_ == "poss" and c.tag_ == "PRP$"]
    return bool(owners) and all(any(a <= m.start < b for a, b in owners) for m in ments)


def _complement_target(cand: tuple, cands: list[tuple]) -> tuple:
    """A commitment with no counterpart of its own is to whom its complement's act is directed ("Biden
    and Scholz affirmed their intention to support Ukraine": a commitment to Ukraine, not between them)."""
    p, source, target, ments, origins, mod = cand
    if target or not p.reciprocal or not p.cameo.startswith("03"):
        return cand
    inner = {t.i for t in p.token.subtree}
    for q, q_source, q_target, q_ments, q_origins, _ in cands:
        if q is not p and q.token.i in inner and set(q_target) - set(source) and set(q_source) <= set(source):
            return p, source, [c for c in q_target if c not in source], ments + q_ments, origins | q_origins, mod
    return cand


_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?$", re.I)


def _linear_events(sent_text: str, resolved, taken: list[tuple[int, int]]) -> list[tuple]:
    """Lexical triggers not covered by a parsed predicate, with the linear rule: source = the actor group
    before the trigger in its clause (else the sentence subject), target = the first group after it."""
    out = []
    for trig in find_triggers(sent_text):
        if any(a < trig.end and trig.start < b for a, b in taken):
            continue
        if not trig.reciprocal and _PASSIVE_BEFORE.search(sent_text[max(0, trig.start - 30):trig.start]):
            continue  # "Ukraine was attacked by …": the actor before a passive trigger is its target, not its source
        c_start, c_end = _clause(sent_text, trig.start)
        before = [(g, c, o) for g, c, o in resolved if c_start <= g.start and g.end <= trig.start and c]
        if not before:
            before = [(g, c, o) for g, c, o in resolved[:1] if g.end <= trig.start and c]
        after = [(g, c, o) for g, c, o in resolved if trig.end <= g.start and g.end <= c_end and c]
        if not before:
            continue
        source = before[-1][1] if len(before[-1][1]) > 1 or len(before) == 1 else before[0][1]
        if all(g.mentions[0].kind in ("state", "person", "capital", "demonym") for g, _, _ in before):
            source = list(dict.fromkeys(c for _, cs, _ in before for c in cs))
        origins = set().union(*(o for _, _, o in before))
        target: list[str] = []
        ments = [m for g, _, _ in before for m in g.mentions]
        for g, cs, o in after:
            if trig.reciprocal and len(source) >= 2 and not re.search(
                    r"\b(?:with|to)\s+(?:the\s+)?\S*\s*$", sent_text[trig.end:g.start]):
                break  # "the leaders agreed to … through the Quad": between the leaders, not with the Quad
            cs = [c for c in cs if c not in source] or ([] if len(source) == 1 else cs)
            if cs:
                target = cs
                ments += g.mentions
                origins |= o
                break
        out.append((trig, source, target, ments, origins, None))
    return out


def _event_rows(doc_name: str, sent_text: str, start: int, end: int, ctx: Context, parsed=None,
                named: list[Mention] | None = None) -> list[dict]:
    """Events of one sentence; ``parsed`` is its dependency parse if :func:`events_of` made one."""
    mentions = _mentions(sent_text, ctx, named)
    groups = _group(sent_text, mentions)
    resolved = [(g, *_resolve(g, ctx)) for g in groups]
    single = [(m, *_resolve(Group([m]), ctx)) for m in mentions]
    candidates: list[tuple] = []
    taken: list[tuple[int, int]] = []
    if parsed is not None and any(c for _, c, _ in resolved):
        from amity.text.syntax import VERBS, is_noun, is_verb, lemma, predicates

        candidates = _syntactic_events(sent_text, parsed, single, ctx)
        # an event noun the parse read is settled by it, even when it found no agent ("an attack launched
        # from Yemen"): the linear rule must not guess one (a verb whose subject the parse missed may)
        taken = [(c[0].start, c[0].end) for c in candidates]
        preds = predicates(parsed)
        taken += [(p.start, p.end) for p in preds if is_noun(p.token)]
        # nor may it read a noun the parse knows is no event noun ("the importance of … consultation"), or a
        # verb of the lexicon whose frame does not fit ("called the world to action")
        framed = {p.token.i for p in preds}
        taken += [(t.idx, t.idx + len(t)) for t in parsed
                  if is_noun(t) or is_verb(t) and lemma(t) in VERBS and t.i not in framed]
    if any(c for _, c, _ in resolved):
        candidates += _linear_events(sent_text, resolved, taken)
        candidates += _participants(sent_text, resolved)
        candidates += _delegation(sent_text, single, ctx)
        if parsed is not None:
            candidates += _obligations(parsed, single, ctx)
    candidates.sort(key=lambda c: c[0].start)
    rows: list[dict] = []
    seen: set = set()
    doc_year = int(ctx.date[:4]) if ctx.date else None
    for trig, source, target, ments, origins, syn_mod in candidates:
        # "the Quad leaders reaffirmed their dedication to the Quad": a grouping of the source's own members
        target = [c for c in target if not (members(c, ctx.date) and set(members(c, ctx.date)) <= set(source))]
        if not target and len(source) == 1 and trig.cameo[:2] in ("03", "04", "05", "07", "08") and ctx.bilateral \
                and source[0] in ctx.parties:
            # a bilateral readout or agreement: "Bangladesh commits to …", "The President discussed …",
            # "The United States will reduce the reciprocal tariff rate", "the United States is providing a
            # range of emergency assistance"
            target = [c for c in ctx.parties if c != source[0]]
            origins = origins | {"title"}
        if not target and len(source) == 1 and trig.cameo[:2] == "04":
            target = _visit_host(sent_text, single, source)
        if not target:
            if not (trig.reciprocal and len(source) >= 2):
                continue
            target = list(source)
        source, target = _drop_covered_groupings(source, ctx.date), _drop_covered_groupings(target, ctx.date)
        if not source or not target or set(source) == set(target) and len(source) < 2:
            continue
        et = event_type(trig.cameo)
        c_start, c_end = _clause(sent_text, trig.start)
        mod, year = modality(sent_text[c_start:trig.start], sent_text[c_start:c_end], doc_year)
        if syn_mod and mod in ("asserted", "historical", "planned", "hypothetical"):
            mod, year = syn_mod, None
        key = (et.event, tuple(source), tuple(target), mod)
        if key in seen:
            continue
        seen.add(key)
        explicit = sum(any(m.kind not in ("compound", "pronoun", "parties") for m in ments if set(m.codes) & set(side))
                       for side in (source, target))
        confidence = round(min(0.95, 0.55 + 0.15 * explicit + (0.1 if not trig.reciprocal else 0)), 2)
        rows.append({
            "doc": doc_name, "sentence": sent_text, "char_start": start, "char_end": end,
            "source": source, "target": target, "event": et.event, "mode": et.mode, "quad": et.quad,
            "intensity": et.intensity, "domain": domains(sent_text[c_start:c_end]) or domains(sent_text),
            "modality": mod, "date": event_date(sent_text, ctx.date, year),
            "actors_text": list(dict.fromkeys(m.text for m in ments)),
            "confidence": confidence, "actors_from": [o for o in ORIGINS if o in origins] or ["sentence"],
        })
    rows = _drop_agreed_content(rows)
    singles = [r["source"] for r in rows if len(r["source"]) == 1]
    if singles:
        ctx.last_single = singles[0]  # the main clause's doer comes first ("Biden reaffirmed … if Russia invades")
    if rows:
        ctx.last_source = rows[0]["source"]
        ctx.last_actors = list(dict.fromkeys(rows[0]["source"] + rows[0]["target"]))
    elif resolved and resolved[0][0].start < 20 and resolved[0][1]:
        ctx.last_source = resolved[0][1]  # the sentence's subject, for a following "It"/"They"
    multi = [codes for g, codes, _ in resolved if len(codes) >= 2 and all(len(c) == 3 for c in codes)]
    ctx.groups.extend(multi)
    if rows and rows[0]["source"] == rows[0]["target"] and len(rows[0]["source"]) >= 2:
        # "President Macron of France, Chancellor Merkel of Germany, …, and President Biden held a call. The
        # leaders discussed …": those who met, not the first two of the list the mentions grouped
        ctx.groups.append(list(rows[0]["source"]))
    return rows


def _may_hold_event(sentence: str) -> bool:
    """A cheap test before parsing: does the sentence contain a word of the predicate lexicon at all?"""
    from amity.text.syntax import cue

    return bool(cue().search(sentence))


# Organs named with their organisation ("the United Nations (U.N.) Security Council") are the organ.
_ORGANS = {"UNSC": "UN", "UNGA": "UN"}


def _drop_covered_groupings(codes: list[str], date: str | None) -> list[str]:
    """"the summit of the Quad, we pledge…": a grouping listed beside all its members is redundant, and
    an organisation beside one of its organs."""
    parents = {_ORGANS[c] for c in codes if c in _ORGANS}
    return [c for c in codes if not (members(c, date) and set(members(c, date)) <= set(codes)) and c not in parents]


def _drop_agreed_content(rows: list[dict]) -> list[dict]:
    """A planned act that is the content of an agreement in the same sentence ("committing that the US and
    India will work together") is the agreement, not a second event."""
    agreed = {(tuple(r["source"]), tuple(r["target"])) for r in rows if r["event"] == "AGREE"}
    return [r for r in rows if not (r["event"] == "COOPERATE" and (tuple(r["source"]), tuple(r["target"])) in agreed)]


# A list's members: states, organisations and their people, each with what binds a person to a state
# ("Prime Minister Kishida of Japan", "Egyptian President Sisi", "Japan’s Prime Minister"), then the gaps
# between members (", ", ", President ", ", and Prime Minister ").
_IN_MEMBER = re.compile(r"\s+of\s+(?:the\s+)?|[’']s\s+(?:" + TITLES + r"\s+)?|\s+" + TITLES + r"\s+|\s*\(")
_LIST_GAP = re.compile(r"\)?\s*,\s*(?:the\s+)?(?:" + TITLES + r"\s+)?")
_LAST_GAP = re.compile(r"\)?\s*,?\s*and\s+(?:the\s+)?(?:" + TITLES + r"\s+)?")


@dataclass(frozen=True)
class ListRegion:
    """A list of three or more members in a sentence: [start, end), where its first member ends, where
    its last begins, and the words that join the last ("and the ", "and Prime Minister ")."""
    start: int
    end: int
    first_end: int
    last_start: int
    last_gap: str
    states_only: bool  # no person in it: only states and organisations


def list_regions(sentence: str, mentions: list[Mention]) -> list[ListRegion]:
    """Lists of three or more states, organisations or their people joined by commas and "and"
    ("Australia, India, Japan, and the United States of America"; "Prime Minister Kishida of Japan,
    President Yoon of the Republic of Korea and Prime Minister Albanese of Australia")."""
    named = [m for m in mentions if m.kind in ("state", "org", "person", "demonym")]
    members: list[list[Mention]] = []
    for m in named:
        if members and _IN_MEMBER.fullmatch(sentence[members[-1][-1].end:m.start]):
            members[-1].append(m)
        else:
            members.append([m])
    out: list[ListRegion] = []
    run: list[list[Mention]] = []
    last_gap = None  # set once "and" has joined the run's last member: the list is closed

    def flush():
        if len(run) >= 3 and last_gap is not None:
            out.append(ListRegion(run[0][0].start, run[-1][-1].end, run[0][-1].end, run[-1][0].start, last_gap,
                                  all(m.kind in ("state", "org") for member in run for m in member)))

    for member in members:
        gap = sentence[run[-1][-1].end:member[0].start] if run else ""
        if run and last_gap is None and _LIST_GAP.fullmatch(gap):
            run.append(member)
        elif run and last_gap is None and _LAST_GAP.fullmatch(gap):
            run.append(member)
            last_gap = gap
        else:
            flush()
            run, last_gap = [member], None
    flush()
    return out


def masked_for_parse(sentence: str, regions: list[ListRegion]) -> str:
    """``sentence`` with each list of :func:`list_regions` shortened for the parser, at the same length.

    The small parser mis-reads long lists ("The United States, Japan, and the Republic of Korea condemn
    today's DPRK missile launches" parses "condemn" as a name). A list of states becomes the one word
    "countries"; a list with people keeps its first and last members, two conjuncts the parser reads well.
    The rest becomes spaces, so every offset is unchanged, and :func:`_widen` gives a role that touches the
    cut list the whole list back."""
    out = sentence
    for r in regions:
        if r.states_only:  # "countries" reads as a plain plural subject or object wherever the list stood
            out = out[:r.start] + "countries".rjust(r.end - r.start) + out[r.end:]
            continue
        tail = " " + r.last_gap.lstrip(" ,)")
        out = out[:r.first_end] + " " * (r.last_start - r.first_end - len(tail)) + tail + out[r.last_start:]
    return out


def _widen(spans: list[tuple[int, int]], regions: list[ListRegion]) -> list[tuple[int, int]]:
    """A role span that touches a list cut by :func:`masked_for_parse` covers the whole list."""
    return [next(((min(a, r.start), max(b, r.end)) for r in regions if a < r.end and r.start < b), (a, b))
            for a, b in spans]


def events_of(document: Document) -> pd.DataFrame:
    """Events in one read document (see module docstring), as a DataFrame with :data:`COLUMNS`."""
    from amity.text.syntax import parse_many

    sentences, _chrome = article_sentences(document.text, document.body_start)
    # Parse, in one batch, only the sentences with an event cue (most of a corpus has none).
    treaty = bool(document.title and re.search(r"\bagreement between\b", document.title, re.I))
    cued = [s for s in sentences if find_triggers(s.text) or _may_hold_event(s.text)
            or treaty and re.search(r"\bshall\b", s.text)]  # an agreement's obligations (see _obligations)
    named = {s.index: find_mentions(s.text, document.date) for s in cued}  # found once, used twice
    regions = [list_regions(s.text, named[s.index]) for s in cued]
    docs = parse_many([masked_for_parse(s.text, r) for s, r in zip(cued, regions)])
    for d, r in zip(docs, regions):
        if d is not None:
            d.user_data["lists"] = r
    parsed = dict(zip((s.index for s in cued), docs))
    who = author(document.source_url)
    speakers = _released_by(document, sentences) or _speakers(document) or _signatories(document, sentences) \
        or _we_named(document, sentences)
    # an organisation's own statement ("Carbis Bay G7 Summit Communiqué") is no exchange between it and the
    # government that published it
    one_body = speakers is not None and len(speakers) == 1
    ctx = Context(date=document.date, speakers=speakers, author=who,
                  parties=[] if one_body else parties(document.title, document.date, who),
                  interaction=bool(document.title and _INTERACTION.search(document.title)),
                  travel=bool(document.title and re.search(r"\b(?:travel|trip)\b", document.title, re.I)),
                  treaty=treaty)
    if document.title:  # "Call with President Lula of Brazil": people named in the title are learned too
        learn_people(document.title, find_mentions(document.title, document.date), ctx.people)
    rows: list[dict] = []
    for s in sentences:
        rows.extend(_event_rows(document.doc, s.text, s.start, s.end, ctx, parsed.get(s.index), named.get(s.index)))
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
