"""Honest evaluation of the sentence classifier: decontaminated test splits, dev beside held-out.

**Decontamination.** A test sentence is dropped when it occurs, verbatim or nearly, in any sentence the
model was trained on in that split (CAMEO code-book examples, PLOVER gold, NGEC headlines, ConfliBERT
training sentences). Texts are compared after :func:`~amity.text.model.normalise` (Unicode NFKC,
case-folded, every run of characters that are not letters or digits replaced by one space). A test
sentence ``t`` is contaminated by a training sentence ``s`` when

* ``normalise(t)`` equals ``normalise(s)`` or is a substring of it (verbatim), or
* the Jaccard similarity of their character 5-gram sets (of the normalised text with spaces removed) is
  at least ``0.9``: ``|G(t) ∩ G(s)| / |G(t) ∪ G(s)| >= 0.9`` (nearly: a changed word or two in a long
  sentence, different punctuation or spacing).

**Splits** (:func:`evaluation_splits`). A fixed, class-stratified quarter of ConfliBERT (seed
:data:`HELDOUT_SEED`) is the *held-out* split; it is never used for tuning. Everything else is *dev*:

* ``dev: ConfliBERT 5-fold CV`` — 5-fold stratified CV over the other three quarters, the auxiliary sets
  (CAMEO, PLOVER, NGEC) joining every training fold;
* ``dev: CAMEO``, ``dev: PLOVER``, ``dev: NGEC`` — trained on the dev quarters of ConfliBERT plus the other
  two auxiliary sets, tested on the third (out of domain);
* ``held-out: ConfliBERT`` — trained on the dev quarters plus all auxiliary sets, tested on the held-out
  quarter.

The baseline (TF-IDF + logistic regression, :func:`amity.text.model.baseline_pipeline`) is trained on the
same data and scored on the same decontaminated sentences in every split. Scores are five-class macro-F1
over quads 0–4 (the unweighted mean of the per-class F1) and accuracy.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold, train_test_split

from amity.text.model import AUXILIARY_SETS, DEFAULT_SEED, baseline_pipeline, combine, normalise, quad_pipeline

HELDOUT_SEED = 20261201  # fixed when the held-out quarter was drawn; changing it re-draws the split
HELDOUT_SHARE = 0.25
NEAR_DUPLICATE_JACCARD = 0.9
GRAM = 5


def contaminated(test: list[str], train: list[str], threshold: float = NEAR_DUPLICATE_JACCARD) -> np.ndarray:
    """Boolean mask over ``test``: True where the sentence occurs verbatim or nearly in ``train`` (see
    module docstring). Character 5-gram Jaccard via one sparse product: ``|A ∩ B| = X_test · X_trainᵀ``."""
    t_norm = [normalise(t) for t in test]
    s_norm = [normalise(s) for s in train]
    verbatim = np.array([any(t and t in s for s in s_norm) for t in t_norm], dtype=bool)
    squash = [t.replace(" ", "") for t in t_norm], [s.replace(" ", "") for s in s_norm]
    grams = CountVectorizer(analyzer="char", ngram_range=(GRAM, GRAM), binary=True, lowercase=False)
    grams.fit(squash[0] + squash[1])
    a, b = grams.transform(squash[0]), grams.transform(squash[1])
    inter = (a @ b.T).toarray().astype(np.float64)
    union = np.asarray(a.sum(axis=1)) + np.asarray(b.sum(axis=1)).T - inter
    with np.errstate(divide="ignore", invalid="ignore"):
        jaccard = np.where(union > 0, inter / union, 0.0)
    near = (jaccard >= threshold).any(axis=1) if len(train) else np.zeros(len(test), dtype=bool)
    return verbatim | near


def heldout_split(conflibert: pd.DataFrame, seed: int = HELDOUT_SEED) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(dev, held_out): a fixed quarter of ConfliBERT, stratified by quad, set aside before any tuning.
    Repeated sentences are dropped first, so no sentence is on both sides."""
    conflibert = combine([conflibert])
    dev, held = train_test_split(conflibert, test_size=HELDOUT_SHARE, random_state=seed,
                                 stratify=conflibert["quad"].astype(int))
    return dev.reset_index(drop=True), held.reset_index(drop=True)


def _score(make: Callable, train: pd.DataFrame, test: pd.DataFrame) -> np.ndarray:
    fitted = make().fit(train["text"].tolist(), train["quad"].astype(int).to_numpy())
    return fitted.predict(test["text"].tolist()).astype(int)


def _clean(test: pd.DataFrame, train: pd.DataFrame) -> pd.DataFrame:
    return test.loc[~contaminated(test["text"].tolist(), train["text"].tolist())]


def evaluation_splits(sets: dict[str, pd.DataFrame], heldout: bool = True, folds: int = 5,
                      seed: int = DEFAULT_SEED):
    """Yield ``(split name, [(train, decontaminated test, n removed), …])`` for every split in the module
    docstring; the held-out split only when ``heldout`` (leave it out while tuning)."""
    dev_cb, held_cb = heldout_split(sets["conflibert"])
    aux = {k: sets[k] for k in AUXILIARY_SETS}
    parts = []
    y = dev_cb["quad"].astype(int).to_numpy()
    for tr, te in StratifiedKFold(folds, shuffle=True, random_state=seed).split(dev_cb["text"], y):
        train = combine([dev_cb.iloc[tr], *aux.values()])
        test = dev_cb.iloc[te]
        clean = _clean(test, train)
        parts.append((train, clean, len(test) - len(clean)))
    yield "dev: ConfliBERT 5-fold CV", parts
    for name in AUXILIARY_SETS:
        train = combine([dev_cb, *(v for k, v in aux.items() if k != name)])
        clean = _clean(aux[name], train)
        yield f"dev: {name.upper() if name != 'plover' else 'PLOVER'}", [(train, clean, len(aux[name]) - len(clean))]
    if heldout:
        train = combine([dev_cb, *aux.values()])
        clean = _clean(held_cb, train)
        yield "held-out: ConfliBERT", [(train, clean, len(held_cb) - len(clean))]


def evaluate(sets: dict[str, pd.DataFrame], models: dict[str, Callable] | None = None, heldout: bool = True,
             folds: int = 5) -> pd.DataFrame:
    """One row per split: sentences tested and removed, then macro-F1 and accuracy of each model.

    ``models`` maps a name to a function returning an unfitted pipeline; the default is amity's model
    (``amity``) and the TF-IDF + logistic-regression baseline (``baseline``), both trained on the same data.
    """
    models = models or {"amity": quad_pipeline, "baseline": baseline_pipeline}
    rows = []
    for split, parts in evaluation_splits(sets, heldout=heldout, folds=folds):
        truth = np.concatenate([t["quad"].astype(int).to_numpy() for _, t, _ in parts])
        row: dict[str, object] = {"split": split, "sentences": len(truth), "removed": sum(r for *_, r in parts)}
        for name, make in models.items():
            pred = np.concatenate([_score(make, tr, te) for tr, te, _ in parts])
            row[f"{name}_macro_f1"] = round(float(f1_score(truth, pred, average="macro", labels=range(5))), 3)
            row[f"{name}_accuracy"] = round(float(accuracy_score(truth, pred)), 3)
        rows.append(row)
    return pd.DataFrame(rows)
