"""Write a DataFrame the way the CLI promises: a Rich table, CSV or JSON, or a file by extension."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pandas as pd

from amity.errors import InputError

FORMATS = ("table", "csv", "json")


def jsonable(value):
    """``value`` with pandas/numpy scalars, NA and NaN turned into plain JSON values, recursively
    (frames become lists of records)."""
    if isinstance(value, pd.DataFrame):
        return frame_records(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if hasattr(value, "item"):
        return jsonable(value.item())
    return value


def frame_records(df: pd.DataFrame) -> list[dict]:
    """Rows as plain dicts with NA as ``None`` (valid JSON, no NaN)."""
    cols = list(df.columns)
    return [{c: jsonable(v) for c, v in zip(cols, row)} for row in df.itertuples(index=False, name=None)]


def write_frame(df: pd.DataFrame, path: str | Path) -> Path:
    """Write to ``.parquet``, ``.csv`` or ``.json`` chosen by the file's extension."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        df.to_parquet(path, index=False)
    elif suffix == ".csv":
        df.to_csv(path, index=False)
    elif suffix == ".json":
        path.write_text(json.dumps(frame_records(df), indent=1))
    else:
        raise InputError(f"cannot tell the format of {path}: use .parquet, .csv or .json")
    return path


def emit(df: pd.DataFrame, fmt: str = "table", title: str | None = None, max_rows: int = 200) -> None:
    """Print a frame to stdout in one of :data:`FORMATS`."""
    if fmt == "csv":
        df.to_csv(sys.stdout, index=False)
    elif fmt == "json":
        sys.stdout.write(json.dumps(frame_records(df), indent=1) + "\n")
    elif fmt == "table":
        _print_table(df, title, max_rows)
    else:
        raise InputError(f"unknown format {fmt!r}; valid formats: {', '.join(FORMATS)}")


MAX_CELL = 60  # table view only: long text is cut (csv and json carry it whole)


def _width(rows: list[list[str]], header: list[str]) -> int:
    return sum(max([len(h)] + [len(r[i]) for r in rows]) + 3 for i, h in enumerate(header)) + 4


def _print_table(df: pd.DataFrame, title: str | None, max_rows: int) -> None:
    from rich.console import Console
    from rich.table import Table

    shown = df.head(max_rows)
    header = [str(c) for c in shown.columns]
    rows = [[_cut(_fmt_cell(v)) for v in row] for row in shown.itertuples(index=False, name=None)]
    numeric = [pd.api.types.is_numeric_dtype(df[c]) for c in shown.columns]
    # A wide, short frame (one dyad over some years) reads better with fields as rows.
    t_header = ["field"] + [str(i + 1) for i in range(len(shown))]
    t_rows = [[h] + [r[i] for r in rows] for i, h in enumerate(header)]
    transpose = len(shown) <= 30 and _width(rows, header) > 160 and _width(t_rows, t_header) < _width(rows, header)
    if transpose:
        header, rows, numeric = t_header, t_rows, [False] + [True] * len(shown)
    table = Table(title=title, show_header=not transpose)
    for name, is_num in zip(header, numeric):
        table.add_column(name, justify="right" if is_num else "left", no_wrap=True)
    for row in rows:
        table.add_row(*row)
    console = Console(width=max(80, _width(rows, header)))
    console.print(table)
    if len(df) > max_rows:
        console.print(f"… {len(df) - max_rows} more rows (use --format csv or -o FILE for all)")


def _cut(text: str) -> str:
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _fmt_cell(v) -> str:
    v = jsonable(v)
    if v is None:
        return "NA"
    if isinstance(v, float):
        if v.is_integer() and abs(v) < 1e15:
            return f"{v:,.0f}" if abs(v) >= 1e4 else f"{v:.0f}"
        return f"{v:.4g}" if abs(v) < 1e4 else f"{v:,.0f}"
    return str(v)
