"""CLI for documents at corpus scale: ``amity extract … --store`` (via :func:`ingest_with_progress`) and
``amity events A B``, thin layers over :mod:`amity.text.corpus` and :mod:`amity.text.series`."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from amity.cli.options import FormatOption, OutputOption, show

console = Console(stderr=True)


def ingest_with_progress(inputs: list[str], encoding: str | None = None):
    """Run :func:`amity.text.corpus.ingest` with a Rich progress bar (documents, events, rate) on stderr;
    print each skipped input with its reason and return the run's report."""
    from amity.text.corpus import ingest
    from amity.text.ingest import expand_inputs

    total = len(expand_inputs(inputs))
    columns = (TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TextColumn("documents"),
               TextColumn("{task.fields[events]:,} events"), TextColumn("{task.fields[rate]}"),
               TimeElapsedColumn())
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task("ingest", total=total, events=0, rate="")
        seen_problems = 0

        def on_progress(report) -> None:
            nonlocal seen_problems
            done = report.unchanged + report.ingested + report.skipped
            elapsed = progress.tasks[0].elapsed or 0.0
            rate = f"{report.ingested / elapsed:.1f} docs/s" if elapsed > 0 and report.ingested else ""
            progress.update(task, completed=done, events=report.events, rate=rate)
            for item, reason in report.problems[seen_problems:]:
                progress.console.print(f"skipped {item}: {reason}", highlight=False, markup=False)
            seen_problems = len(report.problems)

        report = ingest(inputs, encoding=encoding, on_progress=on_progress)
    console.print(f"{report.ingested:,} read, {report.unchanged:,} unchanged (already in the store), "
                  f"{report.skipped:,} skipped; {report.events:,} events stored", highlight=False)
    return report


def register(app: typer.Typer) -> None:
    """Add ``events`` to the amity app."""

    @app.command("events")
    def events_cmd(
        a: str = typer.Argument(..., help="First state (name or code)."),
        b: str = typer.Argument(..., help="Second state (name or code)."),
        by: str = typer.Option("year", "--by", help="year, quarter, month or document."),
        all_modalities: bool = typer.Option(False, "--all-modalities", help="Also count advice, hypotheticals, "
                                            "refusals and references to earlier years."),
        documents: bool = typer.Option(False, "--documents", help="List the documents behind each row below "
                                       "the table (csv and json always have them)."),
        fmt: str = FormatOption,
        output: Path = OutputOption,
    ) -> None:
        """Stored event counts between two states per period, both directions: quad classes, net
        cooperation, Goldstein sum and the documents behind them (from `amity extract … --store`)."""
        from amity.text.series import events

        df = events(a, b, by=by, modalities=None if all_modalities else ("asserted", "planned"))
        if fmt == "table" and output is None:
            show(_shorten(df.drop(columns="documents")), fmt, title=f"events between {a} and {b} in the store, "
                 f"by {by}")
            if documents:  # the documents behind each row, in full, below the table
                for row in df[df["n_documents"] > 0].itertuples():
                    typer.echo(f"{row.period} {row.source}->{row.target}: {row.n_documents} document(s)")
                    for doc in row.documents:
                        typer.echo(f"  {doc}")
            return
        if fmt != "json" or output is not None:
            df = df.assign(documents=df["documents"].map("; ".join))
        show(df, fmt, output)


def _shorten(df: pd.DataFrame) -> pd.DataFrame:
    """Table display of ``by="document"``: file names instead of full paths."""
    return df.assign(period=df["period"].map(lambda p: p.rsplit("/", 1)[-1]))
