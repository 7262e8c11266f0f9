"""CLI verbs for amity.report: ``amity report`` and ``amity balance``."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from amity.cli.options import FormatOption, OutputOption, YearsOption, show


def register(app: typer.Typer) -> None:
    """Add this area's verbs to the amity app."""

    @app.command("report")
    def report_cmd(
        a: str = typer.Argument(..., help="First focal state (name, ISO3, COW code)."),
        b: str = typer.Argument(..., help="Second focal state."),
        third: list[str] = typer.Option(None, "--third", "-t", help="A third party (repeat for several)."),
        years: str = typer.Option("1991-2024", "--years", "-y", help="One year, a range (1991-2024) or a list."),
        article: list[str] = typer.Option(None, "--article", help="An article (file or URL) whose claims are checked "
                                          "against the data (repeat)."),
        peers: str = typer.Option(None, "--peers", help="Extra benchmark partners of A, e.g. JPN,AUS,GBR,ISR."),
        min_votes: int = typer.Option(20, "--min-votes", help="Joint UN votes a year needs to count (default 20)."),
        region: str = typer.Option(
            None,
            "--region",
            help="Add a region to the signed network: south-asia, "
            "east-asia, south-east-asia, central-asia, western-asia, or a comma list.",
        ),
        network_year: list[int] = typer.Option(None, "--network-year", help="Draw the signed network for this year."),
        output: Path = typer.Option(Path("report"), "--output", "-o", help="Report folder to write."),
        fmt: str = typer.Option("text", "--format", "-f", help="text (where the report is) or json (findings)."),
        png: bool = typer.Option(False, "--png", help="Also write PNG copies of the SVG charts (report.md uses them)."),
    ) -> None:
        """Write a convergence report folder (index.html, report.md, charts, data.json) for a dyad."""
        from amity.errors import UnknownOptionError
        from amity.report.build import report

        if fmt not in ("text", "json"):
            raise UnknownOptionError("format", fmt, ["text", "json"])
        findings = report(
            a,
            b,
            third=third or [],
            years=years,
            articles=article or None,
            region=region,
            out=output,
            network_years=network_year or None,
            png=png,
            peers=peers,
            min_votes=min_votes,
        )
        if fmt == "json":
            typer.echo(json.dumps(findings, indent=1, ensure_ascii=False))
            return
        data = json.loads((output / "data.json").read_text())
        typer.echo("Verdict:")
        for sentence in data["verdict"]["sentences"]:
            typer.echo(f"- {sentence}")
        typer.echo(
            f"\n{len(findings)} findings. Open {(output / 'index.html').resolve()} in a browser "
            f"(offline); data and sources in {output / 'data.json'}."
        )

    @app.command("balance")
    def balance_cmd(
        states: list[str] = typer.Argument(None, help="States in the network (empty: every state with ties)."),
        years: str = YearsOption,
        region: str = typer.Option(None, "--region", help="Add a region (e.g. south-asia) or a comma list."),
        ties: bool = typer.Option(
            False, "--ties", help="List the signed ties of the span instead of a yearly summary."
        ),
        fmt: str = FormatOption,
        output: Path = OutputOption,
    ) -> None:
        """Structural balance of the signed network among states, per year (or its ties with --ties)."""
        from amity.errors import AmityError
        from amity.measures.balance import balance_by_year, signed_network

        if years is None:
            raise AmityError("give --years, e.g. --years 2000-2018")
        if ties:
            df = signed_network(states or None, years, region=region)
            show(df, fmt, output, title="signed ties")
            return
        if not states and region is None:
            raise AmityError("name the states (or --region) for a yearly balance summary; use --ties for all states")
        summary, _ = balance_by_year(states, years, region=region)
        show(summary, fmt, output, title="structural balance by year")
