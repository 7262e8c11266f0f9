"""Options shared by many verbs, so every tabular verb spells them the same way."""

from __future__ import annotations

from pathlib import Path

import typer

from amity.output import FORMATS, TableLike, emit, write_frame

FormatOption = typer.Option("table", "--format", "-f", help="Output format: table, csv or json.")
OutputOption = typer.Option(None, "--output", "-o", help="Write to a file instead (.parquet, .csv, .json).")
YearsOption = typer.Option(None, "--years", "-y", help="One year (2019), a range (1991-2019) or a list.")


def show(df: TableLike, fmt: str, output: Path | None = None, title: str | None = None) -> None:
    """Print ``df`` (a DataFrame or a list of records) in ``fmt`` or write it to ``output``; the one exit
    for tabular results."""
    if fmt not in FORMATS:
        raise typer.BadParameter(f"unknown format {fmt!r}; valid formats: {', '.join(FORMATS)}")
    if output is not None:
        path = write_frame(df, output)
        typer.echo(f"wrote {len(df):,} rows to {path}", err=True)
        return
    emit(df, fmt, title=title)
