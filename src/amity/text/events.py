"""Event types, quad classes, intensity, domains, modality and dates for sentences.

Each trigger pattern in :data:`TRIGGERS` names a CAMEO code (Gerner et al. 2002). From that code:

* ``event`` and ``mode`` come from PLOVER's CAMEO→PLOVER table (``CAMEO2PLOVER-2021.txt``, source
  ``plover``; Halterman et al. 2023). CAMEO 02 "appeal", which the table leaves out, is PLOVER REQUEST.
* ``quad`` is the five-class CAMEO quad of the Phoenix data set (Open Event Data Alliance 2015) that the
  ConfliBERT labels use: root 01–02 → 0 (statement or appeal), 03–05 → 1 (verbal cooperation), 06–08 → 2
  (material cooperation), 09–13 → 3 (verbal conflict), 14–20 → 4 (material conflict).
* ``intensity`` is the Goldstein (1992) weight of that CAMEO code (−10 most hostile … +10 most
  cooperative) as listed in ``cameo-codes.csv`` (source ``cameo``). Modality does not change it: a
  planned, hypothetical, negated or prescriptive event carries the weight of the act it names, so filter
  on ``modality`` before averaging.

Modality (checked in this order, within the trigger's clause):
``prescriptive`` — advice: "should", "ought to", "must", "need(s) to", "there is a need"; never an event
that happened. ``negated`` — "not", "never", "refrained from", "refused to" before the trigger.
``hypothetical`` — "would", "could", "might", "may", "if". ``planned`` — "will", "plans to",
"to establish", "look forward to". ``historical`` — past tense with an explicit year before the document
year ("in 2006 both countries concluded…" → date 2006). Otherwise ``asserted``.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache

from amity.data.fetch import source_file

EVENT_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
               "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
MODALITIES = ("asserted", "planned", "hypothetical", "negated", "prescriptive", "historical")

_COOP_NOUN = r"(?:cooperation|collaboration|partnership|ties|engagement|coordination|relations(?:hip)?)"
# (pattern, CAMEO code, reciprocal): ``reciprocal`` events with no explicit target are between the members
# of the subject group ("both countries concluded a deal" is USA<->IND).
TRIGGERS: list[tuple[str, str, bool]] = [
    # CONSULT
    (r"\b(?:spoke|speak|talked) (?:today |by phone |by telephone )?(?:with|to)\b|\bphone call\b|"
     r"\btelephone(?:d)?\b", "041", True),
    (r"\bvisit(?:ed|s|ing)?\b(?! to)", "042", False),
    (r"\bwelcomed\b(?=(?: [\w.’',]+){1,6} to (?:the White House|Washington|New Delhi|Tokyo|Canberra|London))|"
     r"\bhosted by\b", "043", True),
    (r"\bhost(?:ed|s|ing)?\b", "043", False),
    (r"\bmet\b|\bmeet(?:s|ing)? (?:with|regularly|annually|again|in person)\b|"
     r"\b(?:hold|held) (?:a |the )?meeting\b|\bheld talks\b|\btalks with\b|\bconvened\b|\bsummit\b|"
     r"\bconsult(?:ed|ations?)\b|\bconvene[sd]?\b|\bdiscuss(?:ed|es)?\b|"
     r"\b(?:inaugural|first|bilateral|trilateral|annual) meeting\b|"
     r"\b(?:2\+2 )?(?:ministerial )?dialogue\b(?= (?:with|between))", "040", True),
    (r"\bnegotiat(?:e|ed|ing|ions)\b", "046", True),
    # AGREE (express intent to cooperate)
    (r"\bagreed?\b(?! with)|\bagreements?\b(?= (?:to|on|between))|\bcommit(?:ted|s|ting)? (?:to|that)\b|"
     r"\bpledged?\b|\bresolved? to\b|\b(?:re)?affirm(?:ed|s)? (?:our|their|a) (?:[\w-]+ )?(?:commitment|vision)\b|"
     r"\brenew(?:ed|s)? (?:our|their) (?:[\w-]+ )?commitment\b|\brecommit(?:ted|s)?\b|\bredouble\b|"
     r"\b(?:announced|announce) plans\b|\breiterated (?:their|its) desire\b|"
     r"\bexpressed (?:their|its|his|her) (?:desire|interest|willingness|intent)\b|\blook(?:s|ed)? forward to\b|"
     r"\bdecided to\b|\boffered to\b|\bpromised?\b", "030", True),
    # SUPPORT
    (r"\bconclu(?:ded|de|des) (?:a |an |the )?(?:[\w-]+ ){0,3}(?:deal|agreement|accord|pact|treaty)\b|"
     r"\bsign(?:ed|s|ing)? (?:a |an |the )?(?:[\w-]+ ){0,3}(?:deal|agreement|accord|pact|treaty|memorandum)\b|"
     r"\b(?:finali[sz]ation|conclusion|signing) of (?:the |an? )?(?:[\w-]+ ){0,4}(?:memorandum|agreement|deal|"
     r"accord|treaty)\b",
     "057", True),
    (r"\b(?:indicated|expressed|reaffirm(?:ed|s)?|voiced|declared) (?:[\w’']+ ){0,2}support\b|"
     r"\bsupport(?:ed|s)? (?:for )?\b(?=.{0,40}\b(?:membership|bid|candidacy|position|efforts?|stance)\b)|"
     r"\bendors(?:e|ed|es)\b|\bpraised?\b|\bcommended\b|\bhailed\b|\bapplaud(?:ed|s)?\b|\bwelcomed?\b|"
     r"\brecogni[sz]es?\b(?= [\w ]{2,30}? as (?:a |an )?(?:major |key |close |strategic )*(?:partner|ally)\b)",
     "051", False),
    (r"\b(?:established|restored|normali[sz]ed) (?:full )?diplomatic relations\b", "054", True),
    # COOPERATE
    (r"\bcollaborat(?:e|ed|ing|ion)\b(?<!\bcollaboration)|\bact(?:ing)? (?:[\w-]+ )?together\b|"
     r"\bembark(?:ed|s)? on (?:a |further )?(?:trilateral|bilateral|joint|new)\b|"
     r"\b(?:promote|foster) deeper\b|\bcooperat(?:e|ed|ing)\b|\bwork(?:ed|ing)? (?:closely )?together\b|"
     r"\bjoin(?:ed)? forces\b|\b(?:deepen|strengthen|expand|advance|enhance|bolster|broaden|resume|"
     r"intensify|launch|begin|boost)(?:ed|s|ing)? (?:[\w’'-]+ ){0,3}" + _COOP_NOUN + r"\b", "060", True),
    (r"\b(?:shar(?:e|ed|ing)) (?:[\w-]+ ){0,2}(?:intelligence|information)\b", "064", True),
    (r"\bjoint (?:military )?(?:exercises?|drills?|patrols?)\b", "062", True),
    # AID
    (r"\b(?:provid|deliver|donat|suppl)(?:e|ed|es|ing|ied|ies|y)\b(?=(?: [\w-]+){0,3} "
     r"(?:aid|assistance|vaccines?|doses|loans?|grants?|relief|funding)\b)", "070", False),
    (r"\b(?:provid|deliver|suppl|s[eo]ll|sold|transferr?)(?:e|ed|es|ing|ied|ies|y|s)?\b(?=(?: [\w-]+){0,3} "
     r"(?:weapons|arms|missiles?|fighter jets?|submarines?|military equipment|defen[cs]e systems?)\b)", "072",
     False),
    # REQUEST (appeal, 02) and demand (10)
    (r"\bcall(?:ed|s|ing)? (?:on|upon)\b|\bcall(?:ed|s)? for\b|\burg(?:e|ed|es|ing)\b|\bappeal(?:ed|s)? to\b|"
     r"\basked\b", "020", False),
    (r"\bdemand(?:ed|s|ing)?\b", "100", False),
    # "hold Russia accountable for its attacks": a demand that a named party account (CAMEO 10); not "hold
    # criminals accountable"
    (r"\b(?:hold|holds|holding|held)\b(?= (?:the )?(?-i:[A-Z])[\w’'.-]*(?: (?-i:[A-Z])[\w’'.-]*){0,2} "
     r"accountable\b)", "100", False),
    # ACCUSE / REJECT / THREATEN
    (r"\bcritici[sz](?:e|ed|es|ing)\b|\bcondemn(?:ed|s|ing)?\b|\bdenounc(?:e|ed|es|ing)\b|"
     r"\bblam(?:e|ed|es)\b", "111", False),
    (r"\baccus(?:e|ed|es|ing)\b|\balleg(?:e|ed|es)\b", "112", False),
    (r"\breject(?:ed|s|ing)?\b|\brebuff(?:ed|s)?\b|\bvetoe?(?:d|s)?\b", "120", False),
    (r"\bthreat(?:en|ened|ens|ening)\b|\bwarn(?:ed|s|ing)?\b", "130", False),
    # PROTEST / MOBILIZE / SANCTION / COERCE / ASSAULT
    (r"\bprotest(?:ed|s)? (?:against|to)\b", "140", False),
    # "mobilize troops", not "mobilize $60 billion" or "mobilize humanitarian relief"
    (r"\bmobili[sz](?:e|ed|es|ing) (?:[\w,.-]+ ){0,2}(?:troops|forces|reserves|reservists|army|military|soldiers)\b|"
     r"\bdeploy(?:ed|s|ing)? (?:[\w-]+ ){0,2}(?:troops|forces|warships|missiles)\b|"
     r"\bmass(?:ed|ing) troops\b", "150", False),
    (r"\bexpel(?:led|s)?\b|\bsever(?:ed|s)? (?:diplomatic )?(?:ties|relations)\b|\brecall(?:ed|s)? "
     r"(?:its |their )?ambassador\b|\bsuspend(?:ed|s)? (?:talks|relations|trade)\b", "160", False),
    (r"\bimpos(?:e|ed|es|ing) (?:[\w-]+ ){0,2}(?:sanctions|embargo|tariffs?|restrictions)\b|"
     r"\bsanction(?:ed|ing)\b|\b(?:application|imposition) of sanctions\b|\bsanctions against\b", "163", False),
    (r"\bseiz(?:e|ed|es|ing)\b|\barrest(?:ed|s)?\b|\bdetain(?:ed|s)?\b|\bblockad(?:e|ed)\b", "170", False),
    (r"\battack(?:ed|s|ing)?\b|\binvad(?:e|ed|es|ing)\b|\binvasion\b|\bshell(?:ed|ing)\b|"
     r"\bbomb(?:ed|ing|s)\b|\bair ?strikes?\b|\bfired (?:missiles|rockets|shells)\b",
     "190", False),
]
_COMPILED = [(re.compile(p, re.I), code, recip) for p, code, recip in TRIGGERS]

DOMAINS: dict[str, str] = {
    "defense": r"defen[cs]e|military|securit(?:y|ies)|armed forces|navy|naval|army|missile|weapon|submarine|"
               r"interoperab|troops|maritime|S-?400|arms\b",
    "nuclear": r"nuclear|NSG\b|enrichment",
    "space": r"\bspace\b|satellite|NASA|ISRO|orbit|lunar|astronaut",
    "cyber": r"cyber",
    "technology": r"technolog|artificial intelligence|\bAI\b|quantum|semiconductor|5G|telecom|iCET|innovation",
    "economy": r"econom|trade|investment|commerc|business|supply chains?|market|tariff|CEO|financ",
    "energy": r"energy|\boil\b|\bgas\b|hydrogen|solar|renewable",
    "education": r"educat|skills|students?|universit|academic",
    "terrorism": r"terror",
    "health": r"health|vaccine|COVID|pandemic|medical",
    "climate": r"climate|emission|clean energy",
    "diplomacy": r"diplomat|dialogue|summit|foreign policy|\bUN\b|General Assembly|ministerial",
}
_DOMAIN_RE = {d: re.compile(p, re.I if d not in ("cyber",) else re.I) for d, p in DOMAINS.items()}

# "should it further invade Ukraine" is a condition, not advice
_PRESCRIPTIVE = re.compile(r"\b(?:should(?!\s+(?:it|he|she|they|(?-i:[A-Z])[\w.]*)\s+(?!not\b)[a-z])|ought to|must|"
                           r"needs? to|there is a need|it is (?:imperative|necessary|essential|vital)|has to|"
                           r"have to)\b", re.I)
_NEGATED = re.compile(r"\b(?:not|never|no longer|refrained from|refus(?:ed|es) to|declined to|failed to|"
                      r"neither|nor)\b(?:\W+\w+){0,3}\W*$", re.I)
# "may" in lower case only: "In May of 1846" is a month
_HYPOTHETICAL = re.compile(r"\b(?:would|could|might|(?-i:may)|if|unless|potential(?:ly)?|possible|possibly)\b", re.I)
_PLANNED = re.compile(r"\b(?:will|shall|plans? to|planned|intends? to|aims? to|to establish|look(?:s)? forward|"
                      r"is set to|are set to|upcoming|next year|would like to)\b|'ll\b", re.I)
# "in 2019", "by the summer of 1814", "on June 25, 1950": a year the sentence sets its event in
_YEAR = re.compile(r"\b(?:in|by|since|during|of|on)\s+(?:(?:early|late|mid-?)\s*)?(?:[A-Z][a-z]+\s+)?"
                   r"(?:\d{1,2},?\s+)?((?:1[6-9]|20)\d{2})\b")
_PAST = re.compile(r"\b(?:\w+ed|met|signed|concluded|held|began|was|were|had|made|took|gave|sought|won|led)\b",
                   re.I)
MONTHS = {m: i for i, m in enumerate(("January February March April May June July August September October "
                                      "November December").split(), 1)}
_FULL_DATE = re.compile(r"\b(?:on\s+)?(" + "|".join(MONTHS) + r")\s+(\d{1,2}),\s+((?:1[6-9]|20)\d{2})\b")


@dataclass(frozen=True)
class EventType:
    """A CAMEO code's PLOVER event, mode, quad class and Goldstein weight."""

    cameo: str
    event: str
    mode: str | None
    quad: int
    intensity: float


def cameo_quad(code: str) -> int:
    """Five-class quad of a CAMEO code (Phoenix): 01-02 → 0, 03-05 → 1, 06-08 → 2, 09-13 → 3, 14-20 → 4."""
    root = int(code[:2])
    return 0 if root <= 2 else 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


@cache
def goldstein() -> dict[str, float]:
    """CAMEO code -> Goldstein weight (source ``cameo``: icews ``cameo-codes.csv``, cp1252)."""
    path = source_file("cameo", "cameo-codes.csv")
    with open(path, encoding="cp1252") as fh:
        return {row["code"]: float(row["goldstein"]) for row in csv.DictReader(fh) if row["goldstein"] != "NA"}


@cache
def cameo2plover() -> dict[str, tuple[str, str | None]]:
    """CAMEO code -> (PLOVER event, mode or None) from PLOVER's conversion table."""
    path = source_file("plover", "CAMEO2PLOVER-2021.txt")
    out: dict[str, tuple[str, str | None]] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,\s*([^,#]*))?", line)
        if m:
            mode = (m.group(3) or "").strip() or None
            out[m.group(1)] = (m.group(2), mode)
    return out


def event_type(code: str) -> EventType:
    """PLOVER event/mode, quad and Goldstein intensity for CAMEO ``code``."""
    table = cameo2plover()
    hit = table.get(code) or table.get(code[:3]) or table.get(code[:2])
    if hit is None and code.startswith("02"):
        hit = ("REQUEST", None)  # appeals: PLOVER folds CAMEO 02 into REQUEST
    if hit is None:
        raise KeyError(f"CAMEO code {code} is not in PLOVER's conversion table")
    event, mode = hit
    weights = goldstein()
    intensity = weights.get(code, weights.get(code[:3], weights.get(code[:2], 0.0)))
    return EventType(code, event, mode, cameo_quad(code), intensity)


@dataclass(frozen=True)
class Trigger:
    start: int
    end: int
    cameo: str
    reciprocal: bool
    text: str


def find_triggers(sentence: str) -> list[Trigger]:
    """Trigger phrases in ``sentence``, left to right; overlapping matches keep the earliest, longest one."""
    hits = []
    for rx, code, recip in _COMPILED:
        for m in rx.finditer(sentence):
            hits.append(Trigger(m.start(), m.end(), code, recip, m.group()))
    hits.sort(key=lambda t: (t.start, -(t.end - t.start)))
    out: list[Trigger] = []
    for t in hits:
        if out and t.start < out[-1].end:
            continue
        out.append(t)
    return out


def domains(text: str) -> list[str]:
    """Policy domains named in ``text``, in order of first mention (keyword lists in :data:`DOMAINS`)."""
    found = []
    for d, rx in _DOMAIN_RE.items():
        m = rx.search(text)
        if m:
            found.append((m.start(), d))
    return [d for _, d in sorted(found)]


def modality(clause_before: str, clause: str, doc_year: int | None) -> tuple[str, str | None]:
    """Modality of an event and, for historical events, its year (see module docstring for the rules)."""
    if _PRESCRIPTIVE.search(clause_before) or re.match(r"\s*(?:there is a need|we need)", clause, re.I):
        return "prescriptive", None
    if _NEGATED.search(clause_before):
        return "negated", None
    if _HYPOTHETICAL.search(clause_before):
        return "hypothetical", None
    if _PLANNED.search(clause_before):
        return "planned", None
    y = _YEAR.search(clause)
    if y and _PAST.search(clause):
        year = int(y.group(1))
        if doc_year is None or year < doc_year:
            return "historical", str(year)
    return "asserted", None


def event_date(sentence: str, doc_date: str | None, historical_year: str | None) -> str | None:
    """The event's own date if the sentence gives one (day or year precision), else the document date."""
    m = _FULL_DATE.search(sentence)
    if m:
        return f"{int(m.group(3)):04d}-{MONTHS[m.group(1)]:02d}-{int(m.group(2)):02d}"
    if historical_year:
        return historical_year
    return doc_date
