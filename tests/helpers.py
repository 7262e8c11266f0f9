"""Helpers shared by test modules (run the CLI in-process and capture what it prints)."""

from __future__ import annotations

import sys

import pytest


def run_cli(args: list[str], capsys: pytest.CaptureFixture) -> tuple[int, str, str]:
    """Run ``amity ARGS`` as a user would (errors printed, exit code returned)."""
    from amity.cli import main

    old = sys.argv
    sys.argv = ["amity", *args]
    code = 0
    try:
        main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        sys.argv = old
    out = capsys.readouterr()
    return code, out.out, out.err
