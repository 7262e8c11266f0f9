"""States: name resolution, the code crosswalk, and system membership."""

from __future__ import annotations

import pandas as pd
import pytest

import amity
from amity.errors import CoverageError, UnknownStateError
from amity.states import crosswalk, resolve, system_members, unvotes_ccode
from tests.helpers import run_cli


@pytest.mark.parametrize(
    "query, iso3, cow",
    [
        ("India", "IND", 750),
        ("United States of America", "USA", 2),
        ("Pakistani", "PAK", 770),
        ("Washington", "USA", 2),
        ("New Delhi", "IND", 750),
        ("Islamabad", "PAK", 770),
        ("Beijing", "CHN", 710),
        ("Moscow", "RUS", 365),
        ("IN", "IND", 750),
        ("PAK", "PAK", 770),
        ("750", "IND", 750),
        ("cow:AUS", "AUT", 305),  # COW's letter code for Austria; plain AUS is ISO3 Australia
        ("AUS", "AUS", 900),
        ("Türkiye", "TUR", 640),
        ("Soviet Union", "RUS", 365),
        ("Côte d'Ivoire", "CIV", 437),
        ("Taipei", "TWN", 713),
    ],
)
def test_resolve_names_demonyms_capitals_and_codes(query, iso3, cow):
    state = resolve(query)
    assert (state.iso3, state.cow) == (iso3, cow)


def test_state_has_every_code():
    india = amity.resolve("India")
    assert india.as_dict() == {"cow": 750, "cow_abb": "IND", "gw": 750, "iso3": "IND", "iso2": "IN", "name": "India"}


def test_germany_depends_on_the_year():
    assert resolve("Germany", year=1991).cow == 255
    assert resolve("Germany", year=1989).cow == 260
    assert resolve("DEU", year=1989).name == "West Germany"
    assert resolve("Germany", year=1991).gw == 260  # G-W keeps 260 for unified Germany
    assert resolve("East Germany").cow == 265


def test_yemen_serbia_vietnam_crosswalk():
    assert resolve("Yemen", year=1985).cow == 678 and resolve("Yemen", year=1995).cow == 679
    assert resolve("Yemen", year=1995).gw == 678
    assert resolve("South Yemen").cow == 680
    assert resolve("Serbia", year=2010).gw == 340 and resolve("Yugoslavia", year=1990).gw == 345
    assert resolve("Serbia").cow == 345
    assert resolve("Vietnam").cow == 816 and resolve("South Vietnam").cow == 817
    assert resolve("Russia", year=1980).name == "Soviet Union"


def test_unknown_and_ambiguous_names_suggest():
    with pytest.raises(UnknownStateError) as info:
        resolve("Inda")
    assert info.value.suggestions[0] == "India"
    with pytest.raises(UnknownStateError, match="ambiguous.*North Korea.*South Korea"):
        resolve("Korea")
    with pytest.raises(UnknownStateError, match="ambiguous"):
        resolve("Congo")


def test_crosswalk_is_one_row_per_cow_code_and_iso_codes_are_unique_where_not_periodic():
    cw = crosswalk()
    assert cw["cow"].is_unique and len(cw) == 217
    iso = cw.dropna(subset=["iso3"])
    dupes = set(iso.loc[iso["iso3"].duplicated(keep=False), "iso3"])
    assert dupes == {"DEU", "YEM"}  # the two states whose ISO code spans two COW codes


def test_unvotes_codes_map_china_seat_and_the_germanies():
    df = pd.DataFrame({
        "country_code": ["TW", "TW", "CN", "DE", None, "YU", "DD", None, None, None],
        "country": ["Taiwan", "Taiwan", "China", "Germany", "Federal Republic of Germany", "Yugoslavia",
                    "German Democratic Republic", "Yemen Arab Republic", "Federal Republic of Germany",
                    "Yemen Arab Republic"],
        "date": pd.to_datetime(["1947-01-01", "1970-01-01", "1972-01-01", "1991-10-03", "1980-01-01",
                                "2000-01-01", "1980-01-01", "1980-01-01", "1990-11-20", "1990-11-20"]),
    })
    codes = unvotes_ccode(df["country_code"], df["country"], df["date"]).tolist()
    assert codes == [710, 713, 710, 255, 260, 345, 265, 678, 255, 679]


@pytest.mark.needs_data
def test_every_unvotes_country_gets_a_cow_code():
    votes = amity.table("un_votes")
    calls = amity.table("un_roll_calls")[["rcid", "date"]]
    votes = votes.merge(calls, on="rcid")
    codes = unvotes_ccode(votes["country_code"], votes["country"], votes["date"])
    assert codes.notna().all()


@pytest.mark.needs_data
def test_system_membership_facts():
    members = system_members("cow", 1950)
    assert {750, 770} <= set(members["ccode"])
    assert 255 in set(system_members("cow", 1991)["ccode"]) and 255 not in set(system_members("cow", 1989)["ccode"])
    assert 260 in set(system_members("cow", 1989)["ccode"])
    assert 260 in set(system_members("gw", 1995)["ccode"])  # G-W: unified Germany keeps 260
    with pytest.raises(CoverageError):
        system_members("cow", "1700-1750")


def test_states_cli(capsys):
    code, out, _ = run_cli(["states", "Islamabad", "GFR", "--format", "csv"], capsys)
    assert code == 0
    assert out.splitlines()[1].startswith("Islamabad,770,PAK,770,PAK,PK,Pakistan")
    code, _, err = run_cli(["states", "Inda"], capsys)
    assert code == 2 and "Did you mean: India" in err
