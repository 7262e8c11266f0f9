"""``amity states``: resolve names and codes, list system members."""

from __future__ import annotations

import typer

from amity.cli.options import FormatOption, OutputOption, YearsOption, show
from amity.states import resolve, state_years


def states_cmd(
    queries: list[str] = typer.Argument(None, help="Names, demonyms, capitals, ISO2/ISO3, COW codes."),
    year: int = typer.Option(None, "--year", help="Resolve as of this year (Germany 1989 -> West Germany)."),
    system: str = typer.Option("cow", "--system", help="With no query: list members of cow or gw."),
    years: str = YearsOption,
    fmt: str = FormatOption,
    output: str = OutputOption,
) -> None:
    """Resolve countries to their codes, or list the members of a state system."""
    if queries:  # records, not a DataFrame: resolving names must not wait for pandas to import
        show([{"query": q, **resolve(q, year).as_dict()} for q in queries], fmt, output)
        return
    show(state_years(system, years), fmt, output, title=f"{system.upper()} system members")


def register(app: typer.Typer) -> None:
    app.command("states", help="Resolve countries (names, demonyms, capitals, codes) or list system members.")(
        states_cmd
    )
