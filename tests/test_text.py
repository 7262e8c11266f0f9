"""Event extraction (issues 5 and 11): chrome, sentences and list items, actors and the document's actor
model, syntactic roles, nominal events, event types, modality, bad input, store, the frozen dev/held-out
evaluation, CLI."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from amity.text import actors, events
from amity.text.extract import COLUMNS, extract, extract_events
from amity.text.sentences import article_sentences

pytestmark = pytest.mark.needs_data

GOLD = Path(__file__).parent / "gold"
CORPUS_GOLD = GOLD / "wh-corpus"


@pytest.fixture(scope="session")
def seed(mirror) -> Path:
    return mirror / "articles" / "seed-us-india-strategic-convergence.txt"


@pytest.fixture(scope="session")
def seed_events(seed):
    return extract([seed], quiet=True)


def test_chrome_is_dropped_and_offsets_point_into_the_file(seed):
    text = seed.read_text(encoding="utf-8")
    sentences, chrome = article_sentences(text)
    joined = " ".join(s.text for s in sentences)
    for junk in ("Also read", "Please enter your", "Image courtesy"):
        assert junk not in joined
        assert any(junk in text[a:b] for a, b in chrome)
    for s in sentences:
        assert " ".join(text[s.start:s.end].split()) == s.text


def test_seed_events_have_the_issue_schema_and_no_chrome(seed, seed_events):
    assert list(seed_events.columns) == COLUMNS
    text = seed.read_text(encoding="utf-8")
    for r in seed_events.itertuples():
        assert "Also read" not in text[r.char_start:r.char_end]
        assert r.doc == str(seed)
        assert r.event in events.EVENT_TYPES and r.modality in events.MODALITIES


def test_seed_historical_prescriptive_and_office_holders(seed_events):
    # "The partnership between both the states reached a breakthrough when in 2006, both the countries
    # concluded a civil nuclear deal": the deal (SUPPORT) and the partnership it names (COOPERATE), both of 2006
    sentence = seed_events[seed_events.sentence.str.contains("civil nuclear deal")]
    assert sorted(sentence.event) == ["COOPERATE", "SUPPORT"]
    assert (sentence.modality == "historical").all() and (sentence.date == "2006").all()
    assert all(set(source) == {"USA", "IND"} for source in sentence.source)
    advice = seed_events[seed_events.sentence.str.contains("should")]
    assert len(advice) and (advice.modality == "prescriptive").all()
    meeting = seed_events[seed_events.sentence.str.contains("Rajnath Singh")].iloc[0]
    assert meeting.event == "CONSULT" and meeting.source == ["IND"] and meeting.target == ["USA"]
    assert "Rajnath Singh" in meeting.actors_text


def test_people_are_resolved_as_of_the_date():
    assert actors.person_state("Rajnath Singh", "2022-04-11") == "IND"
    assert actors.person_state("Anthony Blinken", "2022-04-11") == "USA"
    assert actors.person_state("Manmohan Singh", "2006-03-02") == "IND"  # from CountryInfo/Phoenix
    assert actors.person_state("Nobody Atall") is None


def test_countryinfo_dates_invalid_days_and_open_ends():
    assert actors._yyyymmdd("20040931") == "2004-09-30"
    assert actors._yyyymmdd("20161201") is None
    assert actors._tabari_date("040522") == "2004-05-22"
    assert actors._tabari_date("500101") == "1950-01-01"


def test_grouping_membership_is_dated():
    assert "IND" in actors.members("QUAD", "2021-03-12")
    assert "IND" not in actors.members("AUKUS", "2021-09-15")
    assert "FIN" not in actors.members("NATO", "2022-06-01")
    assert "FIN" in actors.members("NATO", "2023-06-01")
    assert "GBR" not in actors.members("EU", "2021-01-01")
    assert actors.expand(["QUAD", "PAK"], "2022-05-24") == ["AUS", "IND", "JPN", "USA", "PAK"]


def test_capitals_demonyms_and_places():
    codes = lambda s: [m.codes for m in actors.find_mentions(s)]  # noqa: E731
    assert codes("Islamabad rejected the claim by New Delhi.") == [("PAK",), ("IND",)]
    assert codes("The talks were held in Washington.") == []
    assert codes("Indian missile misfire") == []
    assert codes("Chinese troops crossed the line") == [("CHN",)]


def test_event_types_come_from_plover_and_goldstein_tables():
    sign = events.event_type("057")  # sign formal agreement
    assert (sign.event, sign.quad, sign.intensity) == ("SUPPORT", 1, 8.0)
    attack = events.event_type("190")
    assert (attack.event, attack.quad, attack.intensity) == ("ASSAULT", 4, -10.0)
    assert events.event_type("020").event == "REQUEST" and events.event_type("020").quad == 0
    assert [events.cameo_quad(c) for c in ("010", "036", "061", "112", "145")] == [0, 1, 2, 3, 4]


@pytest.mark.parametrize("sentence, modality", [
    ("India should impose sanctions on Pakistan.", "prescriptive"),
    ("India imposed sanctions on Pakistan.", "asserted"),
    ("India might impose sanctions on Pakistan.", "hypothetical"),
    ("India will impose sanctions on Pakistan.", "planned"),
    ("India did not criticize Russia.", "negated"),
])
def test_modality(sentence, modality):
    df = extract_events(sentence, date="2022-01-01")
    assert len(df) == 1 and df.modality.iloc[0] == modality
    assert df.source.iloc[0] != df.target.iloc[0]


def test_compound_actor_resolves_to_last_pair():
    df = extract_events("The United States and India held talks on trade. Both countries signed a trade agreement.",
                        date="2023-06-22")
    signed = df[df.event == "SUPPORT"].iloc[0]
    assert set(signed.source) == {"USA", "IND"} and signed.date == "2023-06-22"


def test_bad_documents_are_reported_and_the_batch_goes_on(tmp_path, seed):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "french.txt").write_text("Le gouvernement français a annoncé une nouvelle politique étrangère "
                                         "pour la région avec des partenaires européens aujourd'hui.")
    (tmp_path / "latin1.txt").write_bytes("Pakistan’s minister".encode()[:3] + b"\xe9\xff caf\xe9")
    big = tmp_path / "big.html"
    big.write_text("<html><body>" + "<p>x</p>" * 2000 + "</body></html>")
    df = extract([tmp_path / n for n in ("empty.txt", "binary.txt", "french.txt", "latin1.txt")] + [big, seed],
                 quiet=True, max_bytes=10_000)
    errors = df.attrs["errors"]
    assert len(errors) == 5
    assert any("empty" in e for e in errors) and any("binary" in e for e in errors)
    assert any("English" in e for e in errors) and any("UTF-8" in e for e in errors)
    assert any("limit" in e for e in errors)
    assert (df.doc == str(seed)).all() and len(df) > 5


def test_the_english_check_reads_prose_not_names_or_markup(mirror):
    from amity.text.ingest import DocumentError, read_document

    corpus = mirror / "articles" / "whitehouse-corpus"
    # a readout whose prose ends in a long list of officials' names and titles is English
    newdeal = next(corpus.glob("*/2023-11/2023-11-16-readout-of-senior-leadership-meeting-with-newdeal*"))
    assert read_document(str(newdeal))
    # a statement that is only images of a scanned page has no text to read, which is what it is refused for
    with pytest.raises(DocumentError, match="only images"):
        read_document(str(next(corpus.glob("*/2025-04/2025-04-13-memorandum-from-the-white-house-physician.md"))))
    # the Spanish and French versions of the Los Angeles Declaration are not English
    for name in ("*/2022-06/2022-06-10-declaracion-sobre-migracion*", "*/2022-06/2022-06-11-declaration-de-los*"):
        with pytest.raises(DocumentError, match="does not look like English"):
            read_document(str(next(corpus.glob(name))))


def test_html_page_chrome_removed_by_trafilatura(tmp_path):
    html = ("<html><head><title>t</title></head><body><nav><a href='/'>Home</a> India attacked Pakistan</nav>"
            "<article><h1>Talks</h1><p>Indian Prime Minister Narendra Modi met Japanese Prime Minister Fumio "
            "Kishida in Tokyo on Monday to discuss trade and security in the region.</p>"
            "<p>The two leaders agreed to expand defence cooperation between their countries.</p></article>"
            "<div class='comments'><p>Please enter your comment! China attacked Japan.</p></div></body></html>")
    page = tmp_path / "page.html"
    page.write_text(html)
    df = extract([page], quiet=True)
    assert len(df) >= 1
    assert not (df.event == "ASSAULT").any()
    assert {"IND", "JPN"} <= set(df.source.iloc[0]) | set(df.target.iloc[0])


def test_rss_feed_entries_become_documents(tmp_path):
    feed = tmp_path / "news.rss"
    feed.write_text("""<?xml version="1.0"?><rss version="2.0"><channel><title>n</title>
      <item><title>Russia and China sign energy agreement</title><pubDate>Tue, 21 May 2024 10:00:00 GMT</pubDate>
      <description>Russia and China signed a long-term gas supply agreement in Beijing on Tuesday.</description></item>
      </channel></rss>""")
    df = extract([feed], quiet=True)
    assert len(df) >= 1 and df.doc.iloc[0] == f"{feed}#0"
    assert set(df.source.iloc[0]) == {"RUS", "CHN"} and df.date.iloc[0] == "2024-05-21"


def test_store_reingest_does_not_duplicate(seed):
    from amity.text.store import stored_events

    first = extract([seed], store=True, quiet=True)
    extract([seed], store=True, quiet=True)
    stored = stored_events(str(seed))
    assert len(stored) == len(first) > 0
    assert stored.doc_sha256.nunique() == 1 and stored.extractor.str.startswith("amity").all()


def _totals(gold) -> tuple:
    from amity.text.evalscore import evaluate

    scores = evaluate([gold])
    return scores, scores[scores.doc == "TOTAL"].set_index("metric")


def test_development_gold_scores_do_not_regress():
    # The 9 development documents (seed op-ed + 8 statements) were tuned on: a regression floor, not a
    # measure of generalisation (that is the held-out test below).
    scores, total = _totals(GOLD)
    assert total.loc["pair_polarity", "precision"] >= 0.8 and total.loc["pair_polarity", "recall"] >= 0.8
    assert (scores.chrome_events == 0).all() and (scores.advice_as_event == 0).all()


@pytest.mark.parametrize("split, precision, recall", [
    ("dev", 0.9, 0.75), ("dev2", 0.85, 0.75), ("heldout", 0.82, 0.65), ("dev4", 0.9, 0.75), ("dev5", 0.75, 0.72),
    ("dev6", 0.85, 0.68), ("dev7", 0.8, 0.63), ("dev8", 0.8, 0.6), ("dev9", 0.85, 0.75),
    ("dev10", 0.9, 0.57)])
def test_corpus_development_scores_do_not_regress(split, precision, recall):
    # Floors a little under the scores of the shipped extractor on the samples it was tuned on (the
    # first held-out half became development material once it had been used to reject a round; see
    # docs/text.md): regressions, not a measure of generalisation (that is heldout2–12).
    scores, total = _totals(CORPUS_GOLD / split)
    assert total.loc["pair_polarity", "precision"] >= precision and total.loc["pair_polarity", "recall"] >= recall
    assert (scores.chrome_events == 0).all() and (scores.advice_as_event == 0).all()


HELD_OUT_SPLITS = ["heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9",
                   "heldout10", "heldout11", "heldout12"]


@functools.cache
def _held_out_totals(split: str) -> tuple:
    return _totals(CORPUS_GOLD / split)


@pytest.mark.parametrize("split", [*HELD_OUT_SPLITS, "val"])
def test_heldout_has_no_chrome_events_and_no_advice_read_as_fact(split):
    # Aggregates only: the held-out (and validation) errors are never looked at. Their precision/recall are
    # reported in docs/text.md beside dev; the recall target (R >= 0.7) is not reached there.
    scores, total = _held_out_totals(split)
    assert scores.chrome_events.sum() == 0 and scores.advice_as_event.sum() == 0
    assert total.loc["pair_polarity", "tp"] > 0


def test_the_held_out_scores_the_report_quotes_are_the_shipped_extractors():
    from amity.text.evalscore import HELD_OUT

    tp, fp, fn = (sum(_held_out_totals(s)[1].loc["pair_polarity", k] for s in HELD_OUT_SPLITS)
                  for k in ("tp", "fp", "fn"))
    assert tp + fn == HELD_OUT["gold_pairs"]
    assert round(tp / (tp + fp), 3) == HELD_OUT["precision"] and round(tp / (tp + fn), 3) == HELD_OUT["recall"]


def test_frozen_sample_reproduces_from_the_mirror_and_pins_each_document(mirror):
    import hashlib
    import importlib.util

    spec = importlib.util.spec_from_file_location("draw_sample", CORPUS_GOLD / "draw_sample.py")
    draw = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(draw)
    rows = draw.draw(mirror)
    assert draw.to_tsv(rows) == (CORPUS_GOLD / "sample.tsv").read_text(encoding="utf-8")
    assert len(rows) >= 40 and sum(r["split"] == "heldout" for r in rows) == len(rows) // 2
    assert {r["year"] for r in rows} == set(range(2021, 2027))
    development = {p.name for p in (mirror / "articles" / "whitehouse").iterdir()}
    assert not {r["path"].rsplit("/", 1)[-1] for r in rows} & development
    golds = [json.loads(f.read_text()) for split in ("dev", "heldout") for f in (CORPUS_GOLD / split).glob("*.json")]
    assert sorted(g["doc"] for g in golds) == sorted(r["path"] for r in rows)
    for g in golds[:5]:
        assert hashlib.sha256((mirror / g["doc"]).read_bytes()).hexdigest() == g["sha256"]
    # the second development sample: same strata, its own seed, none of the first 48 documents
    dev2 = draw.draw_later(mirror, "dev2")
    assert draw.to_tsv(dev2) == (CORPUS_GOLD / "sample-dev2.tsv").read_text(encoding="utf-8")
    assert len(dev2) == 24 and {r["year"] for r in dev2} == set(range(2021, 2027))
    assert not {r["path"] for r in dev2} & {r["path"] for r in rows}
    assert not {r["path"].rsplit("/", 1)[-1] for r in dev2} & development
    golds2 = [json.loads(f.read_text()) for f in (CORPUS_GOLD / "dev2").glob("*.json")]
    assert sorted(g["doc"] for g in golds2) == sorted(r["path"] for r in dev2)
    assert all(hashlib.sha256((mirror / g["doc"]).read_bytes()).hexdigest() == g["sha256"] for g in golds2)
    # the fresh held-out sample: same strata, its own seed, none of the 48 + 24 documents drawn before it
    held2 = draw.draw_later(mirror, "heldout2")
    assert draw.to_tsv(held2) == (CORPUS_GOLD / "sample-heldout2.tsv").read_text(encoding="utf-8")
    assert len(held2) == 24 and {r["year"] for r in held2} == set(range(2021, 2027))
    assert not {r["path"] for r in held2} & ({r["path"] for r in rows} | {r["path"] for r in dev2})
    assert not {r["path"].rsplit("/", 1)[-1] for r in held2} & development
    golds3 = [json.loads(f.read_text()) for f in (CORPUS_GOLD / "heldout2").glob("*.json")]
    assert sorted(g["doc"] for g in golds3) == sorted(r["path"] for r in held2)
    assert all(g["split"] == "heldout2" for g in golds3)
    assert all(hashlib.sha256((mirror / g["doc"]).read_bytes()).hexdigest() == g["sha256"] for g in golds3)
    # drawn once heldout2 had been scored: a third held-out sample and a fourth development one, then a
    # fourth held-out sample once those had been scored, then a fifth one, a large development sample and a
    # validation sample, each from what the earlier ones left
    earlier = {r["path"] for r in rows} | {r["path"] for r in dev2} | {r["path"] for r in held2}
    for split, n in (("heldout3", 24), ("dev4", 12), ("heldout4", 24), ("heldout5", 24), ("dev5", 92), ("val", 44),
                     ("heldout6", 22), ("dev6", 44), ("heldout7", 22), ("dev7", 44), ("heldout8", 22),
                     ("heldout9", 22), ("heldout10", 22), ("dev8", 40), ("heldout11", 20), ("dev9", 38),
                     ("heldout12", 19), ("dev10", 37)):
        drawn = draw.draw_later(mirror, split)
        assert draw.to_tsv(drawn) == (CORPUS_GOLD / f"sample-{split}.tsv").read_text(encoding="utf-8")
        assert len(drawn) == n and {r["year"] for r in drawn} == set(range(2021, 2027))
        assert not {r["path"] for r in drawn} & earlier
        golds = [json.loads(f.read_text()) for f in (CORPUS_GOLD / split).glob("*.json")]
        assert sorted(g["doc"] for g in golds) == sorted(r["path"] for r in drawn)
        assert all(g["split"] == split for g in golds)
        assert all(hashlib.sha256((mirror / g["doc"]).read_bytes()).hexdigest() == g["sha256"] for g in golds)
        earlier |= {r["path"] for r in drawn}


def test_two_hand_annotations_are_scored_against_each_other_in_the_extractor_units(mirror):
    from amity.text.evalscore import GoldFormatError, agreement

    first, second = CORPUS_GOLD / "dev2", CORPUS_GOLD / "agreement" / "dev2"
    ab = agreement([first], [second]).query("doc == 'TOTAL'").set_index("metric")
    ba = agreement([second], [first]).query("doc == 'TOTAL'").set_index("metric")
    # symmetric: what one annotator has and the other lacks swaps sides, F1 stays
    assert (ab.tp == ba.tp).all() and (ab.fp == ba.fn).all() and (ab.fn == ba.fp).all()
    assert ab.loc["pair_polarity", "f1"] == ba.loc["pair_polarity", "f1"]
    # two people coding the same 24 statements by docs/text.md agree far above the extractor's held-out F1
    assert ab.loc["pair_polarity", "f1"] > 0.8 and ab.loc["pair_event", "f1"] < ab.loc["pair_polarity", "f1"]
    same = agreement([first], [first]).query("doc == 'TOTAL'")
    assert (same.f1 == 1.0).all() and (same.fp == 0).all()
    with pytest.raises(GoldFormatError, match="share no document"):
        agreement([first], [CORPUS_GOLD / "dev"])


def test_changed_document_is_refused_by_the_eval(tmp_path, mirror):
    from amity.text.evalscore import GoldFormatError, evaluate

    gold = json.loads(next((CORPUS_GOLD / "dev").glob("*.json")).read_text())
    gold["sha256"] = "0" * 64
    f = tmp_path / "g.json"
    f.write_text(json.dumps(gold))
    with pytest.raises(GoldFormatError, match="sha256"):
        evaluate([f])


def _statement(title: str, body: str, date: str = "2023-01-05") -> str:
    """A White House statement as the corpus stores it (YAML front matter, then the body)."""
    return (f"---\ntitle: \"{title}\"\ndate: {date}\nsource_url: https://bidenwhitehouse.archives.gov/x/\n"
            f"---\n\n{body}\n")


def test_document_actor_model_learns_people_officials_and_organisation_officers():
    # a head of government the dictionaries date wrongly is learned from the title, then by surname
    df = extract_events(_statement(
        "Call between the President Joe Biden and the Chancellor of the Federal Republic of Germany Olaf Scholz",
        "President Biden and Chancellor Scholz affirmed their intention to further support Ukraine’s urgent "
        "requirement for air defense capabilities. Germany will join the United States in supplying an "
        "additional Patriot air defense battery to Ukraine."))
    got = {(tuple(sorted(r.source)), tuple(r.target)) for r in df.itertuples()}
    assert got == {(("DEU", "USA"), ("UKR",))}  # a commitment to Ukraine, not between the two of them
    # the author's officials by office; "the delegation" is the one mentioned before
    df = extract_events(_statement("Readout of Homeland Security Advisor Dr. Liz Sherwood-Randall’s visit to Kosovo",
                                   "Assistant to the President for Homeland Security Dr. Liz Sherwood-Randall led a "
                                   "U.S. delegation to Pristina, Kosovo. The delegation met with Prime Minister "
                                   "Albin Kurti.", "2022-03-19"))
    assert [(r.source, r.target, r.event) for r in df.itertuples()] == [
        (["USA"], ["XKX"], "CONSULT"), (["USA"], ["XKX"], "CONSULT")]
    # an organisation's officer speaks for it, not for the state he once led; an envoy for X is not X's
    df = extract_events(_statement("Call with Secretary General Jens Stoltenberg of NATO",
                                   "President Biden spoke today with Secretary General Jens Stoltenberg of the "
                                   "North Atlantic Treaty Organization (NATO).", "2021-01-26"))
    assert [(r.source, r.target) for r in df.itertuples()] == [(["USA"], ["NATO"])]
    df = extract_events(_statement("Meeting with Christian Schmidt, High Representative for Bosnia and Herzegovina",
                                   "National Security Advisor Jake Sullivan met today with High Representative for "
                                   "Bosnia and Herzegovina Christian Schmidt.", "2021-11-22"))
    assert df.empty


def test_who_we_are_who_took_part_and_what_a_heading_is(mirror):
    releases = mirror / "articles" / "whitehouse-corpus" / "statements-releases"
    # "We, the governments of Australia, Canada, Costa Rica, …, and the United States, recognize …" names "we"
    spyware = releases / "2023-03" / ("2023-03-30-joint-statement-on-efforts-to-counter-the-proliferation-and-"
                                      "misuse-of-commercial-spyware.md")
    df = extract([spyware], quiet=True)
    signatories = {"AUS", "CAN", "CRI", "DNK", "FRA", "NZL", "NOR", "SWE", "CHE", "GBR", "USA"}
    assert any(set(r.source) == set(r.target) == signatories for r in df.itertuples())
    # a bold line that opens a paragraph is a section title, not the start of its first sentence
    japan = mirror / "articles" / "whitehouse-corpus" / "briefings-statements" / "2025-02" / \
        "2025-02-07-united-states-japan-joint-leaders-statement.md"
    text = japan.read_text(encoding="utf-8")
    sentences, chrome = article_sentences(text)
    assert sentences[1].text.startswith("The two leaders expressed")
    assert any("Cooperation for Peace" in text[a:b] for a, b in chrome)
    # a title's topic is no party; "the meeting included: …" lists who took part, and "they" are those
    title = ("Readout of Vice President Kamala Harris’s Meeting with Indo-Pacific Leaders on DPRK’s Ballistic "
             "Missile Launch")
    df = extract_events(_statement(
        title,
        "In addition to the Vice President, the meeting included: Prime Minister Kishida of Japan, Prime Minister "
        "Albanese of Australia, and Prime Minister Trudeau of Canada. They met to consult closely on the DPRK’s "
        "test of a long-range ballistic missile earlier today.", "2022-11-18"))
    assert [(set(r.source), r.event) for r in df.itertuples()] == [({"USA", "JPN", "AUS", "CAN"}, "CONSULT")] * 2
    # a name's role in apposition gives its state; a state's own security council is not the UN's
    df = extract_events("National Security Advisor Jake Sullivan spoke today with Dr. Ibrahim Kalin, Spokesperson "
                        "and Chief Advisor to the President of Turkey. Mr. Sullivan thanked Dr. Kalin.",
                        date="2021-10-27")
    assert [(r.source, r.target) for r in df.itertuples()] == [(["USA"], ["TUR"])] * 2
    df = extract_events("National Security Advisor Jake Sullivan spoke today with General Nikolay Patrushev, "
                        "Secretary of the Russian Security Council.", date="2022-03-16")
    assert [(r.source, r.target) for r in df.itertuples()] == [(["USA"], ["RUS"])]
    # … but "We, the Principals of Australia, India, …" is no one named "We" of Australia
    df = extract_events(_statement("Quad Senior Cyber Group Joint Cybersecurity Statement",
                                   "We, the Principals of Australia, India, Japan and the United States of the Quad "
                                   "Senior Cyber Group met in New Delhi. We reaffirm our commitment to working "
                                   "together.", "2023-02-02"))
    assert len(df) == 2 and all(set(r.source) == {"AUS", "IND", "JPN", "USA"} for r in df.itertuples())


def test_criticism_targets_the_doer_and_talks_are_not_their_topics():
    df = extract_events("President Biden raised concerns regarding the threats posed by the Democratic People’s "
                        "Republic of Korea, and he condemned Russia’s brutal and unjust war against Ukraine.",
                        date="2022-11-13")
    got = {(tuple(r.source), tuple(r.target), r.quad) for r in df.itertuples()}
    assert got == {(("USA",), ("PRK",), 3), (("USA",), ("RUS",), 3), (("RUS",), ("UKR",), 4)}
    df = extract_events("The Presidents of France and the United States discussed options to do more to support "
                        "Ukraine.", date="2024-06-08")
    assert df.event.tolist() == ["CONSULT"] and set(df.source.iloc[0]) == {"FRA", "USA"}


def _pairs(df) -> set[tuple]:
    return {(tuple(sorted(r.source)), tuple(sorted(r.target)), r.event) for r in df.itertuples()}


def test_an_organisation_is_one_actor_and_only_informal_groupings_stand_for_their_members():
    # "ASEAN leaders" are ASEAN, not ten states acting on each other (45 pairs); "the Quad leaders" are
    # the Quad's four members
    df = extract_events(_statement("Statement on the President's travel",
                                   "The President met with ASEAN leaders at the White House.", "2022-06-14"))
    assert _pairs(df) == {(("USA",), ("ASEAN",), "CONSULT")}
    df = extract_events("The Quad leaders met in Tokyo.", date="2022-05-24")
    assert _pairs(df) == {(("AUS", "IND", "JPN", "USA"), ("AUS", "IND", "JPN", "USA"), "CONSULT")}


def test_thanks_tariffs_and_attacks_read_from_their_words():
    df = extract_events(_statement("Statement from President Joe Biden",
                                   "I give special thanks to the Emir of Qatar, and to the Sultan of Oman. "
                                   "We will continue to impose costs on Iran. The President imposed a 25 percent "
                                   "tariff on imports from Canada and Mexico."))
    assert _pairs(df) == {(("USA",), ("OMN", "QAT"), "SUPPORT"), (("USA",), ("IRN",), "COERCE"),
                          (("USA",), ("CAN", "MEX"), "COERCE")}
    # a demonym before an attack noun is the attacker; the defender is who holds against it
    df = extract_events("American soldiers held the line against ferocious assaults from North Korean and "
                        "Chinese combatants.", date="2025-07-27")
    assert _pairs(df) == {(("CHN", "PRK"), ("USA",), "ASSAULT")}
    df = extract_events("The North Korean People's Army crossed the 38th parallel in a full-scale invasion of "
                        "South Korea.", date="2025-07-27")
    assert _pairs(df) == {(("PRK",), ("KOR",), "ASSAULT")}


def test_commitments_to_values_and_things_owned_are_no_events():
    df = extract_events("The leaders underscore their unwavering commitment to freedom of navigation in the "
                        "South China Sea. Ireland’s investment in the United States supported 336,400 jobs.",
                        date="2023-05-01")
    assert df.empty
    df = extract_events("The United States and India reaffirmed their commitment to deepen defense cooperation. "
                        "The Vice President emphasized the United States’ unwavering commitment to Israel’s "
                        "security.", date="2023-05-01")
    assert _pairs(df) == {(("IND", "USA"), ("IND", "USA"), "AGREE"), (("USA",), ("ISR",), "AGREE")}


def test_office_holders_after_the_dictionaries_end():
    # Phoenix and CountryInfo end about 2016; later heads of government come from the curated list
    df = extract_events("President Biden and Chancellor Scholz exchanged views on the war. President Biden spoke "
                        "with His Holiness Pope Francis.", date="2023-06-01")
    assert _pairs(df) == {(("DEU", "USA"), ("DEU", "USA"), "CONSULT"), (("USA",), ("VAT",), "CONSULT")}
    # one person, two offices: the date decides which actor he is
    assert extract_events("President Biden met Mark Rutte.", date="2023-06-01").target.tolist() == [["NLD"]]
    assert extract_events("President Trump met Mark Rutte.", date="2025-06-01").target.tolist() == [["NATO"]]


def test_who_acts_on_whom_comes_from_the_parse():
    df = extract_events("If China attacks Taiwan, the United States would respond.", date="2023-01-01")
    assert df[["source", "target", "modality"]].values.tolist() == [[["CHN"], ["TWN"], "hypothetical"]]
    df = extract_events("Vice President Kamala Harris spoke today by phone with Prime Minister Benjamin "
                        "Netanyahu of Israel.", date="2021-03-04")
    assert (df.source.iloc[0], df.target.iloc[0], df.event.iloc[0]) == (["USA"], ["ISR"], "CONSULT")
    # a topic of talks is not a party to them
    df = extract_events("The United States and Japan discussed the war in Ukraine.", date="2023-01-01")
    assert len(df) == 1 and set(df.source.iloc[0]) == set(df.target.iloc[0]) == {"USA", "JPN"}


def test_nominal_events_arms_purchase_and_sanctions_law():
    df = extract_events("India’s purchase of Russian-made S400 missile defense systems has exposed it to sanctions "
                        "against India under the Countering America’s Adversaries Through Sanctions Act.",
                        date="2022-01-01")
    got = {(tuple(r.source), tuple(r.target), r.quad) for r in df.itertuples()}
    assert (("RUS",), ("IND",), 2) in got  # an arms transfer Russia -> India (material cooperation)
    assert (("USA",), ("IND",), 4) in got  # a US law: the US sanctions India
    df = extract_events("For the US and India, the close strategic partnership between Pakistan and China is a "
                        "major concern.", date="2022-01-01")
    assert {frozenset(r.source) | frozenset(r.target) for r in df.itertuples() if r.event == "COOPERATE"} == {
        frozenset({"PAK", "CHN"})}


def test_modality_from_syntax_advice_stays_advice_when_negated():
    df = extract_events("India should not impose sanctions on Pakistan.", date="2022-01-01")
    assert df.modality.tolist() == ["prescriptive"]


def test_document_actor_model_marks_inherited_actors():
    text = ("---\ndate: '2023-05-15'\nsource_url: https://www.whitehouse.gov/briefing-room/x/\n"
            "title: Readout of a Call with President Ali Bongo Ondimba of Gabon\n---\n\n"
            "The National Security Advisor spoke by phone today with President Ali Bongo Ondimba of Gabon. "
            "They discussed regional security. He thanked President Bongo for his leadership on climate.\n")
    df = extract_events(text)
    assert set(map(tuple, df.source)) | set(map(tuple, df.target)) <= {("USA",), ("GAB",), ("USA", "GAB"),
                                                                       ("GAB", "USA")}
    talks = df[df.sentence.str.startswith("They")].iloc[0]
    assert set(talks.source) == {"USA", "GAB"} and "previous sentence" in talks.actors_from
    first = df.iloc[0]
    assert first.source == ["USA"] and "author" in first.actors_from  # "the National Security Advisor"
    thanks = df[df.sentence.str.contains("thanked")].iloc[0]
    assert thanks.target == ["GAB"]  # "President Bongo", learned from "… Ondimba of Gabon"


def test_indented_list_items_are_sentences_of_their_own(mirror):
    aukus = (mirror / "articles" / "whitehouse-corpus" / "statements-releases" / "2023-03" /
             "2023-03-13-fact-sheet-trilateral-australia-uk-us-partnership-on-nuclear-powered-submarines.md")
    df = extract([aukus], quiet=True)
    sale = df[df.sentence.str.contains("intends to sell Australia three Virginia class submarines")]
    assert len(sale) and sale.source.iloc[0] == ["USA"] and sale.target.iloc[0] == ["AUS"]
    assert not df.sentence.str.contains("Sale of U.S. Virginia Class Submarines. Beginning").any()
    text = "Intro sentence that is long enough.\n\n- the first item has more than six words\n  wrapped here\nNext."
    items = [s.text for s in article_sentences(text)[0]]
    assert "the first item has more than six words wrapped here" in items


def test_gold_files_hold_offsets_and_short_quotes_only():
    for f in GOLD.glob("*.json"):
        gold = json.loads(f.read_text())
        assert gold["format"] == "amity-events-gold/1"
        assert all(len(e["quote"]) <= 80 for e in gold["events"])


def test_cli_extract_jsonl_and_eval(seed):
    from amity.cli import app

    res = CliRunner().invoke(app, ["extract", str(seed)])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.stdout.splitlines() if line.startswith("{")]
    assert rows and list(rows[0]) == COLUMNS
    res = CliRunner().invoke(app, ["eval", "events", "--gold", str(GOLD / "seed-us-india-strategic-convergence.json"),
                                   "--format", "csv"])
    assert res.exit_code == 0 and "pair_event" in res.stdout


def test_without_a_parser_the_linear_rules_still_extract(monkeypatch):
    from amity.text import syntax

    monkeypatch.setattr(syntax, "parser", lambda: None)
    df = extract_events("India imposed sanctions on Pakistan.", date="2022-01-01")
    assert df[["source", "target", "event"]].values.tolist() == [[["IND"], ["PAK"], "COERCE"]]


def test_wars_seizures_and_their_victims_named_in_nouns():
    pairs = lambda text, date="2024-03-11": _pairs(extract_events(text, date=date))  # noqa: E731
    assert (("RUS",), ("UKR",), "ASSAULT") in pairs(
        "They condemned Putin’s brutal invasion and illegal war against Ukraine.")
    # seizing territory is CAMEO 192 (PLOVER COERCE); "Ukrainian territory" and "the Crimea region of
    # Ukraine" are Ukraine's
    assert (("RUS",), ("UKR",), "COERCE") in pairs(
        "The leaders reiterated their condemnation of Russia’s attempted annexation of Ukrainian territory.")
    assert pairs("The President issued Executive Order 13685 to address the Russian occupation of the Crimea "
                 "region of Ukraine.") == {(("RUS",), ("UKR",), "COERCE")}
    # who defends is whom the attack hits, also when a pronoun says so
    assert (("RUS",), ("UKR",), "ASSAULT") in pairs(
        "The leaders discussed support for Ukraine as it defends itself against Russia’s brutal aggression.")
    assert pairs("Russia is waging a war not just against the Ukrainian military, but also against the "
                 "Ukrainian people.") == {(("RUS",), ("UKR",), "ASSAULT")}


def test_aid_measured_in_amounts_and_aid_in_a_bilateral_readout():
    assert _pairs(extract_events("The United States has provided a historic amount of security assistance to "
                                 "Ukraine at rapid speed.", date="2022-05-06")) == {(("USA",), ("UKR",), "AID")}
    assert _pairs(extract_events("The United States provided $500 million to Ukraine.", date="2022-05-06")) == {
        (("USA",), ("UKR",), "AID")}
    df = extract_events(_statement("Readout of President Joseph R. Biden, Jr. Call with Prime Minister Narendra "
                                   "Modi of India", "In response, the United States is providing a range of "
                                   "emergency assistance, including oxygen-related supplies.", "2021-04-26"))
    assert _pairs(df) == {(("USA",), ("IND",), "AID")}


def test_leaders_named_alone_or_with_particles_and_the_ipef_partners():
    found = lambda text, date: [(m.codes, m.kind) for m in actors.find_mentions(text, date)]  # noqa: E731
    assert found("Putin’s war goes on.", "2024-02-24") == [(("RUS",), "person")]
    assert found("Austin is the capital of Texas.", "2023-01-01") == []  # a surname that is also a place
    assert found("Crown Prince Mohammed bin Salman hosted the talks.", "2025-03-25") == [(("SAU",), "person")]
    df = extract_events("The IPEF partners also agreed to establish the Agreement on the Indo-Pacific Economic "
                        "Framework for Prosperity.", date="2023-11-16")
    assert len(df.source.iloc[0]) == 14 and set(df.source.iloc[0]) == set(actors.members("IPEF", "2023-11-16"))
    assert "FJI" not in actors.members("IPEF", "2022-05-24")  # Fiji joined on 26 May 2022


def test_thanks_for_a_deed_joint_launches_and_diplomatic_relations():
    df = extract_events(_statement("Readout of Vice President Harris’s Call with President Macron",
                                   "The Vice President thanked President Macron for his support of Ukraine.",
                                   "2025-01-08"))
    assert _pairs(df) == {(("USA",), ("FRA",), "SUPPORT"), (("FRA",), ("UKR",), "SUPPORT")}
    df = extract_events("The United States and European Union announced today the Global Methane Pledge.",
                        date="2021-09-18")
    assert _pairs(df) == {(("EU", "USA"), ("EU", "USA"), "COOPERATE")}
    df = extract_events(_statement("Statement from President Joe Biden", "The President announced new sanctions on "
                                   "Russia.", "2022-03-01"))
    assert _pairs(df) == {(("USA",), ("RUS",), "COERCE")}  # sanctions announced are sanctions, not a joint launch
    readout = "Readout of President Biden's Meeting with President Prabowo Subianto of Indonesia"
    df = extract_events(_statement(readout, "The two leaders commemorated 75 years of diplomatic relations.",
                                   "2024-11-12"))
    assert _pairs(df) == {(("IDN", "USA"), ("IDN", "USA"), "COOPERATE")}
    assert extract_events("President Biden also commented on U.S.-PRC relations.", date="2022-11-14").empty


def test_a_meeting_welcomed_is_a_meeting_and_an_instrument_title_is_no_event():
    df = extract_events(_statement("Readout of President Biden’s Call with Prime Minister Netanyahu of Israel",
                                   "The President welcomed the March 19 meeting in Sharm El Sheikh, Egypt, between "
                                   "senior officials from Israel, Egypt, Jordan, and the United States.",
                                   "2023-03-19"))
    parties = ("EGY", "ISR", "JOR", "USA")
    assert (parties, parties, "CONSULT") in _pairs(df)
    # … but the bond between two states that they discussed is a topic of their talk
    df = extract_events("The United States and Gabon discussed the close and enduring bond between the United "
                        "States and Gabon.", date="2023-05-15")
    assert _pairs(df) == {(("GAB", "USA"), ("GAB", "USA"), "CONSULT")}
    # "the President’s travel" is the author's; Northern Ireland is in the United Kingdom
    df = extract_events(_statement("Fact Sheet: Vice President Harris Launches New Initiatives",
                                   "The Vice President’s travel to the Philippines reaffirms the bilateral alliance.",
                                   "2022-11-20"))
    assert (("USA",), ("PHL",), "CONSULT") in _pairs(df)
    assert [m.codes for m in actors.find_mentions("the United Kingdom of Great Britain and Northern Ireland")] == [
        ("GBR",)]
    df = extract_events("The President transmits the text of an amendment to the Agreement Between the Government "
                        "of the United States of America and the Government of the United Kingdom for Cooperation "
                        "on the Uses of Atomic Energy.", date="2024-07-29")
    assert df.empty


def test_what_parties_do_jointly_or_alongside_one_another_is_cooperation():
    framework = "United States-Australia Framework for Securing of Supply of Critical Minerals"
    df = extract_events(_statement(framework, "The Participants will jointly identify projects of interest.",
                                   "2025-10-20"))
    assert _pairs(df) == {(("AUS", "USA"), ("AUS", "USA"), "COOPERATE")} and df.modality.tolist() == ["planned"]
    df = extract_events("Australian and American sailors fought alongside one another.", date="2026-05-04")
    assert _pairs(df) == {(("AUS", "USA"), ("AUS", "USA"), "COOPERATE")}
    # a partner named with "with" is still one the sentence does not name: no event among the subject's members
    assert extract_events("The United States and Japan will continue working with partners.",
                          date="2024-01-01").empty


def test_who_faces_coercion_and_nationals_detained_are_the_targets():
    df = extract_events("Mr. Sullivan reaffirmed strong U.S. support for Lithuania as it faces attempted coercion "
                        "from the People’s Republic of China.", date="2021-09-13")
    assert (("CHN",), ("LTU",), "COERCE") in _pairs(df)
    df = extract_events("The deal secured the release of three Americans unjustly detained by Russia.",
                        date="2024-10-22")
    assert (("RUS",), ("USA",), "COERCE") in _pairs(df)
    # a people named without a count is not its state ("hosting vulnerable Afghans")
    assert [m.codes for m in actors.find_mentions("Kosovo hosted vulnerable Afghans.", "2022-03-19")] == [("XKX",)]


def test_defeats_contributions_and_recognition():
    assert _pairs(extract_events("America’s defeat of Imperial Japan at the Battle of Guadalcanal is etched upon "
                                 "our national character.", date="2025-08-02")) == {(("USA",), ("JPN",), "ASSAULT")}
    assert extract_events("Japan’s defeat was total.", date="2025-08-02").empty  # whose defeat is not said
    assert (("BEL",), ("UKR",), "AID") in _pairs(extract_events(
        "President Biden will also recognize Belgium’s contributions to Ukraine’s defense.", date="2024-05-28"))
    df = extract_events(_statement("Presidential Message on the Anniversary of the Embassy Move",
                                   "We acknowledged Israel’s sovereignty over the Golan Heights.", "2025-12-06"))
    assert _pairs(df) == {(("USA",), ("ISR",), "SUPPORT")} and df.intensity.iloc[0] > 0


def test_intentions_toward_a_state_summits_attended_and_talks_where_they_are_held():
    df = extract_events("Switzerland intends to encourage and facilitate at least $200 billion of investment into "
                        "the United States over the next five years.", date="2025-11-14")
    assert _pairs(df) == {(("CHE",), ("USA",), "AGREE")}
    assert _pairs(extract_events("The Government of Colombia has agreed to all of President Trump’s terms.",
                                 date="2025-01-26")) == {(("COL",), ("USA",), "AGREE")}
    df = extract_events(_statement("Statement from President Joe Biden", "The United States will provide $20 billion "
                                   "in loans to Ukraine.", "2024-10-23"))
    assert _pairs(df) == {(("USA",), ("UKR",), "AID")}
    df = extract_events("President Joseph R. Biden, Jr. will attend the G7 Leaders’ Summit in Hiroshima.",
                        date="2023-04-25")
    assert _pairs(df) == {(("USA",), ("G7",), "CONSULT")} and df.modality.tolist() == ["planned"]
    df = extract_events(_statement("Statement by Press Secretary on the President’s Travel",
                                   "In Nigeria, the President will discuss maritime security.", "2021-10-16"))
    assert _pairs(df) == {(("USA",), ("NGA",), "CONSULT")}


def test_condolences_to_a_people_and_a_shared_desire():
    df = extract_events("The United States offers condolences to the people of Haiti.", date="2021-07-07")
    assert _pairs(df) == {(("USA",), ("HTI",), "SUPPORT")}  # the parser's dative "to" is followed to its object
    df = extract_events("Switzerland and Liechtenstein share a desire to make trade fairer.", date="2025-11-14")
    assert _pairs(df) == {(("CHE", "LIE"), ("CHE", "LIE"), "AGREE")}


def test_a_demonym_doer_a_commitment_to_defend_and_joint_bodies():
    # "condemned Russian aggression against Ukraine" is two events, like "condemned Russia's strikes": the
    # demonym names the noun's doer
    df = extract_events(_statement("Statement from President Joe Biden",
                                   "The President condemned Russian aggression against Ukraine.", "2023-04-13"))
    assert _pairs(df) == {(("USA",), ("RUS",), "ACCUSE"), (("RUS",), ("UKR",), "ASSAULT")}
    df = extract_events("The United States reaffirmed its commitment to defend Japan.", date="2023-04-13")
    assert _pairs(df) == {(("USA",), ("JPN",), "AGREE")}
    df = extract_events("The United States and the People’s Republic of China launched their bilateral "
                        "Counternarcotics Working Group.", date="2024-01-30")
    assert _pairs(df) == {(("CHN", "USA"), ("CHN", "USA"), "COOPERATE")}
    df = extract_events("United States military personnel continue to partner with the Government of Djibouti.",
                        date="2024-12-06")
    assert _pairs(df) == {(("USA",), ("DJI",), "COOPERATE")}
    df = extract_events("Mr. Sullivan lauded Sweden’s actions to protect its communications infrastructure.",
                        date="2021-04-13")
    assert _pairs(df) == {(("USA",), ("SWE",), "SUPPORT")}
    df = extract_events("The United States is providing an additional $53.7 million for the people of Haiti.",
                        date="2021-08-17")
    assert _pairs(df) == {(("USA",), ("HTI",), "AID")}
    df = extract_events("Mr. Sullivan restated the commitment to countering the continued threats posed by Iran to "
                        "Israel.", date="2023-02-08")
    assert (("IRN",), ("ISR",), "THREATEN") in _pairs(df)  # a threat posed by X to Y


def test_the_two_or_the_three_officials_of_a_readout_are_its_parties():
    title = "Readout of National Security Advisor Jake Sullivan’s Meeting with Swedish National Security Advisor"
    df = extract_events(_statement(title, "The two discussed their shared concerns over the war.", "2021-04-13"))
    assert _pairs(df) == {(("SWE", "USA"), ("SWE", "USA"), "CONSULT")}


def test_a_hostile_act_is_its_doers_not_its_critics_or_its_victims():
    # "its aggression" after "assistance to Russia" is Russia's, not the speaker's
    df = extract_events(_statement("G7 Leaders’ Statement", "Moreover, we urge all countries not to give military "
                                   "or other assistance to Russia to help continue its aggression in Ukraine.",
                                   "2022-03-24"))
    assert (("RUS",), ("UKR",), "ASSAULT") in _pairs(df) and (("USA",), ("UKR",), "ASSAULT") not in _pairs(df)
    # whose fight against an aggression it is: the one attacked, not the one who discusses it
    df = extract_events("Vice President Kamala Harris met today with President Volodymyr Zelenskyy of Ukraine to "
                        "discuss Ukraine’s ongoing fight against Russian aggression.", date="2024-02-17")
    assert (("RUS",), ("UKR",), "ASSAULT") in _pairs(df) and (("RUS",), ("USA",), "ASSAULT") not in _pairs(df)
    # a conflict one is "in" is where, not how: no conflict between those who welcome its ceasefire
    df = extract_events("The European Union and the United States welcome the ceasefire in the conflict in the "
                        "Middle East.", date="2025-01-20")
    assert "ASSAULT" not in set(df.event)
    df = extract_events("To date, the United States has mobilized more than $60 billion for PGI investments with "
                        "the G7.", date="2024-06-13")
    assert "MOBILIZE" not in set(df.event)  # money mobilised is no force posture


def test_an_offer_of_support_is_planned_not_done():
    # the one 2023 USA→PAK cooperative event of the corpus, after the Peshawar mosque attack
    df = extract_events("The United States stands ready to provide support to Pakistan in its efforts to recover "
                        "and rebuild.", date="2023-01-31")
    assert _pairs(df) == {(("USA",), ("PAK",), "AID")} and df.modality.tolist() == ["planned"]


def test_battles_of_earlier_centuries_are_history_not_this_years_conflict():
    # anniversary messages of 2025-2026 recount wars: dated "on June 25, 1950" or "In May of 1846", they are
    # historical (not counted in a year's series), and "May" the month is no "may" of possibility
    df = extract_events("War erupted on June 25, 1950, when the Communist armies of North Korea stormed across the "
                        "38th parallel to invade South Korea.", date="2025-06-25")
    assert _pairs(df) == {(("PRK",), ("KOR",), "ASSAULT")}
    assert df.modality.tolist() == ["historical"] and df.date.tolist() == ["1950-06-25"]
    df = extract_events("In May of 1846, the United States declared war on Mexico.", date="2026-05-13")
    assert df.modality.tolist() == ["historical"]


@pytest.mark.parametrize("sentence, date", [
    # victims of a passive verb are no attackers, and "killed" alone names no attacker
    ("Last night, three U.S. service members were killed during a drone attack on our forces stationed in "
     "northeast Jordan.", "2024-01-28"),
    # places in the United States named after a state are not that state
    ("The Biden-Harris Administration is committed to supporting the people of East Palestine, Ohio.", "2023-02-17"),
    ("President Biden called New Mexico Governor Michelle Lujan Grisham to discuss the wildfires.", "2022-05-04"),
])
def test_no_interstate_event_in(sentence, date):
    assert not len(extract_events(sentence, date=date))


def test_leaders_whose_names_are_not_ascii():
    # "López Obrador", "Erdoğan": a name's letters are not only A-Z (the dictionaries spell it "Lopez")
    df = extract_events("President Joe Biden, President Andrés Manuel López Obrador, and Prime Minister Justin "
                        "Trudeau established the Trilateral Fentanyl Committee.", date="2023-01-10")
    assert _pairs(df) == {(("CAN", "MEX", "USA"), ("CAN", "MEX", "USA"), "COOPERATE")}


def test_long_lists_are_read_as_one_party_of_the_parse():
    # the small parser mis-reads long coordinated lists; cut to one word for the parse, they act as one
    df = extract_events("The United States, Japan, and the Republic of Korea condemn today’s DPRK missile launches.",
                        date="2023-02-18")
    assert _pairs(df) == {(("JPN", "KOR", "USA"), ("PRK",), "ACCUSE")}
    df = extract_events("Australia, India, Japan, and the United States of America affirm that technology should be "
                        "shaped by our shared democratic values.", date="2021-09-24")
    assert _pairs(df) == {(("AUS", "IND", "JPN", "USA"), ("AUS", "IND", "JPN", "USA"), "AGREE")}
    df = extract_events("President Biden met with Prime Minister Kishida of Japan, President Yoon of the Republic of "
                        "Korea and Prime Minister Albanese of Australia.", date="2023-05-20")
    assert _pairs(df) == {(("USA",), ("AUS", "JPN", "KOR"), "CONSULT")}
    df = extract_events("National Security Advisor Jake Sullivan convened the Quint national security advisors of "
                        "France, Germany, Italy, and the United Kingdom at the White House today.", date="2023-08-23")
    assert _pairs(df) == {(("USA",), ("DEU", "FRA", "GBR", "ITA"), "CONSULT")}


def test_those_who_attend_or_join_a_meeting_together_meet():
    df = extract_events("Argentina, Australia, Brazil, and Canada participated in the virtual meeting.",
                        date="2023-04-21")
    assert _pairs(df) == {(("ARG", "AUS", "BRA", "CAN"), ("ARG", "AUS", "BRA", "CAN"), "CONSULT")}
    assert extract_events("Children from Haiti and Somalia attend rundown schools.", date="2022-02-28").empty
    df = extract_events("Countries participating in today’s call were Denmark, Finland, Iceland, Norway, and Sweden.",
                        date="2022-01-04")
    assert _pairs(df) == {(("DNK", "FIN", "ISL", "NOR", "SWE"), ("DNK", "FIN", "ISL", "NOR", "SWE"), "CONSULT")}
    df = extract_events("Joining President Biden on the call were Prime Minister Trudeau of Canada and President "
                        "Macron of France.", date="2022-02-22")
    assert _pairs(df) == {(("CAN", "FRA", "USA"), ("CAN", "FRA", "USA"), "CONSULT")}
    df = extract_events("National Security Advisor Jake Sullivan of the United States, National Security Advisor "
                        "Akiba Takeo of Japan, and National Security Advisor Eduardo Año of the Republic of the "
                        "Philippines gathered for the first time.", date="2024-06-17")
    assert _pairs(df) == {(("JPN", "PHL", "USA"), ("JPN", "PHL", "USA"), "CONSULT")}
    title = "Readout of National Security Advisor Jake Sullivan’s Meeting with Israeli National Security Advisor"
    df = extract_events(_statement(title, "During the meeting, officials consulted in detail on regional threats.",
                                   "2021-04-13"))
    assert _pairs(df) == {(("ISR", "USA"), ("ISR", "USA"), "CONSULT")}


def test_standing_beside_acting_in_concert_and_surrender():
    df = extract_events("The United States of America stands behind the full sovereignty, independence, and "
                        "territorial integrity of Iraq.", date="2022-03-13")
    assert _pairs(df) == {(("USA",), ("IRQ",), "SUPPORT")}
    df = extract_events("Japan stands beside the United States as one of our closest allies.", date="2026-08-14")
    assert _pairs(df) == {(("JPN",), ("USA",), "SUPPORT")}
    df = extract_events(_statement("Statement from President Joe Biden", "We have acted in coordination with the EU, "
                                   "UK, Canada, Australia, and others.", "2022-03-11"))
    assert _pairs(df) == {(("USA",), ("AUS", "CAN", "EU", "GBR"), "COOPERATE")}
    df = extract_events("Japan surrendered to the United States.", date="2025-09-02")
    assert _pairs(df) == {(("JPN",), ("USA",), "RETREAT")}


def test_an_attack_hits_the_state_where_its_targets_are_and_an_adjective_names_no_attacker():
    df = extract_events("Earlier today, Iran launched an unprecedented air attack against military facilities in "
                        "Israel.", date="2024-04-13")
    assert _pairs(df) == {(("IRN",), ("ISR",), "ASSAULT")}


def test_a_fact_sheet_item_that_opens_with_a_gerund_is_the_authors_act():
    df = extract_events(_statement("Fact Sheet: Supporting Ukraine",
                                   "- Providing $50 million in humanitarian assistance to Ukraine;", "2023-05-04"))
    assert _pairs(df) == {(("USA",), ("UKR",), "AID")} and df.actors_from.tolist() == [["sentence", "author"]]


def test_people_learned_from_an_apposition_in_any_latin_script_and_talks_about_a_topic():
    df = extract_events("National Security Advisor Jake Sullivan spoke by phone today with Akif Cağatay Kiliç, "
                        "Spokesperson and Chief Advisor to the President of Türkiye.", date="2021-08-20")
    assert _pairs(df) == {(("USA",), ("TUR",), "CONSULT")}
    df = extract_events("President Joe Biden and President Pedro Sánchez of Spain spoke today about the latest "
                        "developments in Afghanistan.", date="2021-08-20")
    assert _pairs(df) == {(("ESP", "USA"), ("ESP", "USA"), "CONSULT")}
    df = extract_events("The United States also provides urgent humanitarian assistance via UN partners to help the "
                        "most vulnerable people in Haiti.", date="2022-10-14")
    assert _pairs(df) == {(("USA",), ("HTI",), "AID")}  # the people in a state are its people


def test_talks_of_their_own_that_leaders_discuss_are_a_topic():
    df = extract_events(_statement("Readout of President Biden’s Call with Chancellor Olaf Scholz of Germany",
                                   "The leaders discussed their respective conversations with President Putin and "
                                   "President Zelenskyy.", "2022-02-16"))
    assert _pairs(df) == {(("DEU", "USA"), ("DEU", "USA"), "CONSULT")}


def test_what_a_party_to_an_agreement_shall_do_is_its_commitment_to_the_other():
    # the title of the agreement's text is in capitals in the corpus: read in title case, it names its parties
    df = extract_events(_statement("AGREEMENT BETWEEN THE UNITED STATES OF AMERICA AND THE HASHEMITE KINGDOM OF "
                                   "JORDAN ON RECIPROCAL TRADE", "Jordan shall apply a rate of customs duty on an "
                                   "originating good of the United States.", "2026-07-21"))
    assert _pairs(df) == {(("JOR",), ("USA",), "AGREE")}
    df = extract_events(_statement("Readout of President Biden’s Meeting with King Abdullah II of Jordan",
                                   "Jordan shall apply a rate of customs duty.", "2023-05-04"))
    assert df.empty  # "shall" outside an agreement's text is no obligation between parties


def test_we_the_leaders_of_a_list_after_an_opening_phrase_are_who_we_are():
    df = extract_events(_statement("Statement on the Framework", "A year and a half ago, we the leaders of "
                                   "Australia, Canada, and Japan launched the framework.\n\nWe will cooperate "
                                   "closely to counter its misuse.", "2023-11-16"))
    assert (("AUS", "CAN", "JPN"), ("AUS", "CAN", "JPN"), "COOPERATE") in _pairs(df)


def test_a_statement_is_by_those_its_title_names_before_what_it_is_on():
    # "G7 Leaders’ Statement on Iran’s Attack Against Israel": the G7 speaks, not Iran or Israel
    df = extract_events(_statement("G7 Leaders’ Statement on Iran’s Attack Against Israel",
                                   "We express our full solidarity and support to Israel and its people.\n\n"
                                   "In this spirit, we demand that Iran and its proxies cease their attacks.",
                                   "2024-04-14"))
    assert _pairs(df) == {(("G7",), ("ISR",), "SUPPORT"), (("G7",), ("IRN",), "REQUEST")}
    # a topic first, then who issues it
    df = extract_events(_statement("Joint Statement on F-16s for Ukraine from U.S. President Joseph R. Biden, Dutch "
                                   "Prime Minister Dick Schoof, and Danish Prime Minister Mette Frederiksen",
                                   "We will continue to support Ukraine.", "2024-07-11"))
    assert _pairs(df) == {(("DNK", "NLD", "USA"), ("UKR",), "SUPPORT")}
    # a press secretary's statement on a summit is the author's: "we" is the United States
    df = extract_events(_statement("Statement from Press Secretary Karine Jean-Pierre on the Upcoming Trilateral "
                                   "Leaders Summit of the United States, Japan, and the Republic of Korea",
                                   "We will continue to support Ukraine.", "2023-08-08"))
    assert _pairs(df) == {(("USA",), ("UKR",), "SUPPORT")}
    # a communiqué or a G7 statement whose title names only the organisation is the organisation's
    df = extract_events(_statement("G7 Statement on Ukraine, 11 October 2022", "We reaffirm our full support to "
                                   "Ukraine.", "2022-10-11"))
    assert _pairs(df) == {(("G7",), ("UKR",), "SUPPORT")}
    # and no exchange between the G7 and the government that published its communiqué
    df = extract_events(_statement("Carbis Bay G7 Summit Communiqué", "We support the recently launched Glasgow "
                                   "Finance Alliance for Net Zero.", "2021-06-13"))
    assert df.empty


def test_the_participants_of_a_readout_are_the_parties_of_its_meeting():
    df = extract_events(_statement("Joint Readout of U.S.-EU Task Force Meeting on Energy Security",
                                   "The war between Russia and Ukraine has disrupted energy markets.\n\nDuring the "
                                   "meeting, the participants committed to pursue a series of targeted sub-dialogues.",
                                   "2022-11-07"))
    assert {p for p in _pairs(df) if p[2] == "AGREE"} == {(("EU", "USA"), ("EU", "USA"), "AGREE")}


def test_staying_in_touch_helping_a_state_act_and_pressing_it_to():
    df = extract_events(_statement("Statement from President Joe Biden on Iran’s Attacks against the State of Israel",
                                   "And we will stay in close touch with Israel’s leaders.\n\nThanks to these "
                                   "deployments, we helped Israel take down nearly all of the incoming drones and "
                                   "missiles.\n\nWe will also continue to press the PRC to adhere to scientific "
                                   "norms and standards.\n\nTomorrow, I will convene my fellow G7 leaders to "
                                   "coordinate a united diplomatic response to Iran’s brazen attack.", "2024-04-13"))
    assert _pairs(df) == {(("USA",), ("ISR",), "CONSULT"), (("USA",), ("ISR",), "AID"),
                          (("USA",), ("CHN",), "REQUEST"), (("USA",), ("G7",), "CONSULT")}


def test_participants_discuss_a_commitment_and_a_non_member_ally_is_no_member():
    df = extract_events(_statement("Statement by NSC Spokesperson Emily Horne on the U.S.-Lithuania Strategic "
                                   "Dialogue on the Indo-Pacific", "Participants discussed their countries’ shared "
                                   "commitment to democratic values, human rights, and support for the "
                                   "international rules-based order.\n\nKuwait is a Major Non-NATO Ally of the "
                                   "United States.", "2021-11-23"))
    assert (("LTU", "USA"), ("LTU", "USA"), "CONSULT") in _pairs(df)
    assert not any("NATO" in s + t for s, t, _ in _pairs(df))


def test_what_joint_speakers_do_for_one_of_them_is_done_by_the_others():
    df = extract_events(_statement("Joint Statement on the U.S.-Ukraine Strategic Partnership",
                                   "We also remain committed to assisting Ukraine with ongoing reforms.", "2021-09-01"))
    assert {p for p in _pairs(df) if p[2] == "AID"} == {(("USA",), ("UKR",), "AID")}


def test_an_underlined_section_title_glued_to_a_paragraph_is_not_part_of_it(mirror):
    # the page glues the title to the paragraph above it; the partnership it names is no event
    mekong = (mirror / "articles" / "whitehouse-corpus" / "statements-releases" / "2022-11" /
              "2022-11-19-fact-sheet-vice-president-harris-announces-new-u-s-support-for-clean-energy-in-the-"
              "mekong-region.md")
    text = mekong.read_text(encoding="utf-8")
    sentences = [s.text for s in article_sentences(text)[0]]
    assert "Japan-U.S.-Mekong Power Partnership (JUMPP)" not in sentences
    assert any(s.endswith("the Mekong NextGen Scientists program.") for s in sentences)
    text = "We welcome this.\n<u>Joint Work on Clean Energy in Asia</u>\n\nThe leaders met today in Bangkok, Thailand."
    assert [s.text for s in article_sentences(text)[0]][-1] == "The leaders met today in Bangkok, Thailand."
    df = extract([mekong], quiet=True)
    assert not df.sentence.str.startswith("Japan-U.S.-Mekong Power Partnership").any()


def test_american_indian_country_is_not_india_and_a_listed_state_is_no_person():
    from amity.text.discourse import parties

    assert parties("FACT SHEET: Biden-Harris Administration Announces New Actions to Support Indian Country and "
                   "Native Communities", "2022-11-30", "USA") == []
    assert parties("French-American Roadmap", "2024-06-08", "USA") == ["FRA", "USA"]
    # a list of states read as "a name, … of <state>" binds no person to a state
    from amity.text.discourse import learn_people

    listed = ("We—the governments of Cook Islands, Federated States of Micronesia, Fiji, French Polynesia, Nauru, "
              "New Caledonia, Palau, Papua New Guinea, Republic of the Marshall Islands, Samoa, Solomon Islands, "
              "Tonga, Tuvalu, and the United States—met today.")
    people: dict[str, str] = {}
    learn_people(listed, actors.find_mentions(listed, "2022-09-29"), people)
    assert people == {}


def test_who_released_the_following_statement_are_we_whatever_the_title_says():
    # the title reads "NATO and G7 Leaders"; the opening names who they are, the EU's institutions as the EU
    df = extract_events(_statement("Joint Statement of NATO and G7 Leaders on the Margins of the G20 Summit in Bali",
                                   "Today, the Leaders of Canada, the European Commission, the European Council, "
                                   "France, Germany, Italy, Japan, the Netherlands, Spain, the United Kingdom, and "
                                   "the United States met on the margins of the G20 Summit in Bali and released the "
                                   "following statement:\n\nWe condemn the barbaric missile attacks that Russia "
                                   "perpetrated on Ukrainian cities and civilian infrastructure on Tuesday.",
                                   "2022-11-15"))
    we = tuple(sorted(("CAN", "EU", "FRA", "DEU", "ITA", "JPN", "NLD", "ESP", "GBR", "USA")))
    assert _pairs(df) == {(we, we, "CONSULT"), (we, ("RUS",), "ACCUSE"), (("RUS",), ("UKR",), "ASSAULT")}


def test_the_doers_own_things_are_no_target_and_a_commitment_to_help_is_to_the_helped():
    df = extract_events(_statement("Joint Statement of the United States and Germany",
                                   "We all express our condolences to the families of the victims.\n\n"
                                   "They reaffirmed their countries’ commitment to supporting Ukraine for as long as "
                                   "it takes.\n\nThey reiterated their commitment to preventing Russia from using "
                                   "energy as a weapon.", "2022-02-07"))
    pairs = _pairs(df)
    assert (("DEU", "USA"), ("UKR",), "AGREE") in pairs
    assert not any(s == t and e == "SUPPORT" for s, t, e in pairs)  # no condolences to themselves
    assert not any(t == ("RUS",) and e == "AGREE" for s, t, e in pairs)  # a pledge against Russia is not to it


def test_relations_between_two_states_a_hyphenated_pair_and_a_presidential_delegation():
    df = extract_events(_statement("Readout of President Biden’s Call with President Macron of France",
                                   "He underscored the close and enduring relations between the United States and "
                                   "France, our oldest ally.\n\nPresident Biden underscored the importance of "
                                   "U.S.-Chile cooperation to promote a green recovery.", "2022-04-25"))
    assert {(("FRA", "USA"), ("FRA", "USA"), "COOPERATE"), (("CHL", "USA"), ("CHL", "USA"), "COOPERATE")} \
        <= _pairs(df)
    df = extract_events(_statement("President Biden Announces Presidential Delegation to Botswana to Attend the "
                                   "Inauguration of His Excellency Duma Gideon Boko",
                                   "President Joseph R. Biden, Jr. today announced the designation of a Presidential "
                                   "Delegation to attend the Inauguration of His Excellency Duma Gideon Boko on "
                                   "November 8, 2024, in Gaborone, Botswana.", "2024-11-07"))
    assert _pairs(df) == {(("USA",), ("BWA",), "CONSULT")}


def test_those_who_met_are_the_leaders_and_an_interagency_delegation_is_the_authors():
    df = extract_events(_statement("Readout of President Joe Biden’s Call with European Allies",
                                   "Today, President Emmanuel Macron of France, Chancellor Angela Merkel of Germany, "
                                   "Prime Minister Mario Draghi of Italy, Prime Minister Boris Johnson of the United "
                                   "Kingdom, and President Biden of the United States held a call.\n\nThe leaders "
                                   "underscored their support for Ukraine’s sovereignty and territorial integrity.",
                                   "2021-12-06"))
    assert (("DEU", "FRA", "GBR", "ITA", "USA"), ("UKR",), "SUPPORT") in _pairs(df)
    df = extract_events(_statement("Readout of Senior Administration Official Travel to the Indo-Pacific Region",
                                   "The interagency delegation met with the Prime Ministers of Papua New Guinea, "
                                   "Solomon Islands, Vanuatu, and Fiji.", "2023-03-28"))
    assert {s for s, _, _ in _pairs(df)} == {("USA",)}


def test_the_need_for_others_to_act_is_advice_and_should_it_is_a_condition():
    df = extract_events(_statement("Statement by NSC Spokesperson on Armenia and Azerbaijan",
                                   "Armenia and Azerbaijan clashed on their border.\n\nIn addition, he underscored "
                                   "the need for the two countries to conduct formal discussions to demarcate their "
                                   "international border.", "2021-05-17"))
    talks = df[df.sentence.str.startswith("In addition")]
    assert len(talks) and set(talks.modality) == {"prescriptive"}
    df = extract_events(_statement("Statement by NSC Spokesperson on a Call with the European Commission",
                                   "Jake Sullivan held a call with the European Commission.\n\nThey discussed "
                                   "their concerns about Russia’s build-up of military forces around Ukraine, as well "
                                   "as preparations to impose severe economic costs on Russia should it further invade "
                                   "Ukraine.", "2022-02-11"))
    assert "prescriptive" not in set(df.modality)
    assert events.modality("to impose costs on Russia should it further invade Ukraine", "", None)[0] != "prescriptive"
    assert events.modality("Russia should withdraw its forces", "", None)[0] == "prescriptive"


def test_a_trade_agreements_concessions_are_concessions_between_the_countries():
    df = extract_events(_statement("Joint Statement on Framework for a United States-Argentina Agreement on Reciprocal "
                                   "Trade and Investment",
                                   "The United States and Argentina have agreed to a Framework for an Agreement on "
                                   "Reciprocal Trade and Investment.\n\nThe countries will open their markets to each "
                                   "other on key products.\n\nArgentina will provide preferential market access for "
                                   "U.S. goods exports, including certain medicines.\n\nArgentina will also eliminate "
                                   "the statistical tax for U.S. goods.", "2025-11-13"))
    concessions = df[df.event == "CONCEDE"]
    assert {(tuple(sorted(r.source)), tuple(sorted(r.target))) for r in concessions.itertuples()} == {
        (("ARG", "USA"), ("ARG", "USA")), (("ARG",), ("USA",))}
    assert len(concessions) == 3 and set(concessions.quad) == {2}


def test_quoted_grouping_partners_a_named_doers_support_and_a_hyphenated_pairs_new_dialogue():
    df = extract_events(_statement("Fact Sheet: Quad Summit",
                                   "While ensuring that vaccines have been made available to our people, “Quad” "
                                   "partners will launch a landmark partnership to further accelerate the end of the "
                                   "COVID-19 pandemic.", "2021-03-12"))
    assert _pairs(df) == {(("AUS", "IND", "JPN", "USA"), ("AUS", "IND", "JPN", "USA"), "COOPERATE")}
    df = extract_events(_statement("Readout of President Biden’s Meeting with His Majesty King Abdullah II of Jordan",
                                   "Jordan is a critical ally and force for stability in the Middle East, and the "
                                   "President confirmed unwavering U.S. support for Jordan and His Majesty’s "
                                   "leadership.", "2022-05-13"))
    assert (("USA",), ("JOR",), "SUPPORT") in _pairs(df)
    df = extract_events(_statement("Readout of National Security Advisor Jake Sullivan’s Meeting with U.K. Foreign "
                                   "Secretary Liz Truss",
                                   "National Security Advisor Jake Sullivan met today with U.K. Foreign Secretary Liz "
                                   "Truss.\n\nThey welcomed the launch earlier this week of a new U.S.-U.K. dialogue "
                                   "on the Indo-Pacific.", "2022-03-11"))
    second = df[df.sentence.str.startswith("They welcomed")]
    assert {(tuple(sorted(r.source)), tuple(sorted(r.target)), r.event) for r in second.itertuples()} == {
        (("GBR", "USA"), ("GBR", "USA"), "CONSULT")}


def test_an_aggression_the_supported_face_falls_on_them_and_a_trip_is_its_travellers():
    df = extract_events(_statement("Readout of President Joe Biden’s Call with Prime Minister Keir Starmer",
                                   "President Biden spoke with Prime Minister Starmer of the United Kingdom.\n\nThey "
                                   "reiterated their continued support for Ukraine as it fights Russia’s unrelenting "
                                   "aggression.\n\nThey reaffirmed their unwavering solidarity with Ukraine and the "
                                   "Ukrainian people in the face of Russia’s aggression.\n\nThe President expressed "
                                   "appreciation for the Prime Minister’s leadership to support Ukraine following "
                                   "Russia’s unprovoked invasion.", "2024-07-05"))
    assaults = df[df.event == "ASSAULT"]
    assert len(assaults) == 3 and {(tuple(r.source), tuple(r.target)) for r in assaults.itertuples()} == {
        (("RUS",), ("UKR",))}
    df = extract_events(_statement("Fact Sheet: Vice President Harris Announces New U.S. Initiatives on AI",
                                   "As part of her visit to the United Kingdom to deliver a major policy speech, Vice "
                                   "President Kamala Harris is announcing a series of new initiatives.", "2023-11-01"))
    assert (("USA",), ("GBR",), "CONSULT") in _pairs(df)


def test_working_collaboratively_is_cooperation_and_the_bereaved_of_a_state_stand_for_it():
    df = extract_events(_statement("Fact Sheet: Quad Summit",
                                   "Quad partners are working collaboratively to achieve expanded manufacturing of "
                                   "safe and effective COVID-19 vaccines at facilities in India.", "2021-03-12"))
    assert _pairs(df) == {(("AUS", "IND", "JPN", "USA"), ("AUS", "IND", "JPN", "USA"), "COOPERATE")}
    df = extract_events(_statement("Joint Statement of the United States and Germany",
                                   "We all express our condolences to the families of the victims in Poland and "
                                   "Ukraine.", "2022-11-15"))
    assert _pairs(df) == {(("DEU", "USA"), ("POL", "UKR"), "SUPPORT")}


def test_the_cook_islands_and_niue_are_states_and_holding_a_state_accountable_is_a_demand():
    df = extract_events(_statement("Hiroshima Action Statement for Resilient Global Food Security",
                                   "We, the leaders of Japan, Australia, the Cook Islands, India, Niue and the United "
                                   "States of America, reaffirm our commitment to work together to respond to the "
                                   "food security crisis.", "2023-05-20"))
    assert {"COK", "NIU"} <= {c for r in df.itertuples() for c in r.source}
    df = extract_events(_statement("Joint Statement of NATO and G7 Leaders on the Margins of the G20 Summit",
                                   "We reaffirm our continued readiness to hold Russia accountable for its brazen "
                                   "attacks on Ukrainian communities.\n\nWe will do everything possible to hold "
                                   "criminals accountable in our countries.", "2022-11-15"))
    demands = df[df.event == "REQUEST"]
    assert len(demands) == 1 and list(demands.target.iloc[0]) == ["RUS"] and demands.quad.iloc[0] == 3


def test_an_announced_aid_package_is_the_announcers_and_its_recipient_may_close_a_list():
    # the parser hangs "to Ukraine" on the last of the coordinated objects, and "that" is the package
    df = extract_events(_statement("Statement by President Biden on Additional Assistance to Ukraine",
                                   "I am announcing another package of security assistance that will provide "
                                   "additional artillery munitions, radars, and other equipment to Ukraine.",
                                   "2022-05-06"))
    assert (("USA",), ("UKR",), "AID") in _pairs(df)


def test_a_commitment_to_continue_supporting_a_state_is_to_that_state():
    df = extract_events(_statement("Readout of National Security Advisor Jake Sullivan’s Meeting with Swedish "
                                   "National Security Advisor Henrik Landerholm",
                                   "Mr. Sullivan and Mr. Landerholm reviewed the security situation in Europe, "
                                   "including their commitment to continue supporting Ukraine in the face of "
                                   "Russia’s ongoing aggression.", "2023-05-08"))
    commitments = df[df.event == "AGREE"]
    assert len(commitments) == 1 and list(commitments.target.iloc[0]) == ["UKR"]
