from __future__ import annotations

import codecs
from datetime import date
from pathlib import Path

import pytest

from wirewatch.config import Config
from wirewatch.errors import WirewatchError
from wirewatch.ingest import Article, Skip, iter_articles
from wirewatch.ingest.decode import decode_bytes
from wirewatch.ingest.language import identify

from .conftest import ARTICLES

ENGLISH = (
    "Police in Naypyitaw fired water cannon at protesters on Monday as thousands marched "
    "against the military coup for a third day."
)


def _read(paths: list[Path | str], config: Config, **kw) -> list[Article | Skip]:
    return list(iter_articles([str(p) for p in paths], config, **kw))


def _one_skip(recs: list[Article | Skip]) -> Skip:
    assert len(recs) == 1 and isinstance(recs[0], Skip), recs
    return recs[0]


def test_plain_text_article(seed_path: Path, seed_raw: str, config: Config) -> None:
    (art,) = _read([seed_path], config, published=date(2021, 7, 5))
    assert isinstance(art, Article)
    assert art.id == "seed-tajik-border"
    assert art.raw == seed_raw
    assert art.format == "text" and art.encoding == "utf-8"
    assert art.language == "en"
    assert art.published == date(2021, 7, 5) and art.published_origin == "given"


def test_published_inferred_when_not_given(seed_path: Path, config: Config) -> None:
    (art,) = _read([seed_path], config)
    # The seed's own latest dated caption says July 5, 2021.
    assert art.published == date(2021, 7, 5)
    assert art.published_origin == "text"
    assert any("inferred" in w for w in art.warnings)


def test_dateline_date_outranks_caption_date(config: Config) -> None:
    (art,) = _read([ARTICLES / "eu-belarus-airspace.txt"], config)
    assert art.published == date(2021, 5, 24)
    assert "dateline" in art.warnings[-1]


def test_stdin(monkeypatch: pytest.MonkeyPatch, config: Config) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ENGLISH.encode())))
    (art,) = _read(["-"], config)
    assert isinstance(art, Article) and art.id == "stdin" and art.raw == ENGLISH


def test_html_page_main_text_and_metadata(config: Config) -> None:
    (art,) = _read([ARTICLES / "myanmar-protest.html"], config)
    assert isinstance(art, Article)
    assert art.format == "html"
    assert art.title == "Myanmar police fire water cannon at coup protesters"
    assert art.published == date(2021, 2, 9) and art.published_origin == "metadata"
    assert art.source == "Example Wire"
    assert art.text.startswith("Police in Myanmar fired water cannon")
    for debris in (
        "Accept all cookies",
        "Subscribe",
        "Related stories",
        "All rights reserved",
        "Share on Facebook",
        "window.dataLayer",
    ):
        assert debris not in art.text, debris
    assert "Tom Andrews" in art.text


def test_jsonl_good_lines_survive_bad_ones(config: Config) -> None:
    recs = _read([ARTICLES / "batch.jsonl"], config)
    arts = [r for r in recs if isinstance(r, Article)]
    skips = [r for r in recs if isinstance(r, Skip)]
    assert [a.id for a in arts] == ["chad-deby", "sudan-coup"]
    assert arts[0].published == date(2021, 4, 20) and arts[0].published_origin == "given"
    assert arts[0].url == "https://wire.example/chad" and arts[0].source == "Example Wire"
    assert arts[1].text.startswith("Sudan's army chief General Abdel Fattah al-Burhan")
    assert [s.code for s in skips] == ["W007", "W008", "W009"]
    assert skips[0].item.endswith("batch.jsonl:3")
    assert "line 3" in skips[0].message


def test_jsonl_wrong_field_types(tmp_path: Path, config: Config) -> None:
    path = tmp_path / "odd.jsonl"
    path.write_text(
        '["a list"]\n{"id": "x", "text": {"nested": 1}}\n'
        f'{{"id": "ok", "text": "{ENGLISH}", "published": "last Tuesday"}}\n'
    )
    recs = _read([path], config)
    assert [r.code for r in recs if isinstance(r, Skip)] == ["W015", "W015"]
    (art,) = [r for r in recs if isinstance(r, Article)]
    assert art.published is None and "not an ISO date" in art.warnings[0]


def test_rss_entries_become_articles(config: Config) -> None:
    recs = _read([ARTICLES / "wire-feed.rss"], config)
    assert [r.id for r in recs] == ["gaza-ceasefire", "haiti-quake"]
    gaza = recs[0]
    assert isinstance(gaza, Article)
    assert gaza.source == "Example Wire: World"
    assert gaza.url == "https://wire.example/world/gaza-ceasefire"
    assert gaza.published == date(2021, 5, 21) and gaza.published_origin == "metadata"
    assert "<p>" not in gaza.raw and "brokered by Egypt" in gaza.raw
    assert "\n" in gaza.raw  # paragraphs kept apart


def test_atom_feed(tmp_path: Path, config: Config) -> None:
    path = tmp_path / "feed.atom"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title>'
        "<entry><title>Coup</title><id>urn:x:1</id><updated>2021-02-01T05:00:00Z</updated>"
        f'<content type="html">&lt;p&gt;{ENGLISH}&lt;/p&gt;</content></entry></feed>'
    )
    (art,) = _read([path], config)
    assert isinstance(art, Article) and art.raw == ENGLISH and art.source == "Desk"
    assert art.published == date(2021, 2, 1)


def test_directory_is_read_recursively(tmp_path: Path, config: Config) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(ENGLISH)
    (tmp_path / "sub" / "b.txt").write_text(ENGLISH)
    (tmp_path / ".hidden.txt").write_text(ENGLISH)
    assert sorted(r.id for r in _read([tmp_path], config)) == ["a", "b"]


def test_same_name_gets_distinct_ids(tmp_path: Path, config: Config) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "a.txt").write_text(ENGLISH)
    (tmp_path / "x" / "a.txt").write_text(ENGLISH)
    assert [r.id for r in _read([tmp_path], config)] == ["a", "a-2"]


# --- bad input: each gives a coded reason, and the rest of the batch goes on ---


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "W001"),
        (b"   \n\t\n  ", "W002"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "W003"),
        (b"PK\x03\x04\x14\x00\x06\x00", "W003"),
        (bytes(range(256)) * 20, "W003"),
        (b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 50, "W003"),
        (b"<html><head><title>x</title></head><body></body></html>", "W006"),
        (b"<html><body><script>var a = 1;</script></body></html>", "W006"),
        (b"<rss version='2.0'><channel><title>t</title></channel></rss>", "W011"),
    ],
    ids=[
        "empty",
        "whitespace",
        "pdf",
        "zip",
        "binary",
        "controls",
        "html-no-body",
        "html-only-scripts",
        "feed-no-entries",
    ],
)
def test_bad_input_is_skipped_with_reason(
    tmp_path: Path, config: Config, content: bytes, code: str
) -> None:
    suffix = ".html" if content.startswith(b"<html") else ".rss" if b"<rss" in content else ".txt"
    bad = tmp_path / f"bad{suffix}"
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(ENGLISH)
    recs = _read([bad, good], config)
    skip = recs[0]
    assert isinstance(skip, Skip) and skip.code == code, recs
    assert skip.item.endswith(bad.name)
    assert skip.hint  # says what to do
    assert "\n" not in skip.line()
    assert isinstance(recs[1], Article) and recs[1].id == "good"


def test_huge_file_refused_before_reading(tmp_path: Path, config: Config) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.seek(50 * 1024 * 1024 - 1)
        fh.write(b".")
    skip = _one_skip(_read([big], config))
    assert skip.code == "W004" and "52.4 MB" in skip.message and "intake.max_bytes" in skip.hint


def test_too_many_characters(tmp_path: Path, config: Config) -> None:
    path = tmp_path / "long.txt"
    path.write_text(ENGLISH * 20)
    skip = _one_skip(_read([path], config.replace(intake__max_chars=1000)))
    assert skip.code == "W014"


def test_missing_file(tmp_path: Path, config: Config) -> None:
    assert _one_skip(_read([tmp_path / "nope.txt"], config)).code == "W012"


def test_latin1_text_is_decoded_with_a_warning(tmp_path: Path, config: Config) -> None:
    text = (
        "The café owner in Bamako said soldiers détained the président's aides at the "
        "ministry on Tuesday, and the junta promised élections within eighteen months."
    )
    path = tmp_path / "latin.txt"
    path.write_bytes(text.encode("latin-1"))
    (art,) = _read([path], config)
    assert isinstance(art, Article) and art.raw == text
    assert art.encoding != "utf-8" and any("decoded as" in w for w in art.warnings)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_utf16_and_bom_text(tmp_path: Path, config: Config, codec: str) -> None:
    path = tmp_path / "u.txt"
    path.write_bytes(ENGLISH.encode(codec))
    (art,) = _read([path], config)
    assert isinstance(art, Article) and art.raw == ENGLISH


def test_decode_normalises_line_ends() -> None:
    text, enc = decode_bytes(b"one\r\ntwo\rthree\n", "x")
    assert text == "one\ntwo\nthree\n" and enc == "utf-8"


def test_decode_refuses_invalid_utf16() -> None:
    with pytest.raises(WirewatchError) as info:
        decode_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8", "x")
    assert info.value.code == "W005"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Президент Таджикистана в понедельник приказал мобилизовать двадцать тысяч "
            "резервистов для укрепления границы с Афганистаном.",
            "ru",
        ),
        (
            "أمر رئيس طاجيكستان يوم الاثنين بتعبئة عشرين ألف جندي احتياطي لتعزيز الحدود مع "
            "أفغانستان.",
            "ar",
        ),
        (
            "Le président du Tadjikistan a ordonné lundi la mobilisation de vingt mille "
            "réservistes pour renforcer la frontière avec l'Afghanistan.",
            "fr",
        ),
    ],
)
def test_other_languages_are_skipped(tmp_path: Path, config: Config, text: str, lang: str) -> None:
    path = tmp_path / f"{lang}.txt"
    path.write_text(text)
    skip = _one_skip(_read([path], config))
    assert skip.code == "W009" and f"'{lang}'" in skip.message


def test_accepting_another_language_by_config(tmp_path: Path, config: Config) -> None:
    path = tmp_path / "fr.txt"
    path.write_text(
        "Le président du Tadjikistan a ordonné lundi la mobilisation de vingt "
        "mille réservistes pour renforcer la frontière avec l'Afghanistan."
    )
    (art,) = _read([path], config.replace(intake__languages=["en", "fr"]))
    assert isinstance(art, Article) and art.language == "fr"


def test_identify_english_and_too_short() -> None:
    assert identify(ENGLISH).lang == "en"
    assert identify("OK 123").lang == "und"


def test_all_captions_article_is_skipped(tmp_path: Path, config: Config) -> None:
    path = tmp_path / "captions.txt"
    path.write_text(
        "FILE – Soldiers stand guard in Kabul, Afghanistan, July 5, 2021.\nLeave a reply\n"
    )
    assert _one_skip(_read([path], config)).code == "W010"
