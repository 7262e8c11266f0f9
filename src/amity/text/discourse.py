"""The document's actors: who "I", "we", "the President", "the Participants", "the two leaders" and an
unknown "President Ali Bongo Ondimba of Gabon" are, from the document as a whole.

* **Author** — the government that issues the document, from its ``source_url`` host (:data:`AUTHORS`:
  whitehouse.gov and its archives, state.gov, defense.gov → USA; mea.gov.in, pmindia.gov.in → IND; …).
  In an authored document "I", "my Administration", "the Administration", "the White House", "the
  President", "the Vice President", "the First Lady", "the National Security Advisor" (not followed by
  "of …") and, unless it is a joint statement, "we/our/us" are the author (:data:`SELF`).
* **Parties** — the states of the title (people in it resolved as of the date), with the author added
  when the title names one other state ("Readout of … Call with President Lula of Brazil" → USA, BRA);
  "the two leaders", "the presidents", "both sides", "the Participants", "the Parties" refer to the
  parties unless a nearer group of states was mentioned (see :mod:`amity.text.extract`).
* **People learned in the document** — "<title> <Name> of <State>" and "<demonym> <title> <Name>"
  ("President Ali Bongo Ondimba of Gabon", "German President Frank-Walter Steinmeier") bind the name and
  its last word to the state for the rest of the document, so "President Bongo" two sentences later is
  Gabon.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

from amity.text.actors import TITLES, Mention, expand, find_mentions

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
    r"[Tt]he (?:Vice )?President(?! of| [A-Z])|[Tt]he First Lady|[Tt]he National Security Advis[eo]r(?! of)|"
    r"[Tt]he Secretary(?: of (?:State|Defense))?(?! of| [A-Z]))")
_WE = re.compile(r"\b(?:[Ww]e|[Oo]ur|[Uu]s)\b(?!\.)")
PARTIES = re.compile(
    r"\b(?:[Tt]he (?:two |three |four )?(?:[Ll]eaders|[Pp]residents|[Pp]rime [Mm]inisters|[Pp]articipants|"
    r"[Pp]arties|sides|delegations|[Mm]inisters|counterparts)|[Bb]oth (?:sides|leaders|[Pp]arties|[Pp]articipants)|"
    r"[Tt]hey|[Tt]heir (?:two )?(?:countries|governments|nations))\b")
_LEARN_OF = re.compile(TITLES + r"\s+((?:[A-Z][\w’'.-]*\s+){0,5}[A-Z][\w’'-]+)\s+of\s+(?:the\s+)?$")
_LEARN_DEMONYM = re.compile(r"^\s*" + TITLES + r"\s+((?:[A-Z][\w’'.-]*\s+){0,4}[A-Z][\w’'-]+)")


def author(source_url: str | None) -> str | None:
    """ISO3 of the government whose site published the document, or None."""
    if not source_url:
        return None
    host = (urlparse(source_url).hostname or "").lower()
    for domain, iso in AUTHORS.items():
        if host == domain or host.endswith("." + domain):
            return iso
    return None


def parties(title: str | None, date: str | None, author_code: str | None) -> list[str]:
    """States of the title (groupings expanded), with the author when the title names one other state."""
    if not title:
        return []
    codes = [c for m in find_mentions(title, date) for c in m.codes]
    codes = [c for c in expand(list(dict.fromkeys(codes)), date) if len(c) == 3]
    if author_code and codes and author_code not in codes:
        codes = [author_code] + codes
    return codes if len(codes) >= 2 else []


def learn_people(sentence: str, mentions: list[Mention], people: dict[str, str]) -> None:
    """Bind unknown titled names to the state named right after ("… of Gabon") or right before
    ("German President …") them, in ``people`` (name or last word → ISO3)."""
    for m in mentions:
        if m.kind not in ("state", "demonym") or len(m.codes) != 1:
            continue
        hit = _LEARN_OF.search(sentence[:m.start])
        if m.kind == "demonym":
            hit = _LEARN_DEMONYM.match(sentence[m.end:]) or hit
        if hit:
            name = hit.group(1).strip()
            people[name] = m.codes[0]
            for part in name.split()[1:]:  # "President Bongo" after "President Ali Bongo Ondimba of Gabon"
                if len(part) > 2 and part[0].isupper() and part not in ("The", "And"):
                    people.setdefault(part, m.codes[0])


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
