"""Actors in text: states, organisations and groupings, office holders, and compound references.

Codes: ISO3 for states; stable upper-case codes for organisations (``UN``, ``UNGA``, ``NSG``, ``QUAD`` …).

Gazetteers, all case-sensitive and matched on word boundaries, longest first:

* states — names from amity's crosswalk and NGEC ``countries.csv`` (names, nationality words), and
  amity's alias table (demonyms, capitals as seats of government: "Washington", "New Delhi");
  a demonym counts as an actor only before an agent noun ("Indian government", "Chinese troops"),
  and a capital not after a locative preposition ("in Washington" is a place, "Washington said" an actor);
* organisations and groupings — :data:`ORGANISATIONS`, with dated membership in :data:`MEMBERSHIP`
  so :func:`expand` turns a grouping into its members as of a date;
* office holders — Phoenix/PETRARCH2 ``Phoenix.Countries.actors.txt`` (TABARI format, dated roles) and
  CountryInfo ``people_gov.csv`` / ``people_leaders.csv`` (YYYYMMDD, invalid days clipped to the month's
  end, 20161201 read as an open end), plus :data:`CURATED_ROLES` for 2014-2025 office holders with
  official sources. A person resolves to the state of the role held on the document date (any role
  if no date is known);
* compound references — "both countries", "the two states", "our governments", "we" in a joint
  statement — resolve to the most recent group of states (see :mod:`amity.text.extract`).
"""

from __future__ import annotations

import calendar
import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from amity.data.fetch import source_file

# --- organisations -------------------------------------------------------------------------------------
ORGANISATIONS: dict[str, tuple[str, ...]] = {
    "UNGA": ("UN General Assembly", "U.N. General Assembly", "United Nations General Assembly", "General Assembly"),
    "UNSC": ("UN Security Council", "U.N. Security Council", "United Nations Security Council", "Security Council"),
    "UN": ("United Nations", "UN", "U.N."),
    "NSG": ("Nuclear Suppliers Group", "NSG"),
    "QUAD": ("Quadrilateral Security Dialogue", "Quad", "QUAD"),
    "AUKUS": ("AUKUS",),
    "IPEF": ("Indo-Pacific Economic Framework for Prosperity", "Indo-Pacific Economic Framework", "IPEF"),
    "NATO": ("North Atlantic Treaty Organization", "North Atlantic Treaty Organisation", "NATO"),
    "SCO": ("Shanghai Cooperation Organisation", "Shanghai Cooperation Organization", "SCO"),
    # the Union's institutions act for it (the coding rules code them as EU)
    "EU": ("European Union", "EU", "E.U.", "European Commission", "European Council", "Council of the European Union",
           "European Parliament"),
    "ASEAN": ("Association of Southeast Asian Nations", "ASEAN"),
    "BRICS": ("BRICS",),
    "G7": ("G7", "G-7", "Group of Seven"),
    "G20": ("G20", "G-20", "Group of Twenty"),
    "IAEA": ("International Atomic Energy Agency", "IAEA"),
    "WHO": ("World Health Organization", "WHO"),
    "WTO": ("World Trade Organization", "WTO"),
    "IMF": ("International Monetary Fund", "IMF"),
    "WB": ("World Bank",),
    "AU": ("African Union",),
    "PIF": ("Pacific Islands Forum",),
}

# Dated membership: code -> [(member ISO3, joined, left or None)]. Sources: the organisations' own
# member pages (nato.int "NATO member countries"; sectsco.org; european-union.europa.eu "Country
# profiles"; asean.org "Member States"; the AUKUS leaders' statement of 2021-09-15 (source
# `whitehouse`); the Quad leaders' statements of 2021-03-12 and 2024-09-21 (source `whitehouse`), with
# the Quad's revival at the 2017-11-12 Manila officials' meeting as its start; the IPEF launch statement
# of 2022-05-23, "We, the United States, Australia, … and Vietnam", and Fiji joining on 2022-05-26, "the
# 14th nation" (source `whitehouse_corpus`; the corpus names no member leaving)). UN-system bodies, the
# NSG and the G20 are coded but not expanded (no membership table shipped).
MEMBERSHIP: dict[str, list[tuple[str, str, str | None]]] = {
    "QUAD": [(c, "2017-11-12", None) for c in ("AUS", "IND", "JPN", "USA")],
    "AUKUS": [(c, "2021-09-15", None) for c in ("AUS", "GBR", "USA")],
    "IPEF": [(c, "2022-05-23", None) for c in ("AUS", "BRN", "IDN", "IND", "JPN", "KOR", "MYS", "NZL", "PHL", "SGP",
                                                "THA", "USA", "VNM")] + [("FJI", "2022-05-26", None)],
    "NATO": [(c, "1949-08-24", None) for c in ("BEL", "CAN", "DNK", "FRA", "ISL", "ITA", "LUX", "NLD", "NOR",
                                                "PRT", "GBR", "USA")]
    + [("GRC", "1952-02-18", None), ("TUR", "1952-02-18", None), ("DEU", "1955-05-06", None),
       ("ESP", "1982-05-30", None)]
    + [(c, "1999-03-12", None) for c in ("CZE", "HUN", "POL")]
    + [(c, "2004-03-29", None) for c in ("BGR", "EST", "LVA", "LTU", "ROU", "SVK", "SVN")]
    + [("ALB", "2009-04-01", None), ("HRV", "2009-04-01", None), ("MNE", "2017-06-05", None),
       ("MKD", "2020-03-27", None), ("FIN", "2023-04-04", None), ("SWE", "2024-03-07", None)],
    "SCO": [(c, "2001-06-15", None) for c in ("CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB")]
    + [("IND", "2017-06-09", None), ("PAK", "2017-06-09", None), ("IRN", "2023-07-04", None),
       ("BLR", "2024-07-04", None)],
    "EU": [(c, "1958-01-01", None) for c in ("BEL", "FRA", "DEU", "ITA", "LUX", "NLD")]
    + [("DNK", "1973-01-01", None), ("IRL", "1973-01-01", None), ("GBR", "1973-01-01", "2020-01-31"),
       ("GRC", "1981-01-01", None), ("ESP", "1986-01-01", None), ("PRT", "1986-01-01", None)]
    + [(c, "1995-01-01", None) for c in ("AUT", "FIN", "SWE")]
    + [(c, "2004-05-01", None) for c in ("CYP", "CZE", "EST", "HUN", "LVA", "LTU", "MLT", "POL", "SVK", "SVN")]
    + [("BGR", "2007-01-01", None), ("ROU", "2007-01-01", None), ("HRV", "2013-07-01", None)],
    "ASEAN": [(c, "1967-08-08", None) for c in ("IDN", "MYS", "PHL", "SGP", "THA")]
    + [("BRN", "1984-01-07", None), ("VNM", "1995-07-28", None), ("LAO", "1997-07-23", None),
       ("MMR", "1997-07-23", None), ("KHM", "1999-04-30", None)],
}


def members(code: str, date: str | None = None) -> list[str]:
    """ISO3 members of grouping ``code`` on ``date`` (ISO 8601; today's members if None); [] if unknown."""
    rows = MEMBERSHIP.get(code, [])
    day = (date or "9999-12-31")[:10]
    if len(day) == 4:
        day += "-12-31"
    return sorted({c for c, joined, left in rows if joined <= day and (left is None or day <= left)})


# Groupings with no secretariat of their own: "the Quad leaders" are its member states, whereas "ASEAN
# leaders" or a NATO summit are the organisation (coded as an actor of its own, as the coding rules say).
GROUPINGS_OF_MEMBERS = ("QUAD", "AUKUS", "IPEF")


def as_parties(codes: list[str], date: str | None = None) -> list[str]:
    """Codes with each informal grouping (:data:`GROUPINGS_OF_MEMBERS`) replaced by its members."""
    return expand(codes, date, only=GROUPINGS_OF_MEMBERS)


def expand(codes: list[str], date: str | None = None, only: tuple[str, ...] | None = None) -> list[str]:
    """Codes with each grouping that has a membership table (of those in ``only``, if given) replaced by
    its members as of ``date``."""
    out: list[str] = []
    for c in codes:
        out.extend(members(c, date) if c in MEMBERSHIP and (only is None or c in only) else [c])
    return list(dict.fromkeys(out))


# --- office holders ----------------------------------------------------------------------------------
# (name variants, ISO3, role, start, end). Only roles stated on official pages: whitehouse.gov /
# state.gov / defense.gov biographies, pmindia.gov.in, mea.gov.in, mod.gov.in, pm.gov.au, kantei.go.jp,
# gov.uk, president.gov.ua, kremlin.ru, pmo.gov.pk.
CURATED_ROLES: list[tuple[tuple[str, ...], str, str, str, str | None]] = [
    (("Joe Biden", "Joseph Biden", "Joseph R. Biden", "Biden"), "USA", "President", "2021-01-20", "2025-01-20"),
    (("Joe Biden", "Joseph R. Biden", "Biden"), "USA", "Vice President", "2009-01-20", "2017-01-20"),
    (("Donald Trump", "Donald J. Trump", "Trump"), "USA", "President", "2017-01-20", "2021-01-20"),
    (("Donald Trump", "Donald J. Trump", "Trump"), "USA", "President", "2025-01-20", None),
    (("Barack Obama", "Obama"), "USA", "President", "2009-01-20", "2017-01-20"),
    (("Kamala Harris", "Harris"), "USA", "Vice President", "2021-01-20", "2025-01-20"),
    (("Antony Blinken", "Anthony Blinken", "Antony J. Blinken", "Blinken"), "USA", "Secretary of State",
     "2021-01-26", "2025-01-20"),
    (("Lloyd Austin", "Lloyd J. Austin", "Austin"), "USA", "Secretary of Defense", "2021-01-22", "2025-01-20"),
    (("Jake Sullivan", "Sullivan"), "USA", "National Security Advisor", "2021-01-20", "2025-01-20"),
    (("Mike Pompeo", "Michael Pompeo", "Pompeo"), "USA", "Secretary of State", "2018-04-26", "2021-01-20"),
    (("Narendra Modi", "Modi"), "IND", "Prime Minister", "2014-05-26", None),
    (("Rajnath Singh",), "IND", "Minister of Defence", "2019-05-31", None),
    (("Rajnath Singh",), "IND", "Minister of Home Affairs", "2014-05-26", "2019-05-30"),
    (("S. Jaishankar", "Subrahmanyam Jaishankar", "Jaishankar"), "IND", "Minister of External Affairs",
     "2019-05-30", None),
    (("Ajit Doval", "Doval"), "IND", "National Security Adviser", "2014-05-30", None),
    (("Scott Morrison", "Morrison"), "AUS", "Prime Minister", "2018-08-24", "2022-05-23"),
    (("Anthony Albanese", "Albanese"), "AUS", "Prime Minister", "2022-05-23", None),
    (("Shinzo Abe", "Abe"), "JPN", "Prime Minister", "2012-12-26", "2020-09-16"),
    (("Yoshihide Suga", "Suga"), "JPN", "Prime Minister", "2020-09-16", "2021-10-04"),
    (("Fumio Kishida", "Kishida"), "JPN", "Prime Minister", "2021-10-04", "2024-10-01"),
    (("Boris Johnson",), "GBR", "Prime Minister", "2019-07-24", "2022-09-06"),
    (("Imran Khan",), "PAK", "Prime Minister", "2018-08-18", "2022-04-10"),
    (("Shehbaz Sharif", "Shahbaz Sharif"), "PAK", "Prime Minister", "2022-04-11", "2023-08-14"),
    (("Shehbaz Sharif", "Shahbaz Sharif"), "PAK", "Prime Minister", "2024-03-04", None),
    (("Xi Jinping", "Xi"), "CHN", "President", "2013-03-14", None),
    (("Vladimir Putin", "Putin"), "RUS", "President", "2012-05-07", None),
    (("Vladimir Putin", "Putin"), "RUS", "President", "2000-05-07", "2008-05-07"),
    (("Volodymyr Zelenskyy", "Volodymyr Zelensky", "Zelenskyy", "Zelensky"), "UKR", "President", "2019-05-20",
     None),
    # Heads of state and government after the Phoenix and CountryInfo dictionaries end (~2016), for the
    # states White House statements of 2021-2026 name most: dates of taking and leaving office from the
    # public record (each government publishes them: bundesregierung.de, elysee.fr, gov.uk, governo.it,
    # pm.gc.ca, kantei.go.jp, president.go.kr, gov.br, gob.mx, gov.il, vatican.va, spa.gov.sa, tccb.gov.tr,
    # pco.gov.ph, un.org, nato.int); they were written here from that record, not downloaded.
    (("Olaf Scholz", "Scholz"), "DEU", "Chancellor", "2021-12-08", "2025-05-06"),
    (("Friedrich Merz", "Merz"), "DEU", "Chancellor", "2025-05-06", None),
    (("Emmanuel Macron", "Macron"), "FRA", "President", "2017-05-14", None),
    (("Liz Truss",), "GBR", "Prime Minister", "2022-09-06", "2022-10-25"),
    (("Rishi Sunak", "Sunak"), "GBR", "Prime Minister", "2022-10-25", "2024-07-05"),
    (("Keir Starmer", "Starmer"), "GBR", "Prime Minister", "2024-07-05", None),
    (("Mario Draghi", "Draghi"), "ITA", "Prime Minister", "2021-02-13", "2022-10-22"),
    (("Giorgia Meloni", "Meloni"), "ITA", "Prime Minister", "2022-10-22", None),
    (("Justin Trudeau", "Trudeau"), "CAN", "Prime Minister", "2015-11-04", "2025-03-14"),
    (("Mark Carney", "Carney"), "CAN", "Prime Minister", "2025-03-14", None),
    (("Shigeru Ishiba", "Ishiba"), "JPN", "Prime Minister", "2024-10-01", "2025-10-21"),
    (("Moon Jae-in",), "KOR", "President", "2017-05-10", "2022-05-10"),
    (("Yoon Suk Yeol", "Yoon"), "KOR", "President", "2022-05-10", "2025-04-04"),
    (("Lee Jae-myung",), "KOR", "President", "2025-06-04", None),
    (("Luiz Inácio Lula da Silva", "Lula da Silva", "Lula"), "BRA", "President", "2023-01-01", None),
    (("Andrés Manuel López Obrador", "López Obrador"), "MEX", "President", "2018-12-01", "2024-09-30"),
    (("Claudia Sheinbaum", "Sheinbaum"), "MEX", "President", "2024-10-01", None),
    (("Naftali Bennett",), "ISR", "Prime Minister", "2021-06-13", "2022-06-30"),
    (("Yair Lapid",), "ISR", "Prime Minister", "2022-07-01", "2022-12-29"),
    (("Benjamin Netanyahu", "Netanyahu"), "ISR", "Prime Minister", "2022-12-29", None),
    (("Recep Tayyip Erdoğan", "Recep Tayyip Erdogan", "Erdoğan", "Erdogan"), "TUR", "President", "2014-08-28",
     None),
    (("Ferdinand Marcos Jr.", "Ferdinand R. Marcos Jr.", "Marcos"), "PHL", "President", "2022-06-30", None),
    (("Salman bin Abdulaziz Al Saud", "King Salman"), "SAU", "King", "2015-01-23", None),
    (("Mohammed bin Salman",), "SAU", "Crown Prince", "2017-06-21", None),
    (("Tamim bin Hamad Al Thani", "Tamim bin Hamad"), "QAT", "Emir", "2013-06-25", None),
    (("Pope Francis",), "VAT", "Pope", "2013-03-13", "2025-04-21"),
    (("Pope Leo XIV", "Pope Leo"), "VAT", "Pope", "2025-05-08", None),
    (("Sanae Takaichi", "Takaichi"), "JPN", "Prime Minister", "2025-10-21", None),
    (("Mohamed bin Zayed Al Nahyan", "Mohamed bin Zayed", "Mohammed bin Zayed"), "ARE", "President", "2022-05-14",
     None),
    (("Abdel Fattah el-Sisi", "Abdel Fattah El-Sisi", "el-Sisi", "El-Sisi", "Sisi"), "EGY", "President", "2014-06-08",
     None),
    (("King Abdullah II", "King Abdullah"), "JOR", "King", "1999-02-07", None),
    (("William Ruto", "Ruto"), "KEN", "President", "2022-09-13", None),
    (("Bola Ahmed Tinubu", "Bola Tinubu", "Tinubu"), "NGA", "President", "2023-05-29", None),
    (("Cyril Ramaphosa", "Ramaphosa"), "ZAF", "President", "2018-02-15", None),
    (("Javier Milei", "Milei"), "ARG", "President", "2023-12-10", None),
    (("Andrzej Duda", "Duda"), "POL", "President", "2015-08-06", "2025-08-06"),
    (("Tsai Ing-wen",), "TWN", "President", "2016-05-20", "2024-05-20"),
    (("Lai Ching-te",), "TWN", "President", "2024-05-20", None),
    (("Joko Widodo",), "IDN", "President", "2014-10-20", "2024-10-20"),
    (("Prabowo Subianto", "Prabowo"), "IDN", "President", "2024-10-20", None),
    (("Pedro Sánchez", "Pedro Sanchez"), "ESP", "Prime Minister", "2018-06-02", None),
    (("Viktor Orbán", "Viktor Orban", "Orbán", "Orban"), "HUN", "Prime Minister", "2010-05-29", None),
    (("Kyriakos Mitsotakis", "Mitsotakis"), "GRC", "Prime Minister", "2019-07-08", "2023-05-25"),
    (("Kyriakos Mitsotakis", "Mitsotakis"), "GRC", "Prime Minister", "2023-06-26", None),
    (("Leo Varadkar", "Varadkar"), "IRL", "Taoiseach", "2022-12-17", "2024-04-09"),
    (("Micheál Martin", "Micheal Martin"), "IRL", "Taoiseach", "2025-01-23", None),
    (("Jens Stoltenberg", "Stoltenberg"), "NATO", "Secretary General", "2014-10-01", "2024-10-01"),
    (("Mark Rutte", "Rutte"), "NATO", "Secretary General", "2024-10-01", None),
    (("Mark Rutte", "Rutte"), "NLD", "Prime Minister", "2010-10-14", "2024-07-02"),
    (("António Guterres", "Antonio Guterres", "Guterres"), "UN", "Secretary-General", "2017-01-01", None),
]

TITLES = (r"(?:President|Vice President|Prime Minister|Premier|Chancellor|King|Queen|Emperor|Crown Prince|"
          r"(?:Foreign|Defen[cs]e|External Affairs|Finance|Home|Interior|Trade|Commerce) Minister|"
          r"Minister(?: of [A-Z][a-z]+(?: (?:and|&) [A-Z][a-z]+| [A-Z][a-z]+)?)?|"
          r"Secretary(?: of (?:State|Defen[cs]e|Commerce|the Treasury|Energy))?|Ambassador|General|Admiral|"
          r"Foreign Secretary|Defen[cs]e Secretary|National Security Advis[eo]r|Sultan|Emir|Sheikh|Taoiseach|"
          r"Mr\.|Ms\.|Mrs\.)")


@dataclass(frozen=True)
class Role:
    iso3: str
    role: str
    start: str | None
    end: str | None
    origin: str  # curated, phoenix, countryinfo


def _norm_name(name: str) -> str:
    """Lower-case, punctuation-free, single-spaced form of a person's name for lookup."""
    # accents folded: the dictionaries spell "Niinisto", documents "Niinistö"
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[._’'`-]+", " ", folded).lower().split())


def _iso_date(v: str) -> str | None:
    """YYYYMMDD to ISO; an invalid day (20040931) clips to the month's last day, an invalid month keeps the year."""
    if len(v) != 8 or not v.isdigit():
        return None
    y, m, d = int(v[:4]), int(v[4:6]), int(v[6:])
    if not 1 <= m <= 12:
        return f"{y:04d}"
    d = max(1, min(d, calendar.monthrange(y, m)[1]))
    return f"{y:04d}-{m:02d}-{d:02d}"


def _yyyymmdd(value: str) -> str | None:
    """CountryInfo date to ISO (see :func:`_iso_date`); 20161201 is the files' mark for an open end."""
    v = value.strip().strip('"')
    return None if v == "20161201" else _iso_date(v)


def _tabari_date(value: str) -> str | None:
    """TABARI date (YYMMDD or YYYYMMDD) to ISO; two-digit years >= 30 are 19xx."""
    v = value.strip()
    if len(v) == 6 and v.isdigit():
        yy = int(v[:2])
        v = f"{1900 + yy if yy >= 30 else 2000 + yy}{v[2:]}"
    return _iso_date(v)


def _phoenix_roles() -> dict[str, list[Role]]:
    """Person name (normalised) -> dated roles, from the TABARI actor dictionary (person entries only)."""
    path = source_file("phoenix_actors", "Phoenix.Countries.actors.txt")
    out: dict[str, list[Role]] = {}
    names: list[str] = []
    roles: list[Role] = []

    def flush() -> None:
        for n in names:
            out.setdefault(n, []).extend(roles)

    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line[0] not in " \t+[":
            flush()
            names, roles = [], []
            if "[" in line:  # a country entry "INDIA_  [IND]": not a person
                continue
            names = [_norm_name(line.strip("_ "))]
        elif line.lstrip().startswith("+") and names:
            names.append(_norm_name(line.lstrip()[1:].strip("_ ")))
        elif line.lstrip().startswith("[") and names:
            m = re.match(r"\s*\[([A-Z]{3})[A-Z]*\s*([^\]]*)\]", line)
            if not m:
                continue
            span = m.group(2).strip()
            start = end = None
            if span.startswith(">"):
                start = _tabari_date(span[1:])
            elif span.startswith("<"):
                end = _tabari_date(span[1:])
            elif "-" in span:
                a, b = span.split("-", 1)
                start, end = _tabari_date(a), _tabari_date(b)
            roles.append(Role(m.group(1), "", start, end, "phoenix"))
    flush()
    return {n: r for n, r in out.items() if r and len(n.split()) >= 2}


def _countryinfo_roles() -> dict[str, list[Role]]:
    """Person name -> dated roles from CountryInfo office-holder tables (country names via amity.states)."""
    from amity.errors import UnknownStateError
    from amity.states import resolve

    out: dict[str, list[Role]] = {}
    iso_of: dict[str, str | None] = {}
    for fname, role_col in (("people_leaders.csv", "title"), ("people_gov.csv", "description")):
        with open(source_file("phoenix_actors", fname), encoding="utf-8", errors="replace") as fh:
            for row in csv.DictReader(fh):
                country = row["country"]
                if country not in iso_of:
                    try:
                        iso_of[country] = resolve(country.replace("_", " ")).iso3
                    except (UnknownStateError, ValueError, KeyError):
                        iso_of[country] = None
                iso = iso_of[country]
                if not iso:
                    continue
                role = Role(iso, row[role_col], _yyyymmdd(row["startYr"]), _yyyymmdd(row["endYr"]), "countryinfo")
                for n in row["name"].split("|"):
                    key = _norm_name(n.strip("_ "))
                    if len(key.split()) >= 2:
                        out.setdefault(key, []).append(role)
    return out


@cache
def person_roles() -> dict[str, list[Role]]:
    """Normalised person name -> dated roles from all three sources (curated first)."""
    out: dict[str, list[Role]] = {}
    for variants, iso, role, start, end in CURATED_ROLES:
        for v in variants:
            out.setdefault(_norm_name(v), []).append(Role(iso, role, start, end, "curated"))
    for table in (_phoenix_roles(), _countryinfo_roles()):
        for k, roles in table.items():
            out.setdefault(k, []).extend(roles)
    return out


def _in_office(r: Role, day: str) -> bool:
    return (r.start is None or r.start[: len(day)] <= day) and (r.end is None or day <= r.end)


# Codes the office-holder dictionaries use where the state gazetteer (NGEC) has another one.
_DICTIONARY_CODES = {"KSV": "XKX"}


def person_state(name: str, date: str | None = None) -> str | None:
    """ISO3 of the state a named person served on ``date``; None if unknown or ambiguous.

    With a date, roles held that day win, curated roles first; without one (or none held), the person's
    states must agree (one state across all roles) or the curated role decides.
    """
    roles = person_roles().get(_norm_name(name))
    if not roles:
        return None
    if date:
        held = [r for r in roles if _in_office(r, date[:10])]
        if held:
            held.sort(key=lambda r: r.origin != "curated")
            return _DICTIONARY_CODES.get(held[0].iso3, held[0].iso3)
    curated = {r.iso3 for r in roles if r.origin == "curated"}
    states = curated or {r.iso3 for r in roles}
    if len(states) != 1:
        return None
    iso = states.pop()
    return _DICTIONARY_CODES.get(iso, iso)


# --- states ------------------------------------------------------------------------------------------
AGENT_NOUNS = (
    r"(?:government|administration|authorities|officials?|ministers?|ministry|president|prime minister|"
    r"premier|leaders?(?:hip)?|forces|troops|army|navy|air force|military|soldiers|ambassador|embassy|"
    r"envoy|diplomats?|delegation|counterparts?|side|foreign ministry|defen[cs]e ministry|parliament|"
    r"security forces|intelligence|coast guard|warships?|aircraft|jets|police|regime|state media|"
    r"spokes(?:man|woman|person)|foreign secretary|secretary|combatants|fighters|soldiers|sailors|marines|"
    r"pilots|aviators|fleet|service members|personnel|people’s army|people's army|armed forces|armies|counterparts|"
    r"(?:dive )?bombers|submarines|warplanes|drones|vessels|"
    # what a state does, is hit in or is made of: "Russian aggression", "the Russian energy sector",
    # "Ukrainian territory", "the Ukrainian people", "our Australian partners"
    r"aggression|invasion|attacks?|assaults?|strikes|economy|(?:energy|financial|defen[cs]e) sector|"
    r"imports|exports|goods|products|defenders|attackers|invaders|occupiers|occupation|annexation|"
    r"territory|territories|soil|cities|towns|ports|airspace|people|partners|allies)"
)
LOCATIVE = re.compile(r"(?:\b(?:in|at|to|from|into|near|visit(?:ed|s|ing)?|via|across|around)\s+(?:the\s+)?)$", re.I)
_NON_STATE = re.compile(r"[\s-]*(?:labou?r|business|civil society|religious|opposition|community|student|youth|"
                        r"union|industry|tech|private[- ]sector|tribal|faith)\b", re.I)
_ENVOY_FOR = re.compile(r"\b(?:Representative|Envoy|Coordinator|Commissioner|Rapporteur)\s+for\s+(?:the\s+)?$")
STOP_NAMES = {"English", "Georgia", "Jordan", "Chad", "Turkey", "Guinea", "Niger", "Congo", "Dominica", "Iran-Iraq",
              "US Virgin Islands"}


# places in the United States named after a state: not that state ("New Mexico communities", "East Palestine, Ohio")
US_PLACES = ("New Mexico", "New England", "East Palestine", "Panama City Beach")
_COUNT = r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|dozens of|hundreds of|thousands of)"
_FUNCTION = set("and or in on to for with at by of from have has had were was are is will would as".split())


@dataclass(frozen=True)
class Mention:
    """An actor mention in a sentence: [start, end) in the sentence text, codes, kind and the text."""

    start: int
    end: int
    codes: tuple[str, ...]
    kind: str  # state, demonym, capital, org, person, compound, pronoun
    text: str


@cache
def state_forms() -> dict[str, tuple[str, str]]:
    """Surface form -> (ISO3, kind) for names, demonyms and capitals of current states."""
    from amity.states import crosswalk
    from amity.states.aliases import ALIASES

    forms: dict[str, tuple[str, str]] = {}
    cw = crosswalk()
    # Palestine is no state in the Correlates of War list, but its authorities act and are acted on as one in
    # event data (ICEWS, GDELT and PLOVER code PSE) and in the statements
    current = set(cw["iso3"].dropna()) | {"PSE"}
    with open(source_file("ngec", "countries.csv"), encoding="utf-8", errors="replace") as fh:
        for row in csv.DictReader(fh):
            iso = row["CCA3"]
            if iso not in current:
                continue
            for name in re.split(r"\s*[\[\]]\s*", row["Name"]):
                if name.strip():
                    forms[name.strip()] = (iso, "state")
            first = [n.strip() for n in row["Nationality"].split(",") if n.strip()][:4]
            for n in first:
                if n not in STOP_NAMES and n not in forms:
                    forms[n] = (iso, "demonym" if n[:1].isupper() and n.endswith(("an", "ans", "ese", "ish", "i",
                                                                                      "is", "ic")) else "state")
    for _, r in cw.iterrows():
        if isinstance(r["iso3"], str):
            for n in (r["name"], r["cow_name"]):
                if isinstance(n, str) and n:
                    forms.setdefault(n, (r["iso3"], "state"))
    for iso, (capitals, others) in ALIASES.items():
        if iso not in current:
            continue
        for c in filter(None, capitals.split("|")):
            forms[c] = (iso, "capital")
        for o in filter(None, others.split("|")):
            if "(" in o:
                continue
            kind = "demonym" if re.search(r"(an|ans|ese|ish|i|is|ic|ch|ks|s)$", o) and o not in {
                "United States", "Bahamas", "Philippines", "Netherlands"} and " " not in o else "state"
            if o.isupper() or "." in o:
                kind = "state"
            forms.setdefault(o, (iso, kind))
    for extra, iso in (("America", "USA"), ("the US", "USA"), ("U.S.", "USA"), ("Britain", "GBR"),
                       ("Burma", "MMR"), ("Russia", "RUS"), ("South Korea", "KOR"), ("North Korea", "PRK"),
                       ("Democratic People's Republic of Korea", "PRK"), ("Holy See", "VAT"), ("Vatican", "VAT"),
                       ("Redcoats", "GBR"), ("Continental Army", "USA"), ("Northern Ireland", "GBR"),
                       ("United Kingdom of Great Britain and Northern Ireland", "GBR"),
                       # self-governing states in free association with New Zealand, members of the Pacific Islands
                       # Forum and signatories of its statements with the US (which recognised both in 2023); not
                       # in the Correlates of War list, and NGEC files them under New Zealand
                       ("Cook Islands", "COK"), ("Niue", "NIU")):
        forms.setdefault(extra, (iso, "state"))
    for form, value in list(forms.items()):  # statements write the typographic apostrophe
        if "'" in form:
            forms.setdefault(form.replace("'", "’"), value)
    forms.pop("the US", None)
    for bad in ("English", "CAR", "Lao", "Congolese"):
        forms.pop(bad, None)
    return forms


@cache
def _matcher() -> tuple[re.Pattern, dict[str, tuple[tuple[str, ...], str]]]:
    """One regex over all state forms and organisation names, longest first, and its lookup table (with
    :data:`US_PLACES` as places, so that the longest match keeps "New Mexico" from being Mexico)."""
    table: dict[str, tuple[tuple[str, ...], str]] = {}
    for form, (iso, kind) in state_forms().items():
        table[form] = ((iso,), kind)
    for code, names in ORGANISATIONS.items():
        for n in names:
            table[n] = ((code,), "org")
    for place in US_PLACES:
        table[place] = ((), "place")
    alts = sorted(table, key=len, reverse=True)
    pat = re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(a) for a in alts) + r")(?![\w]|\.\w)")
    return pat, table


COMPOUND = re.compile(
    r"\b(?:both (?:the )?(?:countries|states|nations|sides|governments|leaders|partners)|"
    r"(?:the|our|their) (?:two|three|four) (?:countries|states|nations|sides|governments|leaders|partners|"
    r"great countries|democracies|presidents|prime ministers|ministers|officials|delegations|counterparts|"
    r"national security advis[eo]rs|NSAs)|"
    r"the (?:two|three|four)(?=\s+(?:also\s+|further\s+)?(?:[a-z]+ed|met|spoke|will)\b)|"  # "The two discussed …"
    r"our (?:countries|nations|governments|partnership)|"
    r"the (?:leaders|two sides)|(?<![\w’'] )Leaders(?!\s+(?:from|of|in|around|across|at)\b)|each other)\b",
    re.I,
)
# lower-case particles inside a name ("Mohammed bin Salman", "Luiz Inácio Lula da Silva")
_PARTICLE = r"(?:bin|ibn|al|el|da|de|del|dos|van|von|der|la|le)\s+(?=[A-Z])"
# Latin letters beyond ASCII, so that "López Obrador", "Erdoğan" and "Niinistö" are names too
NAME_UPPER = "A-ZÀ-ÖØ-ÞĆČŁŚŞŠŽ"
NAME_LOWER = "a-zß-öø-ÿĀ-ſ"
_CAP_RUN = re.compile(rf"(?:(?:[{NAME_UPPER}]\.|[{NAME_UPPER}][{NAME_LOWER}’'\-]+|" + _PARTICLE + r")(?:,? Jr\.)?\s*)+")
_TOKEN = re.compile(rf"[{NAME_UPPER}]\.|[{NAME_UPPER}][{NAME_LOWER}'\-]+(?:’s)?|\b"
                    + _PARTICLE.replace(r"\s+(?=[A-Z])", r"\b"))
_TITLE_BEFORE = re.compile(TITLES + r"\s+$")


# Single-word variants of :data:`CURATED_ROLES` that are also given names, places or common surnames: read
# only after a title ("Secretary Austin", not "Austin, Texas"); the others name their holder alone ("Putin's war").
_AMBIGUOUS_SURNAMES = {"Abe", "Austin", "Harris", "Sullivan", "Morrison", "Marcos", "Yoon", "Carney"}


@cache
def _bare_surnames() -> frozenset[str]:
    return frozenset(v for variants, *_ in CURATED_ROLES for v in variants if " " not in v) - _AMBIGUOUS_SURNAMES


def _person_mentions(sentence: str, date: str | None, taken: list[Mention]) -> list[Mention]:
    """Office holders: windows of up to five capitalised tokens (name particles included) that name a known
    person; a bare
    surname right after a title ("President Biden", "Prime Minister Modi"), or alone if it is one of
    :func:`_bare_surnames`."""
    out: list[Mention] = []
    for run in _CAP_RUN.finditer(sentence):
        toks = [(t.start(), t.end(), t.group()) for t in _TOKEN.finditer(sentence, run.start(), run.end())]
        i = 0
        while i < len(toks):
            hit = None
            for size in range(min(5, len(toks) - i), 0, -1):
                window = toks[i:i + size]
                a, b = window[0][0], window[-1][1]
                if any(f.start < b and a < f.end for f in taken):
                    continue
                if size == 1 and not _TITLE_BEFORE.search(sentence[:a]) and re.sub(
                        r"[’']s$", "", window[0][2]) not in _bare_surnames():
                    continue
                name = " ".join(t[2] for t in window).removesuffix("’s")
                iso = person_state(name, date)
                if iso:
                    hit = (size, Mention(a, b, (iso,), "person", sentence[a:b]))
                    break
            if hit:
                out.append(hit[1])
                i += hit[0]
            else:
                i += 1
    return out


# "American and French soldiers", "North Korean and Chinese combatants": coordinated demonyms share the noun
_COORDINATED = r"(?:(?:\s*,|\s+and|\s+or)\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)*"


def find_mentions(sentence: str, date: str | None = None) -> list[Mention]:
    """State, organisation, person and compound mentions in ``sentence``, left to right, non-overlapping."""
    sentence = sentence.replace("\u00a0", " ")  # titles keep the no-break space of "United\u00a0States"
    pat, table = _matcher()
    found: list[Mention] = []
    for m in pat.finditer(sentence):
        text = m.group()
        codes, kind = table[text]
        if kind == "place":
            continue
        after = sentence[m.end():m.end() + 40]
        before = sentence[max(0, m.start() - 30):m.start()]
        nxt = re.match(r"\s+([a-z]+)\b", after)
        nation = kind == "demonym" and re.search(r"\bthe\s+$", before) and (not nxt or nxt.group(1) in _FUNCTION)
        # "three Americans unjustly detained": nationals counted are their state's people
        nation = nation or kind == "demonym" and text.endswith("s") and re.search(_COUNT + r"\s+$", before)
        if kind == "demonym" and not nation and not re.match(
                _COORDINATED + r"[\s-]*(?:[A-Z][a-z]+\s+)?" + AGENT_NOUNS + r"\b", after, re.I):
            continue  # "Indian missile", "Russian-made": a modifier, not an actor ("the British" is one)
        if kind == "demonym" and _NON_STATE.match(after):
            continue  # "Philippine labor leaders", "Japanese business leaders": not the government
        if kind == "capital" and LOCATIVE.search(before):
            continue  # "in Washington": a place
        if kind == "state" and re.match(r"[\s-]*made\b", after):
            continue
        if kind in ("state", "capital") and _ENVOY_FOR.search(before):
            continue  # "High Representative for Bosnia and Herzegovina", "Special Envoy for Haiti": not its official
        if re.search(r"\b[Nn]on-$", before):
            continue  # "a Major Non-NATO Ally": not a member, not the organisation
        if codes == ("UNSC",) and before.endswith("National "):
            continue  # a government's National Security Council
        organ_of = re.search(r"\b([A-Z][a-z]+)\s+$", before) if text == "Security Council" else None
        owner = state_forms().get(organ_of.group(1), ("", "")) if organ_of else ("", "")
        if owner[1] == "demonym":
            # "Secretary of the Russian Security Council": the state's own council, not the UN's
            start = m.start() - len(before) + organ_of.start(1)
            found = [f for f in found if f.start != start]  # the demonym alone, kept as "the Russian …"
            found.append(Mention(start, m.end(), (owner[0],), "state", sentence[start:m.end()]))
            continue
        found.append(Mention(m.start(), m.end(), codes, kind, text))
    found.extend(_person_mentions(sentence, date, found))
    for m in COMPOUND.finditer(sentence):
        if not any(f.start < m.end() and m.start() < f.end for f in found):
            found.append(Mention(m.start(), m.end(), (), "compound", m.group()))
    found.sort(key=lambda x: x.start)
    return found
