"""Benchmark: valued ATOP alliance-portfolio similarity for every dyad-year.

Compares amity's kernel (sparse one-hot products per year, :mod:`amity.measures._similarity`) with the
straightforward pandas approach (long table of every state's valued tie to every system member, self-merge
on the third state within the year, group by dyad) computing S (absolute) and CINC-weighted S only. The
baseline is too slow and too big for all 203 years, so both run on the same sample of years, side by side;
then amity's full 1816-2018 run (all measures) is timed on its own. Each variant runs in a fresh
subprocess and reports its peak resident memory (``ru_maxrss``).

    AMITY_DATA_MIRROR=../shared/data AMITY_HOME=/tmp/amity-bench .venv/bin/python benchmarks/bench_alliances.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

SAMPLE_YEARS = [1816, 1870, 1914, 1950, 1980, 2000, 2018]


def _warm() -> None:
    from amity.measures.alliances import _inputs

    _inputs()


def baseline(years: list[int]):
    """Self-merge of the long (i, k, value) table within each year; S and weighted S only."""
    import pandas as pd

    from amity.measures.alliances import _inputs

    members, ties, cinc = _inputs()
    out = []
    for year in years:
        m = members.loc[members["year"] == year, "ccode"]
        grid = pd.MultiIndex.from_product([m, m], names=["i", "k"]).to_frame(index=False)
        t = ties[ties["year"] == year].rename(columns={"ccode1": "i", "ccode2": "k"})[["i", "k", "value"]]
        long = grid.merge(t, on=["i", "k"], how="left").fillna({"value": 0})
        long.loc[long["i"] == long["k"], "value"] = 3
        w = cinc[cinc["year"] == year].rename(columns={"ccode": "k"})[["k", "cinc"]]
        long = long.merge(w, on="k", how="left").fillna({"cinc": 0})
        pairs = long.merge(long[["i", "k", "value"]], on="k", suffixes=("_1", "_2"))
        pairs = pairs[pairs["i_1"] < pairs["i_2"]]
        pairs["d"] = (pairs["value_1"] - pairs["value_2"]).abs()
        pairs["wd"] = pairs["d"] * pairs["cinc"]
        g = pairs.groupby(["i_1", "i_2"]).agg(d=("d", "sum"), wd=("wd", "sum"), m=("d", "size"), w=("cinc", "sum"))
        g["s_abs"] = 1 - 2 * g["d"] / (3 * g["m"])
        g["s_abs_weighted"] = 1 - 2 * g["wd"] / (3 * g["w"])
        out.append(g.reset_index().assign(year=year))
    return pd.concat(out, ignore_index=True)


def amity_kernel(years):
    from amity.measures.alliances import alliance_similarity

    return alliance_similarity(years)


def _child(variant: str, years: str) -> None:
    import resource

    ys = None if years == "all" else [int(y) for y in years.split(",")]
    _warm()
    t0 = time.perf_counter()
    df = baseline(ys) if variant == "baseline" else amity_kernel(ys)
    elapsed = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    check = df[(df["ccode1"] == 255) & (df["ccode2"] == 365) & (df["year"] == 1914)] if "ccode1" in df else (
        df[(df["i_1"] == 255) & (df["i_2"] == 365) & (df["year"] == 1914)])
    s = float(check["s_abs"].iat[0]) if len(check) else None
    print(json.dumps({"variant": variant, "seconds": elapsed, "peak_mb": peak_mb, "rows": len(df),
                      "gmy_rus_1914_s_abs": s, "sum_s_abs": float(df["s_abs"].sum()),
                      "sum_s_abs_weighted": float(df["s_abs_weighted"].sum())}))


def _run(variant: str, years: str) -> dict:
    res = subprocess.run([sys.executable, __file__, "--child", variant, years], capture_output=True, text=True,
                         check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def main() -> None:
    sample = ",".join(map(str, SAMPLE_YEARS))
    base = _run("baseline", sample)
    ours = _run("amity", sample)
    full = _run("amity", "all")
    print(f"sample years {sample}")
    print(f"  baseline (pandas self-merge, S and weighted S only): {base['seconds']:.2f} s, "
          f"peak {base['peak_mb']:.0f} MB, {base['rows']:,} dyad-years, GMY-RUS 1914 S {base['gmy_rus_1914_s_abs']}")
    print(f"  amity (all 7 measures):                              {ours['seconds']:.2f} s, "
          f"peak {ours['peak_mb']:.0f} MB, {ours['rows']:,} dyad-years, GMY-RUS 1914 S {ours['gmy_rus_1914_s_abs']}")
    same = all(abs(base[k] - ours[k]) < 1e-6 for k in ("sum_s_abs", "sum_s_abs_weighted"))
    print(f"  same S and weighted S in both (sums over all dyad-years agree to 1e-6): {same}")
    print(f"  speed-up {base['seconds'] / ours['seconds']:.0f}x, memory ratio "
          f"{ours['peak_mb'] / base['peak_mb']:.2f}")
    print(f"all dyad-years 1816-2018, all measures: {full['seconds']:.2f} s, peak {full['peak_mb']:.0f} MB, "
          f"{full['rows']:,} dyad-years")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        _child(sys.argv[2], sys.argv[3])
    else:
        main()
