"""The HTTP API over the demo corpus, through FastAPI's TestClient (httpx)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from wirewatch.api import create_app
from wirewatch.config import load_config

TOKEN = "test-token-123"


@pytest.fixture(scope="module")
def client(demo_store) -> TestClient:
    cfg = load_config(env={"WIREWATCH_API_TOKEN": TOKEN})
    return TestClient(create_app(cfg, demo_store))


def _all(client: TestClient, url: str, **params) -> list[dict]:
    out, cursor = [], None
    while True:
        page = client.get(url, params={**params, **({"cursor": cursor} if cursor else {})}).json()
        out += page["events"]
        cursor = page["next_cursor"]
        if not cursor:
            return out


def test_healthz_counts_the_demo(client: TestClient) -> None:
    body = client.get("/healthz").json()
    assert body["status"] == "ok" and body["articles"] >= 31 and body["events"] > 50


def test_cursor_pages_cover_every_event_once(client: TestClient) -> None:
    total = client.get("/healthz").json()["events"]
    paged = _all(client, "/events", limit=7)
    assert len(paged) == total
    assert len({e["id"] for e in paged}) == total


def test_filters_narrow_by_type_country_and_date(client: TestClient) -> None:
    retreats = _all(client, "/events", type="RETREAT", actor_country="AFG")
    assert retreats and all(e["type"] == "RETREAT" for e in retreats)
    assert all(e["actor"]["country"] == "AFG" for e in retreats)
    day = _all(client, "/events", date_from="2021-07-05", date_to="2021-07-05")
    assert day and all(e["date"]["value"] == "2021-07-05" for e in day)
    text = _all(client, "/events", q="reservists")
    assert text and all("reservists" in e["sentence"].lower() for e in text)
    acled = _all(client, "/events", acled_event_type="Strategic developments")
    assert acled and all(e["acled_event_type"] == "Strategic developments" for e in acled)


def test_bbox_and_geojson_give_only_real_points(client: TestClient) -> None:
    geo = client.get("/events", params={"format": "geojson", "limit": 1000}).json()
    assert geo["type"] == "FeatureCollection" and geo["features"]
    for f in geo["features"]:
        assert f["properties"]["precision"] in ("point", "district")
    # Central Asia only: Dushanbe and Tashkent are in, Washington is not.
    box = _all(client, "/events", bbox="60,30,80,45")
    assert box and all(60 <= e["location"]["lon"] <= 80 for e in box)


def test_seed_mobilisation_event_has_its_evidence(client: TestClient) -> None:
    (ev,) = [e for e in _all(client, "/events", type="MOBILIZE") if "20,000" in e["sentence"]][:1]
    detail = client.get(f"/events/{ev['id']}").json()
    spans = {s["field"]: s["text"] for s in detail["evidence"]}
    assert spans["trigger"] == "ordered the mobilization"
    assert spans["quantity"] == "20,000"
    assert spans["date"] == "Monday"
    assert detail["sentence"] in detail["context"]["text"]
    assert len(detail["reports"]) == detail["story"]["num_articles"] >= 2


def test_troops_flight_story_reconciles_to_1037(client: TestClient) -> None:
    stories = client.get("/stories", params={"type": "RETREAT", "min_articles": 3}).json()
    best = [s for s in stories["stories"] if s["figure"] and s["figure"]["value"] == 1037]
    assert best, stories
    story = client.get(f"/stories/{best[0]['id']}").json()
    values = {f["value"] for f in story["figures"]}
    assert {1037, 1000} <= values
    assert len(story["reports"]) >= 3


def test_article_actors_and_stats(client: TestClient) -> None:
    art = client.get("/articles/1").json()
    assert art["text"] and art["events"]
    actors = client.get("/actors", params={"q": "rakhmon"}).json()["actors"]
    assert actors[0]["country"] == "TJK" and actors[0]["as_actor"] >= 3
    stats = client.get("/stats").json()
    assert sum(d["count"] for d in stats["days"]) <= stats["events"]
    assert stats["types"]["RETREAT"] >= 3 and stats["countries"]["AFG"] >= 1


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/events/no-such-event", 404, "A001"),
        ("/stories/nope", 404, "A001"),
        ("/articles/999999", 404, "A001"),
        ("/events?bbox=1,2,3", 400, "A002"),
        ("/events?cursor=%%%", 400, "A002"),
        ("/events?limit=0", 400, "A002"),
        ("/events?date_from=2021-07-09&date_to=2021-07-01", 400, "A002"),
        ("/events?acled_event_type=Picnics", 400, "A002"),
        ("/no/such/page", 404, "A007"),
    ],
)
def test_errors_are_coded_and_say_what_to_do(
    client: TestClient, url: str, status: int, code: str
) -> None:
    res = client.get(url)
    assert res.status_code == status
    err = res.json()["error"]
    assert err["code"] == code and err["message"] and err["hint"]


def test_post_requires_the_configured_token(client: TestClient) -> None:
    body = {"text": "KABUL, July 9 (Wire) - Taliban fighters seized the town of Islam Qala."}
    assert client.post("/articles", json=body).status_code == 401
    bad = client.post("/articles", json=body, headers={"Authorization": "Bearer wrong"})
    assert bad.status_code == 401 and bad.json()["error"]["code"] == "A004"


def test_post_refused_when_no_token_is_configured(demo_store) -> None:
    open_client = TestClient(create_app(load_config(env={}), demo_store))
    res = open_client.post("/articles", json={"text": "x"}, headers={"Authorization": "Bearer x"})
    assert res.status_code == 403 and res.json()["error"]["code"] == "A003"


def test_post_extracts_stores_and_is_idempotent(client: TestClient) -> None:
    # Own words, real facts: the Taliban took the Islam Qala crossing on 8-9 July 2021.
    body = {
        "url": "https://example.invalid/islam-qala",
        "source": "Test Wire",
        "published": "2021-07-09",
        "text": "HERAT, July 9 (Test Wire) - Taliban fighters seized the Islam Qala border "
        "crossing with Iran on Friday, Afghan officials said.",
    }
    auth = {"Authorization": f"Bearer {TOKEN}"}
    first = client.post("/articles", json=body, headers=auth)
    assert first.status_code == 201, first.text
    out = first.json()
    assert out["status"] == "new" and out["events"]
    ev = client.get(f"/events/{out['events'][0]}").json()
    assert ev["type"] == "COERCE" and ev["actor"]["country"] == "AFG"
    again = client.post("/articles", json=body, headers=auth).json()
    assert again["status"] == "unchanged" and again["events"] == out["events"]


def test_post_bad_article_is_a_coded_error(client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    french = {"text": "Les talibans ont pris le poste frontière hier soir, selon les autorités "
              "locales, qui affirment que les combats continuent dans la province."}  # fmt: skip
    res = client.post("/articles", json=french, headers=auth)
    assert res.status_code == 422 and "W009" in res.json()["error"]["message"]
    assert client.post("/articles", json={"title": "no text"}, headers=auth).status_code == 422
    assert client.post("/articles", content=b"{trunc", headers=auth).status_code == 400


def test_openapi_and_docs_are_served_offline(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/events", "/events/{event_id}", "/stories", "/stats", "/articles"} <= set(
        spec["paths"]
    )
    page = client.get("/docs").text
    assert "/static/vendor/swagger-ui-bundle.js" in page and "cdn" not in page.lower()


def test_country_outlines_are_shipped_with_iso3_ids(client: TestClient) -> None:
    geo = client.get("/web/countries.geojson").json()
    by_id = {f["id"]: f for f in geo["features"] if f["id"]}
    assert len(by_id) > 150
    ring = [pt for poly in _polygons(by_id["TJK"]) for pt in poly[0]]
    lons, lats = [p[0] for p in ring], [p[1] for p in ring]
    # Dushanbe (68.8E, 38.6N) lies within Tajikistan's outline's bounds.
    assert min(lons) < 68.8 < max(lons) and min(lats) < 38.6 < max(lats)
    settings = client.get("/web/settings").json()
    assert settings["tile_url"] is None and settings["missing_assets"] == []


def _polygons(feature: dict) -> list:
    g = feature["geometry"]
    return [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]


@pytest.mark.parametrize(
    ("url", "param", "field"),
    [
        ("/actors", "country", "country"),
        ("/stories", "type", "type"),
        ("/events", "place_country", None),
        ("/events", "recipient_country", None),
    ],
)
def test_list_filters_really_filter(client: TestClient, url: str, param: str, field) -> None:
    key = url.strip("/")
    everything = client.get(url, params={"limit": 1000}).json()[key]
    value = "MOBILIZE" if param == "type" else "TJK"
    some = client.get(url, params={param: value, "limit": 1000}).json()[key]
    assert 0 < len(some) < len(everything)
    if field:
        assert {row[field] for row in some} == {value}
    assert client.get(url, params={param: "ZZZ"}).json()[key] == []


def test_min_confidence_narrows_and_is_checked(client: TestClient) -> None:
    everything = _all(client, "/events", limit=1000)
    cut = sorted(e["confidence"] for e in everything)[len(everything) // 2]
    sure = _all(client, "/events", min_confidence=cut, limit=1000)
    assert 0 < len(sure) < len(everything)
    assert all(e["confidence"] >= cut for e in sure)
    assert client.get("/events", params={"min_confidence": 2}).status_code == 400


@pytest.mark.parametrize("sort", ["-date", "date", "-confidence", "confidence"])
def test_sorted_pages_are_in_order_and_cover_every_event_once(
    client: TestClient, sort: str
) -> None:
    total = client.get("/healthz").json()["events"]
    paged = _all(client, "/events", limit=9, sort=sort)
    assert len(paged) == total and len({e["id"] for e in paged}) == total
    if sort.endswith("date"):
        keys = [e["date"]["value"] if e["date"] else "0001-01-01" for e in paged]
    else:
        keys = [e["confidence"] for e in paged]
    assert keys == sorted(keys, reverse=sort.startswith("-"))


def test_a_cursor_of_another_sort_or_a_bad_sort_is_a_coded_error(client: TestClient) -> None:
    cursor = client.get("/events", params={"sort": "-date", "limit": 2}).json()["next_cursor"]
    for params in ({"sort": "date", "cursor": cursor}, {"cursor": cursor}, {"sort": "who"}):
        res = client.get("/events", params=params)
        assert res.status_code == 400 and res.json()["error"]["code"] == "A002"


def test_export_downloads_the_filtered_events_as_csv_and_geojson(client: TestClient) -> None:
    import csv
    import io

    res = client.get("/export", params={"format": "csv", "view": "acled", "place_country": "AFG"})
    assert res.status_code == 200 and res.headers["content-type"].startswith("text/csv")
    assert "attachment" in res.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(res.text)))
    assert rows and {r["country"] for r in rows} == {"Afghanistan"}
    everything = list(csv.DictReader(io.StringIO(client.get("/export").text)))
    assert len(rows) < len(everything)
    geo = client.get("/export", params={"format": "geojson", "view": "plover", "type": "CONSULT"})
    assert geo.headers["content-type"] == "application/geo+json"
    feats = geo.json()["features"]
    assert feats and {f["properties"]["event_type"] for f in feats} == {"CONSULT"}
    assert client.get("/export", params={"format": "xls"}).status_code == 400


def test_story_figures_name_their_outlets_and_the_figure_is_explained(
    client: TestClient,
) -> None:
    stories = client.get("/stories", params={"type": "RETREAT", "min_articles": 3}).json()
    (best,) = [s for s in stories["stories"] if s["figure"] and s["figure"]["value"] == 1037]
    story = client.get(f"/stories/{best['id']}").json()
    outlets = [f["outlet"] for f in story["figures"]] + [r["outlet"] for r in story["reports"]]
    assert outlets and not any(o.startswith("sha256:") for o in outlets)
    assert "unknown outlet" in outlets and "Pamir Wire" in outlets
    words = {f["words"] for f in story["figures"]}
    assert {"1,037", "more than 1,000"} <= words
    assert story["figure"]["words"] == "1,037"
    explained = story["figure"]["explanation"]
    assert "border guard service" in explained and "more than 1,000" in explained


def test_map_labels_and_page_vocabularies_ship_with_the_package(client: TestClient) -> None:
    labels = client.get("/web/labels").json()
    countries = {c["iso3"]: c for c in labels["countries"]}
    afg = countries["AFG"]
    assert afg["name"] == "Afghanistan" and 29 < afg["lat"] < 39 and 60 < afg["lon"] < 75
    cities = {c["name"]: c for c in labels["cities"]}
    assert cities["Kabul"]["capital"] and cities["Dushanbe"]["country"] == "TJK"
    settings = client.get("/web/settings").json()
    assert "ASSAULT" in settings["types"] and "asserted" in settings["modalities"]
    assert "Battles" in settings["acled_event_types"]
