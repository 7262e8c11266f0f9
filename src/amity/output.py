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
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title, show_lines=False)
        for col in df.columns:
            table.add_column(str(col), justify="right" if pd.api.types.is_numeric_dtype(df[col]) else "left")
        for row in df.head(max_rows).itertuples(index=False, name=None):
            table.add_row(*(_fmt_cell(v) for v in row))
        console = Console(width=max(120, Console().width))
        console.print(table)
        if len(df) > max_rows:
            console.print(f"… {len(df) - max_rows} more rows (use --format csv or -o FILE for all)")
    else:
        raise ValueError(f"unknown format {fmt!r}; valid formats: {', '.join(FORMATS)}")


def _fmt_cell(v) -> str:
    v = _jsonable(v)
    if v is None:
        return "NA"
    if isinstance(v, float):
        return f"{v:.4g}" if abs(v) < 1e6 else f"{v:,.0f}"
    return str(v)
