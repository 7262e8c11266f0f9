"""Resolve what a person types ("India", "Pakistani", "Washington", "IN", "IND", 750, "GFR") to a state.

Matching is on normalised text (case, accents and punctuation ignored). Codes are tried first: ISO3,
then ISO2, then the COW letter code (so ``AUS`` is Australia, the ISO3 code; write ``cow:AUS`` for
Austria), then COW numbers (``750``) and ``gw:NNN`` for Gleditsch-Ward numbers. Names come from the
crosswalk, ISO 3166 (``pycountry``) and amity's own table of demonyms and capitals. Where the answer
depends on the year (Germany, Yemen), pass ``year``. Unknown or ambiguous input raises
:class:`~amity.errors.UnknownStateError` with the closest suggestions.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import asdict, dataclass
from functools import cache
from typing import TYPE_CHECKING

from amity.errors import UnknownStateError
from amity.states.aliases import ALIASES, HISTORICAL_ALIASES
from amity.states.crosswalk import _ISO_PERIODS, by_cow, cow_to_gw, cows_of_iso3, iso3_to_cow, rows

if TYPE_CHECKING:
    import pandas as pd

# Names that are ambiguous on their own and must not resolve silently.
_AMBIGUOUS_NAMES = {"korea", "congo", "guinea", "yemen people", "sudan republic"}
# Display names for a COW code in the years it stands for an ISO state under another name.
_PERIOD_NAMES = {260: "West Germany", 678: "North Yemen"}
# cow -> (first_year, last_year, name) for names that changed while the code stayed
_NAME_SPELLS = {
    365: (1922, 1991, "Soviet Union"),
    345: (1918, 2005, "Yugoslavia"),
}


def _period_name(cow: int, year: int | None, default: str) -> str:
    if cow in _PERIOD_NAMES:
        return _PERIOD_NAMES[cow]
    spell = _NAME_SPELLS.get(cow)
    if spell and year is not None and spell[0] <= year <= spell[1]:
        return spell[2]
    return default


@dataclass(frozen=True)
class State:
    """A state with its codes in every system amity joins on."""

    cow: int
    cow_abb: str
    gw: int | None
    iso3: str | None
    iso2: str | None
    name: str

    def __str__(self) -> str:
        return f"{self.name} ({self.iso3 or self.cow_abb}, COW {self.cow})"

    def as_dict(self) -> dict:
        return asdict(self)


def normalise(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("&", " and ").replace("’", "'")
    text = re.sub(r"[.'`]", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def _entity_for_cow(cow: int) -> str:
    iso3 = by_cow()[cow].iso3
    if iso3 is None or (iso3 in _ISO_PERIODS and cow not in {c for *_, c in _ISO_PERIODS[iso3]}):
        return f"cow:{cow}"
    # A COW code that is only one period of an ISO state (260, 678) keeps its own identity.
    if iso3 in _ISO_PERIODS and cow in _PERIOD_NAMES:
        return f"cow:{cow}"
    if iso3 in _ISO_PERIODS or len(cows_of_iso3(iso3)) == 1:
        return f"iso:{iso3}"
    return f"cow:{cow}"


@cache
def _indexes() -> tuple[dict[str, set[str]], dict[str, str], dict[str, str], dict[str, str]]:
    """(name index, ISO3 codes, ISO2 codes, COW abbreviations) -> entity ids."""
    import pycountry

    names: dict[str, set[str]] = {}

    def add(key: str, entity: str) -> None:
        k = normalise(key)
        if k and k not in _AMBIGUOUS_NAMES:
            names.setdefault(k, set()).add(entity)

    iso3_codes: dict[str, str] = {}
    iso2_codes: dict[str, str] = {}
    cow_abbs: dict[str, str] = {}
    for row in rows():
        entity = _entity_for_cow(row.cow)
        cow_abbs[row.cow_abb] = entity
        add(row.name, entity)
        if row.cow != 730:  # "Korea" (1887-1905) would shadow both Koreas
            add(row.cow_name, entity)
        if entity.startswith("iso:"):
            iso3_codes[row.iso3] = entity
            iso2_codes[row.iso2] = entity
            country = pycountry.countries.get(alpha_3=row.iso3) or pycountry.historic_countries.get(alpha_3=row.iso3)
            if country is not None:
                for attr in ("name", "official_name", "common_name"):
                    if getattr(country, attr, None):
                        add(getattr(country, attr), entity)
    for iso3, (capitals, others) in ALIASES.items():
        entity = iso3_codes.get(iso3)
        if entity is None:
            cows = cows_of_iso3(iso3)
            if not cows:
                continue
            entity = _entity_for_cow(cows[0])
        for alias in filter(None, (capitals + "|" + others).split("|")):
            add(alias, entity)
    for cow, aliases in HISTORICAL_ALIASES.items():
        for alias in aliases.split("|"):
            add(alias, _entity_for_cow(cow))
    return names, iso3_codes, iso2_codes, cow_abbs


def _state(entity: str, year: int | None) -> State:
    kind, _, key = entity.partition(":")
    cow = iso3_to_cow(key, year) if kind == "iso" else int(key)
    row = by_cow()[cow]
    return State(cow=cow, cow_abb=row.cow_abb, gw=cow_to_gw(cow, year), iso3=row.iso3, iso2=row.iso2,
                 name=_period_name(cow, year, row.name))


def _display(entity: str) -> str:
    return _state(entity, None).name


def _candidates(query: str) -> set[str]:
    names, iso3_codes, iso2_codes, cow_abbs = _indexes()
    q = query.strip()
    prefix, sep, rest = q.partition(":")
    if sep and prefix.lower() in {"cow", "gw", "iso", "iso3", "iso2"}:
        rest = rest.strip()
        if prefix.lower() == "cow":
            if rest.isdigit():
                return {_entity_for_cow(int(rest))} if int(rest) in by_cow() else set()
            return {cow_abbs[rest.upper()]} if rest.upper() in cow_abbs else set()
        if prefix.lower() == "gw" and rest.isdigit():
            gw = int(rest)
            if gw == 260:
                return {"iso:DEU"}
            if gw == 340:
                return {"iso:SRB"}
            cows = [r.cow for r in rows() if r.gw == gw]
            return {_entity_for_cow(c) for c in cows[:1]}
        table = iso2_codes if prefix.lower() == "iso2" else iso3_codes
        return {table[rest.upper()]} if rest.upper() in table else set()
    if q.isdigit():
        return {_entity_for_cow(int(q))} if int(q) in by_cow() else set()
    up = q.upper()
    for table in (iso3_codes, iso2_codes, cow_abbs):
        if up in table and (q.isupper() or len(q) <= 3):
            return {table[up]}
    return set(names.get(normalise(q), ()))


def suggestions(query: str, n: int = 5) -> list[str]:
    """The closest known names to ``query`` (for error messages)."""
    names = _indexes()[0]
    keys = difflib.get_close_matches(normalise(query), list(names), n=n * 2, cutoff=0.6)
    out: list[str] = []
    for key in keys:
        for entity in sorted(names[key]):
            name = _display(entity)
            if name not in out:
                out.append(name)
    return out[:n]


def resolve(query: str | int, year: int | None = None) -> State:
    """The one state that ``query`` names (in ``year`` where that matters).

    >>> resolve("Pakistani").iso3
    'PAK'
    >>> resolve("DEU", year=1989).cow
    260
    """
    if isinstance(query, State):
        return query if year is None else resolve(query.cow, year)
    text = str(query).strip()
    if not text:
        raise UnknownStateError(text, [], reason="empty")
    found = _candidates(text)
    if len(found) == 1:
        return _state(found.pop(), year)
    if len(found) > 1:
        raise UnknownStateError(text, sorted(_display(e) for e in found), reason="ambiguous")
    if normalise(text) in _AMBIGUOUS_NAMES:
        options = [_display(e) for k, es in _indexes()[0].items() if normalise(text) in k for e in es]
        raise UnknownStateError(text, sorted(set(options))[:6], reason="ambiguous")
    raise UnknownStateError(text, suggestions(text))


def resolve_many(queries, year: int | None = None) -> list[State]:
    return [resolve(q, year) for q in queries]


def search(query: str, n: int = 10) -> pd.DataFrame:
    """Every state whose names contain or resemble ``query`` (for browsing)."""
    names = _indexes()[0]
    q = normalise(query)
    entities: list[str] = []
    for key in sorted(names):
        if q and q in key:
            entities += sorted(names[key])
    for key in difflib.get_close_matches(q, list(names), n=n, cutoff=0.6):
        entities += sorted(names[key])
    seen: list[str] = []
    for e in entities:
        if e not in seen:
            seen.append(e)
    import pandas as pd

    return pd.DataFrame([_state(e, None).as_dict() for e in seen[:n]])
