"""Benchmark the sentence classifier against the issue's TF-IDF + logistic-regression baseline.

Run: ``AMITY_DATA_MIRROR=../shared/data AMITY_HOME=/tmp/amity-bench .venv/bin/python benchmarks/bench_classify.py``

Prints, for both models in the same run:

* quality — :func:`amity.text.classify_eval.evaluate`: five-class macro-F1 and accuracy on the dev
  splits and the held-out ConfliBERT quarter, every test sentence that occurs (verbatim or nearly) in
  training removed, amity's model and the baseline trained on the same data;
* speed — training seconds, classify throughput (sentences/s on one core: BLAS threads pinned to 1) and
  peak memory (ru_maxrss), each variant in its own subprocess;
* start-up — wall time of a fresh process that imports amity and classifies one sentence with the model
  already cached in the store.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time

ONE_CORE = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
VARIANTS = ("baseline", "amity")


def _worker(variant: str) -> None:
    """Train one variant, classify every training sentence three times, report timings as JSON."""
    from amity.text import model as M

    sets = M.load_training_sets()
    texts = M.combine([sets[k] for k in ("conflibert", *M.AUXILIARY_SETS)])["text"].tolist()
    start = time.perf_counter()
    if variant == "baseline":
        cb = sets["conflibert"]
        fitted = M.baseline_pipeline().fit(cb["text"].tolist(), cb["quad"].astype(int).to_numpy())
        train_s = time.perf_counter() - start

        def run(batch):
            return fitted.predict_proba(batch)
    else:
        from amity.text.classify import classify

        fitted = M.fit_model(sets)
        train_s = time.perf_counter() - start

        def run(batch):
            return classify(batch, model=fitted)
    run(texts[:10])  # warm-up
    start = time.perf_counter()
    reps = 3
    for _ in range(reps):
        run(texts)
    per_s = reps * len(texts) / (time.perf_counter() - start)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"variant": variant, "train_s": train_s, "sentences": len(texts), "per_s": per_s,
                      "peak_mb": peak_mb}))


def _run_worker(variant: str) -> dict:
    env = {**os.environ, **ONE_CORE}
    out = subprocess.run([sys.executable, __file__, "--worker", variant], env=env, capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _startup_seconds() -> float:
    """A fresh process: import amity, load the cached model from the store, classify one sentence."""
    from amity.data.store import get_store
    from amity.text.model import get_model

    get_model()  # make sure the model is cached
    get_store().close()  # DuckDB allows one process on the file at a time
    code = "from amity.text.classify import classify; classify(['Troops shelled the border town.'])"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ, **ONE_CORE})
    return time.perf_counter() - start


def main() -> None:
    from amity.text import model as M
    from amity.text.classify_eval import evaluate

    print("five-class macro-F1 on decontaminated test sentences (amity.text.classify_eval); the baseline "
          "(TF-IDF + logistic regression) is trained on the same data and scored on the same sentences")
    print(evaluate(M.load_training_sets()).to_string(index=False))
    print("\nspeed, one core per variant, each in its own process")
    runs = {v: _run_worker(v) for v in VARIANTS}
    print(f"{'variant':10s} {'train s':>8s} {'sent/s':>9s} {'peak MB':>8s}")
    for v, r in runs.items():
        print(f"{v:10s} {r['train_s']:8.2f} {r['per_s']:9.0f} {r['peak_mb']:8.0f}")
    ratio = runs["amity"]["per_s"] / runs["baseline"]["per_s"]
    print(f"amity / baseline throughput: {ratio:.3f}x on {runs['amity']['sentences']} sentences x 3")
    print(f"start-up (fresh process, cached model, one sentence): {_startup_seconds():.2f} s")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--worker":
        _worker(sys.argv[2])
    else:
        main()
