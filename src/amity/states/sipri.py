"""SIPRI's country names as COW codes (the arms-transfer and military-expenditure tables name states as
SIPRI writes them; ``*`` marks non-state actors and ``**`` organisations)."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from amity.errors import UnknownStateError

# SIPRI spellings that amity.states.resolve cannot map on its own (comma forms, ambiguous short names).
SIPRI_TO_COW = {
    "Bosnia-Herzegovina": 346,
    "Congo": 484,  # SIPRI's "Congo" is the Republic of the Congo; the DRC is "DR Congo"
    "Congo, DR": 490,
    "Congo, Republic": 484,
    "Czechoslovakia": 315,
    "East Germany (GDR)": 265,
    "German Democratic Republic": 265,
    "West Germany (FRG)": 260,
    "Gambia, The": 420,
    "Guinea": 438,
    "Korea, North": 731,
    "Korea, South": 732,
    "Libya GNC": 620,  # SIPRI lists it as a state recipient (no asterisk): the Tripoli government
    "Saint Vincent": 57,
    "South Yemen": 680,
    "Yemen, North": 678,
    "Yemen, South": 680,
}
# Entities without a COW code that SIPRI writes without its * / ** marks.
NOT_COW_STATES = {
    "Aruba", "Biafra", "European Union", "Katanga", "Northern Cyprus", "Palestine", "Western Sahara",
}


@lru_cache(maxsize=4096)
def _name_to_cow(name: str) -> int | None:
    from amity.states.resolve import resolve

    if name in SIPRI_TO_COW:
        return SIPRI_TO_COW[name]
    if sipri_entity_kind(name) != "state":
        return None
    try:
        return resolve(name).cow
    except UnknownStateError:
        return None


def sipri_entity_kind(name: str) -> str:
    """``state``, ``non-state actor`` (SIPRI's ``*``), ``organisation`` (``**``) or ``unknown``."""
    text = name.strip()
    if text.endswith("**"):
        return "organisation"
    if text.endswith("*"):
        return "non-state actor"
    if text.lower().startswith("unknown"):
        return "unknown"
    if text in NOT_COW_STATES:
        return "not a COW state"
    return "state"


def sipri_to_cow(names: pd.Series) -> pd.Series:
    """COW codes (nullable Int64) for SIPRI country names; NA for entities that are not COW states."""
    uniq = pd.unique(names.dropna())
    lookup = {n: _name_to_cow(str(n)) for n in uniq}
    return names.map(lookup).astype("Int64")


def unmapped_sipri_names(names: pd.Series) -> list[str]:
    """SIPRI names that look like states but map to no COW code (should be empty)."""
    return sorted(n for n in pd.unique(names.dropna()) if sipri_entity_kind(n) == "state" and _name_to_cow(n) is None)
