"""Run benchmark variants in fresh subprocesses and report wall time and peak memory side by side.

Each variant is a function in the calling script; it runs in its own process so its peak RSS
(``ru_maxrss``) is its own. Import-time costs of the modules a script preloads (:func:`child`) are
excluded from the wall time but included in memory; ``process_s`` is the whole process, start-up and all.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_MIRROR = REPO.parent / "shared" / "data"


def bench_env(home: str | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("AMITY_DATA_MIRROR", str(DEFAULT_MIRROR))
    env.setdefault("AMITY_HOME", str(REPO / ".amity-home" / "bench"))
    if home:
        env["AMITY_HOME"] = home
    return env


def child(variants: dict[str, Callable[[], object]], preload: tuple[str, ...] = ()) -> None:
    """Entry point in the subprocess: run one variant, print its measurements as JSON.

    ``preload`` names modules imported before the clock starts, the same for every variant, so that the
    wall time is the work and not the imports (they stay in the peak memory)."""
    import importlib

    for module in preload:
        importlib.import_module(module)
    name = sys.argv[2]
    start = time.perf_counter()
    info = variants[name]()
    wall = time.perf_counter() - start
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"variant": name, "wall_s": wall, "peak_mib": peak_mib, "info": info}))


def run(script: str, name: str, env: dict[str, str] | None = None, repeat: int = 1) -> dict:
    """Run ``script --child name`` ``repeat`` times; keep the fastest run's wall and the largest peak."""
    results = []
    for _ in range(repeat):
        start = time.perf_counter()
        out = subprocess.run(
            [sys.executable, script, "--child", name], capture_output=True, text=True, env=env or bench_env()
        )
        if out.returncode != 0:
            raise SystemExit(f"variant {name} failed:\n{out.stderr}")
        results.append({**json.loads(out.stdout.strip().splitlines()[-1]), "process_s": time.perf_counter() - start})
    best = min(results, key=lambda r: r["wall_s"])
    best["peak_mib"] = max(r["peak_mib"] for r in results)
    best["process_s"] = min(r["process_s"] for r in results)
    return best


def whole_process(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB, from ``wait4``: this child's own) of one fresh process of ``argv``,
    start-up included."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(argv[:4])} failed: {proc.stderr.read().decode()}")
    proc.stderr.close()
    return wall, usage.ru_maxrss / 1024


def report(rows: list[dict], baseline: str) -> None:
    base = next(r for r in rows if r["variant"] == baseline)
    print(f"{'variant':<28}{'wall s':>10}{'peak MiB':>12}{'speed-up':>12}{'memory':>10}")
    for r in rows:
        speed = base["wall_s"] / r["wall_s"] if r["wall_s"] else float("inf")
        mem = r["peak_mib"] / base["peak_mib"]
        print(f"{r['variant']:<28}{r['wall_s']:>10.2f}{r['peak_mib']:>12.0f}{speed:>11.1f}x{mem:>9.2f}x")
        if r.get("info"):
            print(f"    {r['info']}")
