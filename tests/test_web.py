"""The web page in a real browser: Playwright for Python driving Debian's Chromium.

No browser is downloaded: the fixture installs Debian's `chromium` with apt when it is
missing (CI runs as root) and launches /usr/bin/chromium headless. A screenshot is
written to test-artifacts/web-seed-event.png, and the page at 390 px and 1400 px wide to
test-artifacts/web-{390,1400}-{map,story}.png.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.server]

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
# Without these, Chromium keeps trying to reach Google's hosts from a closed network.
QUIET = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _ensure_chromium() -> str | None:
    if Path(CHROMIUM).is_file():
        return None
    if shutil.which("apt-get") and os.geteuid() == 0:
        subprocess.run(["apt-get", "update", "-qq"], check=False, capture_output=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "chromium"],
            check=False,
            capture_output=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
    return None if Path(CHROMIUM).is_file() else "Debian's chromium is not installed"


@pytest.fixture(scope="module")
def browser():
    why = _ensure_chromium()
    if why:
        if os.environ.get("CI"):
            pytest.fail(why)
        pytest.skip(why)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=QUIET, headless=True)
        yield b
        b.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(demo_store) -> Iterator[str]:
    import uvicorn

    from wirewatch.api import create_app
    from wirewatch.config import load_config
    from wirewatch.web import missing_assets

    assert not missing_assets(), "run `make install`: the web assets are missing"
    # An article with markup in it, to see that the page shows it as text.
    from wirewatch.store.ingest import ingest

    tmp = ARTIFACTS / "script-article.txt"
    tmp.parent.mkdir(exist_ok=True)
    tmp.write_text(
        "KABUL, July 9 (Wire) - Taliban fighters seized the border town of Torghundi on "
        'Friday <script>window.pwned = 1</script> <img src=x onerror="window.pwned=2">, '
        "Afghan officials said.",
        encoding="utf-8",
    )
    ingest([str(tmp)], load_config(env={}), demo_store)
    port = _free_port()
    app = create_app(load_config(env={}), demo_store)
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=5)


@pytest.fixture()
def page(browser, server):
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = ctx.new_page()
    failures: list[str] = []
    pg.on("requestfailed", lambda r: failures.append(f"failed {r.url}"))
    pg.on("response", lambda r: failures.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    pg.on("pageerror", lambda e: failures.append(f"script error {e}"))
    pg.on("console", lambda m: failures.append(f"console {m.text}") if m.type == "error" else None)
    pg.goto(server + "/")
    pg.wait_for_selector("body[data-ready='1']", timeout=20000)
    pg.failures = failures  # type: ignore[attr-defined]
    yield pg
    ctx.close()


def _rows(pg) -> list[str]:
    return pg.locator("#events tbody tr").all_inner_texts()


def _until(page, expression: str, timeout: float = 10.0) -> None:
    """Wait until `expression` is true in the page. (Playwright's wait_for_function
    evaluates its string with eval, which the page's CSP rightly forbids.)"""
    import time

    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"never true: {expression}"
        page.wait_for_timeout(50)


PINS = (
    "document.querySelectorAll('path.ww-marker').length + "
    "[...document.querySelectorAll('.ww-cluster span')].reduce((s, x) => s + +x.textContent, 0)"
)


def _pins(page) -> int:
    """Events drawn as points: single pins plus the counts on the clusters, once the
    clusters' zoom animation has settled."""
    _until(page, f"({PINS}) == document.querySelector('#map').dataset.points")
    return page.evaluate(PINS)


def test_page_loads_with_no_failed_request_and_markers(page, server) -> None:
    assert page.failures == []  # type: ignore[attr-defined]
    # Only hosts of this server were asked: no CDN, no tiles.
    points = int(page.locator("#map").get_attribute("data-points"))
    assert points >= 3
    assert _pins(page) == points
    assert len(_rows(page)) > 50


def test_choosing_a_day_narrows_the_list(page) -> None:
    before = len(_rows(page))
    page.locator("#timeline g.day[data-date='2021-07-05']").click()
    _until(page, "document.querySelector('#day-chosen').textContent.includes('2021')")
    _until(page, f"document.querySelectorAll('#events tbody tr').length < {before}")
    rows = _rows(page)
    assert 0 < len(rows) < before
    assert all(r.startswith("2021-07-05") for r in rows)
    page.locator("#day-clear").click()
    _until(page, f"document.querySelectorAll('#events tbody tr').length == {before}")


def test_seed_mobilisation_event_shows_its_evidence(page) -> None:
    row = page.locator("#events tbody tr", has_text="MOBILIZE").filter(has_text="20,000")
    row.first.click()
    page.wait_for_selector("#detail:not([hidden]) mark.f-trigger")
    marks = {
        f: page.locator(f"#detail mark.f-{f}").all_inner_texts()
        for f in ("trigger", "quantity", "date", "actor")
    }
    assert "ordered the mobilization" in marks["trigger"]
    assert "20,000" in marks["quantity"]
    assert "Monday" in marks["date"]
    assert marks["actor"]
    # Every report of the story is linked.
    assert page.locator("#detail .reports li").count() >= 2
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "web-seed-event.png"), full_page=False)


def test_markup_in_an_article_is_shown_as_text(page) -> None:
    page.fill("#f-q", "Torghundi")
    page.click("#filters button[type=submit]")
    _until(page, "document.querySelectorAll('#events tbody tr').length === 1")
    page.locator("#events tbody tr").first.click()
    page.wait_for_selector("#detail:not([hidden]) .article-text")
    text = page.locator("#detail .article-text").inner_text()
    assert "<script>window.pwned = 1</script>" in text
    assert page.evaluate("window.pwned") is None
    assert page.locator("#detail .article-text script, #detail .article-text img").count() == 0


def test_api_docs_render_under_the_content_security_policy(browser, server) -> None:
    ctx = browser.new_context()
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    response = pg.goto(server + "/docs")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    pg.wait_for_selector(".swagger-ui .opblock", timeout=20000)
    assert pg.locator(".swagger-ui .opblock").count() >= 10  # every operation listed
    assert not [e for e in errors if "Content Security Policy" in e], errors
    ctx.close()


# -- issue 21: the page analysts work in ---------------------------------------------------
def _loaded(page) -> str:
    return page.evaluate("document.body.dataset.loaded || ''")


def _apply(page) -> None:
    """Press Apply and wait for the list and map of the new filters."""
    before = _loaded(page)
    page.click("#filters button[type=submit]")
    _until(page, f"(document.body.dataset.loaded || '') !== {before!r}")


def _goto(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']", timeout=20000)


def _story_of_1037(page, server) -> dict:
    found = page.request.get(f"{server}/stories?type=RETREAT&min_articles=3").json()
    (best,) = [s for s in found["stories"] if s["figure"] and s["figure"]["value"] == 1037]
    return page.request.get(f"{server}/stories/{best['id']}").json()


def test_base_map_names_countries_and_cities_from_the_package(page, server) -> None:
    _goto(page, server + "/?country=TJK")
    countries = page.locator(".ww-label-country").all_text_contents()
    cities = page.locator(".ww-label-city").all_text_contents()
    assert "Tajikistan" in countries
    assert "Dushanbe" in cities
    # Legible: no two names drawn on top of each other.
    boxes = page.evaluate(
        "[...document.querySelectorAll('.ww-label span')].map(s => {"
        " const r = s.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })"
    )
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] - 1 and a[2] > b[0] + 1 and a[1] < b[3] - 1 and a[3] > b[1] + 1)
    page.evaluate("state.map.setZoom(3, {animate: false})")
    _until(page, "!document.querySelector('.ww-label-city:not(.capital)')")
    assert page.failures == []  # type: ignore[attr-defined]


def test_pins_on_one_spot_cluster_with_a_count_and_the_map_fits_the_results(page, server) -> None:
    _goto(page, server + "/?country=AFG&modality=any")
    counts = [int(t) for t in page.locator(".ww-cluster span").all_inner_texts()]
    assert counts and all(n >= 2 for n in counts)
    assert _pins(page) == int(page.locator("#map").get_attribute("data-points"))
    # Fitted to Afghanistan's events, not the whole world.
    west, _south, east, north = page.evaluate("state.map.getBounds().toBBoxString()").split(",")
    assert 55 < float(west) < 70 and 70 < float(east) < 85 and float(north) < 45
    # A cluster opens into its pins.
    before = page.locator("path.ww-marker").count()
    page.locator(".ww-cluster").first.click()
    _until(page, f"document.querySelectorAll('path.ww-marker').length > {before}")


def test_one_legend_on_the_map_for_types_and_precision(page) -> None:
    legend = page.locator(".leaflet-control-container #legend")
    assert legend.count() == 1
    types = legend.locator(".legend-type").all_inner_texts()
    assert {"MOBILIZE", "RETREAT", "CONSULT"} <= {t.strip() for t in types}
    text = legend.inner_text()
    for words in ("exact place or district", "close together", "province only", "country only"):
        assert words in text
    assert page.locator("#timeline-keys").count() == 0  # no second key under the timeline


def test_the_map_says_how_many_events_it_does_not_show(page) -> None:
    note = page.locator("#map-note").inner_text()
    off = int(page.locator("#map").get_attribute("data-off"))
    # Every extracted event is placed now (at country precision at worst), so the demo
    # may have none off the map; the note must say so either way, with the right counts.
    m = re.match(r"(\d+) of (\d+) events not on the map", note) or re.match(
        r"all (\d+) events on the map", note
    )
    assert m, note
    if off:
        assert int(m.group(1)) == off and int(m.group(2)) == len(_rows(page))
    else:
        assert note.startswith("all") and int(m.group(1)) == len(_rows(page))


def test_provinces_and_countries_can_be_clicked_for_their_events(page, server) -> None:
    _goto(page, server + "/?modality=any")
    # The province's area is under its own pins' cluster at its centre: click the area.
    page.locator("path.ww-region").first.dispatch_event("click")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "province" in popup.inner_text()
    popup.locator("a[data-event]").first.click()
    page.wait_for_selector("#detail:not([hidden]) mark.f-trigger")


@pytest.mark.parametrize(
    ("fill", "check"),
    [
        ({"#f-from": "2021-07-05", "#f-to": "2021-07-05"}, r"^2021-07-05"),
        ({"#f-country": "Afghanistan"}, None),
        ({"#f-actor": "Rakhmon"}, "Rakhmon"),
        ({"#f-type": "MOBILIZE"}, "MOBILIZE"),
        ({"#f-acled": "Strategic developments"}, None),
        ({"#f-modality": "planned"}, None),
        ({"#f-conf": "0.95"}, None),
        ({"#f-q": "reservists"}, None),
    ],
)
def test_each_filter_narrows_the_list(page, fill: dict, check: str | None) -> None:
    before = len(_rows(page))
    for sel, value in fill.items():
        if page.locator(sel).evaluate("n => n.tagName") == "SELECT":
            page.select_option(sel, value)
        else:
            page.fill(sel, value)
    _apply(page)
    rows = _rows(page)
    assert 0 < len(rows) < before, (fill, len(rows), before)
    if check:
        assert all(re.search(check, r) for r in rows), rows
    assert page.locator("#filter-error").is_hidden()


def test_a_country_is_chosen_by_name_and_an_unknown_name_says_so(page) -> None:
    options = page.locator("#country-names option").evaluate_all("os => os.map(o => o.value)")
    assert "Afghanistan" in options[:5] and "Tajikistan" in options
    page.fill("#f-country", "Atlantis")
    page.click("#filters button[type=submit]")
    assert "No country is called" in page.locator("#filter-error").inner_text()
    page.fill("#f-country", "afghanistan")
    _apply(page)
    assert "country=AFG" in page.url
    assert page.locator("#filter-error").is_hidden()


def test_the_list_sorts_newest_first_and_on_request_oldest_first(page) -> None:
    dates = [r.split()[0] for r in _rows(page) if r[:4].isdigit()]
    assert dates == sorted(dates, reverse=True)
    page.select_option("#f-sort", "date")
    _apply(page)
    dates = [r.split()[0] for r in _rows(page) if r[:4].isdigit()]
    assert dates == sorted(dates)


def test_the_address_holds_the_view_and_back_and_forward_walk_it(page, server) -> None:
    page.select_option("#f-type", "MOBILIZE")
    _apply(page)
    assert "type=MOBILIZE" in page.url
    page.locator("#events tbody tr").first.click()
    page.wait_for_selector("#detail:not([hidden]) mark.f-trigger")
    assert "event=" in page.url and "type=MOBILIZE" in page.url
    link = page.url
    # The link restores filters, list and the open event in a fresh page.
    other = page.context.new_page()
    _goto(other, link)
    other.wait_for_selector("#detail:not([hidden]) mark.f-trigger")
    assert other.locator("#f-type").input_value() == "MOBILIZE"
    assert all("MOBILIZE" in r for r in _rows(other))
    other.close()
    # Back closes the event, back again drops the filter; forward brings them back.
    page.go_back()
    _until(page, "document.querySelector('#detail').hidden")
    assert "event=" not in page.url and "type=MOBILIZE" in page.url
    page.go_back()
    _until(page, "document.querySelector('#f-type').value === ''")
    _until(page, "document.querySelectorAll('#events tbody tr').length > 50")
    page.go_forward()
    _until(page, "document.querySelector('#f-type').value === 'MOBILIZE'")
    _until(
        page,
        "[...document.querySelectorAll('#events tbody tr')].every(r => "
        "r.textContent.includes('MOBILIZE'))",
    )
    page.go_forward()
    page.wait_for_selector("#detail:not([hidden]) mark.f-trigger")
    assert page.failures == []  # type: ignore[attr-defined]


def test_the_story_view_names_outlets_figures_and_sources_in_words(page, server) -> None:
    story = _story_of_1037(page, server)
    _goto(page, f"{server}/?story={story['id']}")
    page.wait_for_selector("#detail:not([hidden]) .story-reports")
    text = page.locator("#detail").inner_text()
    assert "sha256" not in text
    assert "1,037 — its border guard service" in text
    assert "more than 1,000 — Tajik officials" in text
    assert "Pamir Wire" in text and "unknown outlet" in text
    assert "Chosen over more than 1,000" in text and "exact figure beats" in text
    assert "reconciled figure exact" not in text and "[more_than" not in text
    assert page.locator("#detail .mini-timeline g.report-day").count() >= 2
    assert page.locator("#detail .story-reports li").count() == len(story["reports"])
    # From the story to a report's evidence and back.
    page.locator("#detail .story-reports a[data-event]").first.click()
    page.wait_for_selector("#detail[data-event] mark")
    page.go_back()
    page.wait_for_selector("#detail[data-story] .story-reports")
    page.set_viewport_size({"width": 1400, "height": 900})
    page.screenshot(path=str(ARTIFACTS / "web-1400-story.png"))


def test_the_event_view_names_its_source_and_keys_its_highlights(page, server) -> None:
    story = _story_of_1037(page, server)
    (fig,) = [f for f in story["figures"] if f["value"] == 1037]
    _goto(page, f"{server}/?event={fig['event']}")
    page.wait_for_selector("#detail:not([hidden]) mark.f-attribution")
    assert "border guard service" in page.locator("#source-line").inner_text()
    keys = page.locator("#detail .highlight-key mark").evaluate_all(
        "ms => ms.map(m => [m.dataset.key, m.textContent])"
    )
    assert ["attribution", "Source"] in keys and ["trigger", "Act"] in keys
    marked = set(
        page.locator("#detail .article-text mark").evaluate_all(
            "ms => ms.map(m => m.dataset.field)"
        )
    )
    assert marked <= {k for k, _ in keys}


def test_downloads_give_the_filtered_events_as_csv_and_geojson(page, server) -> None:
    page.fill("#f-country", "Afghanistan")
    _apply(page)
    csv_href = page.locator("#dl-csv").get_attribute("href")
    geo_href = page.locator("#dl-geojson").get_attribute("href")
    assert "place_country=AFG" in csv_href and "place_country=AFG" in geo_href
    res = page.request.get(server + csv_href)
    assert res.ok and res.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(res.text())))
    assert res.text().startswith("event_id_cnty,") and rows
    assert {r["country"] for r in rows} == {"Afghanistan"}
    geo = page.request.get(server + geo_href)
    assert geo.ok and geo.headers["content-type"] == "application/geo+json"
    body = geo.json()
    assert body["type"] == "FeatureCollection" and body["features"]
    with page.expect_download() as dl:
        page.click("#dl-csv")
    assert dl.value.suggested_filename == "wirewatch-events-acled.csv"


def test_phone_width_has_no_sideways_scroll_and_every_control_in_reach(browser, server) -> None:
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    pg = ctx.new_page()
    failures: list[str] = []
    pg.on("pageerror", lambda e: failures.append(str(e)))
    _goto(pg, server + "/?country=AFG&modality=any")
    assert pg.evaluate("document.documentElement.scrollWidth") <= 390
    for sel in (
        "#f-from",
        "#f-to",
        "#f-country",
        "#f-actor",
        "#f-type",
        "#f-acled",
        "#f-modality",
        "#f-conf",
        "#f-q",
        "#f-sort",
        "#filters button[type=submit]",
        "#f-reset",
        "#dl-csv",
        "#dl-geojson",
        "#map",
    ):
        box = pg.locator(sel).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, (sel, box)
    assert pg.locator(".ww-cluster").count() >= 1 and pg.locator(".ww-label").count() >= 3
    pg.screenshot(path=str(ARTIFACTS / "web-390-map.png"))
    pg.locator("#events button.story-link").first.click()
    pg.wait_for_selector("#detail:not([hidden]) .story-reports")
    assert pg.evaluate("document.documentElement.scrollWidth") <= 390
    pg.screenshot(path=str(ARTIFACTS / "web-390-story.png"))
    assert failures == []
    ctx.close()


def test_wide_screenshot_shows_map_clusters_filters_and_list(page, server) -> None:
    _goto(page, server + "/?country=AFG&modality=any")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1400
    assert page.locator(".ww-cluster").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "web-1400-map.png"))
