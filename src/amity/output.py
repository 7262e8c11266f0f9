"""Write a DataFrame the way the CLI promises: a Rich table, CSV or JSON, or a file by extension."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pandas as pd

FORMATS = ("table", "csv", "json")


def _jsonable(value):
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    if hasattr(value, "item"):
        return _jsonable(value.item())
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    return value


def frame_records(df: pd.DataFrame) -> list[dict]:
    """Rows as plain dicts with NA as ``None`` (valid JSON, no NaN)."""
    cols = list(df.columns)
    return [{c: _jsonable(v) for c, v in zip(cols, row)} for row in df.itertuples(index=False, name=None)]


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
        raise ValueError(f"cannot tell the format of {path}: use .parquet, .csv or .json")
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
        raise ValueError(f"unknown format {fmt!r}; valid formats: {', '.join(FORMATS)}")


def _print_table(df: pd.DataFrame, title: str | None, max_rows: int) -> None:
    from rich.console import Console
    from rich.table import Table

    # A wide, short frame (one dyad over some years) reads better with fields as rows.
    transpose = len(df.columns) > 12 and len(df) <= 30
    shown = df.head(max_rows)
    if transpose:
        header = ["field"] + [str(i + 1) for i in range(len(shown))]
        rows = [[str(c)] + [_fmt_cell(v) for v in shown[c]] for c in shown.columns]
        numeric = [False] + [True] * len(shown)
    else:
        header = [str(c) for c in shown.columns]
        rows = [[_fmt_cell(v) for v in row] for row in shown.itertuples(index=False, name=None)]
        numeric = [pd.api.types.is_numeric_dtype(df[c]) for c in shown.columns]
    table = Table(title=title, show_header=not transpose)
    for name, is_num in zip(header, numeric):
        table.add_column(name, justify="right" if is_num else "left", no_wrap=True)
    for row in rows:
        table.add_row(*row)
    widths = [max([len(h)] + [len(r[i]) for r in rows]) + 3 for i, h in enumerate(header)]
    console = Console(width=max(80, sum(widths) + 4))
    console.print(table)
    if len(df) > max_rows:
        console.print(f"… {len(df) - max_rows} more rows (use --format csv or -o FILE for all)")


def _fmt_cell(v) -> str:
    v = _jsonable(v)
    if v is None:
        return "NA"
    if isinstance(v, float):
        if v.is_integer() and abs(v) < 1e15:
            return f"{v:,.0f}" if abs(v) >= 1e4 else f"{v:.0f}"
        return f"{v:.4g}" if abs(v) < 1e4 else f"{v:,.0f}"
    return str(v)
