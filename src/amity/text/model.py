"""Training data, features, fitting and caching for the sentence classifier (:mod:`amity.text.classify`).

Nothing here is shipped pre-trained. The model is fitted at run time, reproducibly (fixed seed, a few
seconds on one core), from labelled files fetched through amity's data layer (pinned URL + sha256, or the
mirror):

* ``conflibert`` — 1,349 news sentences labelled with quad classes 0–4 (Hu et al. 2022);
* ``cameo`` — the CAMEO code book's example sentences, labelled by their CAMEO code (Gerner et al. 2002);
* ``plover`` — 322 CAMEO-manual sentences with PLOVER event labels (older names) and the CAMEO→PLOVER map;
* ``ngec`` — 375 templated headlines with PLOVER labels (Halterman et al. 2023).

The fitted model is pickled into the store (table ``_amity_classify_models``), keyed by the sha256 of every
training file, the lexicon, this module's ``MODEL_VERSION`` and the scikit-learn version, so a second call
(or a second process) loads it in milliseconds instead of retraining. Because the model is derived from
GPL-licensed ConfliBERT data, it lives only in the user's own store and is never distributed.

Quad classes follow the ConfliBERT labels, which follow CAMEO's root codes: 0 = statements and appeals
(CAMEO 01–02) with no cooperative or conflictual act, 1 = verbal cooperation (03–05), 2 = material
cooperation (06–08), 3 = verbal conflict (09–13), 4 = material conflict (14–20) — GDELT's QuadClass
(Leetaru and Schrodt 2013) with statements and appeals split off as 0.
"""

from __future__ import annotations

import hashlib
import io
import json
import pickle
import re
import time
import unicodedata
import warnings
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

from amity.errors import DataUnavailableError, StoreBusyError

# Bump whenever features, labels or the learner change: it is part of the cache key.
MODEL_VERSION = "classify-3"
DEFAULT_SEED = 0
MODEL_TABLE = "_amity_classify_models"

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

# PLOVER type -> quad, from the CAMEO root codes the CAMEO2PLOVER-2021 map sends to each type (03-05 -> 1,
# 06-08 -> 2, 09-13 -> 3, 14-20 -> 4), checked against the ConfliBERT labels. CONCEDE and RETREAT come
# from CAMEO 08 "yield" (material cooperation; ConfliBERT labels "conceded to the demands" 2); PROTEST
# from CAMEO 14 (material conflict; ConfliBERT labels most protest sentences 4). SANCTION (CAMEO 16
# "reduce relations") is material conflict in CAMEO, but ConfliBERT labels all 13 of its "imposed ...
# sanctions" sentences 3, and a model trained on ConfliBERT alone puts PLOVER's SANCTION sentences in 3,
# so amity follows the labels it is scored against. REQUEST merges CAMEO 02 appeals
# (ConfliBERT: 0) and CAMEO 10 demands (ConfliBERT: 3); its default here is 0, and PLOVER's gold DEMAND
# sentences are 3.
PLOVER_QUAD = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1,
    "CONCEDE": 2, "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 0,
    "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "SANCTION": 3,
    "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}

# The training sets used besides ConfliBERT (each also serves as an out-of-domain test set).
AUXILIARY_SETS = ("cameo", "plover", "ngec")
_NON_ALNUM = re.compile(r"[\W_]+")

# Which event types a sentence of each quad may carry (REQUEST: appeals are 0, demands 3).
QUAD_EVENTS = {
    0: ("REQUEST",),
    1: ("AGREE", "CONSULT", "SUPPORT"),
    2: ("CONCEDE", "COOPERATE", "AID", "RETREAT"),
    3: ("ACCUSE", "REJECT", "THREATEN", "SANCTION", "REQUEST"),
    4: ("PROTEST", "MOBILIZE", "COERCE", "ASSAULT"),
}

# The PLOVER gold file uses the 2016 draft names; these are their PLOVER 2021 successors.
OLD_PLOVER_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}

# The training files, as (source, path suffix) for amity.data.fetch.source_file.
TRAINING_FILES = (
    ("conflibert", "cameo_class_train.tsv"),
    ("cameo", "cameo-codes.csv"),
    ("plover", "PLOVER_GSR_CAMEO.txt"),
    ("plover", "CAMEO2PLOVER-2021.txt"),
    ("ngec", "synthetic_headlines.csv"),
)

# NGEC headlines are templates ("{country_1} condemns {country_2}"); fill the slots with fixed placeholders
# so the words around them are what the model learns from.
_SLOT_FILLERS = {"country_1": "Country A", "country_2": "Country B", "city": "the capital"}


def cameo_quad(code: str) -> int:
    """Quad class of a CAMEO code from its two-digit root: 01–02 → 0, 03–05 → 1, 06–08 → 2, 09–13 → 3,
    14–20 → 4 (Gerner et al. 2002), except 16 "reduce relations" → 3 as ConfliBERT labels it (see
    :data:`PLOVER_QUAD`)."""
    root = int(str(code)[:2])
    if not 1 <= root <= 20:
        raise ValueError(f"not a CAMEO code: {code!r}")
    if root == 16:
        return 3
    return 0 if root <= 2 else 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


# ---------------------------------------------------------------------------------------------- data


def _training_path(source: str, suffix: str) -> Path:
    from amity.data.fetch import source_file

    try:
        return source_file(source, suffix)
    except DataUnavailableError as exc:
        raise DataUnavailableError(
            f"the sentence classifier trains on first use from the {source!r} file {suffix}, which is not "
            f"available: {exc} Run `amity data fetch {source}` (with AMITY_DATA_MIRROR pointing at a copy of "
            "shared/data when offline) and try again."
        ) from None


def training_paths() -> dict[tuple[str, str], Path]:
    """The verified local copy of every training file (fetched on first use)."""
    return {key: _training_path(*key) for key in TRAINING_FILES}


def read_conflibert(path: Path) -> pd.DataFrame:
    """ConfliBERT's cameo_class train.tsv: sentence TAB label (0–4), no header."""
    df = pd.read_csv(path, sep="\t", header=None, names=["text", "quad"], quoting=3, dtype={"text": str})
    return df.assign(event=None, origin="conflibert")[["text", "quad", "event", "origin"]]


def read_cameo2plover(path: Path) -> dict[str, str]:
    """CAMEO code -> PLOVER type from CAMEO2PLOVER-2021.txt (``0311: AGREE,  , economic # …``)."""
    out = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        m = re.match(r"\s*(\d{2,4})\s*:\s*([A-Z]+)", line)
        if m:
            out.setdefault(m.group(1), m.group(2))
    return out


def read_cameo_examples(path: Path, cameo_to_plover: dict[str, str]) -> pd.DataFrame:
    """The CAMEO code book's example sentences, labelled with their code's quad and PLOVER type."""
    df = pd.read_csv(path, dtype=str, encoding="utf-8", encoding_errors="replace").dropna(subset=["example"])
    text = df["example"].str.replace(r"\s*Note:.*$", "", regex=True).str.strip()  # drop coder's notes
    code = df["code"].str.strip()
    return pd.DataFrame({
        "text": text,
        "quad": code.map(cameo_quad),
        "event": [cameo_to_plover.get(c) or cameo_to_plover.get(c[:2]) for c in code],
        "origin": "cameo",
    })


def read_plover_gold(path: Path) -> pd.DataFrame:
    """PLOVER's gold records (a JSON list); old type names mapped to PLOVER 2021, DEMAND to quad 3."""
    records = json.loads(path.read_text(encoding="utf-8"))
    rows = []
    for r in records:
        old = r.get("event")
        text = (r.get("text") or "").strip()
        if not text or old == "DOCUMENT":
            continue
        event = OLD_PLOVER_NAMES.get(old, old)
        if event not in PLOVER_QUAD:
            continue
        quad = 3 if old == "DEMAND" else PLOVER_QUAD[event]  # gold DEMANDs are CAMEO 10 demands
        rows.append({"text": text, "quad": quad, "event": event, "origin": "plover"})
    return pd.DataFrame(rows)


def read_ngec_headlines(path: Path) -> pd.DataFrame:
    """NGEC's synthetic headlines with template slots filled; quad from :data:`PLOVER_QUAD`."""
    df = pd.read_csv(path, dtype=str)
    text = df["title"].str.strip().str.strip('"').replace(
        {r"\{" + k + r"\}": v for k, v in _SLOT_FILLERS.items()}, regex=True
    ).str.replace(r"\{[^}]*\}", "Country C", regex=True)
    event = df["event"].str.strip().str.upper().map(lambda e: OLD_PLOVER_NAMES.get(e, e))
    keep = event.isin(list(PLOVER_QUAD))
    return pd.DataFrame({
        "text": text[keep], "quad": event[keep].map(PLOVER_QUAD), "event": event[keep], "origin": "ngec",
    })


def load_training_sets() -> dict[str, pd.DataFrame]:
    """All labelled sentences by origin: columns text, quad, event (None where unknown), origin."""
    paths = training_paths()
    c2p = read_cameo2plover(paths[("plover", "CAMEO2PLOVER-2021.txt")])
    return {
        "conflibert": read_conflibert(paths[("conflibert", "cameo_class_train.tsv")]),
        "cameo": read_cameo_examples(paths[("cameo", "cameo-codes.csv")], c2p),
        "plover": read_plover_gold(paths[("plover", "PLOVER_GSR_CAMEO.txt")]),
        "ngec": read_ngec_headlines(paths[("ngec", "synthetic_headlines.csv")]),
    }


def normalise(text: str) -> str:
    """NFKC, case-folded, runs of non-alphanumeric characters as one space, trimmed: the form in which
    sentences are compared for duplicates (here and in :mod:`amity.text.classify_eval`)."""
    return _NON_ALNUM.sub(" ", unicodedata.normalize("NFKC", str(text)).casefold()).strip()


def combine(sets: list[pd.DataFrame]) -> pd.DataFrame:
    """Stack training sets, dropping repeated sentences (the PLOVER gold reuses CAMEO's examples):
    the first occurrence wins, so put the best-labelled set first."""
    df = pd.concat(sets, ignore_index=True)
    key = df["text"].map(normalise)
    return df.loc[~key.duplicated() & (key != "")].reset_index(drop=True)


# ------------------------------------------------------------------------------------------ features


def _lexicon_text() -> str:
    return resources.files("amity.text").joinpath("resources/event_lexicon.txt").read_text(encoding="utf-8")


def parse_lexicon(text: str) -> dict[str, list[str]]:
    """``TYPE: stem, multi word stem, …`` lines -> {type: [stems]} (``#`` starts a comment line)."""
    lex: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, _, words = line.partition(":")
        lex[name.strip()] = [w.strip().lower() for w in words.split(",") if w.strip()]
    return lex


def _stem_pattern(stems: list[str]) -> re.Pattern:
    # A stem matches any word starting with it; multi-word stems match word by word, so "held talks"
    # also matches "holds talks"-style inflections of the last word only where the stem allows it.
    alts = [r"\s+".join(re.escape(part) + r"\w*" for part in stem.split()) for stem in stems]
    return re.compile(r"\b(?:" + "|".join(alts) + r")", re.IGNORECASE)


class LexiconFeatures(TransformerMixin, BaseEstimator):
    """Per event type, how many of the type's verb stems a sentence contains (capped at 3, scaled to
    0–1): a dense, vocabulary-independent signal that carries over to news unlike the training set."""

    def __init__(self, lexicon: str = ""):
        self.lexicon = lexicon

    def fit(self, X, y=None):
        self.patterns_ = [_stem_pattern(stems) for stems in parse_lexicon(self.lexicon).values()]
        return self

    def transform(self, X):
        counts = np.array([[len(p.findall(s)) for p in self.patterns_] for s in X], dtype=np.float64)
        return sp.csr_matrix(np.minimum(counts, 3.0) / 3.0)


class PredicateWindows(TransformerMixin, BaseEstimator):
    """The text around each event verb: every lexicon match with ``width`` words either side, joined
    (``"NOPREDICATE"`` when there is none). TF-IDF over these windows lets the model weigh the words that
    go with the predicate ("imposed sanctions on", "held talks with") apart from the rest of the sentence."""

    def __init__(self, lexicon: str = "", width: int = 2):
        self.lexicon = lexicon
        self.width = width

    def fit(self, X, y=None):
        self.pattern_ = _stem_pattern([s for stems in parse_lexicon(self.lexicon).values() for s in stems])
        return self

    def transform(self, X):
        out = []
        for s in X:
            windows = [" ".join(s[:m.start()].split()[-self.width:] + [m.group()] + s[m.end():].split()[:self.width])
                       for m in self.pattern_.finditer(s)]
            out.append(" | ".join(windows) or "NOPREDICATE")
        return out


def features(lexicon: str) -> FeatureUnion:
    """Word 1–2-gram and character 2–5-gram TF-IDF (sublinear tf), lexicon counts, and word 1–2-gram
    TF-IDF of the predicate windows (:class:`PredicateWindows`)."""
    return FeatureUnion([
        ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, strip_accents="unicode")),
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True,
                                  strip_accents="unicode")),
        ("lexicon", LexiconFeatures(lexicon)),
        ("predicate", Pipeline([("windows", PredicateWindows(lexicon)),
                                ("tfidf", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True))])),
    ])


def quad_pipeline(seed: int = DEFAULT_SEED, lexicon: str | None = None) -> Pipeline:
    """Features -> logistic regression (C=5, balanced classes), whose probabilities are the confidence.

    Chosen over the earlier calibrated linear SVM on the dev splits only (see
    :mod:`amity.text.classify_eval`): mean dev macro-F1 0.683 against 0.664."""
    lr = LogisticRegression(C=5.0, class_weight="balanced", max_iter=3000, random_state=seed)
    return Pipeline([("features", features(_lexicon_text() if lexicon is None else lexicon)), ("lr", lr)])


def event_pipeline(seed: int = DEFAULT_SEED, lexicon: str | None = None) -> Pipeline:
    """Features -> linear SVM over the 16 PLOVER types (scores only; the quad model decides the class)."""
    return Pipeline([
        ("features", features(_lexicon_text() if lexicon is None else lexicon)),
        ("svm", LinearSVC(C=0.5, class_weight="balanced", random_state=seed)),
    ])


def baseline_pipeline(seed: int = DEFAULT_SEED) -> Pipeline:
    """The reference model of issue 5: TF-IDF (scikit-learn defaults) + logistic regression."""
    return Pipeline([("tfidf", TfidfVectorizer()), ("lr", LogisticRegression(max_iter=2000, random_state=seed))])


# ------------------------------------------------------------------------------------------ fitting


@dataclass
class SentenceModel:
    """A fitted quad model and event model, with what they were trained on."""

    quad: Pipeline
    event: Pipeline
    key: str
    seed: int
    n_quad: int
    n_event: int
    train_seconds: float
    trained_at: float = field(default_factory=time.time)

    def quad_proba(self, texts: list[str]) -> np.ndarray:
        """(n, 5) probabilities over quads 0..4."""
        proba = self.quad.predict_proba(texts)
        out = np.zeros((len(texts), 5))
        out[:, self.quad.classes_.astype(int)] = proba
        return out

    def event_scores(self, texts: list[str]) -> pd.DataFrame:
        """(n, types) SVM decision scores, one column per PLOVER type seen in training."""
        return pd.DataFrame(self.event.decision_function(texts), columns=list(self.event.classes_))


def quad_training_frame(sets: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """ConfliBERT's news sentences first, then CAMEO examples, PLOVER gold and NGEC headlines."""
    return combine([sets["conflibert"], sets["cameo"], sets["plover"], sets["ngec"]])


def event_training_frame(sets: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Sentences with a PLOVER label: PLOVER gold first (hand-coded), then CAMEO examples, NGEC."""
    df = combine([sets["plover"], sets["cameo"], sets["ngec"]])
    return df.loc[df["event"].isin(list(PLOVER_QUAD))].reset_index(drop=True)


def fit_model(sets: dict[str, pd.DataFrame] | None = None, seed: int = DEFAULT_SEED, key: str = "") -> SentenceModel:
    """Fit both models from the training sets (deterministic for a given seed)."""
    sets = load_training_sets() if sets is None else sets
    start = time.perf_counter()
    quad_df = quad_training_frame(sets)
    event_df = event_training_frame(sets)
    quad = quad_pipeline(seed).fit(quad_df["text"].tolist(), quad_df["quad"].astype(int).to_numpy())
    event = event_pipeline(seed).fit(event_df["text"].tolist(), event_df["event"].to_numpy())
    return SentenceModel(quad=quad, event=event, key=key, seed=seed, n_quad=len(quad_df), n_event=len(event_df),
                         train_seconds=time.perf_counter() - start)


# ------------------------------------------------------------------------------------------ caching


def model_key(seed: int = DEFAULT_SEED) -> str:
    """sha256 over the training files' pinned sha256, the lexicon, the code version, seed and sklearn."""
    import sklearn

    from amity.data.registry import get_source

    parts = {f"{src}:{suffix}": get_source(src).file(suffix).sha256 for src, suffix in TRAINING_FILES}
    parts.update(lexicon=hashlib.sha256(_lexicon_text().encode()).hexdigest(), version=MODEL_VERSION,
                 seed=str(seed), sklearn=sklearn.__version__)
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def _ensure_table(store) -> None:
    store.create_table(MODEL_TABLE, "key VARCHAR PRIMARY KEY, model_version VARCHAR, seed INTEGER, "
                       "train_seconds DOUBLE, created_at TIMESTAMP, model BLOB")


def _store_busy(exc: Exception) -> None:
    # Another process holding the DuckDB file must not stop classification: train in memory instead.
    warnings.warn(f"model cache unavailable ({exc}); training in memory without caching", stacklevel=3)


def load_cached(key: str) -> SentenceModel | None:
    """The model stored under ``key``, or None (also when the store is locked by another process)."""
    from amity.data.store import get_store

    store = get_store()
    try:
        _ensure_table(store)
        rows = store.query(f"SELECT model FROM {MODEL_TABLE} WHERE key = ?", [key])
    except StoreBusyError as exc:
        _store_busy(exc)
        return None
    row = None if rows.empty else (rows["model"].iloc[0],)
    if row is None:
        return None
    try:
        return pickle.load(io.BytesIO(row[0]))
    except Exception:  # unreadable (e.g. a library changed under it): retrain rather than fail
        return None


def save_cached(model: SentenceModel) -> None:
    """Store the pickled model in one transaction, replacing models of the same seed trained from other
    files or code versions (they can never be used again: their key is gone)."""
    from amity.data.store import get_store

    blob = pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL)
    store = get_store()
    try:
        _ensure_table(store)
    except StoreBusyError as exc:
        _store_busy(exc)
        return
    with store.transaction():
        store.execute(f"DELETE FROM {MODEL_TABLE} WHERE key = ? OR seed = ?", [model.key, model.seed])
        store.execute(
            f"INSERT INTO {MODEL_TABLE} VALUES (?, ?, ?, ?, now()::TIMESTAMP, ?)",
            [model.key, MODEL_VERSION, model.seed, model.train_seconds, blob],
        )


_MEMO: dict[tuple[str, str], SentenceModel] = {}


def get_model(seed: int = DEFAULT_SEED, retrain: bool = False) -> SentenceModel:
    """The fitted model: from this process's memory, else the store, else trained now and stored."""
    from amity.data.fetch import amity_home

    key = model_key(seed)
    memo_key = (str(amity_home()), key)
    if not retrain:
        if memo_key in _MEMO:
            return _MEMO[memo_key]
        cached = load_cached(key)
        if cached is not None:
            _MEMO[memo_key] = cached
            return cached
    model = fit_model(seed=seed, key=key)
    save_cached(model)
    _MEMO[memo_key] = model
    return model
