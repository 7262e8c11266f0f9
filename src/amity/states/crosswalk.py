"""COW <-> Gleditsch-Ward <-> ISO3 <-> ISO2 crosswalk, with the known year-dependent differences.

The base table (``crosswalk.csv`` beside this module, one row per COW code) was written for amity from
the COW and G-W state lists and ISO 3166. Where one ISO code covers two COW codes, the year decides:

* Germany (DEU): COW 255 to 1945 and from 1990 (unification, 3 Oct 1990); COW 260 (German Federal
  Republic) 1946-1989. G-W codes West Germany and unified Germany alike as 260, Prussia/Germany to 1945
  as 255.
* Yemen (YEM): COW 678 (Yemen Arab Republic) to 1989, 679 (unified Yemen) from 1990; G-W keeps 678.
* Serbia / Yugoslavia: COW 345 throughout; G-W 345 to 2006, 340 (Serbia) from 2006.
* Vietnam: COW and G-W 816 for North and unified Vietnam; 817 South Vietnam to 1975.
* USSR / Russia: 365 in both systems.
* China: 710 is China (the Republic of China before 1949, the PRC after); 713 Taiwan from 1949.

A year of ``None`` means "today".
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, NamedTuple

from amity.data.cache import frame_cache

if TYPE_CHECKING:
    import pandas as pd

# iso3 -> [(first_year, last_year, cow)] where one ISO code spans several COW codes
_ISO_PERIODS: dict[str, list[tuple[int, int, int]]] = {
    "DEU": [(1816, 1945, 255), (1946, 1989, 260), (1990, 9999, 255)],
    "YEM": [(1816, 1989, 678), (1990, 9999, 679)],
}
# cow -> [(first_year, last_year, gw)] where the G-W code differs by period
_GW_PERIODS: dict[int, list[tuple[int, int, int]]] = {
    255: [(1816, 1945, 255), (1990, 9999, 260)],
    345: [(1816, 2005, 345), (2006, 9999, 340)],
    679: [(1990, 9999, 678)],
}


class Row(NamedTuple):
    """One row of the crosswalk (``None`` where a state has no code in a system)."""

    cow: int
    cow_abb: str
    cow_name: str
    gw: int | None
    iso3: str | None
    iso2: str | None
    name: str


@cache
def rows() -> tuple[Row, ...]:
    """The crosswalk as plain rows, read without pandas (name resolution must start fast)."""
    with resources.files("amity.states").joinpath("crosswalk.csv").open(encoding="utf-8") as fh:
        return tuple(
            Row(int(r["cow"]), r["cow_abb"], r["cow_name"], int(r["gw"]) if r["gw"] else None,
                r["iso3"] or None, r["iso2"] or None, r["name"])
            for r in csv.DictReader(fh)
        )


@cache
def by_cow() -> dict[int, Row]:
    return {r.cow: r for r in rows()}


@cache
def _cows_of_iso3() -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for r in rows():
        if r.iso3:
            out.setdefault(r.iso3, []).append(r.cow)
    return out


def cows_of_iso3(iso3: str) -> list[int]:
    """COW codes sharing one ISO3 code, in crosswalk order."""
    return _cows_of_iso3().get(iso3, [])


@frame_cache(maxsize=1, per_store=False)
def crosswalk() -> pd.DataFrame:
    """One row per COW code: cow, cow_abb, cow_name, gw, iso3, iso2, name (NA where none exists)."""
    import pandas as pd

    df = pd.DataFrame(rows(), columns=list(Row._fields))
    df["gw"] = df["gw"].astype("Int64")
    for col in ("cow_abb", "cow_name", "iso3", "iso2", "name"):
        df[col] = df[col].astype(str).where(df[col].notna())  # pandas' default string dtype; NA stays NA
    return df


def _period_lookup(periods: list[tuple[int, int, int]], year: int | None) -> int:
    if year is None:
        return periods[-1][2]
    for lo, hi, code in periods:
        if lo <= year <= hi:
            return code
    return periods[0][2] if year < periods[0][0] else periods[-1][2]


def iso3_to_cow(iso3: str, year: int | None = None) -> int | None:
    """COW code for an ISO3 code in ``year`` (DEU 1989 -> 260, DEU 1991 -> 255)."""
    iso3 = iso3.upper()
    if iso3 in _ISO_PERIODS:
        return _period_lookup(_ISO_PERIODS[iso3], year)
    cows = cows_of_iso3(iso3)
    return cows[0] if cows else None


def cow_to_gw(cow: int, year: int | None = None) -> int | None:
    """G-W code of a COW state in ``year`` (COW 255 in 1991 -> G-W 260)."""
    if cow in _GW_PERIODS:
        return _period_lookup(_GW_PERIODS[cow], year)
    row = by_cow().get(int(cow))
    return row.gw if row else None


def cow_to_iso3(ccode, year=None):
    """ISO3 for COW codes: a scalar or a Series/array (vectorised). Historical states give NA."""
    if getattr(ccode, "ndim", 0) == 0 and not isinstance(ccode, (list, tuple)):
        row = by_cow().get(int(ccode))
        return row.iso3 if row else None
    import pandas as pd

    lookup = {r.cow: r.iso3 for r in rows()}
    return pd.Series(ccode).map(lambda c: lookup.get(int(c)) if pd.notna(c) else pd.NA).astype("string")


# unvotes country codes whose COW code is not the plain ISO2 lookup
_UNVOTES_NAMES = {
    "Federal Republic of Germany": 260,
    "Yemen Arab Republic": 678,
    "Zanzibar": 511,
}
_GERMAN_UNIFICATION = "1990-10-03"
_YEMENI_UNIFICATION = "1990-05-22"
_UNVOTES_ISO2 = {"DE": 255, "DD": 265, "YE": 679, "YD": 680, "CS": 315, "YU": 345, "CN": 710, "RU": 365,
                 "VN": 816}


def unvotes_ccode(country_code: pd.Series, country: pd.Series, date: pd.Series) -> pd.Series:
    """COW codes for the unvotes package's ISO2 ``country_code`` (vectorised).

    unvotes codes the Republic of China's seat (1946-1971) as ``TW``: COW 710 (China) through 1949 and
    713 (Taiwan) from 1950, as fpsim does; the PRC from 1971 is ``CN`` (710). West Germany and the Yemen
    Arab Republic have no code there and are matched by name; their votes after unification (3 October
    and 22 May 1990) are coded 255 and 679, as COW and fpsim do.
    """
    import pandas as pd

    code = country_code.astype("string")
    by_iso2 = {r.iso2: r.cow for r in rows() if r.iso2}
    by_iso2.update(_UNVOTES_ISO2)
    out = code.map(by_iso2).astype("Int64")
    year = pd.to_datetime(date).dt.year
    taiwan = code.eq("TW").fillna(False)
    out = out.mask(taiwan & (year <= 1949), 710).mask(taiwan & (year > 1949), 713)
    named = country.astype("string").map(_UNVOTES_NAMES).astype("Int64")
    when = pd.to_datetime(date)
    # unvotes keeps the old names on the votes cast after unification; COW (and fpsim) use the new codes.
    named = named.mask(named.eq(260).fillna(False) & (when >= pd.Timestamp(_GERMAN_UNIFICATION)), 255)
    named = named.mask(named.eq(678).fillna(False) & (when >= pd.Timestamp(_YEMENI_UNIFICATION)), 679)
    return out.fillna(named)


def un_member_ccode(names: Iterable[str]) -> dict[str, int]:
    """COW codes (today's) for UN member-state names as the UN's documents write them, e.g.
    ``"DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA"`` -> 731, ``"TÜRKİYE"`` -> 640, ``"CONGO"`` -> 484.

    Names go through :func:`amity.states.resolve` (case- and accent-insensitive), with the UN's own short
    names in :data:`amity.states.aliases.UN_NAMES` first. A name that maps to no state raises
    :class:`~amity.errors.UnknownStateError` naming it: a vote is never dropped silently.
    """
    from amity.errors import UnknownStateError
    from amity.states.aliases import UN_NAMES
    from amity.states.resolve import resolve, suggestions

    out: dict[str, int] = {}
    for name in dict.fromkeys(names):
        iso3 = UN_NAMES.get(name.strip().upper())
        try:
            out[name] = iso3_to_cow(iso3) if iso3 else resolve(name).cow
        except UnknownStateError:
            raise UnknownStateError(
                name, suggestions(name),
                reason="no COW code (add the spelling to amity.states.aliases.UN_NAMES) for the UN member",
            ) from None
    return out
