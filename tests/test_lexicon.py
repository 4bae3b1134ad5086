"""The actor dictionary: its own files are valid and cover every state, offices resolve to
the right holder on a date, and a user's broken file fails with the line to fix."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pycountry
import pytest

from wirewatch.errors import WirewatchError
from wirewatch.mentions.lexicon import _date, _read, check_rows, load_lexicon, office

# pycountry's entries that are not UN member states (territories, dependencies, observers).
NOT_UN = set(
    [
        "ABW",
        "AIA",
        "ALA",
        "ASM",
        "ATA",
        "ATF",
        "BES",
        "BLM",
        "BMU",
        "BVT",
        "CCK",
        "COK",
        "CUW",
        "CXR",
        "CYM",
        "ESH",
        "FLK",
        "FRO",
        "GGY",
        "GIB",
        "GLP",
        "GRL",
        "GUF",
        "GUM",
        "HKG",
        "HMD",
        "IMN",
        "IOT",
        "JEY",
        "MAC",
        "MAF",
        "MNP",
        "MSR",
        "MTQ",
        "MYT",
        "NCL",
        "NFK",
        "NIU",
        "PCN",
        "PRI",
        "PSE",
        "PYF",
        "REU",
        "SGS",
        "SHN",
        "SJM",
        "SPM",
        "SXM",
        "TCA",
        "TKL",
        "TWN",
        "UMI",
        "VAT",
        "VGB",
        "VIR",
        "WLF",
    ]
)
UN_MEMBERS = sorted(c.alpha_3 for c in pycountry.countries if c.alpha_3 not in NOT_UN)
# Offices that lead a state, whatever the constitution calls them.
HEADS = {
    "president",
    "prime minister",
    "king",
    "queen",
    "emir",
    "sultan",
    "chancellor",
    "grand duke",
    "prince",
    "supreme leader",
    "leader",
    "state counsellor",
    "chair of the council of ministers",
    "sovereign council chairman",
    "presidential leadership council chairman",
    "president of the council of ministers",
}
# Offices one person holds at a time.
SINGLE = {"president", "prime minister", "king", "foreign minister", "defence minister", "emir"}


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


@pytest.mark.parametrize(
    "name,people", [("leaders.tsv", True), ("people.tsv", True), ("groups.tsv", False)]
)
def test_builtin_files_are_valid(name: str, people: bool) -> None:
    assert check_rows(_read(name), people=people) == []


def test_countries_are_iso_codes(lex) -> None:
    codes = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
    bad = {(e.name, r.country) for e in lex.entries.values() for r in e.roles if r.country} - {
        (e.name, c) for e in lex.entries.values() for c in codes
    }
    assert not bad


def test_every_un_member_has_a_leader(lex) -> None:
    assert len(UN_MEMBERS) == 193
    led = {
        r.country
        for e in lex.entries.values()
        for r in e.roles
        if r.country and office(r.title) in HEADS and r.active(date(2024, 6, 1))
    }
    # San Marino's two captains regent change every six months.
    assert [c for c in UN_MEMBERS if c not in led] == ["SMR"]


def test_one_holder_per_office_at_a_time(lex) -> None:
    holders = defaultdict(list)
    for e in lex.entries.values():
        for r in e.roles:
            if r.title and office(r.title) in SINGLE:
                key = (r.country or r.org, office(r.title))
                holders[key].append((r.start or date.min, r.end or date.max, e.name))
    clashes = []
    for key, spans in holders.items():
        spans.sort()
        for k, (_, end, name) in enumerate(spans):
            # The handover day counts for both: the news names either.
            clashes += [
                (key, name, other) for s, _, other in spans[k + 1 :] if other != name and s < end
            ]
    assert clashes == []


def test_no_one_word_alias_is_a_country(lex) -> None:
    names = {c.name for c in pycountry.countries} | {
        getattr(c, "common_name", "") for c in pycountry.countries
    }
    clash = [(e.name, a) for e in lex.entries.values() for a in e.aliases if a in names]
    assert clash == []


@pytest.mark.parametrize(
    "title,country,when,who",
    [
        ("prime minister", "FRA", date(2021, 5, 1), "Jean Castex"),
        ("prime minister", "FRA", date(2023, 3, 1), "Elisabeth Borne"),
        ("prime minister", "FRA", date(2024, 10, 1), "Michel Barnier"),
        ("premier", "CHN", date(2024, 3, 5), "Li Qiang"),
        ("defense secretary", "GBR", date(2024, 8, 1), "John Healey"),
        ("foreign secretary", "GBR", date(2023, 12, 1), "David Cameron"),
        ("minister of foreign affairs", "DEU", date(2022, 3, 1), "Annalena Baerbock"),
        ("president", "SEN", date(2024, 5, 1), "Bassirou Diomaye Faye"),
        ("president", "SEN", date(2023, 5, 1), "Macky Sall"),
        ("transitional president", "BFA", date(2023, 1, 1), "Ibrahim Traore"),
        ("queen", "GBR", date(2021, 1, 1), "Elizabeth II"),
        ("king", "GBR", date(2023, 1, 1), "Charles III"),
        ("secretary-general", "NATO", date(2025, 1, 1), "Mark Rutte"),
        ("secretary-general", "UN", date(2025, 1, 1), "Antonio Guterres"),
        # Back to 2005 for the states most in the news.
        ("president", "RUS", date(2009, 8, 1), "Dmitry Medvedev"),
        ("prime minister", "RUS", date(2009, 8, 1), "Vladimir Putin"),
        ("secretary of state", "USA", date(2010, 3, 1), "Hillary Clinton"),
        ("defense secretary", "USA", date(2008, 6, 1), "Robert Gates"),
        ("prime minister", "GBR", date(2008, 6, 1), "Gordon Brown"),
        ("prime minister", "IRQ", date(2007, 1, 1), "Nouri al-Maliki"),
        ("president", "AFG", date(2010, 1, 1), "Hamid Karzai"),
        ("secretary-general", "UN", date(2010, 1, 1), "Ban Ki-moon"),
        ("secretary-general", "NATO", date(2012, 1, 1), "Anders Fogh Rasmussen"),
    ],
)
def test_holder_on_a_date(lex, title: str, country: str, when: date, who: str) -> None:
    found = lex.holder(title, country, when)
    assert found is not None and found.name == who


def test_no_holder_on_the_day_power_changes_hands(lex) -> None:
    # Both hold it that day: the title alone cannot say which one is meant.
    assert lex.holder("president", "USA", date(2025, 1, 20)) is None
    assert lex.holder("president", "USA", date(2025, 1, 21)).name == "Donald Trump"


def test_left_office_keeps_country_loses_sector(lex) -> None:
    sall = lex.find("Macky Sall")[0]
    assert sall.at(date(2023, 1, 1))[:3] == ("SEN", None, "GOV")
    assert sall.at(date(2025, 1, 1))[:3] == ("SEN", None, None)


def test_partial_dates_cover_the_whole_span() -> None:
    assert _date("2021-03") == date(2021, 3, 1)
    assert _date("2021-03", end=True) == date(2021, 3, 31)
    assert _date("2024-02", end=True) == date(2024, 2, 29)
    assert _date("2023-12", end=True) == date(2023, 12, 31)
    assert _date("2019", end=True) == date(2019, 12, 31)
    with pytest.raises(ValueError):
        _date("21-3-2020")


def test_user_file_with_a_bad_line_fails_with_the_line(tmp_path) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text(
        "name\taliases\tcountry\torg\ttitle\tsector\tfrom\tto\n"
        "Jane Roe\tRoe\tNZL\t\tmayor\tGOV\t2020-01-01\t\n"
        "John Doe\t\tNewZealand\t\tmayor\tGOVT\t2020-13-01\t\n",
        "utf-8",
    )
    with pytest.raises(WirewatchError) as err:
        load_lexicon((str(path),))
    assert err.value.code == "C006"
    assert "line 3" in str(err.value) and "ISO 3166" in str(err.value)


def test_user_file_adds_a_person(tmp_path) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text(
        "# my district officials\n"
        "name\taliases\tcountry\torg\ttitle\tsector\tfrom\tto\n"
        "Jane Roe\tRoe\tNZL\t\tmayor\tGOV\t2020-01\t\n",
        "utf-8",
    )
    lex = load_lexicon((str(path),))
    assert lex.find("Jane Roe")[0].at(date(2021, 1, 1))[:3] == ("NZL", None, "GOV")
    assert lex.holder("mayor", "NZL", date(2021, 1, 1)).name == "Jane Roe"
