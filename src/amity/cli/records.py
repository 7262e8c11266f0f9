"""The records behind a measure: ``amity un-vote`` (one UN resolution's votes), ``amity alliances`` (the
ATOP alliances behind a dyad's ties), ``amity coverage`` (what a dyad's evidence covers, and its holes)."""

from __future__ import annotations

import typer

from amity.cli.options import FormatOption, OutputOption, YearsOption, show


def un_vote_cmd(
    resolution: str = typer.Argument(..., help="Resolution symbol, e.g. A/RES/ES-11/1 (or ES-11/1)."),
    states: str = typer.Option(None, "--states", "-s", help="Only these states (comma list, e.g. IND,PAK,CHN)."),
    source: str = typer.Option("auto", "--source", help="auto (fpsim + UN extract), fpsim, unvotes or un."),
    fmt: str = FormatOption,
    output: str = OutputOption,
) -> None:
    """How each state voted (yes/no/abstain) on one resolution adopted by recorded vote."""
    from amity.measures.unga import un_votes

    df = un_votes(source=source, resolution=resolution, states=states)
    title = f"{df['symbol'].iat[0]} ({df['date'].iat[0]:%d %B %Y}): {df['title'].iat[0]}" if len(df) else resolution
    show(df, fmt, output, title=title)


def alliances_cmd(
    a: str = typer.Argument(..., help="First state (name, ISO2/ISO3 or COW code)."),
    b: str = typer.Argument(..., help="Second state."),
    years: str = YearsOption,
    fmt: str = FormatOption,
    output: str = OutputOption,
) -> None:
    """The ATOP alliances both states belonged to: obligations, members, each side's entry and exit."""
    from amity.measures.alliances import alliances_between

    show(alliances_between(a, b, years=years), fmt, output, title=f"ATOP alliances between {a} and {b}")


def coverage_cmd(
    a: str = typer.Argument(..., help="First state (name, ISO2/ISO3 or COW code)."),
    b: str = typer.Argument(..., help="Second state."),
    years: str = YearsOption,
    by_year: bool = typer.Option(False, "--by-year", help="The evidence year by year instead of the summary."),
    fmt: str = FormatOption,
    output: str = OutputOption,
) -> None:
    """What each dimension's evidence covers for a dyad: first and last year with data, and the holes."""
    from amity.measures.coverage import coverage, coverage_by_year

    if by_year:
        show(coverage_by_year(a, b, years=years), fmt, output, title=f"Evidence per year: {a}-{b}")
    else:
        show(coverage(a, b, years=years), fmt, output, title=f"Coverage: {a}-{b}")


def register(app: typer.Typer) -> None:
    """Add this area's verbs to the amity app."""
    app.command("un-vote", help="How each state voted on one UN General Assembly resolution.")(un_vote_cmd)
    app.command("alliances", help="The ATOP 5.1 alliances behind a dyad's alliance ties.")(alliances_cmd)
    app.command("coverage", help="Per dimension: the years a dyad's evidence covers, and its holes.")(coverage_cmd)
