"""Cleaning: scraped article text in, parser-ready text out, with a map back.

Photo captions, crossheads, datelines, bylines and page furniture are set aside as
`Block`s (never silently dropped: `inspect` shows them), glued sentences are split,
quotes, dashes and white space are normalised, and every character of the cleaned
text keeps its position in the raw text (`OffsetMap`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import patterns as P
from .offsets import OffsetMap, TextBuilder

__all__ = ["Block", "Cleaned", "OffsetMap", "clean_text"]

# One-for-one replacements, so normalising never moves an offset. Windows-1252 quotes
# and dashes read as Latin-1 arrive as C1 controls (U+0091-U+0097): they are still the
# quote or dash the writer typed, and dropping them glues "order\x97a" into one word.
_TRANSLATE = str.maketrans(
    {
        **dict.fromkeys("‘’‚‛′`\x91\x92", "'"),
        **dict.fromkeys("“”„‟″«»\x93\x94", '"'),
        **dict.fromkeys("‒–—―−\x96\x97", "—"),
        **dict.fromkeys("‐‑", "-"),
    }
)
# Characters that are white space for the parser.
_SPACE = re.compile(r"[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
# Characters with no visible form: zero-width, soft hyphen, bidi controls, other controls.
_INVISIBLE = re.compile(
    "[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
    "\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]"
)
_LINE = re.compile(r"[^\n\r\u2028\u2029]+")
_TERMINAL = re.compile(r"[.!?:;'\"’”)]\s*$")


@dataclass(frozen=True)
class Block:
    """A raw span set aside by cleaning, and why."""

    kind: str  # caption | heading | dateline | byline | dateinfo | boilerplate
    start: int
    end: int
    text: str
    rule: str


@dataclass
class Cleaned:
    """The parser's text, the map back to the raw text, and what was set aside."""

    raw: str
    text: str
    offsets: OffsetMap
    blocks: list[Block] = field(default_factory=list)
    glue_points: list[int] = field(default_factory=list)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.to_raw(start, end)

    def raw_text(self, start: int, end: int) -> str:
        rs, re_ = self.offsets.to_raw(start, end)
        return self.raw[rs:re_]

    def blocks_of(self, kind: str) -> list[Block]:
        return [b for b in self.blocks if b.kind == kind]

    @property
    def dateline(self) -> Block | None:
        found = self.blocks_of("dateline")
        return found[0] if found else None


@dataclass
class _Unit:
    start: int
    end: int
    glued_next: bool = False
    kind: str = "body"
    rule: str = ""


def normalize(text: str) -> str:
    """What cleaning does to the characters of a body span (for checks and tests)."""
    text = _INVISIBLE.sub("", text.translate(_TRANSLATE))
    return _SPACE.sub(" ", text).strip()


def _trim(raw: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (raw[start].isspace() or _INVISIBLE.match(raw[start])):
        start += 1
    while end > start and (raw[end - 1].isspace() or _INVISIBLE.match(raw[end - 1])):
        end -= 1
    return start, end


def _is_abbreviation(raw: str, dot: int, line_start: int) -> bool:
    """Is the full stop at `dot` the end of an abbreviation or an initial?"""
    i = dot
    while i > line_start and not raw[i - 1].isspace() and raw[i - 1] not in "(\"“‘'":
        i -= 1
    word = raw[i:dot].lower()
    return word in P.ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _split_units(raw: str, start: int, end: int) -> list[_Unit]:
    """Rough sentence units of one line: enough to classify captions and headings.

    The real sentence segmentation is the parser's; this only has to find where a
    caption or crosshead begins and ends.
    """
    cuts: list[tuple[int, int, bool]] = []  # (end of unit, start of next, glued)
    line = raw[start:end]
    for m in P.GLUE.finditer(line):
        cuts.append((start + m.end(), start + m.end(), True))
    for m in P.BOUNDARY.finditer(line):
        dot = start + m.start()
        if raw[dot] == "." and _is_abbreviation(raw, dot, start):
            continue
        cuts.append((start + m.start(1), start + m.end(1), False))
    cuts.sort()
    units: list[_Unit] = []
    pos = start
    for unit_end, next_start, glued in cuts:
        if unit_end <= pos:
            continue
        units.append(_Unit(pos, unit_end, glued_next=glued))
        pos = next_start
    if pos < end:
        units.append(_Unit(pos, end))
    # A quoted crosshead run into the next sentence becomes its own unit.
    out: list[_Unit] = []
    for u in units:
        m = P.QUOTED_HEADING.match(raw, u.start, u.end)
        if m and m.end() < u.end:
            head_end = _trim(raw, u.start, m.end())[1]
            out.append(_Unit(u.start, head_end, kind="heading", rule="quoted crosshead"))
            out.append(_Unit(m.end(), u.end, glued_next=u.glued_next))
        else:
            out.append(u)
    return out


def _classify_captions(raw: str, units: list[_Unit], whole_line: bool) -> None:
    for i, u in enumerate(units):
        if u.kind != "body":
            continue
        text = raw[u.start : u.end]
        if P.CAPTION_MARKER.match(text):
            u.kind, u.rule = "caption", "caption marker"
        elif P.CREDIT_ONLY.match(text) or (len(text) < 300 and P.CREDIT.search(text)):
            u.kind, u.rule = "caption", "photo credit"
            # The description a credit closes is a caption too.
            if i > 0 and units[i - 1].kind == "body":
                prev = raw[units[i - 1].start : units[i - 1].end]
                if re.search(rf"{P.FULL_DATE}\s*\.?\s*$", prev):
                    units[i - 1].kind, units[i - 1].rule = "caption", "dated, before a credit"
        elif P.CAPTION_DATE_END.search(text) and (
            u.glued_next or (whole_line and len(units) == 1) or P.CAPTION_VERB.search(text)
        ):
            u.kind, u.rule = "caption", "caption closing date"
        elif P.CAPTION_VERB.search(text) and (u.glued_next or (whole_line and len(units) == 1)):
            u.kind, u.rule = "caption", "caption wording"


# Where a headline sentence may end on the first line, before a dateline glued to it.
_HEADLINE_END = re.compile(r"[.!?]\s+(?=[A-Z]{2}|By\s)")


def _headline_dateline(text: str) -> tuple[int, int, int, int] | None:
    """A capitalised dateline glued after the headline on the article's first line
    ("Clinton couple faces drug counts. CLINTON — A town couple..."), as feeds that join
    title and body write it, maybe with a byline before it ("... program. By Ann Roe
    aroe@paper.com March 24, 2009 MANSFIELD -- "). Only within the first 250 characters,
    only a city written all in capitals with a dash, colon or agency after it. Gives where
    the headline ends, where the byline (or the dateline) starts, where the dateline starts
    and where it ends, in the line.
    """
    for m in _HEADLINE_END.finditer(text, 0, 250):
        if lead := _byline_dateline(text, m.end()):
            return m.start() + 1, m.end(), m.end() + lead[0], lead[1].end()
        d = P.match_dateline(text, m.end())
        # A wire agency's credit says dateline ("DAYTON, Ohio (AP) —"); without one the
        # whole place must be in capitals ("TULSA —"): "AUSTIN, Texas --" after a title is
        # left in the text, as a split-off Title Case headline parses worse than the two
        # together (on real-news dev, splitting them cost two events' matches).
        place = d.group("place") if d else ""
        if d and (d.group("agency") or place.isupper()) and sum(c.isalpha() for c in place) >= 3:
            return m.start() + 1, m.end(), m.end(), d.end()
    return None


def _byline_dateline(text: str, pos: int = 0) -> tuple[int, re.Match[str]] | None:
    """A byline run into the dateline ("By ANA LOPES, Wire ROME (Wire) —"): where the byline
    ends (from `pos`), and the dateline after it. Tried at each capitalised word of the next
    200 characters from the last, so the byline's names never pass for the city."""
    if not text.startswith(("By ", "BY "), pos):
        return None
    starts = [w.start() for w in re.finditer(r"(?<=\s)[(A-Z]", text[pos : pos + 200])]
    for start in reversed(starts):  # the last split that leaves a dateline: its city
        if P.BYLINE_LEAD.fullmatch(text, pos, pos + start):
            d = P.match_dateline(text, pos + start)
            city = d.group("place").split(",")[0].strip("()") if d else ""
            if d and city not in P.WIRE_AGENCIES and (d.group("agency") or city.isupper()):
                return start, d
    return None


def _line_kind(text: str, is_last: bool, seen_body: bool) -> tuple[str, str] | None:
    """Classify a whole line, or None if it is article text."""
    short = len(text) <= 160
    if short and P.BYLINE.match(text):
        return "byline", "byline"
    if P.CREDIT_LINE.match(text) and len(text) <= 400:
        return "byline", "reporting/editing credit"
    if short and P.DATEINFO.match(text):
        return "dateinfo", "published/updated line"
    if short and P.DATE_LINE.match(text):
        return "dateinfo", "date line"
    if short and P.BOILERPLATE.match(text):
        return "boilerplate", "page furniture"
    words = len(text.split())
    if not is_last and words <= 12 and not _TERMINAL.search(text) and not P.CREDIT.search(text):
        return "heading", "title" if not seen_body else "heading line"
    return None


def clean_text(
    raw: str,
    *,
    captions: bool = True,
    boilerplate: bool = True,
    normalize_chars: bool = True,
) -> Cleaned:
    """Clean one article's raw text. Never raises on odd input; it may return empty text."""
    lines = [(m.start(), m.end()) for m in _LINE.finditer(raw)]
    lines = [s for s in (_trim(raw, a, b) for a, b in lines) if s[1] > s[0]]
    blocks: list[Block] = []

    def set_aside(kind: str, start: int, end: int, rule: str) -> None:
        blocks.append(Block(kind, start, end, raw[start:end], rule))

    # Page furniture after a hard stop in the last part of the page goes as a whole.
    cut = len(lines)
    if boilerplate:
        for i, (a, b) in enumerate(lines):
            if a >= len(raw) * 0.5 and b - a <= 80 and P.HARD_STOP.match(raw[a:b]):
                cut = i
                break
    body_lines: list[list[_Unit]] = []
    glue_points: list[int] = []
    seen_body = False
    for i, (a, b) in enumerate(lines):
        text = raw[a:b]
        if i >= cut:
            set_aside("boilerplate", a, b, "after end-of-article marker")
            continue
        kind = _line_kind(text, is_last=i == cut - 1, seen_body=seen_body) if boilerplate else None
        if kind is not None and (kind[0] != "heading" or captions):
            set_aside(kind[0], a, b, kind[1])
            continue
        head_end = None
        if not seen_body:
            if lead := _byline_dateline(text):
                set_aside("byline", a, _trim(raw, a, a + lead[0])[1], "byline before the dateline")
                set_aside("dateline", a + lead[0], a + lead[1].end(), "dateline")
                a, text = a + lead[1].end(), raw[a + lead[1].end() : b]
            m = P.match_dateline(text)
            # "MOGADISHU, Somalia --": the city in capitals says a dateline, though the
            # country after it is not (never an actor of the first sentence)
            if m and (m.group("agency") or m.group("place").split(",")[0].isupper()):
                set_aside("dateline", a, a + m.end(), "dateline")
                a = a + m.end()
            elif glued := _headline_dateline(text):
                head_end, a_body = a + glued[0], a + glued[3]
                if glued[2] > glued[1]:
                    by_end = _trim(raw, a + glued[1], a + glued[2])[1]
                    set_aside("byline", a + glued[1], by_end, "byline after the headline")
                set_aside("dateline", a + glued[2], a_body, "dateline after the headline")
        units = (
            _split_units(raw, a, b)
            if head_end is None
            else _split_units(raw, a, head_end) + _split_units(raw, a_body, b)
        )
        glue_points.extend(u.end for u in units if u.glued_next)
        if captions:
            _classify_captions(raw, units, whole_line=True)
        else:
            for u in units:
                u.kind = "body"
        for u in units:
            if not seen_body and u.kind == "body":
                if P.BYLINE_UNIT.match(raw, u.start, u.end):
                    u.kind, u.rule = "byline", "byline sentence"
                elif u.end - u.start <= 100 and P.DATEINFO_UNIT.match(raw, u.start, u.end):
                    u.kind, u.rule = "dateinfo", "published/updated sentence"
            if u.kind != "body":
                set_aside(u.kind, u.start, u.end, u.rule)
        kept = [u for u in units if u.kind == "body"]
        if kept:
            body_lines.append(kept)
            seen_body = True

    if not body_lines and blocks:
        # Never clean an article away entirely: a lone short line is text, not a heading.
        headings = [b for b in blocks if b.kind == "heading"]
        if len(headings) == 1 and len(blocks) == 1:
            blocks.clear()
            body_lines.append([_Unit(headings[0].start, headings[0].end)])

    translated = raw.translate(_TRANSLATE) if normalize_chars else raw
    builder = TextBuilder(translated)
    for li, units in enumerate(body_lines):
        if li:
            builder.insert("\n\n", units[0].start)
        for ui, u in enumerate(units):
            if ui:
                builder.insert(" ", u.start)
            _copy_collapsed(builder, translated, u.start, u.end, normalize_chars)
    text, offsets = builder.build()
    blocks.sort(key=lambda b: b.start)
    return Cleaned(raw=raw, text=text, offsets=offsets, blocks=blocks, glue_points=glue_points)


def _copy_collapsed(
    builder: TextBuilder, source: str, start: int, end: int, normalize_chars: bool
) -> None:
    """Copy source[start:end], one space for each run of white space, invisibles dropped."""
    if not normalize_chars:
        builder.copy(start, end)
        return
    pos = start
    for m in re.finditer(rf"(?:{_SPACE.pattern}|\s|{_INVISIBLE.pattern})+", source[start:end]):
        s, e = start + m.start(), start + m.end()
        builder.copy(pos, s)
        if any(c.isspace() for c in m.group()) and builder.last_char() not in ("", " "):
            builder.insert(" ", s)
        pos = e
    builder.copy(pos, end)
