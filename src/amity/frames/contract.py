"""The contract every ``add_*`` step keeps: the frame it needs, and the error when it gets something else."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from amity.errors import FrameError

DYAD_KEY = ("ccode1", "ccode2", "year")


def require_columns(df: pd.DataFrame, step: str, columns: Sequence[str] = DYAD_KEY) -> None:
    """Refuse a frame without ``columns`` with an error that says how to build one."""
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise FrameError(
            f"{step} needs a dyad-year frame with columns {', '.join(columns)}; this one lacks "
            f"{', '.join(missing)}. Start from amity.dyad_years(years=...) (e.g. "
            f"amity.dyad_years(years=\"1991-2018\")), which has them, and pass that to {step}."
        )
