"""Regular expressions for the debris scraped news carries: captions, credits,
datelines, bylines, share/subscribe/cookie lines. Written for wire and web layouts
in general (AP, Reuters, AFP, blogs), not for one article.
"""

from __future__ import annotations

import re
from importlib import resources


def _word_list(name: str) -> list[str]:
    """A one-per-line list from data/clean/ (blank lines and # comments skipped)."""
    text = resources.files("wirewatch").joinpath(f"data/clean/{name}").read_text("utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


# Titles shortened before a name ("Sens.", "Atty.", "Supt."): never a sentence end.
TITLE_ABBREVIATIONS = tuple(dict.fromkeys(_word_list("title_abbreviations.txt")))
# Wire agencies credited in brackets after a dateline: "COVINGTON, Ky. (AP) A man...".
WIRE_AGENCIES = tuple(_word_list("wire_agencies.txt"))

MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# "July 5, 2021" / "5 July 2021"
FULL_DATE = rf"(?:{MONTH}\s+\d{{1,2}},?\s+(?:19|20)\d{{2}}|\d{{1,2}}\s+{MONTH}\s+(?:19|20)\d{{2}})"

# Words ending in a full stop that do not end a sentence.
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "cpt",
        "sgt",
        "cmdr",
        "adm",
        "brig",
        "gov",
        "sen",
        "rep",
        "rev",
        "st",
        "jr",
        "sr",
        "inc",
        "co",
        "corp",
        "ltd",
        "no",
        "nos",
        "vs",
        "etc",
        "approx",
        "dept",
        "est",
        "fig",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "u.a.e",
        "d.c",
        "a.m",
        "p.m",
        "e.g",
        "i.e",
        "mt",
        "ft",
        "pres",
    ]
    + [t.lower().rstrip(".") for t in TITLE_ABBREVIATIONS]
)

# A sentence glued to the next with no space: "Moscow.Putin", "2021.Peace", "said.”He".
GLUE = re.compile(r"(?<=[a-z0-9)][a-z0-9)])[.!?]['\"’”]?(?=['\"‘“]?[A-Z][a-z])")

# A candidate sentence boundary: end punctuation, closing quotes, white space, a capital.
BOUNDARY = re.compile(r"[.!?]['\"’”)\]]*(\s+)(?=['\"‘“(\[]?[A-Z0-9])")

# A crosshead in quotes run into the next sentence: "‘Nowhere to go’ A senior official…"
QUOTED_HEADING = re.compile(
    r"[‘“'\"]([^‘’“”\".!?,;:]{2,60})[’”'\"]\s+(?=[A-Z])(?!\S+\s+(?:said|says|told|added)\b)"
)

# Caption that announces itself: "FILE – …", "FILE PHOTO: …", "Photo: …".
CAPTION_MARKER = re.compile(
    r"^\s*(?:FILE(?:\s+PHOTO)?|PHOTO|Photo|IMAGE|Image(?:\s+caption)?|PICTURE|Picture|"
    r"Caption|CAPTION|Photograph|In pictures|Pictured)\s*(?:[-–—:|]|\()"
)
# Photo credits: "REUTERS/Stringer", "AP Photo/Rahmat Gul", "(Photo: AFP)", "Getty Images".
CREDIT = re.compile(
    r"(?:\b(?:REUTERS|Reuters|AFP|AP(?:\s+Photo)?|EPA(?:-EFE)?|Anadolu(?:\s+Agency)?|Xinhua|"
    r"Getty(?:\s+Images)?|Sputnik|TASS|Pool|Handout)\s*/\s*[A-Z][\w.'’-]*"
    r"|\((?:Photo|Image|Picture|Photograph)s?(?:\s+by|\s+credit|\s*:)[^)]{0,80}\)"
    r"|^(?:Photo|Image|Picture|Photograph)s?\s+(?:by|credit|courtesy)\b"
    r"|\bvia Getty Images\b|\bGetty Images$)"
)
CREDIT_ONLY = re.compile(rf"^\s*(?:{CREDIT.pattern})\s*\.?\s*$")
# A caption's closing date: ", in Parwan province, Afghanistan, July 5, 2021."
CAPTION_DATE_END = re.compile(rf",\s*{FULL_DATE}\s*\.?\s*$")
# Present-tense descriptions typical of captions.
CAPTION_VERB = re.compile(
    r"\b(?:is|are)\s+(?:seen|pictured|shown|silhouetted|reflected)\b"
    r"|\bpose(?:s)?\s+for\s+(?:a\s+)?(?:photo|picture)"
)

# Dateline at the start of a story: "YANGON (Wire) —", "BRUSSELS, May 24 (Reuters) -",
# "KABUL, Afghanistan (AP) —", "DUSHANBE —", "WASHINGTON—President", "(NEW YORK) —",
# "COLUMBIA --- ". The dash may reach us as U+FFFD or as the mojibake "â€”" with its
# middle lost ("â ”"); after a wire agency's credit the dash is often missing altogether
# ("MEXICO CITY (AP) Mexico's Senate...").
_DASH = r"(?:[-–—:\x96\x97]{1,3}|\ufffd|â\s?[\"”€]{1,2})"
DATELINE = re.compile(
    r"\(?(?P<place>[A-Z][A-Za-z.'’-]*(?:(?:[ -]|/)[A-Z][A-Za-z.'’-]*){0,3}"
    r"(?:,\s+[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*){0,2})?)\)?"
    rf"(?:,\s*(?P<date>{MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{MONTH}))?"
    r"\s*(?:\((?P<agency>[^()\n]{2,40})\))?"
    rf"(?:\s*{_DASH}\s+(?=\S)|\s*[—–](?=[A-Z])|(?P<nodash>(?<=\))\s+)(?=[\"'‘“A-Z0-9]))"
)


def match_dateline(text: str, pos: int = 0) -> re.Match[str] | None:
    """DATELINE at `pos`; a dateline with no dash only counts after a wire agency's credit."""
    m = DATELINE.match(text, pos)
    if m and m.group("nodash") is not None and m.group("agency") not in WIRE_AGENCIES:
        return None
    return m


# A byline run into the dateline on one line: "By ANA LOPES and PIET MULDER, Wire BERLIN
# (Wire) —", "By Nate Raymond. BOSTON (Reuters) -", "By Ann Roe aroe@paper.com Paper March 24,
# 2009 SALEM --" (its email, paper and date). Only set aside with the dateline after it.
_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|van|von|de|al|el|bin|ibn|da)){0,4}"
BYLINE = re.compile(
    rf"^\s*(?:By|BY|Written by|Words by)\s+{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*"
    r"(?:\s*[,|•·–—-]\s*.{0,60})?\s*$"
)
BYLINE_LEAD = re.compile(
    rf"(?:By|BY)\s+{_NAME}(?:\s*(?:,|and|&|/)\s*{_NAME})*"
    r"(?:,\s*(?:The\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})?"
    rf"(?:\s+[\w.+-]+@[\w-]+(?:\.[\w-]+)+)?(?:\s+[A-Z][\w&]*){{0,2}}(?:,?\s+{FULL_DATE})?\.?\s+"
)
# A byline standing as a sentence of its own: "By Carey L. Biron.", "By Ann Ode/Bo Yu."
BYLINE_UNIT = re.compile(rf"(?:By|BY)\s+{_NAME}(?:\s*(?:,|and|&|/)\s*{_NAME})*\.?$")
CREDIT_LINE = re.compile(
    r"^\s*\(?\s*(?:(?:Additional\s+)?[Rr]eporting|[Ww]riting|[Ee]diting|[Cc]ompiled|"
    r"[Ff]act[- ]checked)\s+by\b.{0,300}\)?\s*$"
)
DATEINFO = re.compile(
    r"^\s*(?:Published|Updated|Posted|Last updated|First published)\b:?\s*(?P<when>.{4,80})$",
    re.IGNORECASE,
)
# A line that is only a date, maybe with a time and zone: "26 September 2013, 10:00
# (GMT+05: 00)", "Nov. 30, 2009", "Monday, June 3, 2016 9:05 AM EST".
DATE_LINE = re.compile(
    rf"^\W*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?{FULL_DATE}"
    r"(?:[,\s|-]+\d{1,2}[:.]\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?)?(?:\s*\([^()\n]{1,20}\))?"
    r"(?:\s+[A-Z]{2,4})?\W*$"
)
# The same run into the story's first line: "Updated at 1:33 p.m. on Thursday, March 29,
# 2018. The two inmates..." (a time or date must follow, so "Updated figures show" is text).
DATEINFO_UNIT = re.compile(
    rf"(?:Published|Updated|Posted|Last updated|First published)\s*(?::\s*|at\s+\d|on\s+)"
    rf"(?=.{{0,40}}(?:\d{{1,2}}[:.]\d{{2}}|{FULL_DATE}))[^\n]{{4,90}}$",
    re.IGNORECASE,
)

# Lines that are page furniture wherever they stand (checked on whole short lines).
BOILERPLATE = re.compile(
    r"""^\W*(?:
        leave\s+a\s+(?:reply|comment) | post\s+a\s+comment | add\s+a\s+comment
      | \d+\s+comments? | comments?(?:\s*\(\d+\))? | show\s+comments
      | (?:share|tweet|email|print|save|copy\s+link)
          (?:\s+(?:this|on|via|article|story|page|it|to)\b.*)?
      | (?:facebook|twitter|x|whatsapp|telegram|linkedin|reddit|pinterest|email)(?:\W+
          (?:facebook|twitter|x|whatsapp|telegram|linkedin|reddit|pinterest|email|print|share))*
      | (?:subscribe|sign\s+up|register)\b.* | .*\bnewsletters?\b.*
      | .*\b(?:we\s+use\s+cookies|accept\s+(?:all\s+)?cookies|cookie\s+(?:policy|settings)
             |privacy\s+policy|terms\s+of\s+(?:use|service))\b.*
      | .*\ball\s+rights\s+reserved\b.* | (?:©|\(c\)|copyright)\s*\d{4}.*
      | (?:read|see)\s+(?:more|also)\b.* | also\s+read\b.* | related\b.* | recommended\b.*
      | (?:more\s+(?:from|on|stories|news)|you\s+may\s+also\s+like
         |most\s+(?:read|popular|viewed)|trending(?:\s+now)?)\b.*
      | advertisement | sponsored(?:\s+content)? | ad | skip\s+(?:ad|to\s+(?:main\s+)?content)
      | click\s+here\b.* | follow\s+us\b.* | download\s+(?:our|the)\s+app\b.*
      | join\s+(?:us|our)\b.*\b(?:telegram|whatsapp|channel)\b.*
      | tags?\s*:.* | filed\s+under\s*:?.* | topics?\s*:.* | categories\s*:.*
      | our\s+standards\s*:.* | the\s+thomson\s+reuters\s+trust\s+principles\.?
      | image\s+source\s*,.* | media\s+caption\s*,?.* | listen\s+to\s+(?:this\s+)?article.*
      | \d+\s+min(?:ute)?s?\s+read | reading\s+time\b.*
    )\W*$""",
    re.IGNORECASE | re.VERBOSE,
)
# Once one of these is met in the last part of a page, everything after is page furniture.
HARD_STOP = re.compile(
    r"""^\W*(?:leave\s+a\s+(?:reply|comment)|post\s+a\s+comment|\d+\s+comments?|comments?(?:\s*\(\d+\))?
      |related\s+(?:articles|stories|posts|news|coverage|content)|you\s+may\s+also\s+like
      |more\s+(?:stories|from\b.*)|most\s+(?:read|popular|viewed)|recommended(?:\s+for\s+you)?
      |trending(?:\s+now)?|share\s+this(?:\s+article|\s+story)?:?)\W*$""",
    re.IGNORECASE | re.VERBOSE,
)
