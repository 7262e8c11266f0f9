"""Benchmark: the full non-directed COW dyad-year frame 1946-2018 with ATOP, CINC and IGOs joined.

Target (issue 8): at least 3x the same build done the straightforward pandas way (members per year,
self-merge, then pandas merges of the same stored tables) in the same run, and at most 0.5 GiB peak
memory, once the store is warm; plus ``amity data fetch`` from the mirror into an empty store. Both
variants import pandas, DuckDB and amity before the clock starts (:data:`PRELOAD`); ``process`` is the
whole process, start-up included.

    python benchmarks/bench_frames.py
"""

from __future__ import annotations

import sys
import tempfile

from _harness import bench_env, child, report, run

YEARS = "1946-2018"
PRELOAD = ("pandas", "pyarrow", "duckdb", "amity.data.store", "amity.frames")


def amity_frame():
    import amity

    df = amity.dyad_years(years=YEARS, add=["atop", "capabilities", "igos"])
    return f"{len(df):,} rows x {df.shape[1]} columns"




def pandas_frame():
    """The straightforward way: tables as pandas frames, members per year, self-merge, three merges."""
    import pandas as pd

    from amity.data import store

    states = store.table("cow_states")
    atop = store.table("atop_alliance")
    nmc = store.table("cow_nmc")
    igo = store.table("cow_igo_ndy")
    rows = []
    for r in states.itertuples():
        last = 2024 if (r.endyear, r.endmonth, r.endday) == (2016, 12, 31) else r.endyear
        rows += [(r.ccode, y) for y in range(r.styear, last + 1) if 1946 <= y <= 2018]
    members = pd.DataFrame(rows, columns=["ccode", "year"]).drop_duplicates()
    dyads = members.merge(members, on="year", suffixes=("1", "2"))
    dyads = dyads[dyads.ccode1 < dyads.ccode2]
    cols = ["atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul"]
    ab = dyads.merge(atop, on=["ccode1", "ccode2", "year"], how="left")
    flipped = atop.rename(columns={"ccode1": "ccode2", "ccode2": "ccode1"})
    ba = dyads.merge(flipped, on=["ccode1", "ccode2", "year"], how="left")
    for c in cols:
        dyads[c] = ab[c].fillna(0).to_numpy().clip(min=ba[c].fillna(0).to_numpy())
    n1 = nmc.add_suffix("1").rename(columns={"year1": "year"})
    n2 = nmc.add_suffix("2").rename(columns={"year2": "year"})
    dyads = dyads.merge(n1, on=["ccode1", "year"], how="left").merge(n2, on=["ccode2", "year"], how="left")
    dyads = dyads.merge(igo, on=["ccode1", "ccode2", "year"], how="left")
    return f"{len(dyads):,} rows x {dyads.shape[1]} columns"


def fetch_all():
    from amity.data import store

    done = store.fetch_sources()
    return f"{len(done)} sources fetched and loaded"


VARIANTS = {
    "amity dyad_years(add=...)": amity_frame,
    "pandas merges": pandas_frame,
    "data fetch (empty store)": fetch_all,
}

if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        child(VARIANTS, PRELOAD)
        sys.exit()
    env = bench_env()
    run(__file__, "amity dyad_years(add=...)", env)  # warm the store (fetch + parse) before timing
    rows = [run(__file__, "pandas merges", env, repeat=3), run(__file__, "amity dyad_years(add=...)", env, repeat=3)]
    print(f"Dyad-year frame {YEARS} + ATOP + CINC + IGOs, warm store")
    report(rows, baseline="pandas merges")
    print("whole process (start-up and imports included): " + "; ".join(
        f"{r['variant']} {r['process_s']:.2f} s" for r in rows))
    with tempfile.TemporaryDirectory() as home:
        fetch = run(__file__, "data fetch (empty store)", bench_env(home))
    print(f"\namity data fetch from the mirror into an empty store: {fetch['wall_s']:.1f} s wall, "
          f"{fetch['peak_mib']:.0f} MiB peak ({fetch['info']})")
