"""The sentence classifier: contract (order, one row per line), determinism, cache, scores, errors."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import f1_score
from typer.testing import CliRunner

from amity.errors import AmityError, DataUnavailableError
from amity.text import classify_eval as E
from amity.text import model as M
from amity.text.classify import classify

pytestmark = pytest.mark.needs_data


@pytest.fixture(scope="module")
def sets():
    return M.load_training_sets()


@pytest.fixture(scope="module")
def fitted():
    return M.get_model()


NEWS = [
    "Rebels shelled the capital on Sunday, killing at least 20 civilians, officials said.",
    "The foreign ministers of India and Japan held talks in Tokyo on maritime security.",
    "Washington imposed sanctions on three Iranian banks.",
    "The opposition accused the government of rigging the election.",
    "Germany will send 500 tonnes of food aid to the flood victims.",
]


# -- definitions, hand-checked


def test_cameo_root_codes_map_to_quads():
    assert [M.cameo_quad(c) for c in ("010", "0233", "036", "057", "061", "0874", "112", "1056", "138")] == [
        0, 0, 1, 1, 2, 2, 3, 3, 3]
    assert [M.cameo_quad(c) for c in ("141", "15", "1724", "186", "195", "20")] == [4] * 6
    assert M.cameo_quad("163") == 3  # "impose embargo, boycott or sanctions", as ConfliBERT labels it
    with pytest.raises(ValueError):
        M.cameo_quad("21")


def test_every_plover_type_has_a_quad_and_appears_under_it():
    assert set(M.PLOVER_QUAD) == set(M.PLOVER_TYPES)
    for event, quad in M.PLOVER_QUAD.items():
        assert event in M.QUAD_EVENTS[quad]


def test_lexicon_counts_stems_and_phrases():
    lex = "ASSAULT: attack, kill\nREQUEST: call for, urg\nCONSULT: held talks"
    feats = M.LexiconFeatures(lex).fit([])
    X = feats.transform(["Troops attacked the town and killed two; more attacks followed and killings too.",
                         "They called for calm and urged restraint after they held  talks.",
                         "nothing here"]).toarray()
    # 4 ASSAULT hits capped at 3 -> 1.0; "called for" and "urged" -> 2/3; "held  talks" -> 1/3
    np.testing.assert_allclose(X, [[1.0, 0.0, 0.0], [0.0, 2 / 3, 1 / 3], [0.0, 0.0, 0.0]])


# -- the training data as read through the data layer


def test_training_sets_read_from_the_data_layer(sets):
    cb = sets["conflibert"]
    assert len(cb) == 1349 and sorted(cb["quad"].unique()) == [0, 1, 2, 3, 4]
    assert cb["text"].str.len().min() > 0
    # PLOVER gold: 322 sentences (the DOCUMENT header has none), old names mapped to PLOVER 2021 names
    assert len(sets["plover"]) == 322 and set(sets["plover"]["event"]) <= set(M.PLOVER_TYPES)
    assert len(sets["ngec"]) == 375 and not sets["ngec"]["text"].str.contains("{", regex=False).any()
    cameo = sets["cameo"]
    assert cameo["quad"].between(0, 4).all() and cameo["text"].str.len().min() > 10
    # the CAMEO2PLOVER map sends root 19 "fight" to ASSAULT and 0841 "release persons" to RETREAT
    c2p = M.read_cameo2plover(M.training_paths()[("plover", "CAMEO2PLOVER-2021.txt")])
    assert c2p["0841"] == "RETREAT" and c2p["19"] == "ASSAULT"


# -- the public contract


def test_one_row_per_input_in_order_with_blank_and_odd_lines(fitted):
    lines = [NEWS[0], "", "   ", "12345 -- 678", NEWS[1], "😀", "\ufffd\ufffd bad bytes", NEWS[0], "x" * 5000,
             "Le gouvernement a condamné l'attaque."]
    df = classify(lines, model=fitted)
    assert list(df.columns) == ["text", "event", "quad", "confidence"]
    assert df["text"].tolist() == lines
    blank = [1, 2, 3, 5]
    assert df.loc[blank, "quad"].isna().all() and df.loc[blank, "event"].isna().all()
    assert df.loc[blank, "confidence"].isna().all()
    rest = df.drop(index=blank)
    assert rest["quad"].notna().all() and rest["quad"].between(0, 4).all()
    assert rest["confidence"].between(0.2, 1.0).all()  # never below uniform over five classes
    # the same sentence twice gets the same answer, wherever it stands
    assert df.loc[0, ["event", "quad", "confidence"]].tolist() == df.loc[7, ["event", "quad", "confidence"]].tolist()
    assert classify([], model=fitted).empty
    with pytest.raises(TypeError):
        classify("one sentence", model=fitted)


def test_event_is_consistent_with_quad(fitted, sets):
    df = classify(sets["plover"]["text"].tolist()[:120] + NEWS, model=fitted)
    for event, quad in zip(df["event"], df["quad"]):
        if quad == 0:
            assert event in (None, "REQUEST")
        else:
            assert event in M.QUAD_EVENTS[int(quad)]


def test_clear_cases_of_each_material_class(fitted):
    df = classify(NEWS, model=fitted)
    assert df["quad"].tolist() == [4, 1, 3, 3, 2]
    assert df["event"].tolist()[:3] == ["ASSAULT", "CONSULT", "SANCTION"]


def test_classifying_in_batches_gives_the_same_answers(fitted, sets):
    texts = sets["ngec"]["text"].tolist()[:60]
    whole = classify(texts, model=fitted)
    parts = pd.concat([classify(texts[:17], model=fitted), classify(texts[17:], model=fitted)], ignore_index=True)
    pd.testing.assert_frame_equal(whole, parts)


# -- training: determinism and the cache


def test_same_seed_same_model(fitted, sets):
    again = M.fit_model(sets, seed=M.DEFAULT_SEED)
    texts = sets["plover"]["text"].tolist() + NEWS
    np.testing.assert_array_equal(fitted.quad_proba(texts), again.quad_proba(texts))
    np.testing.assert_array_equal(fitted.event_scores(texts).to_numpy(), again.event_scores(texts).to_numpy())


def test_second_call_loads_from_the_store_without_retraining(fitted, monkeypatch):
    from amity.data.store import get_store

    rows = get_store().query(f"SELECT key, model_version FROM {M.MODEL_TABLE} WHERE seed = ?", [fitted.seed])
    assert rows["key"].tolist() == [fitted.key] and rows["model_version"].tolist() == [M.MODEL_VERSION]
    M._MEMO.clear()  # forget the in-process copy: the next call must come from the store

    def no_training(*args, **kwargs):
        raise AssertionError("retrained although a cached model was stored")

    monkeypatch.setattr(M, "fit_model", no_training)
    loaded = M.get_model()
    assert loaded.key == fitted.key and loaded.trained_at == fitted.trained_at
    np.testing.assert_array_equal(loaded.quad_proba(NEWS), fitted.quad_proba(NEWS))
    assert M.get_model() is loaded  # and the process keeps it


def test_cache_key_tracks_training_files_and_version(monkeypatch):
    key = M.model_key()
    assert M.model_key() == key and M.model_key(seed=1) != key
    monkeypatch.setattr(M, "MODEL_VERSION", M.MODEL_VERSION + "-changed")
    assert M.model_key() != key


def test_missing_training_data_is_a_clear_error(tmp_path, monkeypatch):
    empty_mirror = tmp_path / "mirror"
    empty_mirror.mkdir()
    monkeypatch.setenv("AMITY_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("AMITY_DATA_MIRROR", str(empty_mirror))
    M._MEMO.clear()
    with pytest.raises(DataUnavailableError) as err:
        classify(["Troops fired on the protesters."])
    msg = str(err.value)
    assert "conflibert" in msg and "amity data fetch" in msg
    assert isinstance(err.value, AmityError)
    from amity.data.store import get_store

    assert get_store().query(f"SELECT count(*) AS n FROM {M.MODEL_TABLE}")["n"].iloc[0] == 0


# -- honest evaluation: decontaminated splits, held-out quarter, baseline on the same data


def test_contamination_is_verbatim_after_normalising_or_near_duplicate():
    train = ["RUSSIA  expelled ten diplomats",
             "Rebels shelled the capital on Sunday, killing 20 people, officials said.",
             "The foreign ministers of India and Japan held talks in Tokyo on maritime security and trades."]
    test = ["Russia expelled ten diplomats!",  # same words, other case, spacing and punctuation
            "Russia expelled 10 diplomats.",  # a different word in a short sentence: not a copy
            "Troops shelled the border town.",
            "Rebels shelled the capital on Sunday killing 20",  # a verbatim part of a training sentence
            "The foreign ministers of India and Japan held talks in Tokyo on maritime security and trade."]  # 5-gram
    assert E.contaminated(test, train).tolist() == [True, False, False, True, True]
    assert M.normalise("  U.S.–India  TALKS, 2023 ") == "u s india talks 2023"


def test_held_out_quarter_is_fixed_stratified_and_disjoint(sets):
    dev, held = E.heldout_split(sets["conflibert"])
    again_dev, again_held = E.heldout_split(sets["conflibert"])
    assert held["text"].tolist() == again_held["text"].tolist() and len(dev) == len(again_dev)
    unique = M.combine([sets["conflibert"]])  # ConfliBERT repeats 5 of its sentences
    assert len(unique) == 1344 and len(held) == math.ceil(0.25 * len(unique)) and len(dev) + len(held) == 1344
    assert not set(dev["text"]) & set(held["text"])
    share = held["quad"].value_counts(normalize=True).sort_index() - sets["conflibert"]["quad"].value_counts(
        normalize=True).sort_index()
    assert share.abs().max() < 0.01  # every class in its share


def test_no_split_tests_on_a_sentence_it_trained_on(sets):
    names = []
    for name, parts in E.evaluation_splits(sets, folds=3):
        names.append(name)
        for train, test, removed in parts:
            assert not E.contaminated(test["text"].tolist(), train["text"].tolist()).any()
            assert removed >= 0 and len(test) > 50
    assert names == ["dev: ConfliBERT 5-fold CV", "dev: CAMEO", "dev: PLOVER", "dev: NGEC", "held-out: ConfliBERT"]
    # PLOVER's gold reuses CAMEO's examples: most CAMEO sentences are removed when PLOVER is in training
    cameo = dict(E.evaluation_splits(sets, heldout=False))["dev: CAMEO"]
    assert cameo[0][2] > len(sets["cameo"]) / 2


@pytest.mark.slow
def test_beats_baseline_trained_on_the_same_data_out_of_domain(sets):
    (train, test, _), = dict(E.evaluation_splits(sets, heldout=False))["dev: PLOVER"]
    truth = test["quad"].astype(int).to_numpy()
    ours = f1_score(truth, E._score(M.quad_pipeline, train, test), average="macro")
    base = f1_score(truth, E._score(M.baseline_pipeline, train, test), average="macro")
    assert base > 0.4  # the baseline is a real model, not a straw man
    assert ours >= base + 0.05, (ours, base)


# -- the CLI


def _cli(args, **kw):
    from amity.cli import app

    return CliRunner().invoke(app, args, **kw)


def test_cli_jsonl_one_object_per_input_line(tmp_path, fitted):
    path = tmp_path / "in.txt"
    raw = (NEWS[0] + "\r\n\r\n" + NEWS[3] + "\n   \n").encode() + b"caf\xe9 bombed\n" + NEWS[4].encode()
    path.write_bytes(raw)  # CRLF, blank lines, a broken byte, no final newline
    result = _cli(["classify", str(path)])
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["line"] for o in out] == [1, 2, 3, 4, 5, 6]
    assert out[0]["text"] == NEWS[0] and out[5]["text"] == NEWS[4]
    assert out[1]["quad"] is None and out[1]["event"] is None and out[3]["quad"] is None
    assert out[2]["quad"] == 3 and "\ufffd" in out[4]["text"]


def test_cli_csv_and_errors(tmp_path, fitted):
    path = tmp_path / "in.txt"
    path.write_text("\n".join(NEWS) + "\n")
    result = _cli(["classify", str(path), "--format", "csv"])
    assert result.exit_code == 0
    assert len(result.stdout.strip().splitlines()) == len(NEWS) + 1
    bad = _cli(["classify", str(path), "--format", "xml"])
    assert bad.exit_code != 0 and "jsonl" in str(bad.exception)
    binary = tmp_path / "x.bin"
    binary.write_bytes(b"\x7fELF\x00\x01\x02")
    assert "binary" in str(_cli(["classify", str(binary)]).exception)
    assert "no such file" in str(_cli(["classify", str(tmp_path / "missing.txt")]).exception)


def test_a_locked_store_means_training_in_memory_not_failure(fitted, monkeypatch):
    import amity.data.store as store_mod
    from amity.errors import StoreBusyError

    class LockedStore:
        """What Store does when another process holds the file (tests/test_data.py checks that for real)."""

        def __getattr__(self, verb):  # every store verb opens the file first
            raise StoreBusyError("the amity store amity.duckdb is in use by another process")

    monkeypatch.setattr(store_mod, "get_store", lambda: LockedStore())
    monkeypatch.setattr(M, "_MEMO", {})
    calls = []
    monkeypatch.setattr(M, "fit_model", lambda **kw: calls.append(kw) or fitted)
    with pytest.warns(UserWarning, match="training in memory"):
        model = M.get_model()
    assert model is fitted and len(calls) == 1


def test_exported_from_the_package():
    import amity
    from amity.text.classify import classify as fn

    assert amity.classify is fn
