"""CLI verbs for amity (classify): one sentence per line in, one classified object per line out."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd
import typer

from amity.errors import AmityError, DataUnavailableError, UnknownOptionError

CLASSIFY_FORMATS = ("jsonl", "table", "csv", "json")


def read_lines(path: str) -> list[str]:
    """The file's lines (``-`` = stdin), split on newlines only so that every input line maps to exactly
    one output line; ``\\r\\n`` endings are accepted and invalid UTF-8 bytes become U+FFFD, never lost lines.
    A file with NUL bytes is refused as binary."""
    if path == "-":
        raw = sys.stdin.buffer.read()
    else:
        p = Path(path)
        if not p.exists():
            raise DataUnavailableError(f"{path}: no such file")
        if p.is_dir():
            raise AmityError(f"{path} is a directory; classify takes one text file with a sentence per line")
        raw = p.read_bytes()
    if b"\x00" in raw:
        raise AmityError(f"{path} looks binary (it contains NUL bytes); give a text file, one sentence per line")
    text = raw.decode("utf-8-sig", errors="replace")
    if not text:
        return []
    lines = text.split("\n")
    if lines[-1] == "":  # the final newline ends the last line; it does not start another
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def write_jsonl(df: pd.DataFrame) -> None:
    from amity.output import frame_records

    out = sys.stdout
    for record in frame_records(df):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


def register(app: typer.Typer) -> None:
    """Add this area's verbs to the amity app."""

    @app.command("classify", help="Classify each line as quad 0-4 and a PLOVER event type (one object per line).")
    def classify_cmd(
        file: str = typer.Argument(..., help="Text file with one sentence per line ('-' for stdin)."),
        fmt: str = typer.Option("jsonl", "--format", "-f", help="Output: jsonl (default), table, csv or json."),
        output: Path = typer.Option(None, "--output", "-o", help="Write to a file (.parquet, .csv, .json)."),
    ) -> None:
        """Classify each line as quad 0-4 (statement, verbal/material cooperation, verbal/material conflict)
        and a PLOVER event type. Exactly one output object per input line, in input order; blank lines and
        lines with no letters get quad, event and confidence null."""
        from amity.cli.options import show
        from amity.text.classify import classify

        if fmt not in CLASSIFY_FORMATS:
            raise UnknownOptionError("format", fmt, list(CLASSIFY_FORMATS))
        df = classify(read_lines(file))
        df.insert(0, "line", range(1, len(df) + 1))
        if fmt == "jsonl" and output is None:
            write_jsonl(df)
        else:
            show(df, "json" if fmt == "jsonl" else fmt, output)
