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


def _paths(*names: str) -> set[str]:
    out = set()
    for name in names:
        with open(HERE / name, encoding="utf-8") as fh:
            out |= {row["path"] for row in csv.DictReader(fh, delimiter="\t")}
    return out


def _draw_small(root: Path, seed: int, split: str, exclude: set[str],
                per_stratum: dict[str, int] = PER_STRATUM_SMALL) -> list[dict]:
    picked = _pick(strata(root, exclude), seed, per_stratum)
    for row in picked:
        row["split"] = split
    return picked


def draw_dev2(root: Path) -> list[dict]:
    """The second development sample: 24 further documents, none of ``sample.tsv``'s."""
    return _draw_small(root, SEED_DEV2, "dev2", _paths("sample.tsv"))


def draw_heldout2(root: Path) -> list[dict]:
    """The fresh held-out sample: 24 further documents, none of ``sample.tsv``'s or ``sample-dev2.tsv``'s."""
    return _draw_small(root, SEED_HELDOUT2, "heldout2", _paths("sample.tsv", "sample-dev2.tsv"))


def draw_heldout3(root: Path) -> list[dict]:
    """The third held-out sample: 24 further documents, none of the three earlier samples'."""
    return _draw_small(root, SEED_HELDOUT3, "heldout3", _paths("sample.tsv", "sample-dev2.tsv", "sample-heldout2.tsv"))


def draw_dev4(root: Path) -> list[dict]:
    """The fourth development sample: 12 further documents naming foreign states, none of the four earlier
    samples'."""
    return _draw_small(root, SEED_DEV4, "dev4", _paths("sample.tsv", "sample-dev2.tsv", "sample-heldout2.tsv",
                                                       "sample-heldout3.tsv"), PER_STRATUM_DEV4)


def draw_heldout4(root: Path) -> list[dict]:
    """The fourth held-out sample: 24 further documents, none of the five earlier samples'."""
    return _draw_small(root, SEED_HELDOUT4, "heldout4", _paths("sample.tsv", "sample-dev2.tsv", "sample-heldout2.tsv",
                                                               "sample-heldout3.tsv", "sample-dev4.tsv"))


def draw_heldout5(root: Path) -> list[dict]:
    """The fifth held-out sample: 24 further documents, none of the six earlier samples'."""
    return _draw_small(root, SEED_HELDOUT5, "heldout5", _paths("sample.tsv", "sample-dev2.tsv", "sample-heldout2.tsv",
                                                               "sample-heldout3.tsv", "sample-dev4.tsv",
                                                               "sample-heldout4.tsv"))


def draw_dev5(root: Path) -> list[dict]:
    """The fifth, large development sample: 92 further documents, none of the seven earlier samples'."""
    return _draw_small(root, SEED_DEV5, "dev5", _paths("sample.tsv", "sample-dev2.tsv", "sample-heldout2.tsv",
                                                       "sample-heldout3.tsv", "sample-dev4.tsv", "sample-heldout4.tsv",
                                                       "sample-heldout5.tsv"), PER_STRATUM_DEV5)


def draw_val(root: Path) -> list[dict]:
    """The validation sample: 44 further documents (2026 has no statement naming two foreign states left),
    none of the eight earlier samples'."""
    return _draw_small(root, SEED_VAL, "val", _paths("sample.tsv", "sample-dev2.tsv", "sample-heldout2.tsv",
                                                     "sample-heldout3.tsv", "sample-dev4.tsv", "sample-heldout4.tsv",
                                                     "sample-heldout5.tsv", "sample-dev5.tsv"), PER_STRATUM_VAL)


def to_tsv(rows: list[dict]) -> str:
    cols = ["split", "year", "stratum", "states", "sha256", "path"]
    return "\t".join(cols) + "\n" + "".join("\t".join(str(r[c]) for c in cols) + "\n" for r in rows)


if __name__ == "__main__":
    draws = {"heldout2": draw_heldout2, "dev2": draw_dev2, "heldout3": draw_heldout3, "dev4": draw_dev4,
             "heldout4": draw_heldout4, "heldout5": draw_heldout5,
             "dev5": draw_dev5, "val": draw_val}
    which = next((w for w in draws if f"--{w}" in sys.argv), "")
    out = to_tsv({**draws, "": draw}[which](mirror()))
    name = f"sample-{which}.tsv" if which else "sample.tsv"
    if "--check" in sys.argv:
        same = out == (HERE / name).read_text(encoding="utf-8")
        print(f"{name} reproduces" if same else f"{name} differs from the draw")
        sys.exit(0 if same else 1)
    sys.stdout.write(out)
