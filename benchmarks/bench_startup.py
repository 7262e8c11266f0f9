"""Benchmark: whole-process start-up of the CLI (``amity --help``, ``amity states India``).

Targets (issue 8): ``amity --help`` <= 0.3 s and ``amity states India`` <= 0.5 s, wall time of the whole
process. Baselines run in the same invocation: the bare interpreter, ``import pandas`` (what any verb that
touches a DataFrame pays), and the eager path amity had before verbs were imported lazily (every verb
module imported up front, then ``--help``). Each command runs ``REPEAT`` times in a fresh process; the
fastest wall time and the largest peak RSS (``wait4``, per child) are shown.

    python benchmarks/bench_startup.py
"""

from __future__ import annotations

import os
import sys

from _harness import REPO, bench_env, whole_process

REPEAT = 7
PY = sys.executable
EAGER = (
    "import sys, importlib, amity.cli as c; "
    "[importlib.import_module('amity.cli.' + m) for m in dict.fromkeys(v[0] for v in c.VERBS.values())]; "
    "sys.argv = ['amity', '--help']; c.main()"
)
COMMANDS = {
    "python -c pass": [PY, "-c", "pass"],
    "python -c 'import pandas'": [PY, "-c", "import pandas"],
    "eager imports + --help (before)": [PY, "-c", EAGER],
    "amity --help": [PY, "-m", "amity", "--help"],
    "amity states India": [PY, "-m", "amity", "states", "India"],
}
TARGETS = {"amity --help": 0.3, "amity states India": 0.5}


def main() -> None:
    env = bench_env()
    env["PYTHONPATH"] = str(REPO / "src") + os.pathsep + env.get("PYTHONPATH", "")
    rows = []
    for _ in range(REPEAT):  # interleaved, so a busy moment on the machine hits every command alike
        for name, argv in COMMANDS.items():
            rows.append((name, *whole_process(argv, env)))
    best = {n: min(w for m, w, _ in rows if m == n) for n in COMMANDS}
    peak = {n: max(p for m, _, p in rows if m == n) for n in COMMANDS}
    eager = best["eager imports + --help (before)"]
    print(f"whole process, best of {REPEAT}")
    print(f"{'command':<34}{'wall s':>8}{'peak MiB':>10}{'vs eager':>10}  target")
    for name in COMMANDS:
        target = f"<= {TARGETS[name]} s {'ok' if best[name] <= TARGETS[name] else 'MISSED'}" if name in TARGETS else ""
        print(f"{name:<34}{best[name]:>8.3f}{peak[name]:>10.0f}{eager / best[name]:>9.1f}x  {target}")


if __name__ == "__main__":
    main()
