"""Institutions and conflict for one dyad per year: shared IGO memberships, militarized disputes and
strategic rivalry, read through the frame steps of :mod:`amity.frames` (one definition of each).

* ``dyadigos``: IGOs in which both states are full members (COW IGO 3.0, Pevehouse et al. 2020; to 2014);
* ``mid_count``: MIDs ongoing in the dyad-year, ``mid_hostlev``: highest hostility level reached by
  either side (1 no militarized action ... 5 war; 0 without a dispute) (COW MID 5.0; to 2014);
* ``td_rivalry`` / ``tss_rivalry``: 1 if the dyad is a strategic rivalry that year (Thompson & Dreyer
  2012, to 2010; Thompson, Sakuwa & Suhas 2022, to 2020), ``tss_type`` the rivalry types.

Years after a dataset's last year are NA, never zero.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from amity.years import YearsLike, parse_years

COLUMNS = ["dyadigos", "mid_count", "mid_hostlev", "td_rivalry", "tss_rivalry", "tss_type"]
FIRST_YEAR, LAST_YEAR = 1816, 2024


def dyad_frame(a, b, years: YearsLike = None) -> pd.DataFrame:
    """``year, ccode1, ccode2`` for the dyad, the states resolved per year (Germany is 260 before 1991)."""
    from amity.errors import AmityError
    from amity.states import resolve

    ys = parse_years(years) or list(range(1946, LAST_YEAR + 1))
    ca = [resolve(a, year=y).cow for y in ys]
    cb = [resolve(b, year=y).cow for y in ys]
    if any(x == y for x, y in zip(ca, cb)):
        raise AmityError(f"{a!r} and {b!r} name the same state; a dyad needs two different states")
    return pd.DataFrame({"year": np.asarray(ys, dtype="int64"), "ccode1": np.asarray(ca, dtype="int64"),
                         "ccode2": np.asarray(cb, dtype="int64")})


def institutions_and_conflict(a, b, years: YearsLike = None) -> pd.DataFrame:
    """Shared IGOs, MIDs and rivalry flags for a dyad per year (see the module docstring).

    Columns ``year, ccode_a, ccode_b, dyadigos, mid_count, mid_hostlev, td_rivalry, tss_rivalry,
    tss_type``; one row per year of the span (default 1946-2024).
    """
    from amity.frames import add_igos, add_mids, add_rivalry

    frame = dyad_frame(a, b, years)
    out = frame.pipe(add_igos).pipe(add_mids).pipe(add_rivalry)
    result = out[["year", "ccode1", "ccode2", *COLUMNS]].rename(columns={"ccode1": "ccode_a", "ccode2": "ccode_b"})
    result.attrs = dict(out.attrs)
    return result.reset_index(drop=True)
