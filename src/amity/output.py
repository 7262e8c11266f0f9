"""Write a table the way the CLI promises: a Rich table, CSV or JSON, or a file by extension.

A table is a DataFrame or, for verbs that must start fast without pandas (``amity states``), a list of
records (dicts with the same keys); both print the same way.
"""

from __future__ import annotations

import csv
import json
import math
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Union

from amity.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

FORMATS = ("table", "csv", "json")
Records = list[dict]
TableLike = Union["pd.DataFrame", Records]


def _pandas():
    """pandas if it is imported (no pandas value can exist before), else None."""
    return sys.modules.get("pandas")


def jsonable(value):
    """``value`` with pandas/numpy scalars, NA and NaN turned into plain JSON values, recursively
    (frames become lists of records)."""
    pd = _pandas()
    if pd is not None and isinstance(value, pd.DataFrame):
        return frame_records(value)
    if isinstance(value, tuple) and hasattr(value, "_asdict"):  # a named tuple, e.g. Provenance
        return jsonable(value._asdict())
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if pd is None:
        return value
    if value is pd.NA:
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


def _frame(table: TableLike) -> pd.DataFrame:
    import pandas as pd

    return table if isinstance(table, pd.DataFrame) else pd.DataFrame(table)


def write_frame(df: TableLike, path: str | Path) -> Path:
    """Write to ``.parquet``, ``.csv`` or ``.json`` chosen by the file's extension."""
    df = _frame(df)
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


def emit(df: TableLike, fmt: str = "table", title: str | None = None, max_rows: int = 200) -> None:
    """Print a table (a frame or records) to stdout in one of :data:`FORMATS`."""
    records = isinstance(df, list)
    if fmt == "csv":
        if records:
            _records_csv(df)
        else:
            df.to_csv(sys.stdout, index=False)
    elif fmt == "json":
        sys.stdout.write(json.dumps(jsonable(df) if records else frame_records(df), indent=1) + "\n")
    elif fmt == "table":
        cells = _records_cells(df[:max_rows]) if records else _frame_cells(df.head(max_rows))
        _print_table(*cells, len(df), title)
    else:
        raise InputError(f"unknown format {fmt!r}; valid formats: {', '.join(FORMATS)}")


MAX_CELL = 60  # table view only: long text is cut (csv and json carry it whole)


def _width(rows: list[list[str]], header: list[str]) -> int:
    return sum(max([len(h)] + [len(r[i]) for r in rows]) + 3 for i, h in enumerate(header)) + 4


def _records_csv(records: Records) -> None:
    """Records as CSV, NA as an empty field (as pandas writes them)."""
    writer = csv.writer(sys.stdout, lineterminator="\n")
    header = list(records[0]) if records else []
    writer.writerow(header)
    for r in records:
        writer.writerow(["" if (v := jsonable(r.get(c))) is None else v for c in header])


def _frame_cells(df: pd.DataFrame) -> tuple[list[str], list[tuple], list[bool]]:
    """Header, row values and which columns are numeric (right-aligned) of the rows to show."""
    import pandas as pd

    return ([str(c) for c in df.columns], list(df.itertuples(index=False, name=None)),
            [pd.api.types.is_numeric_dtype(df[c]) for c in df.columns])


def _records_cells(records: Records) -> tuple[list[str], list[tuple], list[bool]]:
    header = list(records[0]) if records else []
    values = [tuple(r.get(c) for c in header) for r in records]

    def is_number(v) -> bool:
        return isinstance(v, (int, float)) and not isinstance(v, bool)

    numeric = [all(is_number(row[i]) for row in values if row[i] is not None) for i in range(len(header))]
    return header, values, numeric


def _print_table(header: list[str], values: list[tuple], numeric: list[bool], total: int, title: str | None
                 ) -> None:
    from rich.console import Console
    from rich.table import Table

    rows = [[_cut(_fmt_cell(v)) for v in row] for row in values]
    shown = rows
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
    if total > len(rows):
        console.print(f"… {total - len(rows)} more rows (use --format csv or -o FILE for all)")


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
