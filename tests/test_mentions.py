"""Mentions on the seed and on our own articles: real text, asserted facts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from wirewatch.config import load_config
from wirewatch.mentions.gazetteer import distance_km
from wirewatch.pipeline import run

from .conftest import ARTICLES

MENTION_ARTICLES = Path(__file__).parent / "data" / "mentions"


def _mentions(path: Path, published: date | None = None) -> list[dict]:
    cfg = load_config(env={})
    (res,) = [r for r in run([str(path)], cfg, published=published)]
    return [m.to_dict(res.article.id) for m in res.mentions]


def _mentions_of(tmp_path: Path, text: str, published: date) -> list[dict]:
    """Mentions of a short article written inline in a test."""
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    return _mentions(path, published)


def _find(ms: list[dict], kind: str, text: str) -> list[dict]:
    return [m for m in ms if m["kind"] == kind and text in m["text"]]


@pytest.fixture(scope="module")
def seed(seed_path: Path) -> list[dict]:
    return _mentions(seed_path, date(2021, 7, 5))


def test_mentions_carry_raw_spans(seed: list[dict], seed_raw: str) -> None:
    for m in seed:
        assert seed_raw[m["start"] : m["end"]] == m["text"], m


@pytest.mark.parametrize(
    ("surname", "country"),
    [
        ("Rakhmon", "TJK"),
        ("Putin", "RUS"),
        ("Ghani", "AFG"),
        ("Mirziyoyev", "UZB"),
        ("Tokayev", "KAZ"),
        ("Mohib", "AFG"),
    ],
)
def test_seed_leaders_are_their_governments(seed: list[dict], surname: str, country: str) -> None:
    found = _find(seed, "actor", surname)
    assert found
    for m in found:
        assert (m["country"], m["sector"]) == (country, "GOV"), m


def test_seed_every_reference_to_rakhmon_is_one_entity(seed: list[dict]) -> None:
    refs = [m for m in seed if m["kind"] == "actor" and m.get("name") == "Emomali Rakhmon"]
    texts = {m["text"] for m in refs}
    assert {"Tajikistan’s president", "Tajik President Emomali Rakhmon", "Rakhmon"} <= texts
    assert len({m["entity"] for m in refs}) == 1


def test_seed_taliban_media(seed: list[dict]) -> None:
    for m in _find(seed, "actor", "Taliban"):
        assert (m["country"], m["sector"]) == ("AFG", "INS")
    for name in ("Reuters", "Tass"):
        found = _find(seed, "actor", name)
        assert found and all(m["sector"] == "MED" for m in found)


def test_seed_places(seed: list[dict]) -> None:
    bad = _find(seed, "place", "Badakhshan")[0]
    assert (bad["country"], bad["precision"]) == ("AFG", "admin1")
    assert distance_km((bad["lat"], bad["lon"]), (36.73, 70.81)) < 100
    ish = _find(seed, "place", "Ishkashem")[0]
    assert ish["country"] == "AFG" and distance_km((ish["lat"], ish["lon"]), (36.7, 71.6)) < 25
    bag = _find(seed, "place", "Bagram")[0]
    assert (bag["country"], bag["admin1"]) == ("AFG", "Parwan")
    assert distance_km((bag["lat"], bag["lon"]), (34.9, 69.3)) < 25
    mazar = _find(seed, "place", "Mazar-i-Sharif")[0]
    assert (mazar["country"], mazar["admin1"]) == ("AFG", "Balkh")
    moscow = [m for m in _find(seed, "place", "Moscow")]
    assert moscow and all(m["country"] == "RUS" and m["precision"] == "point" for m in moscow)


def test_seed_countries_are_never_points(seed: list[dict]) -> None:
    for m in seed:
        if m["kind"] == "place" and m["precision"] in ("country", "admin1"):
            assert not m["point"]
        if m["kind"] == "place" and m["precision"] == "country":
            # The mention carries the country's GeoNames point; events never take it as a dot.
            assert m["geonameid"] and m["lat"] is not None and m["lon"] is not None


def test_seed_metonymy_moscow_and_kremlin_are_actors(seed: list[dict]) -> None:
    said = [m for m in seed if m["kind"] == "attribution" and m["text"] == "Moscow said"]
    assert said and said[0]["source"]["country"] == "RUS" and said[0]["source"]["sector"] == "GOV"
    assert not [m for m in _find(seed, "place", "Kremlin")]


def test_seed_dates(seed: list[dict]) -> None:
    values = {(m["text"], m["value"]) for m in seed if m["kind"] == "date"}
    assert ("Sunday", "2021-07-04") in values
    assert ("Monday", "2021-07-05") in values
    assert ("earlier Monday", "2021-07-05") in values
    assert ("September 11", "2021-09-11") in values


def test_seed_quantities(seed: list[dict]) -> None:
    q = {m["text"]: m for m in seed if m["kind"] == "quantity"}
    assert (q["more than 1,000"]["value"], q["more than 1,000"]["qualifier"]) == (1000, "more_than")
    assert q["20,000"]["unit"] == "military reservists"
    assert q["1,037"]["unit"] == "Afghan servicemen"
    assert q["Hundreds"]["qualifier"] == "vague" and q["Hundreds"]["low"] == 200
    assert (q["26"]["unit"], q["26"]["of"]) == ("districts", 28)
    assert q["152"]["unit"] == "people"


def test_seed_attributions(seed: list[dict], seed_raw: str) -> None:
    atts = {m["text"]: m for m in seed if m["kind"] == "attribution"}
    guard = atts["its border guard service said"]
    assert guard["source"]["country"] == "TJK"
    clause = seed_raw[guard["clause_start"] : guard["clause_end"]]
    assert "1,037 Afghan servicemen fled across the border" in clause
    assert atts["government sources told Reuters"]["verb"] == "told Reuters"
    assert atts["the Kremlin said in a statement"]["verb"] == "said in a statement"
    he = atts["he told Reuters"]["source"]
    assert (he["country"], he["sector"]) == ("AFG", "GOV")  # the senior Afghan official
    it = atts["It added"]["source"]
    assert it["refers_to"] == "the Tajik president’s office"  # raw text
    tass = atts["Tass news agency reported"]
    assert tass["source"]["sector"] == "MED"


def test_seed_its_and_his_resolve(seed: list[dict]) -> None:
    assert _find(seed, "actor", "its border guard service")[0]["country"] == "TJK"
    assert _find(seed, "actor", "his office")[0]["country"] == "TJK"
    assert _find(seed, "actor", "Tajik officials")[0]["country"] == "TJK"


def test_dateline_is_not_an_event_place() -> None:
    ms = _mentions(ARTICLES / "eu-belarus-airspace.txt")
    dl = [m for m in ms if m["kind"] == "place" and m["role"] == "dateline"]
    assert len(dl) == 1 and dl[0]["text"] == "BRUSSELS" and dl[0]["country"] == "BEL"
    assert dl[0]["start"] == (ARTICLES / "eu-belarus-airspace.txt").read_text().index("BRUSSELS")


@pytest.fixture(scope="module")
def belarus() -> list[dict]:
    return _mentions(ARTICLES / "eu-belarus-airspace.txt")


@pytest.fixture(scope="module")
def kazakhstan() -> list[dict]:
    return _mentions(ARTICLES / "kazakhstan-csto.txt")


@pytest.fixture(scope="module")
def myanmar() -> list[dict]:
    return _mentions(ARTICLES / "myanmar-protest.html")


@pytest.fixture(scope="module")
def batch() -> dict[str, list[dict]]:
    cfg = load_config(env={})
    out: dict[str, list[dict]] = {}
    for res in run([str(ARTICLES / "batch.jsonl"), str(ARTICLES / "wire-feed.rss")], cfg):
        if hasattr(res, "mentions"):
            out[res.article.id] = [m.to_dict(res.article.id) for m in res.mentions]
    return out


def test_belarus_parties_places_dates(belarus: list[dict]) -> None:
    eu = _find(belarus, "actor", "European Union")[0]
    assert (eu["sector"], eu["org"], eu["country"]) == ("IGO", "EU", None)
    ministry = _find(belarus, "actor", "Belarus's foreign ministry")[0]
    assert (ministry["country"], ministry["sector"]) == ("BLR", "GOV")
    assert _find(belarus, "actor", "Roman Protasevich")[0]["sector"] == "MED"
    assert _find(belarus, "actor", "Michael O'Leary")[0]["sector"] == "BUS"
    places = {m["text"]: m for m in belarus if m["kind"] == "place" and m["role"] == "event"}
    assert places["Minsk"]["country"] == "BLR" and places["Vilnius"]["country"] == "LTU"
    assert places["Athens"]["country"] == "GRC" and places["Lithuania"]["precision"] == "country"
    dates = {m["text"]: m["value"] for m in belarus if m["kind"] == "date"}
    assert dates == {"Monday": "2021-05-24", "Sunday": "2021-05-23"}


def test_kazakhstan_igo_leaders_and_deaths(kazakhstan: list[dict]) -> None:
    csto = [m for m in kazakhstan if m["kind"] == "attribution" and "Collective" in m["text"]]
    assert csto[0]["source"]["org"] == "CSTO" and csto[0]["source"]["sector"] == "IGO"
    pashinyan = _find(kazakhstan, "actor", "Nikol Pashinyan")[0]
    assert (pashinyan["country"], pashinyan["sector"]) == ("ARM", "GOV")
    for m in _find(kazakhstan, "actor", "Tokayev"):
        assert (m["country"], m["sector"]) == ("KAZ", "GOV")
    para = _find(kazakhstan, "actor", "Russian paratroopers")[0]
    assert (para["country"], para["sector"]) == ("RUS", "MIL")
    zh = _find(kazakhstan, "place", "Zhanaozen")[0]
    assert zh["country"] == "KAZ" and zh["precision"] == "point"
    assert _find(kazakhstan, "place", "ALMATY")[0]["role"] == "dateline"
    dates = {(m["text"], m["value"]) for m in kazakhstan if m["kind"] == "date"}
    assert {
        ("Thursday", "2022-01-06"),
        ("Wednesday", "2022-01-05"),
        ("Sunday", "2022-01-02"),
    } <= dates
    (dead,) = [m for m in kazakhstan if m["kind"] == "quantity"]
    assert (dead["value"], dead["qualifier"]) == (18, "exact")


def test_myanmar_protest_crackdown(myanmar: list[dict]) -> None:
    police = _find(myanmar, "actor", "Police")[0]
    assert (police["country"], police["sector"]) == ("MMR", "COP")
    assert _find(myanmar, "actor", "protesters")[0]["sector"] == "OPP"
    mah = _find(myanmar, "actor", "Min Aung Hlaing")
    assert mah and all((m["country"], m["sector"]) == ("MMR", "MIL") for m in mah)
    assert _find(myanmar, "actor", "Tom Andrews")[0]["org"] == "UN"
    nay = _find(myanmar, "place", "Naypyitaw")[0]
    assert nay["country"] == "MMR" and distance_km((nay["lat"], nay["lon"]), (19.75, 96.1)) < 30
    tens = _find(myanmar, "quantity", "tens of thousands")[0]
    assert (tens["qualifier"], tens["low"], tens["high"]) == ("vague", 20000, 99999)
    assert _find(myanmar, "quantity", "more than five")[0]["qualifier"] == "more_than"
    assert {m["value"] for m in myanmar if m["kind"] == "date" and m["text"] == "Monday"} == {
        "2021-02-08"
    }


def test_sudan_chad_leaders_on_the_day(batch: dict[str, list[dict]]) -> None:
    sudan = batch["sudan-coup"]
    burhan = _find(sudan, "actor", "Abdel Fattah al-Burhan")[0]
    assert (burhan["country"], burhan["sector"]) == ("SDN", "MIL")
    hamdok = _find(sudan, "actor", "Abdalla Hamdok")[0]
    assert (hamdok["country"], hamdok["sector"]) == ("SDN", "GOV")
    assert _find(sudan, "place", "Khartoum")[0]["country"] == "SDN"
    chad = batch["chad-deby"]
    deby = _find(chad, "actor", "Idriss Deby")
    assert deby[0]["name"] == "Idriss Deby" and deby[0]["sector"] == "GOV"
    assert _find(chad, "actor", "rebels")[0]["sector"] == "REB"


def test_gaza_parties_between_and_region(batch: dict[str, list[dict]]) -> None:
    gaza = batch["gaza-ceasefire"]
    assert _find(gaza, "actor", "Hamas")[0]["country"] == "PSE"
    israel_first = min((m for m in gaza if "Israel" in m["text"]), key=lambda m: m["start"])
    assert israel_first["kind"] == "actor"  # "between Israel and Hamas": a party
    strip = _find(gaza, "place", "Gaza Strip")[0]
    assert (strip["country"], strip["precision"]) == ("PSE", "admin1")
    toll = _find(gaza, "quantity", "more than 230")[0]
    assert (toll["unit"], toll["qualifier"]) == ("Palestinians", "more_than")
    haiti = batch["haiti-quake"]
    assert _find(haiti, "place", "Les Cayes")[0]["country"] == "HTI"
    assert _find(haiti, "actor", "Ariel Henry")[0]["sector"] == "GOV"


def test_user_actor_dictionary_adds_people(tmp_path: Path) -> None:
    people = tmp_path / "mine.tsv"
    people.write_text(
        "name\taliases\tcountry\torg\ttitle\tsector\tfrom\tto\n"
        "Zabeehullah Atiq\tAtiq\tAFG\t\tmember of parliament for Badakhshan\tLEG\t2018-12-01\t\n"
    )
    article = tmp_path / "a.txt"
    article.write_text("Zabeehullah Atiq said the Taliban had captured 26 districts.")
    cfg = load_config(env={}, overrides=[f'mentions.actor_files=["{people}"]'])
    (res,) = list(run([str(article)], cfg, published=date(2021, 7, 5)))
    atiq = next(m for m in res.mentions if m.kind == "actor" and m.text == "Zabeehullah Atiq")
    assert (atiq.as_actor.country, atiq.as_actor.sector) == ("AFG", "LEG")
    assert atiq.as_actor.entity == "zabeehullah-atiq"


def test_missing_user_dictionary_is_a_config_error(tmp_path: Path) -> None:
    from wirewatch.errors import WirewatchError

    cfg = load_config(env={}, overrides=[f'mentions.actor_files=["{tmp_path / "no.tsv"}"]'])
    article = tmp_path / "a.txt"
    article.write_text("Police in Minsk detained protesters on Sunday.")
    with pytest.raises(WirewatchError) as info:
        list(run([str(article)], cfg))
    assert info.value.code == "C006"


def test_name_words_group_members_and_definite_parties_link_back(tmp_path: Path) -> None:
    # Own words, real facts: the Doha talks of September 2020 and the Kunduz fighting of 2015.
    path = tmp_path / "doha.txt"
    path.write_text(
        "DOHA, Sept 12 (Wire) - U.S. Secretary of State Mike Pompeo opened talks between the "
        "Afghan government and the Taliban in Doha on Saturday. Pompeo urged both sides to "
        "seize the opportunity. Chinese Foreign Minister Wang Yi said Beijing supported the "
        "talks. Wang spoke to reporters by video link.\n\n"
        "Years earlier, Taliban gunmen had briefly held Kunduz, and German troops were "
        "deployed in the north. The soldiers left in 2013.",
        encoding="utf-8",
    )
    ms = _mentions(path, date(2020, 9, 12))
    (full,) = _find(ms, "actor", "Wang Yi")
    (wang,) = [m for m in _find(ms, "actor", "Wang") if m["text"] == "Wang"]
    assert (wang["entity"], wang["country"]) == (full["entity"], "CHN")
    (pompeo,) = [m for m in _find(ms, "actor", "Pompeo") if m["text"] == "Pompeo"]
    assert pompeo["country"] == "USA"
    (gunmen,) = _find(ms, "actor", "gunmen")
    assert (gunmen["country"], gunmen["sector"]) == ("AFG", "INS")
    (soldiers,) = [m for m in _find(ms, "actor", "soldiers") if m.get("country_from")]
    assert soldiers["country"] == "DEU" and soldiers["country_from"] == "antecedent"


def test_a_damaged_gazetteer_cache_is_rebuilt_not_trusted(tmp_path) -> None:
    from wirewatch.mentions import gazetteer as g

    path = tmp_path / f"gazetteer-{g._source_versions()}.npz"
    path.write_bytes(b"PK\x03\x04 cut short")
    gaz = g.load_gazetteer(tmp_path)
    assert any(p.country == "TJK" and p.feature == "city" for p in gaz.lookup("Dushanbe"))
    again = g._load(path)  # rewritten whole, and read back the same
    assert len(again.places) == len(gaz.places) and again.lookup("Khorog") == gaz.lookup("Khorog")


def test_small_us_towns_come_from_the_postal_list_without_doubling_known_ones() -> None:
    from wirewatch.mentions.gazetteer import distance_km, load_gazetteer

    gaz = load_gazetteer()
    # Tennessee Colony, Anderson County, Texas (a few hundred people, below GeoNames' 500).
    (colony,) = gaz.lookup("Tennessee Colony")
    assert (colony.admin1, colony.admin2, colony.source) == ("Texas", "Anderson County", "zipcodes")
    assert distance_km((colony.lat, colony.lon), (31.83, -95.84)) < 20
    # Cookville, Texas is not Cookeville, Tennessee: both stand.
    assert {p.admin1 for p in gaz.lookup("Cookville")} >= {"Texas"}
    assert any(p.admin1 == "Tennessee" for p in gaz.lookup("Cookeville"))
    # A town GeoNames has is not added again from its ZIP codes, and a code of one
    # firm or base makes no town ("Naval Anacost Annex" in Washington).
    assert [p.source for p in gaz.lookup("Huntsville") if p.admin1 == "Texas"] == ["geonames"]
    dc = (38.895, -77.036)
    near_dc = [p for p in gaz.lookup("Washington") if distance_km((p.lat, p.lon), dc) < 30]
    assert near_dc and {p.source for p in near_dc} == {"geonames"}


def test_user_place_file_adds_places_the_gazetteer_lacks(tmp_path: Path) -> None:
    # Own words, real facts: UNHCR said in 2020 that armed men had threatened refugees at
    # the Goudoubo camp near Dori, in Burkina Faso's Sahel region.
    places = tmp_path / "camps.tsv"
    places.write_text(
        "# camps we follow\n"
        "name\taliases\tcountry\tadmin1\tlat\tlon\tfeature\tprecision\n"
        "Goudoubo\tGoudoubo camp|Goudoubo refugee camp\tBFA\tSahel\t14.01\t-0.09\tcamp\tpoint\n"
    )
    article = tmp_path / "camp.txt"
    article.write_text(
        "DORI, Burkina Faso, March 5 (Wire) - Armed men threatened Malian refugees at the "
        "Goudoubo camp on Tuesday, the UN refugee agency said."
    )

    def goudoubo(cfg) -> list:  # type: ignore[no-untyped-def]
        (res,) = list(run([str(article)], cfg, published=date(2020, 3, 5)))
        return [m.as_place for m in res.mentions if m.kind == "place" and "Goudoubo" in m.text]

    assert not any(p.lat for p in goudoubo(load_config(env={})))
    cfg = load_config(env={}, overrides=[f'mentions.place_files=["{places}"]'])
    (place,) = goudoubo(cfg)
    assert (place.country, place.admin1, place.precision) == ("BFA", "Sahel", "point")
    assert place.lat is not None and place.lon is not None
    assert abs(place.lat - 14.01) < 0.01 and abs(place.lon + 0.09) < 0.01


@pytest.mark.parametrize(
    ("row", "why"),
    [
        ("Camp\t\tBFA\t\tnorth\t-0.09\tcamp\tpoint", "lat and lon must be numbers"),
        ("Camp\t\tBFA\t\t14.0\t-0.09\tcamp\tvillage", "precision must be one of"),
        ("Camp\t\tBurkina\t\t14.0\t-0.09\tcamp\tpoint", "ISO 3166-1 alpha-3"),
        ("Camp\tBFA\t14.0", "3 columns"),
        ("Camp\t\tBFA\t\t114.0\t-0.09\tcamp\tpoint", "not a place on Earth"),
    ],
)
def test_a_broken_place_file_says_which_line_and_why(tmp_path: Path, row: str, why: str) -> None:
    from wirewatch.errors import WirewatchError
    from wirewatch.mentions.gazetteer import gazetteer_with

    places = tmp_path / "bad.tsv"
    places.write_text("name\taliases\tcountry\tadmin1\tlat\tlon\tfeature\tprecision\n" + row)
    with pytest.raises(WirewatchError) as info:
        gazetteer_with((str(places),))
    assert info.value.code == "C007" and "line 2" in info.value.message
    assert why in info.value.message


# ---------------------------------------------------------------- one actor, many words
# Own articles (tests/data/mentions/), own words, real facts.


def _actor(ms: list[dict], text: str, nth: int = 0) -> dict:
    found = [m for m in ms if m["kind"] == "actor" and m["text"] == text]
    assert len(found) > nth, f"no actor mention {text!r} (#{nth})"
    return found[nth]


@pytest.fixture(scope="module")
def cameron() -> list[dict]:
    return _mentions(MENTION_ARTICLES / "cameron-foreign-secretary.txt", date(2023, 11, 13))


def test_office_words_are_the_person_who_holds_the_office(cameron: list[dict]) -> None:
    # Cleverly left and Cameron took the office that day: only the article says who is meant.
    for text in ("Britain's foreign secretary", "new foreign secretary"):
        m = _actor(cameron, text)
        assert (m["entity"], m["country"], m["sector"]) == ("david-cameron", "GBR", "GOV")
        assert "refers_to" in m
    pm = _actor(cameron, "prime minister")
    assert pm["entity"] == "rishi-sunak"
    assert _actor(cameron, "James Cleverly")["entity"] == "james-cleverly"


def test_he_reaches_back_to_the_only_person_in_play(cameron: list[dict]) -> None:
    # "He has no seat in parliament … so that he can sit in the cabinet": Cameron, two
    # paragraphs on, and never the parliament named between.
    pronouns = [m for m in cameron if m["kind"] == "actor" and m["text"].lower() == "he"]
    assert len(pronouns) == 3
    assert [m["entity"] for m in pronouns] == ["david-cameron"] * 3


def test_a_name_that_modifies_a_thing_is_no_actor(cameron: list[dict]) -> None:
    assert not [m for m in cameron if m["kind"] == "actor" and "Brexit" in m["text"]]


@pytest.fixture(scope="module")
def mahama() -> list[dict]:
    return _mentions(MENTION_ARTICLES / "mahama-inauguration.txt", date(2025, 1, 7))


def test_the_president_is_the_new_one_not_his_predecessor(mahama: list[dict]) -> None:
    for text in ("Ghana's president", "president", "He"):
        m = _actor(mahama, text)
        assert (m["entity"], m["country"], m["sector"]) == ("john-dramani-mahama", "GHA", "GOV")
    assert _actor(mahama, "Nana Akufo-Addo")["entity"] == "nana-akufo-addo"
    # The vice president is another office: never merged with the president.
    vp = _actor(mahama, "Vice President Mahamudu Bawumia")
    assert vp["entity"] != "john-dramani-mahama"


@pytest.fixture(scope="module")
def kenya() -> list[dict]:
    return _mentions(MENTION_ARTICLES / "kenya-haiti-police.txt", date(2024, 6, 25))


def test_unknown_official_takes_the_datelines_state_and_his_mentions_follow(
    kenya: list[dict],
) -> None:
    full = _actor(kenya, "Interior Minister Kithure Kindiki")
    assert (full["country"], full["sector"], full["country_from"]) == ("KEN", "COP", "dateline")
    for text in ("minister", "Kindiki", "he"):
        assert _actor(kenya, text)["entity"] == full["entity"]
        assert _actor(kenya, text)["country"] == "KEN"
    assert (_actor(kenya, "Kenyan police officers")["country"]) == "KEN"
    assert (_actor(kenya, "Haitian officials")["country"]) == "HTI"


def test_indefinite_or_former_office_words_stay_unlinked(tmp_path: Path) -> None:
    ms = _mentions_of(
        tmp_path,
        "ACCRA, Jan 7 (Wire) - John Dramani Mahama was sworn in as president on Tuesday. "
        "A president must serve the people, a minister said. The former president attended "
        "the ceremony.",
        date(2025, 1, 7),
    )
    linked = [m for m in ms if m["kind"] == "actor" and m.get("entity") == "john-dramani-mahama"]
    assert [m["text"] for m in linked] == ["John Dramani Mahama"]


def test_seas_continents_and_regions_of_several_states_are_never_points(tmp_path: Path) -> None:
    # Own words, real facts: the Red Sea shipping attacks of January 2024. The gazetteers hold
    # an Egyptian province "Red Sea", a Peruvian town "Asia" and a Maryland "Middle East".
    ms = _mentions_of(
        tmp_path,
        "DUBAI, Jan 12 (Wire) - Houthi forces fired missiles at ships in the Red Sea on "
        "Friday, and U.S. and British warships struck back. Shipping firms said they would "
        "avoid the route, a blow to trade between Asia and Europe and to the Middle East.",
        date(2024, 1, 12),
    )
    places = [m for m in ms if m["kind"] == "place"]
    names = {m["text"] for m in places}
    assert "Red Sea" not in names  # never the Egyptian province
    regions = {
        m["text"]: m
        for m in places
        if m["text"] in ("Asia", "Europe", "the Middle East", "the Red Sea")
    }
    # Continents, seas and the Middle East are region mentions with their point, never an
    # event's place, a country or a dot.
    assert set(regions) == {"Asia", "Europe", "the Middle East", "the Red Sea"}
    assert all(m["role"] == "region" and not m["point"] and not m["country"]
               for m in regions.values())  # fmt: skip
    assert any(m["role"] == "dateline" and m["country"] == "ARE" for m in places)


def test_a_former_office_holder_is_neither_the_holder_nor_in_office(tmp_path: Path) -> None:
    ms = _mentions_of(
        tmp_path,
        "KATHMANDU, May 10 (Wire) - Nepal's former prime minister Baburam Bhattarai led the "
        "government from 2011 to 2013. Prime Minister Pushpa Kamal Dahal took office in "
        "December 2022.",
        date(2023, 5, 10),
    )
    former = _actor(ms, "Nepal's former prime minister Baburam Bhattarai")
    assert (former["entity"], former["country"], former["sector"]) == (
        "person:baburam bhattarai",
        "NPL",
        None,
    )
    assert _actor(ms, "Prime Minister Pushpa Kamal Dahal")["entity"] == "pushpa-kamal-dahal"


def test_a_lower_case_title_keeps_its_first_word(cameron: list[dict]) -> None:
    # "Former prime minister David Cameron": "former" goes, "prime" stays.
    assert _actor(cameron, "prime minister David Cameron")["entity"] == "david-cameron"


def test_a_bare_name_beside_its_county_is_the_county(tmp_path: Path) -> None:
    ms = _mentions_of(
        tmp_path,
        "DeKalb County commissioners approved the budget on Tuesday. DeKalb police said "
        "the new precinct in Decatur would open in May.",
        date(2009, 3, 20),
    )
    dekalb = [m for m in _find(ms, "place", "DeKalb") if m["text"] == "DeKalb"]
    # Not DeKalb, Illinois: the article's own DeKalb County, Georgia.
    assert dekalb and all((m["name"], m["admin1"]) == ("DeKalb County", "Georgia") for m in dekalb)


def test_batched_place_ranking_gives_each_row_the_same_float() -> None:
    """`Ranker.scores` and `Ranker.choices` (numpy over an article's candidates) must give
    exactly what `score` and `choice` give row by row: a last-bit difference could flip
    a tie between two candidates."""
    import random

    from wirewatch.mentions.ranking import FEATURES, Ranker, load_ranker

    rnd = random.Random(7)
    ranker = load_ranker()
    thresholds = sorted({t for tree in ranker.trees for t in tree[1]}) or [0.5]
    rows = [
        [rnd.choice([rnd.random(), rnd.choice(thresholds), 0.0, 1.0]) for _ in FEATURES]
        for _ in range(500)
    ]
    assert [x.hex() for x in ranker.choices(rows)] == [ranker.choice(x).hex() for x in rows]
    assert [x.hex() for x in ranker.scores(rows)] == [ranker.score(x).hex() for x in rows]
    n = len(FEATURES)
    hand = Ranker(tuple(rnd.uniform(-3, 3) for _ in range(n)), -6.0, (0.1,) * n, (0.7,) * n)
    assert hand.choices(rows) == [hand.choice(x) for x in rows]
    assert [x.hex() for x in hand.scores(rows)] == [hand.score(x).hex() for x in rows]


def _chain_tree(depth: int, feature_of: Callable[[int], int]) -> tuple:
    """A lopsided tree: test k sends left to a leaf and right to test k + 1."""
    feat, thr, left, right, value = [], [], [], [], []
    for k in range(depth):
        node = len(feat)
        feat += [feature_of(k), -1]
        thr += [0.1 * (k + 1), 0.0]
        left += [node + 1, -1]
        right += [node + 2, -1]
        value += [0.0, float(k + 1)]
    feat.append(-1)
    thr.append(0.0)
    left.append(-1)
    right.append(-1)
    value.append(-1.0)
    return tuple(feat), tuple(thr), tuple(left), tuple(right), tuple(value)


def test_tree_choices_of_uneven_and_deep_trees_match_the_walk() -> None:
    """`Ranker.choices` reads each tree's leaf from a table of its test outcomes: trees of
    uneven shape, and trees too deep for a table (walked row by row), give what `choice`
    gives."""
    import random

    from wirewatch.mentions.ranking import FEATURES, MAX_TESTS, Ranker

    n = len(FEATURES)
    rnd = random.Random(3)
    rows = [[rnd.choice([0.0, 0.1, 0.25, 0.5, 1.0, 2.0]) for _ in FEATURES] for _ in range(200)]
    for depth in (1, 4, MAX_TESTS + 1):
        trees = tuple(_chain_tree(depth, lambda k, s=s: (k + s) % n) for s in range(5))
        ranker = Ranker((0.0,) * n, 0.0, (0.0,) * n, (1.0,) * n, trees, 0.5)
        walked = [ranker.choice(x) for x in rows]
        assert [x.hex() for x in ranker.choices(rows)] == [x.hex() for x in walked]
        assert len(set(walked)) > 3  # the rows reach different leaves
