"""State-system membership per year (COW and Gleditsch-Ward), read from the store.

Both lists end before today (COW v2016 at 2016-12-31, G-W at 2017-12-31). As peacesciencer does, states
still in the system on the list's last day are carried forward to :data:`SYSTEM_EXTENDED_TO`, the last
year any amity source covers (UN votes run to June 2024); the dyad-years that result match
peacesciencer's ``cow_ddy`` exactly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from amity.errors import UnknownOptionError
from amity.years import YearsLike, parse_years, years_within

if TYPE_CHECKING:
    import pandas as pd

SYSTEM_EXTENDED_TO = 2024
SYSTEMS = ("cow", "gw")

_SPELLS_SQL = {
    "cow": """
        SELECT ccode AS code, make_date(styear, stmonth, stday) AS first_day,
               CASE WHEN endyear = 2016 AND endmonth = 12 AND endday = 31 THEN DATE '{last}-12-31'
                    ELSE make_date(endyear, endmonth, endday) END AS last_day
        FROM cow_states""",
    "gw": """
        SELECT gwcode AS code, startdate::DATE AS first_day,
               CASE WHEN enddate = DATE '2017-12-31' THEN DATE '{last}-12-31' ELSE enddate::DATE END AS last_day
        FROM gw_states""",
}
_TABLE = {"cow": "cow_states", "gw": "gw_states"}


def _check_system(system: str) -> None:
    if system not in SYSTEMS:
        raise UnknownOptionError("system", system, list(SYSTEMS))


def spells_sql(system: str = "cow") -> str:
    """SQL for membership spells (code, first_day, last_day) of a system, extended as documented."""
    from amity.data import store  # DuckDB and pandas: imported by the verbs that read the store

    _check_system(system)
    store.ensure(_TABLE[system])
    return _SPELLS_SQL[system].format(last=SYSTEM_EXTENDED_TO)


def members_sql(system: str = "cow", years: YearsLike = None) -> str:
    """SQL for (ccode, year): one row per state per year it was a member (any part of the year)."""
    ys = parse_years(years)
    where = "" if ys is None else f"WHERE year IN ({','.join(map(str, ys))})"
    return f"""
        SELECT DISTINCT code AS ccode, year FROM (
          SELECT code, unnest(generate_series(year(first_day), year(last_day))) AS year
          FROM ({spells_sql(system)})
        ) {where}"""


def check_years(system: str, years: YearsLike) -> list[int] | None:
    """Refuse year spans entirely outside the system's coverage."""
    if years is None:
        return None
    years_within(years, 1816, SYSTEM_EXTENDED_TO, f"the {system.upper()} state system and its extension")
    return parse_years(years)


def system_members(system: str = "cow", years: YearsLike = None) -> pd.DataFrame:
    """State-years of a system: columns ``ccode`` (the system's code) and ``year``.

    >>> system_members("cow", 1950).query("ccode in (750, 770)")  # doctest: +SKIP
    """
    from amity.data import store

    check_years(system, years)
    return store.query(members_sql(system, years) + " ORDER BY ccode, year")


def state_years(system: str = "cow", years: YearsLike = None) -> pd.DataFrame:
    """State-years with names and codes in the other systems (ccode, year, name, iso3)."""
    from amity.states.crosswalk import crosswalk

    df = system_members(system, years)
    cw = crosswalk()
    key = "cow" if system == "cow" else "gw"
    names = cw.dropna(subset=[key]).drop_duplicates(key).set_index(key)
    df["name"] = df["ccode"].map(names["name"]).astype("string")
    df["iso3"] = df["ccode"].map(names["iso3"]).astype("string")
    return df
