from __future__ import annotations

import json
import random

import pytest

from wirewatch.clean import clean_text, normalize
from wirewatch.clean.offsets import OffsetMap, TextBuilder
from wirewatch.nlp import sentences

from .conftest import ARTICLES


def _parsed(nlp, raw: str):
    from wirewatch.ingest.article import Article

    art = Article(id="t", raw=raw, cleaned=clean_text(raw))
    return art, nlp(art.text)


def test_seed_captions_found(seed_raw: str) -> None:
    cleaned = clean_text(seed_raw)
    captions = cleaned.blocks_of("caption")
    assert len(captions) == 3
    assert captions[0].text.startswith("FILE – Russian President Vladimir Putin shakes hands")
    assert captions[0].text.endswith("at the Kremlin, Moscow.")
    assert captions[1].text.startswith("An Afghan security forces member keeps watch")
    assert captions[1].text.endswith("July 5, 2021.")
    assert captions[2].text.startswith("FILE – Armed men who are against Taliban uprising")
    for cap in captions:
        assert seed_raw[cap.start : cap.end] == cap.text
        assert normalize(cap.text) not in cleaned.text


def test_seed_caption_neighbours_stay_in_text(seed_raw: str) -> None:
    text = clean_text(seed_raw).text
    assert "military presence in Tajikistan. Putin assured Rakhmon" in text
    assert "without a fight" in text
    assert "The Taliban took over six key districts" in text
    assert "Peace talks between the two sides remain inconclusive." in text


def test_seed_leave_a_reply_removed(seed_raw: str) -> None:
    cleaned = clean_text(seed_raw)
    assert "leave a reply" not in cleaned.text.lower()
    assert any(b.text == "leave a reply" for b in cleaned.blocks_of("boilerplate"))
    assert cleaned.text.endswith("Tass news agency reported.")


def test_seed_crosshead_set_aside(seed_raw: str) -> None:
    cleaned = clean_text(seed_raw)
    assert [b.text for b in cleaned.blocks_of("heading")] == ["‘Nowhere to go’"]
    assert "his office said. A senior Afghan official confirmed" in cleaned.text


def test_seed_glued_sentences_split(seed_raw: str, nlp) -> None:
    cleaned = clean_text(seed_raw)
    glue = seed_raw.index("Moscow.Putin") + len("Moscow.")
    assert glue in cleaned.glue_points
    art, doc = _parsed(nlp, seed_raw)
    sents = [s["text"] for s in sentences(art, doc)]
    assert any(s.startswith("Putin assured Rakhmon that Moscow") for s in sents)
    assert any(s.startswith("The Taliban took over six key districts") for s in sents)
    assert not any("Moscow.Putin" in s for s in sents)


def test_seed_sentences_map_back_to_identical_raw_spans(seed_raw: str, nlp) -> None:
    art, doc = _parsed(nlp, seed_raw)
    sents = sentences(art, doc)
    assert len(sents) >= 20
    for s in sents:
        raw_span = seed_raw[s["start"] : s["end"]]
        assert raw_span == s["raw"]
        assert normalize(raw_span) == s["text"]
        assert not raw_span[0].isspace() and not raw_span[-1].isspace()
    first = sents[0]
    assert seed_raw[first["start"] : first["end"]].startswith("Tajikistan’s president on Monday")


def test_glued_sentence_in_plain_prose_splits(nlp) -> None:
    raw = "The talks in Doha ended without a deal.Both delegations flew home on Friday."
    cleaned = clean_text(raw)
    assert (
        cleaned.text
        == "The talks in Doha ended without a deal. Both delegations flew home on Friday."
    )
    art, doc = _parsed(nlp, raw)
    assert [s["raw"] for s in sentences(art, doc)] == [
        "The talks in Doha ended without a deal.",
        "Both delegations flew home on Friday.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "U.S. forces left Bagram.",
        "Gen. Mark Milley spoke.",
        "It cost $3.5 million.",
        "See reuters.com for more.",
        "Mr.Smith arrived.",
    ],
)
def test_no_false_glue(text: str) -> None:
    assert clean_text(text).glue_points == []


def test_quotes_dashes_whitespace_normalised_without_moving_offsets() -> None:
    raw = "“We will not leave,”  he said — \u00a0 calmly.\u200b\tIt’s over."
    cleaned = clean_text(raw)
    assert cleaned.text == '"We will not leave," he said — calmly. It\'s over.'
    # Each kept character is the raw one, translated one for one.
    for i, ch in enumerate(cleaned.text):
        raw_ch = raw[cleaned.offsets.raw_index(i)]
        assert ch == raw_ch or ch == normalize(raw_ch) or ch == " "
    start = cleaned.text.index("It's")
    assert cleaned.raw_text(start, start + len("It's over.")) == "It’s over."


def test_offset_map_round_trip_on_random_spans(seed_raw: str) -> None:
    cleaned = clean_text(seed_raw)
    rng = random.Random(7)
    for _ in range(500):
        a = rng.randrange(len(cleaned.text))
        b = rng.randrange(a, len(cleaned.text)) + 1
        rs, re_ = cleaned.raw_span(a, b)
        assert 0 <= rs < re_ <= len(seed_raw)
        back = cleaned.offsets.to_clean(rs, re_)
        assert back is not None and back[0] <= a and back[1] >= b


def test_offset_map_identity_and_builder_insert() -> None:
    ident = OffsetMap.identity(5)
    assert ident.to_raw(1, 3) == (1, 3)
    builder = TextBuilder("abcdef")
    builder.copy(0, 2)
    builder.insert(" ", 4)
    builder.copy(4, 6)
    text, omap = builder.build()
    assert text == "ab ef"
    assert omap.to_raw(3, 5) == (4, 6)
    assert omap.to_clean(2, 4) is None  # "cd" was dropped


def test_wire_debris_dateline_byline_credit() -> None:
    raw = (ARTICLES / "eu-belarus-airspace.txt").read_text(encoding="utf-8")
    cleaned = clean_text(raw)
    kinds = {b.kind: b.text for b in reversed(cleaned.blocks)}
    assert kinds["dateline"].startswith("BRUSSELS, May 24 (Wire) -")
    assert cleaned.dateline is not None and cleaned.dateline.start == raw.index("BRUSSELS")
    assert [b.text for b in cleaned.blocks_of("byline")] == [
        "By Ana Lopes and Piet Mulder",
        "(Reporting by Ana Lopes and Piet Mulder; Editing by Clara Dunne)",
    ]
    captions = [b.text for b in cleaned.blocks_of("caption")]
    assert captions == [
        "A passenger holds a sign outside the arrivals hall at Vilnius airport, Lithuania, "
        "May 23, 2021.",
        "REUTERS/Stringer",
    ]
    assert cleaned.text.startswith("European Union leaders agreed on Monday")
    assert "Read more" not in cleaned.text
    assert "Trust Principles" not in cleaned.text
    assert "No bomb was found. The plane was allowed" in cleaned.text
    assert cleaned.text.endswith("had followed international rules.")


def test_blog_debris_cookies_ads_share_related() -> None:
    raw = (ARTICLES / "kazakhstan-csto.txt").read_text(encoding="utf-8")
    cleaned = clean_text(raw)
    text = cleaned.text
    for gone in (
        "cookie",
        "Advertisement",
        "Share this",
        "Facebook",
        "Related articles",
        "Kazakhstan lifts price cap",
        "Leave a comment",
        "Image caption",
        "Published:",
    ):
        assert gone not in text, gone
    assert text.startswith("A Russian-led military alliance began sending troops")
    assert text.endswith("18 members of the security forces had been killed.")
    assert cleaned.blocks_of("heading")[0].text.startswith("Russian paratroopers land")
    assert cleaned.dateline is not None and cleaned.dateline.text.startswith("ALMATY")
    assert "Kyrgyzstan. Armenian Prime Minister" in text
    assert len(cleaned.blocks_of("dateinfo")) == 1


def test_dateline_city_in_capitals_with_its_country() -> None:
    # "MOGADISHU, Somalia --": no agency, and the country after the city is not in
    # capitals; the city says it is a dateline (else "MOGADISHU" acted in the sentence)
    raw = "MOGADISHU, Somalia -- A U.S. military airstrike has killed a worker, officials said."
    cleaned = clean_text(raw)
    assert cleaned.dateline is not None and cleaned.dateline.text.startswith("MOGADISHU")
    assert cleaned.text.startswith("A U.S. military airstrike")
    # a sentence opening on a name in ordinary case keeps it
    kept = clean_text("Somalia, Kenya - the two states signed a pact.")
    assert kept.dateline is None


def test_body_sentences_are_not_mistaken_for_debris() -> None:
    raw = (
        "Protesters gathered in Minsk on Sunday.\n"
        "Police said 150 people were detained, according to the interior ministry.\n"
        "The opposition leader, who lives in Vilnius, called for more marches on "
        "August 16, 2020."
    )
    cleaned = clean_text(raw)
    assert cleaned.blocks == []
    assert cleaned.text.count("\n\n") == 2


def test_single_line_without_punctuation_is_kept() -> None:
    assert clean_text("Tajikistan mobilises 20,000 reservists").text == (
        "Tajikistan mobilises 20,000 reservists"
    )


def test_options_turn_rules_off(seed_raw: str) -> None:
    cleaned = clean_text(seed_raw, captions=False, boilerplate=False)
    assert "FILE" in cleaned.text
    assert "leave a reply" in cleaned.text


def _clean_cases() -> list:
    path = ARTICLES.parent / "cases" / "clean.jsonl"
    lines = [json.loads(ln) for ln in path.read_text("utf-8").splitlines() if ln.strip()]
    return [pytest.param(c, id=c["case"]) for c in lines]


@pytest.mark.parametrize("case", _clean_cases())
def test_clean_case(case: dict) -> None:
    """tests/data/cases/clean.jsonl: wire furniture at a story's start (datelines, bylines,
    agency credits) is set aside, in every form the table writes; ordinary text is kept."""
    cleaned = clean_text(case["text"])
    assert cleaned.text.startswith(case["starts"]), cleaned.text
    assert [[b.kind, b.text] for b in cleaned.blocks] == case["blocks"]
