"""The UN's own resolution extract (sessions 74-80, ES-10, ES-11) and the combined UN vote record."""

from __future__ import annotations

import json
import shutil

import pytest

import amity
from amity.data import fetch, parsers, store
from amity.data.registry import get_source
from amity.errors import AmityError, ChecksumError, CoverageError, UnknownStateError
from amity.measures import unga
from amity.states import un_member_ccode
from tests.helpers import run_cli

pytestmark = pytest.mark.needs_data

EXTRACT = "unvotes_un/data_extract"


def test_aggression_against_ukraine_es_11_1():
    """A/RES/ES-11/1 (2 March 2022): 141 in favour, 5 against, 35 abstaining; India, Pakistan and China
    abstained, the United States voted yes. It sits in session 76, the regular session of that day."""
    votes = amity.un_votes(resolution="A/RES/ES-11/1")
    assert votes["vote"].value_counts().to_dict() == {"yes": 141, "abstain": 35, "no": 5}
    by_state = votes.set_index("state")["vote"]
    assert by_state[["IND", "PAK", "CHN"]].tolist() == ["abstain"] * 3
    assert by_state["USA"] == "yes" and by_state["RUS"] == "no"
    assert set(votes["title"]) == {"Aggression against Ukraine"}
    assert set(votes["session"]) == {76} and set(votes["date"].dt.strftime("%Y-%m-%d")) == {"2022-03-02"}
    assert set(votes["record"]) == {"un_extract"}
    # the short symbol and a state filter
    few = amity.un_votes(resolution="es-11/1", states="IND,USA")
    assert sorted(few["state"]) == ["IND", "USA"] and set(few["ccode"]) == {2, 750}


def test_un_vote_cli_json(capsys):
    code, out, _ = run_cli(["un-vote", "A/RES/ES-11/1", "--states", "IND,PAK,CHN", "--format", "json"], capsys)
    assert code == 0
    rows = json.loads(out)
    assert {r["state"]: r["vote"] for r in rows} == {"IND": "abstain", "PAK": "abstain", "CHN": "abstain"}


def test_resolution_without_recorded_vote_or_unknown_says_why():
    with pytest.raises(AmityError, match="adopted without a vote"):
        amity.un_votes(resolution="A/RES/80/259")
    with pytest.raises(AmityError, match="Did you mean: .*A/RES/ES-11/"):
        amity.un_votes(resolution="A/RES/ES-11/9")


def test_usa_india_joint_votes_reach_2025():
    sims = amity.similarity("USA", "IND", years="2021-2026", measures="agree")
    n = sims.set_index("year")["n"]
    assert n[2022] > 0 and n[2025] > 0
    assert sims.set_index("year")["record"][2025] == "un_extract"
    assert sims.set_index("year")["record"][2022] == "fpsim+un_extract"


def test_every_un_name_maps_to_one_of_193_members():
    votes = store.table("un_votes_un")
    assert votes["ccode"].nunique() == 193
    assert un_member_ccode(["TÜRKİYE", "TURKEY", "TÜRKÝYE", "CONGO", "NETHERLANDS (KINGDOM OF THE)"]) == {
        "TÜRKİYE": 640, "TURKEY": 640, "TÜRKÝYE": 640, "CONGO": 484, "NETHERLANDS (KINGDOM OF THE)": 210,
    }


def _one_resolution_file(tmp_path, mirror, name: str, change) -> dict:
    src = mirror / EXTRACT / "ES-11.json"
    record = json.loads(src.read_text(encoding="utf-8").splitlines()[0])
    change(record)
    path = tmp_path / name
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return {f"{EXTRACT}/{name}": path}


def test_unknown_un_name_fails_loudly(tmp_path, mirror):
    files = _one_resolution_file(tmp_path, mirror, "ES-11.json", lambda r: r["MS_against"].append("NARNIA"))
    with pytest.raises(UnknownStateError, match="'NARNIA'"):
        parsers.parse_un_extract(files)


def test_truncated_json_is_refused_by_name(tmp_path, mirror, monkeypatch):
    # by the parser: a line cut short
    path = tmp_path / "ES-11.json"
    path.write_bytes((mirror / EXTRACT / "ES-11.json").read_bytes()[:5000])
    with pytest.raises(ChecksumError, match=r"ES-11\.json: line 2 is not a JSON object"):
        parsers.parse_un_extract({f"{EXTRACT}/ES-11.json": path})
    # by the fetch: the same truncated file in a mirror fails its sha256, and nothing is cached
    monkeypatch.setenv("AMITY_HOME", str(tmp_path / "home"))
    bad = tmp_path / "mirror"
    for f in get_source("un_extract").files:
        (bad / f.path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(mirror / f.path, bad / f.path)
    shutil.copy(path, bad / EXTRACT / "ES-11.json")
    monkeypatch.setenv("AMITY_DATA_MIRROR", str(bad))
    try:
        with pytest.raises(ChecksumError, match=r"unvotes_un/data_extract/ES-11\.json: sha256 mismatch"):
            store.get_store().load("un_extract")
        assert not fetch.cache_path(get_source("un_extract").file("ES-11.json")).exists()
    finally:
        store.get_store().close()


def test_repeated_symbols_kept_once_and_count_mismatches_recorded():
    res = store.table("un_resolutions")
    assert res["symbol"].is_unique
    assert res.loc[res["symbol"] == "A/RES/79/264", "copies"].item() == 3
    mismatched = res.loc[~res["counts_match"], "symbol"].tolist()
    assert mismatched == ["A/RES/75/254 A-C", "A/RES/77/293"]
    # 77/293: 59 abstentions stated, 58 names listed; the names are what is kept
    row = res.set_index("symbol").loc["A/RES/77/293"]
    assert (row["stated_abstain"], row["n_abstain"]) == (59, 58)
    extract = amity.un_votes(resolution="A/RES/77/293", source="un")
    assert (extract["vote"] == "abstain").sum() == 58
    # fpsim holds this resolution too, with 59 abstentions: the combined record uses fpsim's votes
    combined = amity.un_votes(resolution="A/RES/77/293")
    assert set(combined["record"]) == {"fpsim"} and (combined["vote"] == "abstain").sum() == 59


def test_cross_source_agreement():
    """Where two records hold the same resolution they agree vote by vote (figures in docs/unga.md)."""
    agree = unga.un_source_agreement().set_index("records")
    by_symbol = agree.loc["unvotes / un_extract"]
    assert (by_symbol["roll_calls"], by_symbol["votes"], by_symbol["identical"]) == (90, 16174, 16174)
    by_date = agree.loc["fpsim / un_extract"]
    assert (by_date["roll_calls"], by_date["votes"], by_date["identical"]) == (432, 76341, 76318)
    assert by_date["agreement"] == pytest.approx(0.9997, abs=5e-5)


def test_combined_record_adds_what_fpsim_lacks():
    counts = unga.un_record_counts()
    extract_only = counts[counts["record"] == "un_extract"].set_index("year")["roll_calls"]
    # 7 session-75 votes after fpsim's 2021 cut-off; 3 regular and 5 ES-11 votes in 2022
    assert extract_only[2021] == 7 and extract_only[2022] == 8
    assert extract_only.index.max() == 2026
    # fpsim holds ES-10/21 and ES-10/22 (2023) already: the combined record takes fpsim's votes for them
    matched = unga.un_record_matches().merge(unga._extract_roll_calls(), on="rcid")
    assert {"A/RES/ES-10/21", "A/RES/ES-10/22"} <= set(matched["symbol"])


def test_request_outside_the_record_names_its_coverage():
    with pytest.raises(CoverageError, match="cover 1946-2026; year 3000 lies outside"):
        amity.similarity("USA", "IND", years=3000)
