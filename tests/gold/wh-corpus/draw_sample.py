"""Draw the frozen evaluation sample of White House statements (issue 11 §2) from the data mirror.

    python tests/gold/wh-corpus/draw_sample.py            # print the draw as TSV
    python tests/gold/wh-corpus/draw_sample.py --check    # exit 1 unless it equals sample.tsv

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
YEARS = range(2021, 2027)
PER_STRATUM = {"0": 2, "1": 3, "2+": 3}
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


def draw(root: Path) -> list[dict]:
    corpus = root / "articles" / "whitehouse-corpus"
    used = {p.name for p in (root / "articles" / "whitehouse").glob("*.md")}
    names = state_names(root)
    rx = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b")
    cells: dict[tuple[int, str], list[dict]] = {}
    for path in sorted(corpus.rglob("*.md")):
        if path.name in used:
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
    rng = random.Random(SEED)
    picked = []
    for year in YEARS:
        for stratum, k in PER_STRATUM.items():
            picked.extend(rng.sample(cells[(year, stratum)], k))
    for i, row in enumerate(picked):
        row["split"] = "dev" if i % 2 == 0 else "heldout"
    return picked


def to_tsv(rows: list[dict]) -> str:
    cols = ["split", "year", "stratum", "states", "sha256", "path"]
    return "\t".join(cols) + "\n" + "".join("\t".join(str(r[c]) for c in cols) + "\n" for r in rows)


if __name__ == "__main__":
    out = to_tsv(draw(mirror()))
    if "--check" in sys.argv:
        same = out == (HERE / "sample.tsv").read_text(encoding="utf-8")
        print("sample.tsv reproduces" if same else "sample.tsv differs from the draw")
        sys.exit(0 if same else 1)
    sys.stdout.write(out)
