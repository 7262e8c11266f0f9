"""UN voting similarity for every dyad-year: amity's matrix-product path vs the straightforward pandas way.

Both variants compute all six measures (agree, ia, s_abs, s_sq, kappa, pi) for every dyad and year of
the same votes (fpsim record, 1946-2019, as loaded by amity), each in its own subprocess so that peak
memory is measured separately. The baseline is what one would write first: per year, self-merge the
votes on the roll call, keep ccode1 < ccode2, group by dyad and average per-vote indicators (identical
vote, half credit, |d|, d^2, and each side's vote category for the kappa/pi marginals).

Reported per variant: wall time of the computation (votes already in memory; the fast path's median of
9 runs, the baseline's single run), peak RSS of the whole process (ru_maxrss, which includes Python,
pandas, DuckDB and the loaded votes, about the same for both), and, from a second process, the peak of
allocations during the computation alone (tracemalloc, which also sees numpy buffers). The run also
checks that both variants give the same numbers (max absolute difference).

Then the whole process, as a user runs it (issue 8: >= 50x faster and <= 1/3 of the peak memory):
``amity similarity --all --years 1946-2019 -o all.parquet`` on a warm store against a straightforward
pandas script that reads the unvotes R files itself and self-merges each year's votes
(:data:`PANDAS_SCRIPT`), each run ``WHOLE_RUNS`` times in a fresh process (best wall time, largest peak
RSS from ``wait4``).

    AMITY_DATA_MIRROR=/work/shared/data AMITY_HOME=/tmp/amity-bench .venv/bin/python benchmarks/bench_unga.py
    (--whole-only skips the in-process comparison)
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd
from _harness import whole_process as whole_process_run

YEARS = "1946-2019"
MEASURES = ("agree", "ia", "s_abs", "s_sq", "kappa", "pi")
REPEATS = 9
WHOLE_RUNS = 2
REPO = Path(__file__).resolve().parents[1]

# What one would write first: read the R files, give each vote its year, self-merge per year, average.
PANDAS_SCRIPT = """
import sys
import pandas as pd
import pyreadr

mirror, out_path = sys.argv[1], sys.argv[2]
votes = pyreadr.read_r(f"{mirror}/unvotes/un_votes.rda")["un_votes"]
calls = pyreadr.read_r(f"{mirror}/unvotes/un_roll_calls.rda")["un_roll_calls"]
calls["year"] = pd.to_datetime(calls["date"]).dt.year
votes = votes.merge(calls[["rcid", "year"]], on="rcid")
votes["vote"] = votes["vote"].astype(str).map({"yes": 1, "abstain": 2, "no": 3})
votes = votes[votes["year"].between(1946, 2019)]
frames = []
for year, part in votes.groupby("year"):
    p = part[["rcid", "country_code", "vote"]]
    pairs = p.merge(p, on="rcid")
    pairs = pairs[pairs["country_code_x"] < pairs["country_code_y"]]
    a, b = pairs["vote_x"].astype("float64"), pairs["vote_y"].astype("float64")
    diff = (a - b).abs()
    ind = pd.DataFrame({"c1": pairs["country_code_x"], "c2": pairs["country_code_y"], "same": (diff == 0) * 1.0,
                        "half": (((a == 2) | (b == 2)) & (diff == 1)) * 1.0, "d_abs": diff, "d_sq": diff**2,
                        **{f"a{k}": (a == k) * 1.0 for k in (1, 2, 3)},
                        **{f"b{k}": (b == k) * 1.0 for k in (1, 2, 3)}})
    g = ind.groupby(["c1", "c2"])
    m = g.mean()
    m["n"] = g.size()
    cats = (1, 2, 3)
    exp_k = sum(m[f"a{k}"] * m[f"b{j}"] * (k - j) ** 2 for k in cats for j in cats)
    pool = {k: (m[f"a{k}"] + m[f"b{k}"]) / 2 for k in cats}
    exp_p = sum(pool[k] * pool[j] * (k - j) ** 2 for k in cats for j in cats)
    res = pd.DataFrame({"year": year, "n": m["n"], "agree": m["same"], "ia": m["same"] + 0.5 * m["half"],
                        "s_abs": 1 - m["d_abs"], "s_sq": 1 - m["d_sq"] / 2,
                        "kappa": 1 - m["d_sq"] / exp_k.where(exp_k > 0),
                        "pi": 1 - m["d_sq"] / exp_p.where(exp_p > 0)})
    frames.append(res.reset_index())
pd.concat(frames, ignore_index=True).to_parquet(out_path)
"""


def pandas_baseline(votes: pd.DataFrame) -> pd.DataFrame:
    """Self-merge each year's votes on rcid, group by dyad, derive the measures from per-dyad means."""
    frames = []
    for year, part in votes.groupby("year"):
        pairs = part[["rcid", "ccode", "vote"]].merge(part[["rcid", "ccode", "vote"]], on="rcid")
        pairs = pairs[pairs["ccode_x"] < pairs["ccode_y"]]
        a, b = pairs["vote_x"].astype("float64"), pairs["vote_y"].astype("float64")
        diff = (a - b).abs()
        ind = pd.DataFrame({
            "ccode1": pairs["ccode_x"], "ccode2": pairs["ccode_y"],
            "same": (diff == 0).astype(float), "half": (((a == 2) | (b == 2)) & (diff == 1)).astype(float),
            "d_abs": diff, "d_sq": diff**2,
            **{f"a{k}": (a == k).astype(float) for k in (1, 2, 3)},
            **{f"b{k}": (b == k).astype(float) for k in (1, 2, 3)},
        })
        g = ind.groupby(["ccode1", "ccode2"])
        m = g.mean()
        m["n"] = g.size()
        out = pd.DataFrame(index=m.index)
        out["year"] = year
        out["n"] = m["n"]
        out["agree"] = m["same"]
        out["ia"] = m["same"] + 0.5 * m["half"]
        out["s_abs"] = 1 - m["d_abs"]
        out["s_sq"] = 1 - m["d_sq"] / 2
        cats = (1, 2, 3)
        exp_k = sum(m[f"a{k}"] * m[f"b{j}"] * (k - j) ** 2 for k in cats for j in cats)
        pool = {k: (m[f"a{k}"] + m[f"b{k}"]) / 2 for k in cats}
        exp_p = sum(pool[k] * pool[j] * (k - j) ** 2 for k in cats for j in cats)
        out["kappa"] = 1 - m["d_sq"] / exp_k.where(exp_k > 0)
        out["pi"] = 1 - m["d_sq"] / exp_p.where(exp_p > 0)
        frames.append(out.reset_index())
    return pd.concat(frames, ignore_index=True)


def amity_fast(votes: pd.DataFrame) -> pd.DataFrame:
    from amity.measures.unga import _similarity_all_votes

    return _similarity_all_votes(votes, "year", MEASURES)


def run_variant(name: str, out_path: str, trace: bool) -> None:
    """Time one variant (median of ``REPEATS`` runs for the fast one) or, with ``trace``, measure the
    peak of its allocations; tracing slows pandas code a lot, so the two are separate processes."""
    from amity.measures.unga import _fpsim_votes

    t0 = time.perf_counter()
    votes = _fpsim_votes()
    votes = votes[(votes["year"] >= 1946) & (votes["year"] <= 2019)]
    load_s = time.perf_counter() - t0
    compute = amity_fast if name == "amity" else pandas_baseline
    stats: dict = {"variant": name, "load_s": load_s}
    if trace:
        tracemalloc.start()
        result = compute(votes)
        stats["traced_peak_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    else:
        walls = []
        for _ in range(REPEATS if name == "amity" else 1):
            result = None  # so that two results are never held at once
            t0 = time.perf_counter()
            result = compute(votes)
            walls.append(time.perf_counter() - t0)
        stats["wall_s"] = float(np.median(walls))
        stats["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        result = result[result["n"] > 0].sort_values(["year", "ccode1", "ccode2"], ignore_index=True)
        result[["ccode1", "ccode2", "year", "n", *MEASURES]].to_parquet(out_path)
        stats["rows"] = len(result)
    print(json.dumps(stats))


def whole_process() -> None:
    """The CLI verb against the pandas script, each in fresh processes (the store warmed first)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO / "src") + os.pathsep + env.get("PYTHONPATH", "")
    mirror = env.get("AMITY_DATA_MIRROR") or str(REPO.parent / "shared" / "data")
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "all.parquet")
        amity = [sys.executable, "-m", "amity", "similarity", "--all", "--years", YEARS, "-o", out]
        script = Path(tmp) / "pandas_similarity.py"
        script.write_text(PANDAS_SCRIPT)
        pandas = [sys.executable, str(script), mirror, out]
        whole_process_run(amity, env)  # warm: load the sources and the cached record into the store
        runs: dict[str, list[tuple[float, float]]] = {"pandas script": [], "amity similarity --all": []}
        for _ in range(WHOLE_RUNS):
            runs["pandas script"].append(whole_process_run(pandas, env))
            runs["amity similarity --all"].append(whole_process_run(amity, env))
    best = {k: min(w for w, _ in v) for k, v in runs.items()}
    peak = {k: max(p for _, p in v) for k, v in runs.items()}
    base, fast = "pandas script", "amity similarity --all"
    print(f"\nwhole process, warm store, {YEARS}, best of {WHOLE_RUNS} fresh processes each")
    print(f"{'command':<26}{'wall s':>9}{'peak MiB':>10}")
    for k in runs:
        print(f"{k:<26}{best[k]:>9.2f}{peak[k]:>10.0f}")
    print(f"speed-up {best[base] / best[fast]:.1f}x (target >= 50x); peak memory {peak[fast] / peak[base]:.2f}x "
          "(target <= 0.33x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variant", choices=["amity", "pandas"])
    parser.add_argument("--out")
    parser.add_argument("--trace", action="store_true")
    parser.add_argument("--whole-only", action="store_true")
    args = parser.parse_args()
    if args.variant:
        run_variant(args.variant, args.out, args.trace)
        return
    if args.whole_only:
        whole_process()
        return
    with tempfile.TemporaryDirectory() as tmp:
        stats, frames = {}, {}
        for name in ("pandas", "amity"):
            path = str(Path(tmp) / f"{name}.parquet")
            stats[name] = {}
            for extra in ([], ["--trace"]):
                proc = subprocess.run([sys.executable, __file__, "--variant", name, "--out", path, *extra],
                                      capture_output=True, text=True, check=True)
                stats[name].update(json.loads(proc.stdout.strip().splitlines()[-1]))
            frames[name] = pd.read_parquet(path)
    fast, slow = stats["amity"], stats["pandas"]
    a, b = frames["amity"], frames["pandas"]
    same_keys = a[["ccode1", "ccode2", "year", "n"]].equals(b[["ccode1", "ccode2", "year", "n"]])
    diff = max(float(np.nanmax(np.abs(a[m].to_numpy() - b[m].to_numpy()))) for m in MEASURES)
    nan_same = all((a[m].isna() == b[m].isna()).all() for m in MEASURES)
    print(f"UN voting similarity, all dyads {YEARS}, measures {', '.join(MEASURES)}: "
          f"{fast['rows']:,} dyad-years")
    print(f"{'variant':<8} {'wall s':>8} {'peak RSS MB':>12} {'traced peak MB':>15}")
    for name, s in (("pandas", slow), ("amity", fast)):
        print(f"{name:<8} {s['wall_s']:>8.3f} {s['maxrss_mb']:>12.0f} {s['traced_peak_mb']:>15.1f}")
    print(f"speed-up: {slow['wall_s'] / fast['wall_s']:.1f}x; peak RSS ratio amity/pandas: "
          f"{fast['maxrss_mb'] / slow['maxrss_mb']:.2f}; traced peak ratio: "
          f"{fast['traced_peak_mb'] / slow['traced_peak_mb']:.3f}")
    print(f"loading the votes from the store (same for both, not timed above): {fast['load_s']:.2f} s")
    print(f"same dyad-years and n: {same_keys}; max |difference| over measures: {diff:.2e}; "
          f"NA pattern identical: {nan_same}")
    whole_process()


if __name__ == "__main__":
    main()
