"""Property-based fuzzing (Hypothesis) of the parts that read untrusted text: the cleaner
and its offset map, the date resolver, the figure and number parsers, and JSON Lines
intake. Each must answer for any input, and what it answers must hold.

More examples: WIREWATCH_FUZZ_EXAMPLES=20000 .venv/bin/python -m pytest tests/test_fuzz.py
"""

from __future__ import annotations

import math
import os
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wirewatch.clean import clean_text
from wirewatch.ingest import Article, Skip
from wirewatch.ingest.sources import JsonLinesSource
from wirewatch.mentions.dates import resolve
from wirewatch.mentions.quantities import MAX_VALUE, parse_figure, parse_number

EXAMPLES = int(os.environ.get("WIREWATCH_FUZZ_EXAMPLES", "300"))
fuzz = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow])  # fmt: skip

# Text that looks like news often enough to reach the interesting branches.
NEWSY = st.sampled_from(
    ["KABUL, July 6 (Wire) - ", "Photo: Reuters", "Share this article", "\n\n", "“", "”",
     "—", "–", " said on Monday.", "more than 1,000", "Leave a reply", "\u200b", "\u202e",
     "\r\n", "\t", "Advertisement", "(AP) —", "Mr.", "U.S.", "...", "'", "\x00", "\ufeff"]
)  # fmt: skip
TEXT = st.lists(st.one_of(NEWSY, st.text(max_size=40)), max_size=30).map("".join)


@fuzz
@given(raw=TEXT, captions=st.booleans(), boilerplate=st.booleans(), norm=st.booleans())
def test_cleaning_any_text_maps_back_inside_the_raw_text(raw, captions, boilerplate, norm):
    c = clean_text(raw, captions=captions, boilerplate=boilerplate, normalize_chars=norm)
    assert isinstance(c.text, str) and len(c.text) <= 3 * len(raw)  # lines joined by "\n\n"
    last = 0
    for i in range(len(c.text)):
        start, end = c.raw_span(i, i + 1)
        assert 0 <= start <= end <= len(raw)
        assert start >= last  # the map never runs backwards
        last = start
    for block in c.blocks:
        assert raw[block.start : block.end] == block.text


@fuzz
@given(raw=TEXT)
def test_cleaning_without_normalising_only_removes_and_joins(raw):
    c = clean_text(raw, captions=False, boilerplate=False, normalize_chars=False)
    # Every word character the parser sees is the raw character it maps to.
    for i, ch in enumerate(c.text):
        if ch.isalnum():
            start, end = c.raw_span(i, i + 1)
            assert raw[start:end] == ch


DATE_WORDS = st.sampled_from(
    ["on", "Monday", "last", "next", "week", "month", "year", "July", "Feb", "31",
     "February", "2021", "1e308", "0", "45th", "Smarch", "yesterday", "today", "2100",
     "1899", "30", "the", "of", "early", "late", "mid-", "-", "/", "'s"]
)  # fmt: skip


@fuzz
@given(
    words=st.lists(st.one_of(DATE_WORDS, st.text(max_size=8)), max_size=8),
    pub=st.one_of(st.none(), st.dates(min_value=date(1901, 1, 1), max_value=date(2099, 12, 31))),
    future=st.booleans(),
)
def test_resolving_any_date_phrase_gives_a_real_date_or_none(words, pub, future):
    got = resolve(" ".join(words), pub, future)
    if got is not None:
        assert isinstance(got.value, date) and 1900 <= got.value.year <= 2100
        assert got.precision in ("day", "week", "month", "year")


NUMBER_WORDS = st.sampled_from(
    ["more than", "about", "at least", "nearly", "up to", "hundreds", "thousands",
     "dozens", "1,000", "1.5", "million", "billion", "bn", "k", "m", "twenty-five",
     "and", "hundred", "thousand", "1e308", "99999999999999999999", "0", "of", "-"]
)  # fmt: skip


@fuzz
@given(words=st.lists(st.one_of(NUMBER_WORDS, st.text(max_size=10)), max_size=8))
def test_parsing_any_figure_gives_a_finite_bounded_value_or_none(words):
    text = " ".join(words)
    for value in (parse_number(text), (f := parse_figure(text)) and f.value):
        if value not in (None, False):
            assert math.isfinite(value) and 0 <= value <= MAX_VALUE, text
    if f is not None and f.low is not None:
        assert f.low <= f.value <= f.high


@fuzz
@given(n=st.integers(min_value=0, max_value=10**9))
def test_written_numbers_read_back(n):
    assert parse_number(f"{n:,}") == n
    assert parse_number(str(n)) == n


JSON_BITS = st.sampled_from(
    ['{"id": ', '"text": ', '"html": ', '"published": ', '"x"', "1", "null", "[", "]",
     "{", "}", ",", ":", '"\\ud800"', '"2021-02-31"', "true", "1e999", '"<p>hi</p>"']
)  # fmt: skip


@fuzz
@given(lines=st.lists(st.lists(st.one_of(JSON_BITS, st.text(max_size=6)), max_size=12)
                      .map("".join), max_size=6))  # fmt: skip
def test_any_json_lines_give_articles_or_skips_never_an_error(lines):
    text = "\n".join(lines)
    out = list(JsonLinesSource().read(text, "fuzz.jsonl"))
    assert all(isinstance(x, Article | Skip) for x in out)
    assert len(out) == len([x for x in text.split("\n") if x.strip()])  # one answer a line
    for x in out:
        if isinstance(x, Article):
            x.raw.encode("utf-8")  # storable: no lone surrogates left
