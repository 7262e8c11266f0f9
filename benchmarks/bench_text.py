"""Extraction throughput (sentences/s on one core) and peak memory, against a baseline in the same run.

Documents: the 8 development statements, the seed op-ed and the 48 statements of the frozen evaluation
sample (tests/gold/wh-corpus/sample.tsv: a random, stratified draw from the 6,909-statement corpus, so
domestic statements without interstate content are in the mix as they are in the corpus).

Baseline: reading and sentence-splitting the same documents (the floor any extractor pays). Full
extraction adds actor, trigger, dependency-parse (spaCy, only for sentences with an actor and an event
cue) and modality passes. Each variant runs in its own subprocess so its peak RSS (``ru_maxrss``) is its
own; the dictionaries (Phoenix + CountryInfo office holders) and the spaCy pipeline load once per process
and are timed separately as start-up.

    AMITY_DATA_MIRROR=../shared/data AMITY_HOME=/tmp/amity-bench .venv/bin/python benchmarks/bench_text.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from amity.data.fetch import source_files
paths = [str(p) for k, p in source_files("whitehouse").items()]
paths.append(sys.argv[2])
mirror = Path(sys.argv[2]).parents[1]
rows = Path(sys.argv[3]).read_text(encoding="utf-8").splitlines()[1:]
paths += [str(mirror / r.split("\t")[5]) for r in rows]
variant = sys.argv[1]
t0 = time.perf_counter()
from amity.text.ingest import read_document
from amity.text.sentences import article_sentences
docs = [read_document(p)[0] for p in paths]
if variant == "extract":
    from amity.text.actors import person_roles, state_forms, _matcher
    from amity.text.events import goldstein, cameo2plover
    person_roles(); state_forms(); _matcher(); goldstein(); cameo2plover()
    from amity.text.syntax import parser
    parser()
    from amity.text.extract import events_of
startup = time.perf_counter() - t0
reps = 2
t1 = time.perf_counter()
n = events = 0
for _ in range(reps):
    for d in docs:
        n += len(article_sentences(d.text, d.body_start)[0])
        if variant == "extract":
            events += len(events_of(d))
dt = time.perf_counter() - t1
print(json.dumps({"variant": variant, "sentences": n // reps, "events": events // reps, "startup_s": startup,
                  "sent_per_s": n / dt, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


SAMPLE = Path(__file__).resolve().parents[1] / "tests" / "gold" / "wh-corpus" / "sample.tsv"


def run(variant: str, seed: Path) -> dict:
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    out = subprocess.run([sys.executable, "-c", CHILD, variant, str(seed), str(SAMPLE)], env=env, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    mirror = Path(os.environ.get("AMITY_DATA_MIRROR", Path(__file__).resolve().parents[2] / "shared" / "data"))
    seed = mirror / "articles" / "seed-us-india-strategic-convergence.txt"
    base, full = run("split", seed), run("extract", seed)
    for r in (base, full):
        print(f"{r['variant']:8s} {r['sentences']:5d} sentences  {r['sent_per_s']:9.1f} sentences/s/core  "
              f"start-up {r['startup_s']:.2f} s  peak {r['peak_mb']:.0f} MB  events {r['events']}")
    print(f"full extraction runs at {full['sent_per_s'] / base['sent_per_s']:.3f}x the split-only baseline; "
          f"target >= 50 sentences/s/core: {'met' if full['sent_per_s'] >= 50 else 'NOT met'}")


if __name__ == "__main__":
    main()
