"""``amity dyads`` and ``amity dyad``: dyad-year frames with the add_* joins."""

from __future__ import annotations

import typer

from amity.cli.options import FormatOption, OutputOption, YearsOption, show
from amity.errors import UnknownOptionError
from amity.frames import dyads as frames

STEPS = {name: getattr(frames, f"add_{name}") for name in frames.STEPS}


def _parse_steps(add: str | None) -> list[str]:
    if not add:
        return []
    names = list(STEPS) if add == "all" else [s.strip() for s in add.split(",") if s.strip()]
    for name in names:
        if name not in STEPS:
            raise UnknownOptionError("add step", name, list(STEPS) + ["all"])
    return names


def dyads_cmd(
    years: str = YearsOption,
    system: str = typer.Option("cow", "--system", help="cow or gw."),
    directed: bool = typer.Option(False, "--directed", help="Both orders of every pair."),
    add: str = typer.Option(None, "--add", help="Comma list of joins: " + ", ".join(STEPS) + " (or all)."),
    fmt: str = FormatOption,
    output: str = OutputOption,
) -> None:
    """Every dyad-year of the state system, with data joined on (peacesciencer style)."""
    show(frames.dyad_years(system=system, years=years, directed=directed, add=_parse_steps(add)), fmt, output)


def dyad_cmd(
    a: str = typer.Argument(..., help="First state (any name or code)."),
    b: str = typer.Argument(..., help="Second state."),
    years: str = YearsOption,
    add: str = typer.Option("all", "--add", help="Comma list of joins (default all)."),
    fmt: str = FormatOption,
    output: str = OutputOption,
) -> None:
    """One dyad over time with every joined dimension (a quick summary table)."""
    from amity.frames.summary import dyad_summary

    show(dyad_summary(a, b, years=years, steps=[STEPS[s] for s in _parse_steps(add)]), fmt, output)


def register(app: typer.Typer) -> None:
    app.command("dyads", help="Dyad-year frame of the whole system with add_* joins.")(dyads_cmd)
    app.command("dyad", help="One dyad's years with alliances, capabilities, IGOs, MIDs, rivalry, trade.")(dyad_cmd)
