"""CLI verbs for UN ideal points: ``amity idealpoints`` and ``amity idealdistance``."""

from __future__ import annotations

from pathlib import Path

import typer

from amity.cli.options import FormatOption, OutputOption, YearsOption, show


def register_idealpoints(app: typer.Typer) -> None:
    """Add the ideal-point verbs to the amity app."""

    @app.command("idealpoints")
    def idealpoints_cmd(
        sessions: str = typer.Option(None, "--sessions", "-s", help="Sessions: 80, 1-80 or a list (default all)."),
        states: str = typer.Option(None, "--states", help="Keep these states only (comma list of names/codes)."),
        source: str = typer.Option("auto", "--source", help="UN votes source (default: most complete record)."),
        omega2: float = typer.Option(None, "--omega2", help="Random-walk variance per session (default 0.1)."),
        fmt: str = FormatOption,
        output: Path = OutputOption,
    ) -> None:
        """UN General Assembly ideal points per state and session (dynamic ordinal IRT; US positive)."""
        from amity.measures.idealpoints import _ccode, ideal_points

        df = ideal_points(sessions, source, omega2=omega2)
        if states:
            codes = {_ccode(q.strip()) for q in states.split(",") if q.strip()}
            df = df[df["ccode"].isin(codes)].reset_index(drop=True)
        show(df, fmt, output, title="UN ideal points")

    @app.command("idealdistance")
    def idealdistance_cmd(
        a: str = typer.Argument(..., help="First state (name, ISO3 or COW code)."),
        b: str = typer.Argument(..., help="Second state."),
        years: str = YearsOption,
        source: str = typer.Option("auto", "--source", help="UN votes source (default: most complete record)."),
        fmt: str = FormatOption,
        output: Path = OutputOption,
    ) -> None:
        """Distance between two states' UN ideal points per session."""
        from amity.measures.idealpoints import ideal_distance

        show(ideal_distance(a, b, years=years, source=source), fmt, output, title=f"Ideal-point distance {a}-{b}")


def register(app: typer.Typer) -> None:
    """Add this area's verbs to the amity app."""
    register_idealpoints(app)
