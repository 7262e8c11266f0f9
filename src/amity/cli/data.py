"""``amity data``: fetch, list and cite the registered datasets."""

from __future__ import annotations

import pandas as pd
import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)

from amity.cli.options import FormatOption, show
from amity.data import fetch as fetching
from amity.data import store
from amity.data.registry import SOURCES, get_source

data_app = typer.Typer(help="Fetch, list and cite the datasets amity reads.", no_args_is_help=True)
console = Console(stderr=True)


@data_app.command("fetch")
def fetch_cmd(
    names: list[str] = typer.Argument(None, help="Sources to fetch (default: all). See `amity data list`."),
    mirror: str = typer.Option(None, "--mirror", help="Directory laid out like shared/data, or a base URL."),
    force: bool = typer.Option(False, "--force", help="Re-parse and reload even if the store is current."),
) -> None:
    """Download (or copy from a mirror), verify sha256, and load datasets into the store."""
    sources = fetching.resolve_names(names)
    if mirror:
        import os

        os.environ[fetching.MIRROR_ENV] = mirror
    with Progress(
        TextColumn("{task.description:<16}"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[unit]}"),
        TimeElapsedColumn(), console=console,
    ) as progress:
        for source in sources:
            task = progress.add_task(source.name, total=len(source.files), unit="files")
            copied = 0
            for f in source.files:
                # a download shows its bytes on a line of its own while it runs
                line = progress.add_task(f"  {f.path.rsplit('/', 1)[-1][:14]}", total=None, unit="", visible=False)

                def on_bytes(done: int, total: int | None, line=line) -> None:
                    size = f"{done / 1e6:.1f}" + (f"/{total / 1e6:.1f} MB" if total else " MB")
                    progress.update(line, completed=done, total=total, unit=size, visible=True)

                _, new = fetching.fetch_file(f, progress=on_bytes)
                progress.remove_task(line)
                copied += new
                progress.advance(task)
            loaded = store.get_store().load(source, force=force)
            status = "loaded into the store" if loaded and source.tables else (
                "files ready" if not source.tables else "store up to date")
            progress.console.print(f"  {source.name}: {copied}/{len(source.files)} files fetched, {status}")
    console.print(f"store: {store.get_store().path}")


@data_app.command("list")
def list_cmd(fmt: str = FormatOption) -> None:
    """Each source: version, coverage, rows in the store, and status (fetched/missing/corrupt)."""
    show(store.source_status(), fmt, title="amity data sources")


@data_app.command("cite")
def cite_cmd(
    names: list[str] = typer.Argument(None, help="Sources to cite (default: all)."),
    bibtex: bool = typer.Option(False, "--bibtex", help="Print BibTeX instead of plain text."),
    fmt: str = typer.Option(None, "--format", "-f", help="table, csv or json for the citation table."),
) -> None:
    """How to cite each dataset (plain text or BibTeX), with its licence or terms."""
    sources = [get_source(n) for n in names] if names else list(SOURCES.values())
    if fmt:
        df = pd.DataFrame([
            {"name": s.name, "version": s.version, "citation": s.citation, "terms": s.terms, "bibtex": s.bibtex}
            for s in sources
        ])
        show(df, fmt)
        return
    for s in sources:
        if bibtex:
            typer.echo(s.bibtex + "\n")
        else:
            typer.echo(f"{s.name} ({s.version})\n  {s.citation}\n  Terms: {s.terms}\n")


def register(app: typer.Typer) -> None:
    app.add_typer(data_app, name="data", help="Fetch, list and cite the datasets amity reads.")
