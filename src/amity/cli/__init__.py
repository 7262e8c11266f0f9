"""The ``amity`` command line: a thin layer over the public Python functions.

Each area registers its verbs from its own module (``amity.cli.data``, ``amity.cli.measures`` …) so the
CLI mirrors the package one-to-one. A verb's module is imported only when that verb runs (or its own
``--help`` is shown), so ``amity --help`` and light verbs such as ``amity states`` never pay for pandas
joins, SciPy, scikit-learn or matplotlib. Errors of type :class:`~amity.errors.AmityError` are printed as
one clear line, never a traceback.
"""

from __future__ import annotations

import sys
from difflib import get_close_matches
from importlib import import_module

import typer
from typer.core import TyperCommand, TyperGroup

from amity import __version__
from amity.errors import AmityError

# Every verb: name -> (module under amity.cli whose register(app) adds it, one line for `amity --help`).
# To add a verb, write amity/cli/<module>.py with `def register(app): app.command("<verb>")(fn)` (imports
# of heavy libraries inside the function) and add ONE line here, e.g.
#     "un-vote": ("unga", "How each state voted on one UN roll call."),
VERBS: dict[str, tuple[str, str]] = {
    "data": ("data", "Fetch, list and cite the datasets amity reads."),
    "states": ("states", "Resolve countries (names, demonyms, capitals, codes) or list system members."),
    "dyads": ("frames", "Dyad-year frame of the whole system with add_* joins."),
    "dyad": ("frames", "One dyad's years with alliances, capabilities, IGOs, MIDs, rivalry, trade."),
    "un-vote": ("records", "How each state voted on one UN General Assembly resolution."),
    "alliances": ("records", "The ATOP 5.1 alliances behind a dyad's alliance ties."),
    "coverage": ("records", "Per dimension: the years a dyad's evidence covers, and its holes."),
    "similarity": ("unga", "UN General Assembly voting similarity (agreement, IA, S, kappa, pi): two states or "
                   "all dyads."),
    "idealpoints": ("idealpoints", "UN General Assembly ideal points per state and session (dynamic ordinal "
                    "IRT; US positive)."),
    "idealdistance": ("idealpoints", "Distance between two states' UN ideal points per session."),
    "alliance-similarity": ("measures", "ATOP alliance portfolio similarity (S, kappa, pi, tau-b) per dyad-year."),
    "capabilities": ("measures", "COW CINC and components, or SIPRI military expenditure, per state-year."),
    "arms": ("measures", "SIPRI arms transfers: supplier shares, concentration, or a dyad's arms tie."),
    "trade": ("measures", "COW dyadic trade and trade shares of two states per year."),
    "convergence": ("measures", "Convergence profile of two states: every dimension, percentile, trend, breaks."),
    "extract": ("text", "Extract events between states (who did what to whom, when, how) from articles and "
                "statements."),
    "eval": ("text", "Score amity's extractors against gold annotations."),
    "classify": ("classify", "Classify each line as quad 0-4 and a PLOVER event type (one object per line)."),
    "events": ("corpus", "Stored event counts between two states per year/quarter/month, both directions, with "
               "their documents."),
    "report": ("report", "Write a convergence report folder (index.html, report.md, charts, data.json) for a "
               "dyad."),
    "serve": ("serve", "Serve the web app and HTTP API (127.0.0.1:8000; read-only without AMITY_TOKEN)."),
    "balance": ("report", "Structural balance of the signed network among states, per year (or its ties with "
                "--ties)."),
}


class LazyGroup(TyperGroup):
    """The root command group: verbs are listed from :data:`VERBS` and built on first use."""

    listing = False  # True while the root help is drawn: verbs are shown from VERBS without importing them

    def list_commands(self, ctx: typer.Context) -> list[str]:
        return list(dict.fromkeys([*VERBS, *self.commands]))

    def get_command(self, ctx: typer.Context, cmd_name: str) -> TyperCommand | None:
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        if cmd_name not in VERBS:
            return None
        module, help_text = VERBS[cmd_name]
        if self.listing:
            return TyperCommand(name=cmd_name, help=help_text)
        verbs = typer.Typer(rich_markup_mode="rich", pretty_exceptions_enable=False)
        import_module(f"amity.cli.{module}").register(verbs)
        built = typer.main.get_group(verbs).commands
        self.commands.update({name: cmd for name, cmd in built.items() if name in VERBS})
        return self.commands.get(cmd_name)

    def format_help(self, ctx: typer.Context, formatter: object) -> None:
        self.listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self.listing = False

    def resolve_command(self, ctx: typer.Context, args: list[str]):
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            matches = ", ".join(map(repr, get_close_matches(name, list(VERBS))))
            ctx.fail(f"No such command {name!r}." + (f" Did you mean {matches}?" if matches else ""))
        return super().resolve_command(ctx, args)


app = typer.Typer(
    name="amity",
    help="Measure patterns of amity and enmity between states from real public data and articles.",
    cls=LazyGroup,
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
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


def main() -> None:
    try:
        app()
    except AmityError as exc:
        _stderr().print(f"[bold red]error:[/] {exc}", highlight=False)
        sys.exit(2)
    except KeyboardInterrupt:
        _stderr().print("interrupted; nothing was half-written to the store")
        sys.exit(130)


def _stderr():
    from rich.console import Console

    return Console(stderr=True, soft_wrap=True)
