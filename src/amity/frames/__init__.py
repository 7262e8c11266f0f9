"""Dyad-year and state-year frames, and the peacesciencer-style ``add_*`` steps that join data onto them.

>>> import amity
>>> frame = amity.dyad_years(years="1991-2018").pipe(amity.add_atop).pipe(amity.add_capabilities)

Every ``add_*`` step is a documented left join (rows are never dropped or duplicated) with its source's
citation in ``df.attrs["sources"]``. After a dataset's last year its columns are NA, not zero.
"""

from amity.frames.dyads import (
    add_atop,
    add_capabilities,
    add_contiguity,
    add_icews,
    add_igos,
    add_mids,
    add_rivalry,
    add_trade,
    dyad_years,
)
from amity.states.systems import state_years

__all__ = [
    "add_atop",
    "add_capabilities",
    "add_contiguity",
    "add_icews",
    "add_igos",
    "add_mids",
    "add_rivalry",
    "add_trade",
    "dyad_years",
    "state_years",
]
