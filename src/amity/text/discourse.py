"""The document's actors: who "I", "we", "the President", "the Participants", "the two leaders" and an
unknown "President Ali Bongo Ondimba of Gabon" are, from the document as a whole.

* **Author** — the government that issues the document, from its ``source_url`` host (:data:`AUTHORS`:
  whitehouse.gov and its archives, state.gov, defense.gov → USA; mea.gov.in, pmindia.gov.in → IND; …).
  In an authored document "I", "my Administration", "the Administration", "the White House", "the
  President", "the Vice President", "the First Lady", "the National Security Advisor" (not followed by
  "of …") and, unless it is a joint statement, "we/our/us" are the author (:data:`SELF`).
* **Parties** — the states of the title (people in it resolved as of the date; not those of a topic after
  its "with" phrase: "Call with Speaker Pelosi on Afghanistan"), with the author added when the title names
  one other state ("Readout of … Call with President Lula of Brazil" → USA, BRA);
  "the two leaders", "the presidents", "both sides", "the Participants", "the Parties" refer to the
  parties unless a nearer group of states was mentioned (see :mod:`amity.text.extract`).
* **People learned in the document** (its title included) — "<title> <Name> of <State or
  organisation>", "<demonym> <title> <Name>", "<title> of <State> <Name>" and "<State>’s <title> <Name>"
  ("President Ali Bongo Ondimba of Gabon", "German President Frank-Walter Steinmeier", "the Chancellor of
  the Federal Republic of Germany Olaf Scholz", "Uzbekistan’s President Shavkat Mirziyoyev") bind the name
  and its last word to the state for the rest of the document, so "President Bongo" two sentences later
  is Gabon; an office holder the dictionaries know by full name ("Chancellor Olaf Scholz") is learned
  the same way, so "Chancellor Scholz" later is Germany too.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

from amity.text.actors import NAME_LOWER, NAME_UPPER, TITLES, Mention, as_parties, find_mentions, state_forms

AUTHORS = {
    "whitehouse.gov": "USA", "bidenwhitehouse.archives.gov": "USA", "trumpwhitehouse.archives.gov": "USA",
    "obamawhitehouse.archives.gov": "USA", "state.gov": "USA", "defense.gov": "USA", "usun.usmission.gov": "USA",
    "mea.gov.in": "IND", "pmindia.gov.in": "IND", "pib.gov.in": "IND", "mofa.go.jp": "JPN",
    "kantei.go.jp": "JPN", "pm.gov.au": "AUS", "dfat.gov.au": "AUS", "gov.uk": "GBR", "kremlin.ru": "RUS",
    "mid.ru": "RUS", "fmprc.gov.cn": "CHN", "mofa.gov.pk": "PAK", "pmo.gov.pk": "PAK",
}
SELF = re.compile(
    r"(?<![\w-])(?:I(?![\w.’'-])|[Mm]y (?:Administration|administration|government)|"
    r"[Tt]he (?:[A-Z][a-z]+(?:-\u2060?[A-Z][a-z]+)? )?Administration(?! of)|[Tt]he White House|"
    r"[Tt]he (?:Vice )?President(?![s\w]| of| [A-Z])|[Tt]he First Lady|[Tt]he National Security Advis[eo]r(?! of)|"
    r"[Tt]he Secretary(?: of (?:State|Defense))?(?! of| [A-Z]))")
_WE = re.compile(r"\b(?:[Ww]e|[Oo]ur|[Uu]s)\b(?!\.)")
PARTIES = re.compile(
    r"\b(?:[Tt]he (?:two |three |four )?(?:[Ll]eaders|[Pp]residents|[Pp]rime [Mm]inisters|[Pp]articipants|"
    r"[Pp]arties|sides|delegations|[Mm]inisters|counterparts|officials)|"
    r"[Bb]oth (?:sides|leaders|[Pp]arties|[Pp]articipants|[Pp]residents|[Pp]rime [Mm]inisters|[Mm]inisters|"
    r"delegations|governments)|"
    r"(?:^|(?<=, ))(?:[Oo]fficials|[Pp]articipants)(?! (?:from|of|in|at)\b)|"  # "During the meeting, officials
    # consulted …", "Participants discussed …"
    r"[Tt]hey|(?<=between )them|[Tt]heir (?:two )?(?:countries|governments|nations)|"
    # "the countries will open their markets to each other" (not "the countries of the region")
    r"[Tt]he countries(?! (?:of|in|that|which|who|where|most|we|to|from|and)\b))\b")
# parts of a person's name, in any Latin script ("Akif Cağatay Kiliç"): a word, a last word, one ending lower-case
_NAME_WORD = rf"[{NAME_UPPER}][\w’'.-]*"
_NAME_LAST = rf"[{NAME_UPPER}][\w’'-]+"
_NAME_END = rf"[{NAME_UPPER}][\w’'-]*[{NAME_LOWER}]"
_LEARN_OF = re.compile(TITLES + rf"\s+((?:{_NAME_WORD}\s+){{0,5}}{_NAME_LAST})\s+of\s+(?:the\s+)?$")
_LEARN_DEMONYM = re.compile(r"^\s*" + TITLES + rf"\s+((?:{_NAME_WORD}\s+){{0,4}}{_NAME_LAST})")
_LEARN_AS = re.compile(rf"((?:{_NAME_WORD}\s+){{0,3}}{_NAME_END})\b[^.;:]{{0,60}}?\bas\s+(?:the\s+)?(?:\w+\s+)?"
                       + TITLES + r"\s+of\s+(?:the\s+)?$")
# "Dr. Ibrahim Kalin, Spokesperson and Chief Advisor to the President of Turkey", "General Nikolay Patrushev,
# Secretary of the Russian Security Council": a name, then its role in apposition, ending "of (the) <State>"
# (never a pronoun: "We, the Principals of Australia, India, …" are all of them)
_LEARN_APPOSITION = re.compile(r"(?<![\w’'.-])(?!(?:We|They|He|She|It|I|You|Our|Their|This|These)\b)"
                               rf"((?:{_NAME_WORD}\s+){{0,3}}{_NAME_END}),\s+"
                               r"(?:(?:[A-Z][\w-]*|and|the|to|of|for)\s+){1,10}?of\s+(?:the\s+)?$")
_LEARN_TITLE_OF = re.compile(TITLES + r"\s+of\s+(?:the\s+)?(?:[A-Z][a-z]+\s+(?:of\s+)?){0,3}$")
_LEARN_AFTER = re.compile(r"^(?:’s|'s)?\s*(?:" + TITLES + rf"\s+)?((?:{_NAME_WORD}\s+){{0,4}}{_NAME_LAST})")


# "Indian Country", "the Bureau of Indian Affairs", "Indian Health Service": American Indian, not India
_DOMESTIC_USE = re.compile(r"\s+(?:Country|Affairs|Health|Education|Tribes?|Tribal|Child|Nations|Lands|Reservations?|"
                           r"Self-Determination|Boarding)\b")


def author(source_url: str | None) -> str | None:
    """ISO3 of the government whose site published the document, or None."""
    if not source_url:
        return None
    host = (urlparse(source_url).hostname or "").lower()
    for domain, iso in AUTHORS.items():
        if host == domain or host.endswith("." + domain):
            return iso
    return None


def title_mentions(title: str, date: str | None) -> list[Mention]:
    """Actor mentions of a title, less those of its topic: after a "with" phrase, "on …" is what was
    discussed, not who took part ("Call with Speaker Pelosi on Afghanistan", "Meeting with Indo-Pacific
    Leaders on DPRK’s Ballistic Missile Launch")."""
    mentions = find_mentions(title, date)
    topic = re.search(r"\bwith\b.+?\s(?:on|regarding|about)\s", title)
    return [m for m in mentions if m.start < topic.end()] if topic else mentions


def parties(title: str | None, date: str | None, author_code: str | None) -> list[str]:
    """States and organisations of the title, informal groupings as their members (but "Call with Secretary
    General Jens Stoltenberg of NATO" is with NATO, not his state), with the author when the title names one
    other party."""
    if not title:
        return []
    mentions = title_mentions(title, date)
    officers = [(hit.start(), m.start) for m in mentions if m.kind == "org"
                for hit in [_LEARN_OF.search(title[:m.start])] if hit]
    codes = []
    for m in mentions:
        if any(a <= m.start < b for a, b in officers):
            continue  # the organisation's officer speaks for it, not for his own state
        if m.kind == "org" and any(b == m.start for _, b in officers):
            codes.append(m.codes[0])
        else:
            codes.extend(as_parties(list(m.codes), date))
    # "French-American Roadmap", "U.S.-Japan …": demonyms in a title name its parties
    forms = state_forms()
    for hit in re.finditer(r"[A-Z][a-z]+", title):
        word = hit.group()
        if forms.get(word, ("", ""))[1] == "demonym" and not _DOMESTIC_USE.match(title, hit.end()):
            codes.append(forms[word][0])
    codes = list(dict.fromkeys(codes))
    if author_code and codes and author_code not in codes:
        codes = [author_code] + codes
    return codes if len(codes) >= 2 else []


def learn_people(sentence: str, mentions: list[Mention], people: dict[str, str]) -> None:
    """Bind unknown titled names to the state named right after ("… of Gabon"), right before ("German
    President …", "Uzbekistan’s President …") or inside ("the Chancellor of Germany Olaf Scholz") their
    title, in ``people`` (name or last word → ISO3); and bind the surname of each office holder found by
    full name."""
    for m in mentions:
        if len(m.codes) != 1 or m.kind not in ("state", "demonym", "org"):
            continue
        name = None
        hit = (_LEARN_OF.search(sentence[:m.start]) or _LEARN_AS.search(sentence[:m.start])
               or _LEARN_APPOSITION.search(sentence[:m.start]))
        if m.kind == "demonym":
            hit = _LEARN_DEMONYM.match(sentence[m.end:]) or hit
        if hit:
            name = hit.group(1)
        elif m.kind == "state" and (_LEARN_TITLE_OF.search(sentence[:m.start])
                                    or re.match(r"(?:’s|'s)\s*" + TITLES, sentence[m.end:])):
            after = _LEARN_AFTER.match(sentence[m.end:])
            span = (m.end + after.start(1), m.end + after.end(1)) if after else None
            if span and not any(t.start < span[1] and span[0] < t.end for t in mentions):
                name = after.group(1)
        if name:
            _bind(people, name.strip(), m.codes[0])
    for m in mentions:  # "Chancellor Olaf Scholz" (a dictionary's office holder), later "Chancellor Scholz"
        if m.kind == "person" and len(m.codes) == 1 and " " in m.text.strip() and m.text.strip() not in people:
            _bind(people, m.text.strip(), m.codes[0], whole=False)


def _bind(people: dict[str, str], name: str, code: str, whole: bool = True) -> None:
    """"President Bongo" after "President Ali Bongo Ondimba of Gabon": the name and its later words."""
    name = re.sub(r"^(?:(?:" + TITLES + r"|Dr\.)\s+)+", "", name)  # "Secretary General Jens Stoltenberg", "Dr. …"
    if name in state_forms():
        return  # "Palau, Papua New Guinea, Republic of the Marshall Islands": a state in a list, not a person
    if whole:
        people[name] = code
    for part in name.split()[1:]:
        if len(part) > 2 and part[0].isupper() and part not in ("The", "And", "Jr."):
            people.setdefault(part.removesuffix("’s").removesuffix("'s"), code)


# Offices of the issuing government whose holders a statement names without their state ("the Assistant to
# the President for Homeland Security, Dr. Elizabeth Sherwood-Randall", "First Lady Melania Trump").
_OFFICE = re.compile(
    r"(?:Assistant to the President(?: for (?:[A-Z][a-z]+ ){0,2}[A-Z][a-z]+)?|(?:Principal )?(?:Deputy )?National "
    r"Security Advis[eo]r(?: to the (?:Vice )?President)?|Homeland Security Advis[eo]r|APNSA|NSC Spokesperson|"
    r"(?:White House )?Press Secretary|"
    r"First Lady|Second Gentleman|Special Presidential Envoy(?: for (?:[A-Z][a-z]+ ){0,2}[A-Z][a-z]+)?)"
    r",?\s+(?:Dr\.\s+|Mr\.\s+|Ms\.\s+|Mrs\.\s+)?((?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]*[a-z])\b")


def learn_officials(sentence: str, author_code: str | None, people: dict[str, str]) -> None:
    """Bind the names of the author's office holders ("Homeland Security Advisor Dr. Liz Sherwood-Randall")
    to the author, so "Dr. Sherwood-Randall met with …" later is the author's act."""
    if author_code:
        for m in _OFFICE.finditer(sentence):
            _bind(people, m.group(1), author_code)


def people_mentions(sentence: str, people: dict[str, str], taken: list[Mention]) -> list[Mention]:
    """Mentions of people learned earlier in the document (longest names first, not overlapping)."""
    out: list[Mention] = []
    for name in sorted(people, key=len, reverse=True):
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", sentence):
            if not any(t.start < m.end() and m.start() < t.end for t in taken + out):
                out.append(Mention(m.start(), m.end(), (people[name],), "person", m.group()))
    return out


def self_mentions(sentence: str, author_code: str | None, joint: bool, taken: list[Mention]) -> list[Mention]:
    """The author's self-references ("I", "the President", and "we/our" outside joint statements)."""
    if not author_code:
        return []
    out: list[Mention] = []
    spans = [(m.start(), m.end()) for m in SELF.finditer(sentence)]
    if not joint:
        spans += [(m.start(), m.end()) for m in _WE.finditer(sentence)]
    for a, b in spans:
        if not any(t.start < b and a < t.end for t in taken + out):
            out.append(Mention(a, b, (author_code,), "author", sentence[a:b]))
    return out
