"""Draw the frozen evaluation sample of White House statements (issue 11 §2) from the data mirror.

    python tests/gold/wh-corpus/draw_sample.py            # print the draw as TSV
    python tests/gold/wh-corpus/draw_sample.py --check    # exit 1 unless it equals sample.tsv
    python tests/gold/wh-corpus/draw_sample.py --dev2 [--check]   # the second development sample
    python tests/gold/wh-corpus/draw_sample.py --heldout2 [--check]   # the fresh held-out sample
    python tests/gold/wh-corpus/draw_sample.py --heldout3 [--check]   # the third held-out sample
    python tests/gold/wh-corpus/draw_sample.py --dev4 [--check]       # the fourth development sample
    python tests/gold/wh-corpus/draw_sample.py --heldout4 [--check]   # the fourth held-out sample
    python tests/gold/wh-corpus/draw_sample.py --heldout5 [--check]   # the fifth held-out sample
    python tests/gold/wh-corpus/draw_sample.py --dev5 [--check]       # the fifth, large development sample
    python tests/gold/wh-corpus/draw_sample.py --val [--check]        # a validation sample for the round's choices
    python tests/gold/wh-corpus/draw_sample.py --heldout6 [--check]   # the sixth held-out sample
    python tests/gold/wh-corpus/draw_sample.py --dev6 [--check]       # the sixth development sample
    python tests/gold/wh-corpus/draw_sample.py --heldout7 [--check]   # the seventh held-out sample
    python tests/gold/wh-corpus/draw_sample.py --dev7 [--check]       # the seventh development sample
    python tests/gold/wh-corpus/draw_sample.py --heldout8 [--check]   # the eighth held-out sample
    python tests/gold/wh-corpus/draw_sample.py --heldout9 [--check]   # the ninth held-out sample
    python tests/gold/wh-corpus/draw_sample.py --heldout10 [--check]  # the tenth held-out sample
    python tests/gold/wh-corpus/draw_sample.py --dev8 [--check]       # the eighth development sample

Population: every ``*.md`` under ``articles/whitehouse-corpus/`` of the mirror (``AMITY_DATA_MIRROR``, else
``../shared/data`` beside the repository), less the 8 statements of ``articles/whitehouse/`` already used to
develop the extractor.

Strata: year of the statement (from its path, ``…/YYYY-MM/``) × number of foreign states named in its
title and first 3,000 characters (0, 1, 2 or more; state names from NGEC ``countries.csv`` in the mirror,
the United States not counted). From each year 2021–2026, with ``random.Random(SEED)``, 2 documents are
drawn from stratum 0, 3 from stratum 1 and 3 from stratum 2+ (48 in all); the drawn list, ordered by
stratum and draw, is then assigned alternately to ``dev`` and ``heldout`` (24 each, every year and
stratum on both sides). The committed ``sample.tsv`` is this script's output; gold files refer to the
documents by mirror path and sha256, and no document text is stored in the project.

``dev2`` is a second development sample drawn later, once the held-out half had been scored several times,
to give more tuning material and an honest generalisation figure without touching the held-out half: the
same population and strata less the 48 documents of ``sample.tsv``, with its own seed ``SEED_DEV2``, 1 + 1 + 2
documents per year (24, all ``dev2``). Its output is ``sample-dev2.tsv``; its documents were annotated before
the extractor was run on them.

``heldout2`` is a fresh held-out sample, drawn once the first held-out half had been used to reject a tuning
round: the same population and strata less the 48 documents of ``sample.tsv`` and the 24 of
``sample-dev2.tsv``, with its own seed ``SEED_HELDOUT2``, 1 + 1 + 2 documents per year (24, all ``heldout2``).
Its output is ``sample-heldout2.tsv``; its documents were annotated by hand before any extractor saw them,
and it is to be scored once, at the end of the next tuning round.

``heldout3`` (seed ``SEED_HELDOUT3``, 1 + 1 + 2 per year, 24) and ``dev4`` (seed ``SEED_DEV4``, 1 document from
stratum 1 and 1 from stratum 2+ per year, 12: development material where statements name foreign states)
were drawn together once ``heldout2`` had been scored: ``heldout3`` from the population less ``sample.tsv``,
``sample-dev2.tsv`` and ``sample-heldout2.tsv``; ``dev4`` less those and ``sample-heldout3.tsv``. Both were
annotated by hand before any extractor saw them.

``heldout4`` (seed ``SEED_HELDOUT4``, 1 + 1 + 2 per year, 24) was drawn once ``heldout2`` and ``heldout3`` had
each been scored more than once, from the population less all five earlier samples, and annotated by hand
before any extractor saw it.

``heldout5`` (seed ``SEED_HELDOUT5``, 1 + 1 + 2 per year, 24) was drawn at the start of the round after
``heldout4`` had been scored, from the population less all six earlier samples, so that the round is judged on
statements no earlier look has touched; annotated by hand before any extractor saw it.

``dev5`` (seed ``SEED_DEV5``, per year 2 documents from stratum 0, 6 from stratum 1 and 8 from stratum 2+, or
all the cell has — 2026 has 4 left: 92 in all, weighted towards statements that name foreign states, where the
events are) is a large development sample drawn after ``heldout5``, from the population less all seven
earlier samples: more tuning material than the four earlier development samples together (84), scored once
before any rule looked at it.

``val`` (seed ``SEED_VAL``, per year 1 + 3 + 4, or all the cell has: 44) is a validation sample drawn during the
round tuned on ``dev5``, from the population less all eight earlier samples: scored as totals only, to decide
whether a change made on ``dev5`` carries over, so that the held-out samples are looked at only at the end.

``heldout6`` (seed ``SEED_HELDOUT6``, 1 + 1 + 2 per year, or all the cell has: 22) and ``dev6`` (seed ``SEED_DEV6``,
1 + 3 + 4 per year, or all the cell has: 44) were drawn together at the start of the round after ``val`` and
the four held-out samples had been scored: ``heldout6`` from the population less all nine earlier samples,
``dev6`` less those and ``heldout6``. Both were annotated by hand before any extractor saw them.

``heldout7`` (seed ``SEED_HELDOUT7``, 1 + 1 + 2 per year, or all the cell has) and ``dev7`` (seed ``SEED_DEV7``,
1 + 3 + 4 per year, or all the cell has) were drawn together at the start of the round after ``heldout6`` had
been scored, in the same way.

``heldout8`` (seed ``SEED_HELDOUT8``, 1 + 1 + 2 per year, or all the cell has) was drawn at the start of the
round after ``heldout7`` had been scored, from the population less all fourteen earlier samples, and
annotated by hand before any extractor saw it.

``heldout9`` (seed ``SEED_HELDOUT9``, 1 + 1 + 2 per year, or all the cell has) was drawn at the start of the
round after ``heldout8`` had been scored, from the population less all fifteen earlier samples, and
annotated by hand before any extractor saw it.

``heldout10`` (seed ``SEED_HELDOUT10``, 1 + 1 + 2 per year, or all the cell has) and ``dev8`` (seed
``SEED_DEV8``, 1 + 3 + 4 per year, or all the cell has) were drawn together at the start of the round after
``heldout9`` had been scored, ``heldout10`` from the population less all sixteen earlier samples and ``dev8``
less those and ``heldout10``. Both were annotated by hand before any extractor saw them.

``heldout11`` (seed ``SEED_HELDOUT11``, 1 + 1 + 2 per year, or all the cell has) and ``dev9`` (seed
``SEED_DEV9``, 1 + 3 + 4 per year, or all the cell has) were drawn together at the start of the round after
``heldout10`` had been scored, ``heldout11`` from the population less all eighteen earlier samples and
``dev9`` less those and ``heldout11``. Both were annotated by hand before any extractor saw them.

``heldout12`` (seed ``SEED_HELDOUT12``, 1 + 1 + 2 per year, or all the cell has) and ``dev10`` (seed
``SEED_DEV10``, 1 + 3 + 4 per year, or all the cell has) were drawn together at the start of the eleventh
round, ``heldout12`` from the population less all twenty earlier samples and ``dev10`` less those and
``heldout12``. Both were annotated by hand before any extractor saw them.

The later samples are listed in :data:`LATER_SAMPLES` in the order drawn; :func:`draw_later` draws each from
the population less ``sample.tsv`` and every sample listed above it.
"""

from __future__ import annotations

import csv
import hashlib
import os
import random
import re
import sys
from pathlib import Path

SEED = 20261201
SEED_DEV2 = 20261202
SEED_HELDOUT2 = 20261203
SEED_HELDOUT3 = 20261204
SEED_DEV4 = 20261205
SEED_HELDOUT4 = 20261206
SEED_HELDOUT5 = 20261207
SEED_DEV5 = 20261208
SEED_VAL = 20261209
SEED_HELDOUT6 = 20261210
SEED_DEV6 = 20261211
SEED_HELDOUT7 = 20261212
SEED_DEV7 = 20261213
SEED_HELDOUT8 = 20261214
SEED_HELDOUT9 = 20261215
SEED_HELDOUT10 = 20261216
SEED_DEV8 = 20261217
SEED_HELDOUT11 = 20261218
SEED_DEV9 = 20261219
SEED_HELDOUT12 = 20261220
SEED_DEV10 = 20261221
YEARS = range(2021, 2027)
PER_STRATUM = {"0": 2, "1": 3, "2+": 3}
PER_STRATUM_SMALL = {"0": 1, "1": 1, "2+": 2}
PER_STRATUM_DEV4 = {"1": 1, "2+": 1}
PER_STRATUM_DEV5 = {"0": 2, "1": 6, "2+": 8}
PER_STRATUM_VAL = {"0": 1, "1": 3, "2+": 4}
HERE = Path(__file__).resolve().parent


def mirror() -> Path:
    return Path(os.environ.get("AMITY_DATA_MIRROR") or HERE.parents[3] / "shared" / "data")


def state_names(root: Path) -> dict[str, str]:
    """State name -> ISO3 from NGEC countries.csv (names only, not nationality words)."""
    out = {}
    with open(root / "events" / "countries.csv", encoding="utf-8", errors="replace") as fh:
        for row in csv.DictReader(fh):
            for name in re.split(r"\s*[\[\]]\s*", row["Name"]):
                if len(name.strip()) > 3:
                    out[name.strip()] = row["CCA3"]
    return out


def foreign_states(text: str, names: dict[str, str], rx: re.Pattern) -> list[str]:
    return sorted({names[m.group()] for m in rx.finditer(text)} - {"USA"})


def strata(root: Path, exclude: set[str] = frozenset()) -> dict[tuple[int, str], list[dict]]:
    """The population by (year, stratum), less the development files and the paths in ``exclude``."""
    corpus = root / "articles" / "whitehouse-corpus"
    used = {p.name for p in (root / "articles" / "whitehouse").glob("*.md")}
    names = state_names(root)
    rx = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b")
    cells: dict[tuple[int, str], list[dict]] = {}
    for path in sorted(corpus.rglob("*.md")):
        if path.name in used or str(path.relative_to(root)) in exclude:
            continue
        year = int(path.parent.name[:4])
        text = path.read_text(encoding="utf-8", errors="replace")
        head = text.split("\n---", 1)[-1][:3000] if text.startswith("---") else text[:3000]
        title = re.search(r"^title:\s*(.*)$", text, re.M)
        states = foreign_states((title.group(1) if title else "") + "\n" + head, names, rx)
        stratum = "0" if not states else "1" if len(states) == 1 else "2+"
        cells.setdefault((year, stratum), []).append({
            "path": str(path.relative_to(root)), "year": year, "stratum": stratum, "states": ";".join(states),
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest()})
    return cells


def _pick(cells: dict[tuple[int, str], list[dict]], seed: int, per_stratum: dict[str, int]) -> list[dict]:
    rng = random.Random(seed)
    picked = []
    for year in YEARS:
        for stratum, k in per_stratum.items():
            # a cell smaller than asked for (2026 has few statements naming two foreign states) gives all it has
            cell = cells.get((year, stratum), [])
            picked.extend(rng.sample(cell, min(k, len(cell))))
    return picked


def draw(root: Path) -> list[dict]:
    """The frozen 48-document sample, split alternately into dev and heldout."""
    picked = _pick(strata(root), SEED, PER_STRATUM)
    for i, row in enumerate(picked):
        row["split"] = "dev" if i % 2 == 0 else "heldout"
    return picked


# Every later sample in the order it was drawn: (split, seed, documents per stratum). Each is drawn from the
# population less ``sample.tsv`` and every sample above it, so the samples are disjoint by construction.
LATER_SAMPLES: list[tuple[str, int, dict[str, int]]] = [
    ("dev2", SEED_DEV2, PER_STRATUM_SMALL),
    ("heldout2", SEED_HELDOUT2, PER_STRATUM_SMALL),
    ("heldout3", SEED_HELDOUT3, PER_STRATUM_SMALL),
    ("dev4", SEED_DEV4, PER_STRATUM_DEV4),
    ("heldout4", SEED_HELDOUT4, PER_STRATUM_SMALL),
    ("heldout5", SEED_HELDOUT5, PER_STRATUM_SMALL),
    ("dev5", SEED_DEV5, PER_STRATUM_DEV5),
    ("val", SEED_VAL, PER_STRATUM_VAL),
    ("heldout6", SEED_HELDOUT6, PER_STRATUM_SMALL),
    ("dev6", SEED_DEV6, PER_STRATUM_VAL),
    ("heldout7", SEED_HELDOUT7, PER_STRATUM_SMALL),
    ("dev7", SEED_DEV7, PER_STRATUM_VAL),
    ("heldout8", SEED_HELDOUT8, PER_STRATUM_SMALL),
    ("heldout9", SEED_HELDOUT9, PER_STRATUM_SMALL),
    ("heldout10", SEED_HELDOUT10, PER_STRATUM_SMALL),
    ("dev8", SEED_DEV8, PER_STRATUM_VAL),
    ("heldout11", SEED_HELDOUT11, PER_STRATUM_SMALL),
    ("dev9", SEED_DEV9, PER_STRATUM_VAL),
    ("heldout12", SEED_HELDOUT12, PER_STRATUM_SMALL),
    ("dev10", SEED_DEV10, PER_STRATUM_VAL),
]


def _paths(*names: str) -> set[str]:
    out = set()
    for name in names:
        with open(HERE / name, encoding="utf-8") as fh:
            out |= {row["path"] for row in csv.DictReader(fh, delimiter="\t")}
    return out


def draw_later(root: Path, split: str) -> list[dict]:
    """The later sample ``split`` of :data:`LATER_SAMPLES`, none of the documents of the samples drawn before it."""
    order = [name for name, _, _ in LATER_SAMPLES]
    _, seed, per_stratum = LATER_SAMPLES[order.index(split)]
    earlier = _paths("sample.tsv", *(f"sample-{name}.tsv" for name in order[:order.index(split)]))
    picked = _pick(strata(root, earlier), seed, per_stratum)
    for row in picked:
        row["split"] = split
    return picked


def to_tsv(rows: list[dict]) -> str:
    cols = ["split", "year", "stratum", "states", "sha256", "path"]
    return "\t".join(cols) + "\n" + "".join("\t".join(str(r[c]) for c in cols) + "\n" for r in rows)


if __name__ == "__main__":
    which = next((name for name, _, _ in LATER_SAMPLES if f"--{name}" in sys.argv), "")
    out = to_tsv(draw_later(mirror(), which) if which else draw(mirror()))
    name = f"sample-{which}.tsv" if which else "sample.tsv"
    if "--check" in sys.argv:
        same = out == (HERE / name).read_text(encoding="utf-8")
        print(f"{name} reproduces" if same else f"{name} differs from the draw")
        sys.exit(0 if same else 1)
    sys.stdout.write(out)
