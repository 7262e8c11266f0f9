"""Corpus ingest (``amity extract DIR --store``) against reading + sentence splitting, in the same run.

Documents: the White House corpus in the mirror (``articles/whitehouse-corpus``, 6,909 statements), or an
evenly spread sample of it (every k-th file in path order, so every year is in it). Variants, each in its
own subprocess on one core (BLAS threads pinned to 1) so its peak RSS is its own:

* ``read+split`` (baseline) — read every document and split it into sentences (the floor any extractor pays);
* ``ingest`` — :func:`amity.text.corpus.ingest` into a fresh store: read, extract, write in per-batch
  transactions, including loading the actor dictionaries (start-up);
* ``rerun`` — the same ingest again on that store: nothing changed, so nothing is read (idempotence cost).

Prints documents/s and sentences/s per core for each variant, their ratio to the baseline, and peak RSS.

    AMITY_DATA_MIRROR=../shared/data .venv/bin/python benchmarks/bench_corpus.py            # 300 documents
    AMITY_DATA_MIRROR=../shared/data .venv/bin/python benchmarks/bench_corpus.py --sample 0  # all of them
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import bench_env, child, run  # noqa: E402

DEFAULT_SAMPLE = 300
ONE_CORE = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def _documents() -> list[str]:
    from amity.text.ingest import expand_inputs

    corpus = Path(os.environ["AMITY_DATA_MIRROR"]) / "articles" / "whitehouse-corpus"
    files = expand_inputs([corpus])
    sample = int(os.environ.get("AMITY_BENCH_SAMPLE", DEFAULT_SAMPLE))
    return files if sample <= 0 or sample >= len(files) else files[:: len(files) // sample][:sample]


def read_split() -> dict:
    from amity.text.ingest import DocumentError, read_document
    from amity.text.sentences import article_sentences

    docs = sentences = skipped = 0
    for path in _documents():
        try:
            for d in read_document(path):
                sentences += len(article_sentences(d.text, d.body_start)[0])
                docs += 1
        except DocumentError:
            skipped += 1
    return {"documents": docs, "sentences": sentences, "skipped": skipped}


def ingest() -> dict:
    from amity.text.corpus import ingest as run_ingest

    r = run_ingest(_documents())
    return {"documents": r.documents, "events": r.events, "skipped": r.skipped, "unchanged": r.unchanged}


VARIANTS = {"read+split": read_split, "ingest": ingest, "rerun": ingest}


def main() -> None:
    sample = DEFAULT_SAMPLE
    if "--sample" in sys.argv:
        sample = int(sys.argv[sys.argv.index("--sample") + 1])
    home = tempfile.mkdtemp(prefix="amity-bench-corpus-")
    try:
        env = {**bench_env(home), **ONE_CORE, "AMITY_BENCH_SAMPLE": str(sample)}
        rows = [run(__file__, name, env=env) for name in VARIANTS]
    finally:
        shutil.rmtree(home, ignore_errors=True)
    base = rows[0]
    sentences = base["info"]["sentences"]
    print(f"{base['info']['documents']:,} documents, {sentences:,} sentences "
          f"({base['info']['skipped']} refused as bad input); one core per variant")
    print(f"{'variant':<12}{'wall s':>9}{'docs/s':>9}{'sent/s':>10}{'vs base':>9}{'peak MiB':>10}  info")
    for r in rows:
        docs_s = base["info"]["documents"] / r["wall_s"]
        print(f"{r['variant']:<12}{r['wall_s']:>9.1f}{docs_s:>9.1f}{sentences / r['wall_s']:>10.0f}"
              f"{base['wall_s'] / r['wall_s']:>8.3f}x{r['peak_mib']:>10.0f}  {r['info']}")
    peak = max(r["peak_mib"] for r in rows)
    print(f"peak RSS {peak:.0f} MiB; target < 1536 MiB: {'met' if peak < 1536 else 'NOT met'}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(VARIANTS)
    else:
        main()
