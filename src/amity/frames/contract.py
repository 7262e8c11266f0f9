"""The contract every ``add_*`` step keeps, after peacesciencer's ``add_*()`` functions.

A step takes a dyad-year frame (``ccode1, ccode2, year``; directed or not), keeps its rows, their order and
its index, adds columns, and records where they came from as :class:`Provenance` in
``df.attrs["provenance"]`` (a tuple, one entry per source and step, merged across steps):

>>> from amity.frames.contract import provenance
>>> [(p.step, p.source, p.columns) for p in provenance(frame)]   # doctest: +SKIP
[('dyad_years', 'cow_states', ('ccode1', 'ccode2', 'year')), ('add_atop', 'atop', ('atop_defense', …))]

:func:`join_undirected` is the whole contract for a step whose values are keyed on the non-directed dyad:
check the columns (an :class:`~amity.errors.FrameError` naming :func:`amity.dyad_years`), put the key in
canonical order (``ccode1 < ccode2``), left-join, record provenance. Steps with other keys (a state-year,
a directed flow) use :func:`require_columns`, :func:`canonical_key` and :func:`add_provenance` directly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd

from amity.errors import FrameError

DYAD_KEY = ("ccode1", "ccode2", "year")


class Provenance(NamedTuple):
    """Where columns of a frame come from: a registry source, its version and citation, and the step.

    A named tuple rather than a dataclass so that ``df.attrs`` stays JSON-serialisable (pandas writes the
    attrs into Parquet files as JSON)."""

    source: str  # a name in amity.data.registry.SOURCES
    version: str
    citation: str
    columns: tuple[str, ...]
    step: str = ""  # the function that added the columns (add_atop, add_unga_similarity, …)
    table: str = ""  # the stored table read, where one

    @classmethod
    def of(cls, source: str, columns: Iterable[str], step: str = "", table: str = "") -> Provenance:
        """The provenance of ``columns`` read from the registered ``source``."""
        from amity.data.registry import get_source

        s = get_source(source)
        return cls(s.name, s.version, s.citation, tuple(columns), step, table)

    def as_dict(self) -> dict:
        return self._asdict()


def provenance(df: pd.DataFrame) -> tuple[Provenance, ...]:
    """Every :class:`Provenance` recorded on ``df``, in the order the steps ran."""
    return tuple(df.attrs.get("provenance", ()))


def source_label(prov: Iterable[Provenance]) -> str:
    """The sources of ``prov`` as one label for display (``unvotes+unvotes_fpsim+un_extract``). Code reads
    the :class:`Provenance` entries themselves, never this label."""
    return "+".join(dict.fromkeys(p.source for p in prov))


def version_label(prov: Iterable[Provenance]) -> str:
    """The versions of ``prov`` as one label for display (``sipri_tiv: …; sipri_register: …``)."""
    return "; ".join(f"{p.source}: {p.version}" for p in prov)


def add_provenance(df: pd.DataFrame, items: Iterable[Provenance]) -> None:
    """Record ``items`` on ``df`` (in place), after what is there; an identical entry is kept once."""
    df.attrs["provenance"] = tuple(dict.fromkeys([*provenance(df), *items]))


def require_columns(df: pd.DataFrame, step: str, columns: Sequence[str] = DYAD_KEY) -> None:
    """Refuse a frame without ``columns`` with an error that says how to build one."""
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise FrameError(
            f"{step} needs a dyad-year frame with columns {', '.join(columns)}; this one lacks "
            f"{', '.join(missing)}. Start from amity.dyad_years(years=...) (e.g. "
            f"amity.dyad_years(years=\"1991-2018\")), which has them, and pass that to {step}."
        )


def canonical_key(df: pd.DataFrame) -> pd.DataFrame:
    """``ccode1 = min, ccode2 = max, year`` of every row of ``df`` (a fresh 0..n-1 index)."""
    codes = df[["ccode1", "ccode2"]]
    return pd.DataFrame({"ccode1": codes.min(axis=1, skipna=False).array,
                         "ccode2": codes.max(axis=1, skipna=False).array, "year": df["year"].array})


def join_undirected(df: pd.DataFrame, step: str, values: pd.DataFrame | None, columns: Sequence[str],
                    prefix: str = "", provenance: Iterable[Provenance] = ()) -> pd.DataFrame:
    """Left-join ``values`` (keyed ``ccode1 < ccode2, year``) onto ``df`` as ``prefix + column``.

    Rows, their order and the index of ``df`` are kept; dyad-years without a value get NA; columns of
    the same name are replaced; ``provenance`` is recorded (see the module docstring).
    """
    require_columns(df, step)
    key = canonical_key(df)
    if values is None or values.empty:
        joined = pd.DataFrame(np.nan, index=key.index, columns=list(columns))
    else:
        types = {c: key[c].dtype for c in DYAD_KEY}
        joined = key.merge(values[[*DYAD_KEY, *columns]].astype(types), on=list(DYAD_KEY), how="left")
    out = df.copy()
    for c in columns:
        out[prefix + c] = joined[c].to_numpy()
    add_provenance(out, provenance)
    return out
