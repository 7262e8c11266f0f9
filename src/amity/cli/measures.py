"""CLI verbs for alliances, capabilities, arms, trade and the convergence profile (amity.measures)."""

from __future__ import annotations

import typer

from amity.cli.options import FormatOption, OutputOption, YearsOption, show
from amity.years import parse_years


def _span(years: str | None) -> list[int] | None:
    try:
        return parse_years(years)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--years") from None


def alliance_similarity_cmd(
    states: list[str] = typer.Argument(None, help="States to keep (two or more: dyads among them; one: its dyads)."),
    years: str = YearsOption,
    fmt: str = FormatOption,
    output: str = OutputOption,
) -> None:
    """Alliance portfolio similarity (ATOP valued portfolios): S, weighted S, kappa, pi, tau-b per dyad-year."""
    from amity.measures.alliances import alliance_similarity

    show(alliance_similarity(_span(years), states or None), fmt, output, title="Alliance portfolio similarity")


def capabilities_cmd(
    states: list[str] = typer.Argument(None, help="States (names, ISO codes, COW codes); omit for all."),
    years: str = YearsOption,
    milex: bool = typer.Option(False, "--milex", help="SIPRI military expenditure instead of COW NMC."),
    fmt: str = FormatOption,
    output: str = OutputOption,
) -> None:
    """CINC and its components per state-year (COW NMC), or SIPRI military expenditure with --milex."""
    from amity.measures.capabilities import capabilities, military_expenditure

    fn = military_expenditure if milex else capabilities
    show(fn(states or None, _span(years)), fmt, output,
         title="SIPRI military expenditure" if milex else "COW national material capabilities")


def arms_cmd(
    states: list[str] = typer.Argument(..., help="A recipient (supplier shares), or SUPPLIER RECIPIENT (the tie)."),
    years: str = YearsOption,
    source: str = typer.Option("register", "--source", help="register (1990-2024), tiv (1950-2021) or combined."),
    period: int = typer.Option(None, "--period", help="Supplier shares per period of this many years."),
    yearly: bool = typer.Option(False, "--yearly", help="Imports per supplier and year instead of shares."),
    hhi: bool = typer.Option(False, "--hhi", help="Supplier concentration (HHI) per year."),
    fmt: str = FormatOption,
    output: str = OutputOption,
) -> None:
    """SIPRI arms imports: a recipient's suppliers and their shares, concentration, or a dyad's arms tie."""
    from amity.measures import arms

    span = _span(years)
    if len(states) == 2:
        df = arms.arms_tie(states[0], states[1], span, source)
        title = f"Arms tie {states[0]} -> {states[1]} (SIPRI TIV)"
    elif len(states) != 1:
        raise typer.BadParameter("give one recipient, or a supplier and a recipient")
    elif hhi:
        df, title = arms.arms_concentration(states[0], span, source), f"Supplier concentration: {states[0]}"
    elif yearly:
        df, title = arms.arms_imports(states[0], span, source), f"Arms imports by supplier: {states[0]}"
    else:
        df = arms.arms_supplier_shares(states[0], span, source, period)
        title = f"Arms suppliers' shares: {states[0]}"
    show(df, fmt, output, title=title)


def trade_cmd(
    states: list[str] = typer.Argument(..., help="Two states."),
    years: str = YearsOption,
    fmt: str = FormatOption,
    output: str = OutputOption,
) -> None:
    """Dyadic trade (COW) and each side's share of the other's total trade, per year."""
    from amity.measures.trade import trade_dependence

    if len(states) != 2:
        raise typer.BadParameter("give exactly two states (e.g. USA IND)")
    show(trade_dependence(states[0], states[1], _span(years)), fmt, output,
         title=f"Trade {states[0]}-{states[1]} (COW)")


def convergence_cmd(
    states: list[str] = typer.Argument(..., help="Two states (e.g. USA IND)."),
    years: str = YearsOption,
    window: int = typer.Option(10, "--window", help="Years in the trailing window for trends."),
    dimensions: str = typer.Option(
        None, "--dimensions", "-d",
        help="Comma list of groups: unga, ideal, alliances, capabilities, arms, trade, igos, mids, rivalry.",
    ),
    view: str = typer.Option("summary", "--view", help="summary (one row per dimension) or profile (per year)."),
    fmt: str = FormatOption,
    output: str = OutputOption,
) -> None:
    """How close two states are on every dimension: level, percentile among all dyads, trend, breaks."""
    from amity.errors import UnknownOptionError
    from amity.measures.convergence import convergence, convergence_summary

    if len(states) != 2:
        raise typer.BadParameter("give exactly two states (e.g. USA IND)")
    if view not in ("summary", "profile"):
        raise UnknownOptionError("view", view, ["summary", "profile"])
    profile = convergence(states[0], states[1], _span(years), window, dimensions)
    label = f"{profile['a'].iat[0]}-{profile['b'].iat[0]}" if len(profile) else "-".join(states)
    if view == "profile":
        show(profile, fmt, output, title=f"Convergence profile {label}")
        return
    summary = convergence_summary(states[0], states[1], profile=profile)
    if fmt == "table" and output is None:  # the terminal gets the essentials; csv/json/-o get every column
        keep = ["dimension", "last_year", "latest", "latest_pct", "trend", "since", "breaks"]
        summary = summary[[c for c in keep if c in summary.columns]].round(4)
    show(summary, fmt, output, title=f"Convergence {label}: level, percentile among all dyads, trend, breaks")


def register(app: typer.Typer) -> None:
    """Add this area's verbs to the amity app."""
    app.command("alliance-similarity", help="ATOP alliance portfolio similarity (S, kappa, pi, tau-b) per dyad-year.")(
        alliance_similarity_cmd)
    app.command("capabilities", help="COW CINC and components, or SIPRI military expenditure, per state-year.")(
        capabilities_cmd)
    app.command("arms", help="SIPRI arms transfers: supplier shares, concentration, or a dyad's arms tie.")(arms_cmd)
    app.command("trade", help="COW dyadic trade and trade shares of two states per year.")(trade_cmd)
    app.command("convergence", help="Convergence profile of two states: every dimension, percentile, trend, breaks.")(
        convergence_cmd)
