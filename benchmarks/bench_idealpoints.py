"""Benchmark: UN ideal points for all 78 sessions, next to a per-session first principal component.

Each variant runs in its own subprocess (votes already in the store; loading them is timed in both), and
reports wall time and peak resident memory (``ru_maxrss``). With ``--validate`` it also refits with other
random-walk variances and as independent per-session fits and prints the agreement figures quoted in
docs/idealpoints.md.

    AMITY_DATA_MIRROR=../shared/data AMITY_HOME=/tmp/amity-bench .venv/bin/python benchmarks/bench_idealpoints.py
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import pandas as pd

CHILD = r"""
import json, resource, sys, time
from amity.measures import idealpoints as ip, _irt
variant, out = sys.argv[1], sys.argv[2]
t0 = time.perf_counter()
votes = ip.load_votes()
if variant == "pca":
    df = ip.first_principal_component(votes).rename(columns={"pc1": "ideal_point"})
    info = {}
else:
    base = ip.default_settings().as_dict()
    if variant.startswith("omega2="):
        base["omega2"] = float(variant.split("=")[1])
    elif variant == "static":
        base["dynamic"] = False
    df = ip.fit_votes(votes, _irt.Settings(**base))
    info = df.attrs["fit"]
wall = time.perf_counter() - t0
df.to_parquet(out)
print(json.dumps({"variant": variant, "wall_s": wall,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "iterations": info.get("iterations"), "converged": info.get("converged")}))
"""


def run(variant: str, tmp: str) -> tuple[dict, pd.DataFrame]:
    out = os.path.join(tmp, variant.replace("=", "_") + ".parquet")
    proc = subprocess.run([sys.executable, "-c", CHILD, variant, out], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(proc.stderr)
    return json.loads(proc.stdout.strip().splitlines()[-1]), pd.read_parquet(out)


def within_session_corr(a: pd.DataFrame, b: pd.DataFrame) -> pd.Series:
    m = a.merge(b, on=["ccode", "session"])
    return m.groupby("session").apply(lambda g: np.corrcoef(g["ideal_point_x"], g["ideal_point_y"])[0, 1])


def overall_corr(a: pd.DataFrame, b: pd.DataFrame) -> float:
    m = a.merge(b, on=["ccode", "session"])
    return float(np.corrcoef(m["ideal_point_x"], m["ideal_point_y"])[0, 1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--validate", action="store_true", help="also refit with other settings and compare")
    args = parser.parse_args()
    from amity.data.store import get_store

    get_store().ensure("un_votes_fpsim")
    get_store().close()  # children open the store themselves
    with tempfile.TemporaryDirectory() as tmp:
        pca_stats, pca = run("pca", tmp)
        irt_stats, irt = run("dynamic", tmp)
        print(f"{'variant':<32}{'wall s':>9}{'peak MB':>10}")
        for name, st in (("first principal component", pca_stats), ("dynamic ordinal IRT", irt_stats)):
            print(f"{name:<32}{st['wall_s']:>9.2f}{st['peak_mb']:>10.0f}")
        print(f"IRT/PCA: time x{irt_stats['wall_s'] / pca_stats['wall_s']:.1f}, "
              f"peak memory x{irt_stats['peak_mb'] / pca_stats['peak_mb']:.2f}; "
              f"IRT iterations {irt_stats['iterations']}, converged {irt_stats['converged']}")
        r = within_session_corr(irt, pca)
        print(f"IRT vs PCA within session: median r {r.median():.3f}, min {r.min():.3f} (session {r.idxmin()})")
        if not args.validate:
            return
        for variant in ("static", "omega2=0.05", "omega2=0.2"):
            st, other = run(variant, tmp)
            r = within_session_corr(irt, other)
            print(f"vs {variant:<12} ({st['wall_s']:.1f} s): within-session r median {r.median():.4f}, "
                  f"min {r.min():.4f} (session {r.idxmin()}); all country-sessions r {overall_corr(irt, other):.4f}")


if __name__ == "__main__":
    main()
