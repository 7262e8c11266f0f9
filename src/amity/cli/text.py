"""CLI verbs for amity.text: ``amity extract`` and ``amity eval events``."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from amity.cli.options import OutputOption, show
from amity.errors import UnknownOptionError

EXTRACT_FORMATS = ("jsonl", "table", "csv", "json")


def register(app: typer.Typer) -> None:
    """Add ``extract`` and ``eval`` to the amity app."""

    @app.command("extract")
    def extract_cmd(
        inputs: list[str] = typer.Argument(..., help="Files, directories or URLs (text, Markdown, HTML, RSS/Atom)."),
        fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl (one event per line), table, csv or json."),
        store: bool = typer.Option(False, "--store", help="Save the events in the store instead of printing them "
                                                          "(resumable; unchanged files are not read again)."),
        encoding: str = typer.Option(None, "--encoding", help="Text encoding if not UTF-8 (e.g. cp1252)."),
        output: Path = OutputOption,
    ) -> None:
        """Extract events between states (who did what to whom, when, how) from articles and statements."""
        from amity.output import frame_records
        from amity.text.extract import extract

        if fmt not in EXTRACT_FORMATS:
            raise UnknownOptionError("format", fmt, list(EXTRACT_FORMATS))
        if store:  # corpus scale: progress bar, batches in transactions, summary instead of every event
            from amity.cli.corpus import ingest_with_progress

            report = ingest_with_progress(inputs, encoding=encoding)
            show(report.as_frame(), "table" if fmt == "jsonl" else fmt, output, title="amity extract --store")
            return
        df = extract(inputs, encoding=encoding)
        if fmt == "jsonl" and output is None:
            for rec in frame_records(df):
                typer.echo(json.dumps(rec, ensure_ascii=False))
        else:
            table = df.copy()
            if fmt in ("table", "csv"):
                for col in ("source", "target", "domain", "actors_text", "actors_from"):
                    table[col] = table[col].map(lambda v: ";".join(v))
            show(table, "json" if fmt == "jsonl" else fmt, output)
        if df.attrs.get("errors"):
            typer.echo(f"{len(df.attrs['errors'])} document(s) skipped (see messages above)", err=True)

    eval_app = typer.Typer(help="Score amity's extractors against gold annotations.", no_args_is_help=True)

    @eval_app.command("events")
    def eval_events(
        gold: list[Path] = typer.Option(..., "--gold", "-g", help="Gold file(s) (amity-events-gold/1 JSON) "
                                                                  "or a directory of them."),
        fmt: str = typer.Option("table", "--format", "-f", help="table, csv or json."),
        output: Path = OutputOption,
    ) -> None:
        """Precision/recall/F1 on actor pair + event type and on actor pair + quad class."""
        from amity.text.evalscore import evaluate

        show(evaluate(list(gold)), fmt, output, title="event extraction vs gold")

    @eval_app.command("agreement")
    def eval_agreement(
        gold: list[Path] = typer.Option(..., "--gold", "-g", help="The first annotation: gold file(s) or a "
                                                                  "directory of them."),
        other: list[Path] = typer.Option(..., "--other", help="The second annotation of the same documents."),
        fmt: str = typer.Option("table", "--format", "-f", help="table, csv or json."),
        output: Path = OutputOption,
    ) -> None:
        """Agreement of two hand annotations (F-measure, in the extractor's scoring units)."""
        from amity.text.evalscore import agreement

        show(agreement(list(gold), list(other)), fmt, output, title="agreement of two annotations")

    app.add_typer(eval_app, name="eval")
