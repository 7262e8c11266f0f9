"""``amity similarity``: UN General Assembly voting similarity of a dyad, or of every dyad."""

from __future__ import annotations

import typer

from amity.cli.options import FormatOption, OutputOption, YearsOption, show
from amity.years import parse_years


def similarity_cmd(
    states: list[str] = typer.Argument(None, help="Two states (names, ISO2/ISO3, COW codes), or --all."),
    all_dyads: bool = typer.Option(False, "--all", help="Every dyad (columns ccode1 < ccode2)."),
    years: str = YearsOption,
    measures: str = typer.Option(
        None, "--measures", "-m", help="Comma list of agree, ia, s_abs, s_sq, kappa, pi, pi_nominal (all)."
    ),
    by: str = typer.Option("year", "--by", help="Group roll calls by calendar year or by session."),
    issue: str = typer.Option(
        None, "--issue", help="unvotes issue code(s): me, nu, di, hr, co, ec (comma list; through 2019)."
    ),
    important: bool = typer.Option(False, "--important", help="Only US State Department important votes."),
    source: str = typer.Option(
        "auto", "--source",
        help="auto (fpsim + UN extract, 1946-June 2026), fpsim (to June 2024), unvotes (1946-2019), un (2019-2026).",
    ),
    fmt: str = FormatOption,
    output: str = OutputOption,
) -> None:
    """UN General Assembly voting similarity per year (or session), over roll calls where both voted."""
    from amity.measures.unga import similarity, similarity_all

    try:
        span = parse_years(years)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--years") from None
    options = dict(by=by, years=span, measures=measures, issue=issue, important=important, source=source)
    if all_dyads:
        if states:
            raise typer.BadParameter("give either two states or --all, not both")
        show(similarity_all(**options), fmt, output, title="UNGA voting similarity, all dyads")
        return
    if not states or len(states) != 2:
        raise typer.BadParameter("give exactly two states (e.g. USA IND), or --all for every dyad")
    df = similarity(states[0], states[1], **options)
    show(df, fmt, output, title=f"UNGA voting similarity: {df['a'].iat[0] if len(df) else states[0]}"
         f"-{df['b'].iat[0] if len(df) else states[1]}")


def register(app: typer.Typer) -> None:
    """Add this area's verbs to the amity app."""
    app.command(
        "similarity",
        help="UN General Assembly voting similarity (agreement, IA, S, kappa, pi): two states or all dyads.",
    )(similarity_cmd)
