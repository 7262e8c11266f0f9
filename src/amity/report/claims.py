"""Claims checked: each checkable claim of an article gets a verdict from the data.

An article (a file or URL, read by :func:`amity.text.ingest.read_document`) is split into sentences and
each sentence is matched against the claim kinds below (rules, no language model). A claim gets one of

- *supported* / *contradicted* / *partly*: the data speak to it, with the figure and its source;
- *not covered*: amity's data do not reach it (the verdict says where they stop);
- *not measurable*: no dataset of this kind measures it.

Kinds: a UN vote (an abstention or vote on a General Assembly resolution: ``amity.un_votes``), an arms
purchase (a weapon system in the SIPRI trade register), membership of a grouping (:data:`GROUPINGS`,
against ATOP's alliances), an agreement or deal (which data would record it), dependence (a state's
arms imports by supplier), economic activity (COW trade, which ends in 2014), sanctions (no sanctions
data: not covered).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd

from amity.errors import AmityError
from amity.report.model import Finding, Section, Table

SIPRI_CITE = "SIPRI Arms Transfers Database, Stockholm International Peace Research Institute."
UN_CITE = ("Voeten, Erik, Anton Strezhnev, and Michael Bailey. 2009. \"United Nations General Assembly Voting "
           "Data.\" Harvard Dataverse, hdl:1902.1/12379.")

# Groupings the claim checker knows, with their members (ISO3) and the founding statement that lists them.
GROUPINGS = {
    "AUKUS": {"members": ("AUS", "GBR", "USA"), "founded": 2021,
              "source": "Joint Leaders Statement on AUKUS, 15 September 2021 (Australia, United Kingdom, United "
                        "States)."},
    "Quad": {"members": ("AUS", "IND", "JPN", "USA"), "founded": 2007,
             "source": "Quad Leaders' Joint Statement, 12 March 2021 (Australia, India, Japan, United States)."},
}
_GROUPING_RE = re.compile(r"\b(AUKUS|QUAD|Quad)\b")


@dataclass
class Claim:
    text: str  # the sentence, as the article says it
    kind: str  # un_vote, arms_purchase, grouping, agreement, dependence, economic, sanctions
    verdict: str  # supported, contradicted, partly, not covered, not measurable
    evidence: str
    source: str
    year: int | None = None  # for a marker on the charts

    def as_dict(self) -> dict:
        d = asdict(self)
        d.pop("year")
        return d


def load_articles(articles) -> list[tuple[str, str]]:
    """(name, text) of each article file or URL; a clear error for one that cannot be read."""
    from amity.text.ingest import DocumentError, read_document

    out = []
    for art in articles or []:
        try:
            docs = read_document(str(art))
        except DocumentError as exc:
            raise AmityError(f"article {art} could not be read: {exc.reason}") from exc
        for d in docs:
            out.append((Path(str(art)).name, d.text[d.body_start:]))
    return out


def sentences(text: str) -> list[str]:
    from amity.text.sentences import split_sentences

    flat = re.sub(r"\s+", " ", text)
    return [flat[a:b].strip() for a, b in split_sentences(flat) if flat[a:b].strip()]


def _un_vote(sentence: str, labels, codes) -> Claim | None:
    if not (re.search(r"\babstain", sentence, re.I) and re.search(r"General Assembly|UNGA|resolution", sentence, re.I)):
        return None
    about = "Ukraine" if "Ukraine" in sentence else None
    try:
        from amity import un_votes
    except ImportError:
        un_votes = None
    if about != "Ukraine" or un_votes is None:
        return Claim(sentence, "un_vote", "not covered", "amity cannot yet look up a single resolution's votes "
                     "(needs amity.un_votes with resolution=).", "UN General Assembly roll calls")
    return _es11(sentence, un_votes, labels, codes)


def _es11(sentence, un_votes, labels, codes) -> Claim:
    """India's (B's) vote on A/RES/ES-11/1, 'Aggression against Ukraine' (2 March 2022)."""
    b = labels[codes[1]]
    try:
        votes = un_votes(resolution="A/RES/ES-11/1")
    except (AmityError, TypeError) as exc:
        return Claim(sentence, "un_vote", "not covered", f"The ES-11/1 roll call could not be read ({exc}).",
                     "UN General Assembly roll calls")
    mine = votes[votes["state"] == b]  # un_votes(resolution=) gives state (ISO3) and vote yes/no/abstain
    if mine.empty:
        return Claim(sentence, "un_vote", "not covered", f"{b} has no recorded vote on A/RES/ES-11/1.", UN_CITE)
    vote = str(mine["vote"].iloc[0])
    tally = votes["vote"].value_counts()
    counts = ", ".join(f"{tally.get(k, 0)} {k}" for k in ("yes", "no", "abstain"))
    verdict = "supported" if vote == "abstain" else "contradicted"
    # ES-11/1 comes from the UN's own extract (fpsim has no ES-11 votes): cite the record the votes rest on
    from amity.data.registry import get_source

    cite = get_source("un_extract").citation if set(votes["record"]) == {"un_extract"} else UN_CITE
    return Claim(sentence, "un_vote", verdict, f"A/RES/ES-11/1 (2 March 2022): {b} voted {vote}; the Assembly "
                 f"{counts}.", cite, 2022)


def _arms_purchase(sentence: str, labels, codes) -> Claim | None:
    m = re.search(r"\b([A-Z]{1,4})-?(\d{2,4})\b", sentence)
    if not (m and re.search(r"purchas|buy|bought|acqui|order", sentence, re.I)):
        return None
    from amity.data.store import query

    pattern = f"%{m.group(1)}-{m.group(2)}%"
    rows = query("SELECT supplier, recipient, designation, order_year, year, number_delivered, tiv FROM "
                 "sipri_register WHERE designation ILIKE ? ORDER BY year", [pattern])
    name = {labels[c]: c for c in codes}
    from amity.states import resolve

    wanted = [s for s in rows["recipient"].unique() if _iso(resolve, s) in name]
    rows = rows[rows["recipient"].isin(wanted)]
    if rows.empty:
        return Claim(sentence, "arms_purchase", "not covered", f"The SIPRI trade register (to 2024) lists no "
                     f"{m.group(0)} delivery to the report's states.", SIPRI_CITE)
    first = rows.iloc[0]
    delivered = int(rows["number_delivered"].sum())
    years = f"{int(rows['year'].min())}–{int(rows['year'].max())}"
    return Claim(sentence, "arms_purchase", "supported",
                 f"SIPRI records {first['designation']} from {first['supplier']} to {first['recipient']}: ordered "
                 f"{int(first['order_year'])}, {delivered} delivered {years}, {rows['tiv'].sum():,.0f} TIV.",
                 SIPRI_CITE, int(first["order_year"]))


def _iso(resolve, name):
    try:
        return resolve(name).iso3
    except AmityError:
        return None


def _grouping(sentence: str, labels, codes) -> list[Claim]:
    found = list(dict.fromkeys(g.upper() for g in _GROUPING_RE.findall(sentence)))
    if not found:
        return []
    b = labels[codes[1]]
    out = []
    for g in found:
        key = "AUKUS" if g == "AUKUS" else "Quad"
        info = GROUPINGS[key]
        member = b in info["members"]
        alliance = "security alliance" in sentence.lower() or "alliance" in sentence.lower()
        ev = (f"{key} members: {', '.join(info['members'])} ({b} {'is' if member else 'is not'} a member). "
              f"{key} ({info['founded']}) is not an ATOP alliance: ATOP's data end in 2018 and record no {key} "
              "treaty.")
        verdict = ("contradicted" if not member else "partly") if alliance else ("supported" if member else
                                                                                "contradicted")
        out.append(Claim(sentence, "grouping", verdict, ev, info["source"], info["founded"]))
    return out


def _agreement(sentence: str) -> Claim | None:
    m = re.search(r"\b(deal|agreement|accord|treaty)\b", sentence, re.I)
    year = re.search(r"\b(19|20)\d{2}\b", sentence)
    if not (m and year):
        return None
    return Claim(sentence, "agreement", "not covered",
                 f"No dataset in amity records bilateral {m.group(1).lower()}s that are not alliances: ATOP lists "
                 "alliances only (to 2018), and the event data do not code treaty signings.",
                 "ATOP 5.1; amity's data registry", int(year.group(0)))


def _dependence(sentence: str, labels, codes) -> Claim | None:
    m = re.search(r"(Pakistan|India|China|United States)[’']?s? (?:heavy )?(?:reliance|dependence) on (\w+)",
                  sentence)
    if not m:
        return None
    from amity.measures.arms import arms_supplier_shares
    from amity.states import resolve

    recipient, supplier = resolve(m.group(1)), resolve(m.group(2))
    shares = arms_supplier_shares(recipient.cow, list(range(2020, 2025)), "register")
    row = shares[shares["supplier_ccode"] == supplier.cow]
    share = float(row["share"].iloc[0]) if len(row) else 0.0
    top = shares.iloc[0]
    verdict = "supported" if share >= 0.5 else ("partly" if share >= 0.25 else "contradicted")
    return Claim(sentence, "dependence", verdict,
                 f"{supplier.iso3} supplied {share:.0%} of {recipient.iso3}'s arms imports in 2020–2024 (SIPRI TIV); "
                 f"largest supplier {top['supplier']} ({top['share']:.0%}). Arms only: trade and finance are not "
                 "measured here.", SIPRI_CITE)


def _economic(sentence: str, prof, codes, labels) -> Claim | None:
    if not re.search(r"economic activity|trade|economic cooperation", sentence, re.I):
        return None
    if not re.search(r"increas|grow|rise|bolster", sentence, re.I):
        return None
    a, b = codes[:2]
    s = prof.series(a, b, "trade")
    if len(s) < 2:
        return Claim(sentence, "economic", "not covered", "No COW trade data for the pair in the report's years.",
                     "COW Trade 4.0")
    y0, y1 = int(s.index[0]), int(s.index[-1])
    grew = s.iloc[-1] > s.iloc[0]
    return Claim(sentence, "economic", "partly" if grew else "contradicted",
                 f"{labels[a]}–{labels[b]} trade (COW, current US$) went from {s.iloc[0]:,.0f}m in {y0} to "
                 f"{s.iloc[-1]:,.0f}m in {y1}; COW trade ends in {y1}, so later years are not covered.",
                 "Barbieri, Katherine, and Omar Keshk. COW Trade Data Set v4.0.", y1)


def _sanctions(sentence: str) -> Claim | None:
    if not re.search(r"\bsanction", sentence, re.I):
        return None
    return Claim(sentence, "sanctions", "not covered", "amity holds no sanctions data (no TIES or GSDB source in "
                 "its registry), so sanctions threatened or imposed are not covered.", "amity's data registry")


def check_claims(texts, codes, labels, prof, readings, ys) -> list[Claim]:
    """Every checkable claim of every article, in reading order."""
    out: list[Claim] = []
    for _, text in texts:
        for s in sentences(text):
            found = [_un_vote(s, labels, codes), _arms_purchase(s, labels, codes), *_grouping(s, labels, codes),
                     _dependence(s, labels, codes), _economic(s, prof, codes, labels), _sanctions(s)]
            found = [c for c in found if c is not None]
            if not found:
                agreement = _agreement(s)
                found = [agreement] if agreement else []
            out += found
    return out


def chart_events(claims: list[Claim]) -> list[tuple[int, str]]:
    """Markers for the charts: the years the claims name (one label per year)."""
    seen: dict[int, str] = {}
    for c in claims:
        if c.year and c.year not in seen:
            seen[c.year] = {"un_vote": "UN vote", "arms_purchase": "arms order", "grouping": "grouping",
                            "agreement": "agreement", "economic": "trade data end"}.get(c.kind, c.kind)
    return sorted(seen.items())


def claims_section(claims: list[Claim], texts) -> Section:
    table = pd.DataFrame([{"claim": c.text if len(c.text) < 220 else c.text[:217] + "…", "kind": c.kind,
                           "verdict": c.verdict, "evidence": c.evidence} for c in claims])
    findings = [Finding(f"{c.verdict.capitalize()}: “{c.text[:160]}{'…' if len(c.text) > 160 else ''}” — {c.evidence}",
                        c.verdict, c.source, c.source, "claim") for c in claims]
    names = ", ".join(n for n, _ in texts)
    counts = pd.Series([c.verdict for c in claims]).value_counts().to_dict() if claims else {}
    intro = (f"Claims of {names} checked against the data: " + ", ".join(f"{v} {k}" for k, v in counts.items())
             + ". Kinds and rules: UN votes, arms purchases, groupings, agreements, dependence, economic activity, "
               "sanctions.") if claims else f"No checkable claim found in {names}."
    return Section("claims", "Claims checked", intro=intro, findings=findings,
                   tables=[Table("Claims and verdicts", table)])
