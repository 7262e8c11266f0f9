"""States: the COW and Gleditsch-Ward systems, code crosswalks, name resolution, regions and labels.

>>> from amity.states import resolve
>>> resolve("New Delhi").cow
750
>>> resolve("Germany", year=1989).cow   # West Germany
260

Nothing here imports pandas until a function that returns a DataFrame runs, so resolving a name is fast.
"""

from importlib import import_module

from amity.states.crosswalk import (
    cow_to_gw,
    cow_to_iso3,
    crosswalk,
    iso3_to_cow,
    un_member_ccode,
    unvotes_ccode,
)
from amity.states.regions import REGIONS, region_members, state_labels
from amity.states.resolve import State, resolve, resolve_many, search
from amity.states.systems import state_years, system_members

# SIPRI name mapping works on pandas Series: imported on first use
_LAZY = {name: "amity.states.sipri" for name in ("sipri_to_cow", "sipri_entity_kind", "unmapped_sipri_names")}

__all__ = [
    "REGIONS",
    "State",
    "cow_to_gw",
    "cow_to_iso3",
    "crosswalk",
    "iso3_to_cow",
    "region_members",
    "resolve",
    "resolve_many",
    "search",
    "sipri_entity_kind",
    "sipri_to_cow",
    "state_labels",
    "state_years",
    "system_members",
    "un_member_ccode",
    "unmapped_sipri_names",
    "unvotes_ccode",
]


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'amity.states' has no attribute {name!r}")
