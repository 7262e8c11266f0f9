"""Classify sentences by CAMEO quad class and PLOVER event type.

``classify(sentences)`` returns one row per sentence, in input order:

* ``quad`` — 0 a statement or appeal with no cooperative or conflictual act, 1 verbal cooperation,
  2 material cooperation, 3 verbal conflict, 4 material conflict (the ConfliBERT labels, Hu et al. 2022,
  which follow CAMEO's root codes, Gerner et al. 2002);
* ``event`` — one of PLOVER's 16 types consistent with the quad (Halterman et al. 2023), or None for a
  quad-0 statement; quad 0 carries ``REQUEST`` when the sentence is an appeal;
* ``confidence`` — the calibrated probability of the predicted quad.

Blank lines and lines without a single letter get ``quad``, ``event`` and ``confidence`` null: there is no
statement to classify, and 0 would claim there is one.

The model (see :mod:`amity.text.model`) is a linear SVM over word and character n-grams and a hand-written
event-verb lexicon, trained at first use from the shared labelled sentences and cached in the store.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from amity.text.model import QUAD_EVENTS, SentenceModel, get_model

COLUMNS = ["text", "event", "quad", "confidence"]
QUAD_LABELS = {
    0: "statement or appeal",
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}
_HAS_LETTER = re.compile(r"[^\W\d_]")


def classifiable(text: str) -> bool:
    """A line is classified only if it has at least one letter (in any script)."""
    return bool(_HAS_LETTER.search(text or ""))


def pick_events(quads: np.ndarray, scores: pd.DataFrame) -> list[str | None]:
    """The best-scoring PLOVER type among those :data:`QUAD_EVENTS` allows for each predicted quad.

    Quad 0 gets ``REQUEST`` only when REQUEST is the event model's overall best type (an appeal);
    otherwise None (a plain statement).
    """
    cols = list(scores.columns)
    values = scores.to_numpy()
    out: list[str | None] = []
    for quad, row in zip(quads, values):
        if quad == 0:
            out.append("REQUEST" if cols[int(np.argmax(row))] == "REQUEST" else None)
            continue
        allowed = [i for i, c in enumerate(cols) if c in QUAD_EVENTS[int(quad)]]
        out.append(cols[max(allowed, key=lambda i: row[i])] if allowed else None)
    return out


def classify(sentences: list[str], model: SentenceModel | None = None) -> pd.DataFrame:
    """Classify each sentence: columns text, event, quad (nullable Int64), confidence (float).

    One row per input, in input order, never dropped or merged. ``model`` defaults to the cached model
    (trained on first use from the data layer's files, a few seconds).

    >>> classify(["Rebels shelled the capital, killing 20 people."])  # doctest: +SKIP
    """
    if isinstance(sentences, str):
        raise TypeError("classify() takes a list of sentences; wrap a single sentence in a list")
    texts = ["" if s is None else str(s) for s in sentences]
    keep = [i for i, t in enumerate(texts) if classifiable(t)]
    quad = pd.array([pd.NA] * len(texts), dtype="Int64")
    event: list[str | None] = [None] * len(texts)
    confidence = np.full(len(texts), np.nan)
    if keep:
        model = model or get_model()
        batch = [texts[i].strip() for i in keep]
        proba = model.quad_proba(batch)
        best = proba.argmax(axis=1)
        events = pick_events(best, model.event_scores(batch))
        for j, i in enumerate(keep):
            quad[i] = int(best[j])
            event[i] = events[j]
            confidence[i] = float(proba[j, best[j]])
    return pd.DataFrame({"text": texts, "event": pd.Series(event, dtype=object), "quad": quad,
                         "confidence": confidence.round(4)})[COLUMNS]
