"""States: the COW and Gleditsch-Ward systems, code crosswalks, and name resolution.

>>> from amity.states import resolve
>>> resolve("New Delhi").cow
750
>>> resolve("Germany", year=1989).cow   # West Germany
260
"""

from amity.states.crosswalk import (
    cow_to_gw,
    cow_to_iso3,
    crosswalk,
    iso3_to_cow,
    un_member_ccode,
    unvotes_ccode,
)
from amity.states.resolve import State, resolve, resolve_many, search
from amity.states.systems import state_years, system_members

__all__ = [
    "State",
    "cow_to_gw",
    "cow_to_iso3",
    "crosswalk",
    "iso3_to_cow",
    "resolve",
    "resolve_many",
    "search",
    "state_years",
    "system_members",
    "un_member_ccode",
    "unvotes_ccode",
]
