"""The ACLED and GDELT views read as their users' scripts read them: pandas (and pyarrow
for Parquet) on the demo store and on own test articles; GeoJSON validity; filters."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select
from sqlalchemy.orm import Session

from wirewatch import export as ex
from wirewatch.api.queries import EventFilter
from wirewatch.cli import cli
from wirewatch.events.views import ACLED_SUBTYPES, cameo_code, goldstein, load_goldstein, words_of
from wirewatch.export import tables
from wirewatch.export.views import ACLED_COLUMNS, Options
from wirewatch.store.schema import ArticleRow

pd = pytest.importorskip("pandas")
ARTICLES = Path(__file__).parent / "data" / "export" / "articles.jsonl"
# ACLED's own export columns, in its order.
ACLED_ORDER = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
    "inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1",
    "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
    "source_scale", "notes", "fatalities", "tags", "timestamp",
]  # fmt: skip


def _run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def own_db(tmp_path_factory) -> str:
    db = f"sqlite:///{tmp_path_factory.mktemp('own') / 'w.db'}"
    res = _run("ingest", str(ARTICLES), "--db", db, "--no-progress")
    assert res.exit_code == 0, res.output
    return db


def _csv(engine, view: str, **kw) -> pd.DataFrame:
    buf = io.BytesIO()
    opts = Options(unasserted=kw.get("include_unasserted", False))
    ex.write_csv(ex.rows(engine, view, **kw), ex.columns(view, False, opts), buf)
    return pd.read_csv(io.BytesIO(buf.getvalue()))


def test_tables_are_complete() -> None:
    assert set(tables.subtypes()) == set(ACLED_SUBTYPES)
    for code, sub in tables.subtypes().items():
        assert sub.event_type == ACLED_SUBTYPES[code]
    c = tables.countries()
    assert c["AFG"].name == "Afghanistan" and c["AFG"].iso == 4 and c["AFG"].region == "South Asia"
    assert c["COD"].name == "Democratic Republic of Congo" and c["RUS"].name == "Russia"
    assert sum(x.lat is not None for x in c.values()) > 240
    assert set(tables.inter_names()) == set(range(1, 9))
    assert goldstein("1952") == -10.0 and goldstein("057") == 8.0 and goldstein("14") == -6.5
    assert all(-10 <= v <= 10 for v in load_goldstein().values())


def test_cameo_codes_lie_under_the_root() -> None:
    assert cameo_code("ASSAULT", None, "19", words_of("warplanes bombed the town")) == "195"
    assert cameo_code("PROTEST", None, "14", words_of("protesters rallied")) == "141"
    assert cameo_code("COERCE", "arrest", "17", set()) == "173"
    assert cameo_code("ASSAULT", None, "18", words_of("a roadside bomb exploded")) == "1833"
    # a cue whose code is under another root falls back to the event's root
    assert cameo_code("ASSAULT", None, "18", words_of("warplanes bombed")).startswith("18")


def test_acled_csv_of_demo_reads_like_acled(demo_store) -> None:
    engine = demo_store
    df = _csv(engine, "acled")
    assert len(df) > 20
    assert list(df.columns[: len(ACLED_ORDER)]) == ACLED_ORDER
    labels = {s.label for s in tables.subtypes().values()}
    assert set(df.sub_event_type) <= labels
    assert set(df.event_type) <= {s.event_type for s in tables.subtypes().values()}
    names = {c.name for c in tables.countries().values()}
    assert set(df.country) <= names
    assert df.iso.dtype.kind == "i" and df.fatalities.dtype.kind == "i"
    assert df.latitude.notna().mean() >= 0.9 and df.longitude.notna().mean() >= 0.9
    assert df.geo_precision.isin([1, 2, 3]).all() and df.time_precision.isin([1, 2, 3]).all()
    assert df.inter1.dropna().isin(range(1, 9)).all() and df.inter2.isin(range(0, 9)).all()
    assert not df.notes.str.contains("\n").any()
    assert df.region.notna().all()
    assert "modality" not in df.columns
    # an implied party ("someone of the actor's country") is never printed by our
    # placeholder word: ACLED's generic label or an empty column stands for it
    for col in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2"):
        assert not df[col].fillna("").str.lower().eq("unidentified").any(), col
    # sources are outlets or hosts, never an article's file name
    with Session(engine) as s:
        names = {n for (n,) in s.execute(select(ArticleRow.name))}
    assert not set(df.source.dropna()) & names


def test_acled_by_default_only_asserted_reported_events(demo_store) -> None:
    engine = demo_store
    default = _csv(engine, "acled")
    everything = _csv(engine, "acled", include_unasserted=True)
    assert "modality" in everything.columns and everything.columns[-1] == "deleted"
    assert len(everything) > len(default)
    assert set(everything.modality) - {"asserted"}  # the others, told apart
    assert set(everything[everything.modality == "asserted"].event_id_cnty) == set(
        default.event_id_cnty
    )


def test_own_articles_fatalities_sources_modality(own_db: str) -> None:
    res = _run("export", "--db", own_db, "--view", "acled", "--format", "csv")
    df = pd.read_csv(io.StringIO(res.stdout))
    borno = df[df.location == "Konduga"].iloc[0]
    assert borno.fatalities == 12 and borno.country == "Nigeria" and borno.iso == 566
    assert borno.source == "Reuters" and borno.source_scale == "International"
    assert borno.region == "Western Africa" and borno.geo_precision == 1
    goma = df[df.location == "Goma"].iloc[0]
    assert goma.sub_event_type == "Armed clash" and goma.fatalities == 5
    assert goma.country == "Democratic Republic of Congo"
    assert pd.isna(goma.source)  # no outlet, no URL: empty, not the file name
    assert "Kidal" not in " ".join(df.notes) and "Harare" not in " ".join(df.location)
    res = _run(
        "export", "--db", own_db, "--view", "acled", "--format", "csv", "--include-unasserted"
    )
    every = pd.read_csv(io.StringIO(res.stdout))
    assert {"negated", "planned"} <= set(every.modality)


def test_gdelt_view_codes_goldstein_and_urls(demo_store, own_db: str) -> None:
    engine = demo_store
    df = _csv(engine, "gdelt")
    codes = df.EventCode.astype(str).str.zfill(3)
    assert (codes.str.len() >= 3).all()
    assert (codes.str.len() > 2).mean() > 0.9 and (~codes.str.endswith("0")).any()
    assert df.GoldsteinScale.between(-10, 10).all()
    assert df.QuadClass.isin([1, 2, 3, 4]).all() and df.IsRootEvent.isin([0, 1]).all()
    assert (df.NumArticles >= 1).all() and (df.NumMentions >= df.NumArticles).all()
    assert df.ActionGeo_Lat.notna().mean() >= 0.9
    assert df.ActionGeo_Type.dropna().isin([1, 2, 3, 4, 5]).all()
    assert df.SOURCEURL.dropna().str.startswith("http").all()
    res = _run("export", "--db", own_db, "--view", "gdelt", "--format", "csv")
    own = pd.read_csv(io.StringIO(res.stdout), dtype={"EventCode": str})
    assert own.SOURCEURL.dropna().str.startswith("https://").all()
    assert set(own.EventCode.dropna()) & {"183", "190", "193", "180"}


@pytest.mark.parametrize("view", ["acled", "gdelt"])
def test_parquet_types_with_pyarrow_and_pandas(demo_store, tmp_path: Path, view: str) -> None:
    import pyarrow.parquet as pq

    engine = demo_store
    out = tmp_path / "v.parquet"
    with out.open("wb") as fh:
        ex.write_parquet(ex.rows(engine, view), ex.columns(view, False), fh)
    table = pq.read_table(out)
    types = {f.name: str(f.type) for f in table.schema}
    if view == "acled":
        assert list(types) == list(ACLED_COLUMNS)
        assert types["iso"] == types["fatalities"] == types["inter1"] == "int64"
        assert types["latitude"] == "double" and types["sub_event_type"] == "string"
    else:
        assert types["GoldsteinScale"] == "double" and types["EventCode"] == "string"
    df = table.to_pandas()
    assert len(df) == len(_csv(engine, view))


def test_parquet_to_a_pipe_and_filters(own_db: str) -> None:
    import pyarrow.parquet as pq

    res = CliRunner().invoke(
        cli, ["export", "--db", own_db, "--view", "plover", "--format", "parquet"]
    )
    assert res.exit_code == 0
    every = pq.read_table(io.BytesIO(res.stdout_bytes)).to_pandas()
    assert len(every) >= 4

    def n(*args: str) -> int:
        out = _run("export", "--db", own_db, "--view", "plover", "--format", "jsonl", *args)
        assert out.exit_code == 0, out.output
        return len(out.stdout.splitlines())

    assert n("--type", "ASSAULT") == (every.event_type == "ASSAULT").sum()
    assert (
        n("--country", "Nigeria") == n("--country", "NGA") == (every.place_country == "NGA").sum()
    )
    assert n("--from", "2021-07-06", "--to", "2021-07-06") == (every.date == "2021-07-06").sum()
    assert n("--bbox", "2,4,15,14") == ((every.place_country == "NGA") & every.lat.notna()).sum()
    assert n("--min-confidence", "0.99") < len(every)
    assert _run("export", "--db", own_db, "--bbox", "1,2").exit_code != 0


def test_geojson_is_valid(demo_store, tmp_path: Path) -> None:
    engine = demo_store
    for view in ("plover", "acled", "gdelt"):
        buf = io.BytesIO()
        n = ex.write_geojson(ex.rows(engine, view), ex.columns(view, False), buf)
        doc = json.loads(buf.getvalue())
        assert doc["type"] == "FeatureCollection" and isinstance(doc["features"], list)
        assert len(doc["features"]) == n > 0
        for f in doc["features"]:
            assert f["type"] == "Feature" and isinstance(f["properties"], dict)
            g = f["geometry"]
            assert g["type"] == "Point" and len(g["coordinates"]) == 2
            lon, lat = g["coordinates"]
            assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_export_filter_is_the_api_filter(demo_store) -> None:
    engine = demo_store
    rows = list(ex.rows(engine, "plover", filters=EventFilter(types=["COERCE"])))
    assert rows and all(r.values["event_type"] == "COERCE" for r in rows)
