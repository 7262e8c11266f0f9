"""A one-dyad view of the dyad-year frame, for the quick start and for quick looks."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd

from amity.errors import CoverageError
from amity.frames.dyads import dyad_years
from amity.states import resolve
from amity.years import YearsLike


def dyad_summary(
    a: str, b: str, years: YearsLike = None, steps: Sequence[Callable[[pd.DataFrame], pd.DataFrame]] = ()
) -> pd.DataFrame:
    """Years in which ``a`` and ``b`` were both system members, with the given add_* steps joined.

    Codes are resolved per year (West Germany before 1990), the frame is directed from ``a`` to ``b``.
    """
    first, second = resolve(a), resolve(b)
    frame = dyad_years(years=years, directed=True)
    codes_a = {resolve(a, y).cow for y in frame["year"].unique()} | {first.cow}
    codes_b = {resolve(b, y).cow for y in frame["year"].unique()} | {second.cow}
    frame = frame[frame["ccode1"].isin(codes_a) & frame["ccode2"].isin(codes_b)].reset_index(drop=True)
    if frame.empty:
        raise CoverageError(f"{first.name} and {second.name} were never both system members in these years")
    for step in steps:
        frame = step(frame)
    frame.insert(0, "b", second.iso3 or second.cow_abb)
    frame.insert(0, "a", first.iso3 or first.cow_abb)
    return frame
