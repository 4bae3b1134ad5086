"""The web page in a real browser: Playwright for Python driving Debian's Chromium.

No browser is downloaded: the fixture installs Debian's `chromium` with apt when it is
missing (CI runs as root) and launches /usr/bin/chromium headless. A screenshot is
written to test-artifacts/web-seed-event.png.
"""

from __future__ import annotations

import os
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


def test_page_loads_with_no_failed_request_and_markers(page, server) -> None:
    assert page.failures == []  # type: ignore[attr-defined]
    # Only hosts of this server were asked: no CDN, no tiles.
    markers = page.locator("path.ww-marker")
    assert markers.count() >= 3
    assert int(page.locator("#map").get_attribute("data-points")) == markers.count()
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
