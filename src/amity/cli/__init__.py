"""The ``amity`` command line: a thin layer over the public Python functions.

Each area registers its verbs from its own module (``amity.cli.data``, ``amity.cli.measures`` …) so the
CLI mirrors the package one-to-one. Errors of type :class:`~amity.errors.AmityError` are printed as one
clear line, never a traceback.
"""

from __future__ import annotations

import sys
from importlib import import_module

import typer
from rich.console import Console

from amity import __version__
from amity.errors import AmityError

app = typer.Typer(
    name="amity",
    help="Measure patterns of amity and enmity between states from real public data and articles.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, soft_wrap=True)

# Modules that add verbs to the app; each defines register(app).
COMMAND_MODULES = (
    "data", "states", "frames", "unga", "records", "idealpoints", "measures", "text", "classify", "corpus",
    "report",
)


def _version(value: bool) -> None:
    if value:
        print(f"amity {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    """amity: how close are two states, on which dimensions, since when, and what it means for others."""


for _name in COMMAND_MODULES:
    import_module(f"amity.cli.{_name}").register(app)


def main() -> None:
    try:
        app()
    except AmityError as exc:
        err.print(f"[bold red]error:[/] {exc}", highlight=False)
        sys.exit(2)
    except KeyboardInterrupt:
        err.print("interrupted; nothing was half-written to the store")
        sys.exit(130)
