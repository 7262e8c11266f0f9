"""The command line: every verb is listed without importing it, built on first use, and light verbs stay light."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers import run_cli


def _modules_after(args: list[str]) -> set[str]:
    """The modules a fresh ``amity ARGS`` process has imported when it exits."""
    code = (
        "import sys, atexit; atexit.register(lambda: print(' '.join(sorted(sys.modules)), file=sys.stderr)); "
        f"sys.argv = ['amity', *{args!r}]; from amity.cli import main; main()"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return set(out.stderr.split())


def test_help_lists_every_verb_without_importing_them(capsys):
    from amity.cli import VERBS

    code, out, _ = run_cli(["--help"], capsys)
    assert code == 0 and all(verb in out for verb in VERBS)
    loaded = _modules_after(["--help"])
    assert not loaded & {"pandas", "numpy", "duckdb", "scipy", "sklearn", "matplotlib", "amity.cli.measures"}


def test_resolving_names_does_not_import_pandas():
    loaded = _modules_after(["states", "India", "New Delhi"])
    assert "amity.states.resolve" in loaded and not loaded & {"pandas", "duckdb", "scipy"}


def test_every_registered_verb_builds_from_its_module():
    from typer.main import get_group

    from amity.cli import VERBS, app

    group = get_group(app)
    for verb in VERBS:
        command = group.get_command(None, verb)
        assert command is not None and command.name == verb, verb


def test_a_mistyped_verb_gets_suggestions(capsys):
    code, _, err = run_cli(["simlarity"], capsys)
    assert code == 2 and "Did you mean 'similarity'" in err
