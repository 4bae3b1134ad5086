"""Example tables: the phrases each rule is written for, one line per case.

`tests/data/cases/<stage>.jsonl` holds lines of {"case", "text", "published", "expect",
"absent", "known"}: every `expect` item must be met by some record the stage prints for
the text, no `absent` item may be. Keys are dotted paths into the printed record
("actor.country"); a list value accepts any of its members. A line with `known` states a
behaviour the stage does not have yet (the reason in words): it runs as an expected
failure, so fixing it shows up as XPASS. Adding a rule means adding a line here
(PETRARCH2's coded-sentence tables are the model).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from wirewatch.pipeline import Result, run

CASES = Path(__file__).parent / "data" / "cases"
SCHEMA = json.loads(
    (Path(__file__).parents[1] / "src/wirewatch/events/event_record.schema.json").read_text("utf-8")
)


def _cases(stage: str) -> list[dict]:
    lines = (CASES / f"{stage}.jsonl").read_text("utf-8").splitlines()
    return [json.loads(ln) for ln in lines if ln.strip()]


def _get(rec: dict, path: str) -> Any:
    for key in path.split("."):
        if not isinstance(rec, dict):
            return None
        rec = rec.get(key)
    return rec


def _fits(rec: dict, want: dict) -> bool:
    for path, value in want.items():
        got = _get(rec, path)
        ok = got in value if isinstance(value, list) else got == value
        if not ok:
            return False
    return True


def _records(case: dict, tmp_path: Path, config, stage: str) -> list[dict]:
    src = tmp_path / "case.txt"
    src.write_text(case["text"], encoding="utf-8")
    published = date.fromisoformat(case["published"])
    out: list[dict] = []
    for res in run([str(src)], config, published=published):
        assert isinstance(res, Result), res
        if stage == "events":
            out += [{**ev.to_dict(), "type": ev.to_dict()["event_type"]} for ev in res.events]
        else:
            out += [m.to_dict(res.article.id) for m in res.mentions]
    return out


def _params(stage: str) -> list:
    return [
        pytest.param(
            c,
            id=c["case"],
            marks=[pytest.mark.xfail(reason=c["known"], strict=False)] if c.get("known") else [],
        )
        for c in _cases(stage)
    ]


def _check(case: dict, recs: list[dict]) -> None:
    shown = [{k: r.get(k) for k in ("type", "kind", "text", "actor", "recipient")} for r in recs]
    for want in case.get("expect", []):
        assert any(_fits(r, want) for r in recs), f"{case['case']}: no record fits {want}: {shown}"
    for unwanted in case.get("absent", []):
        hit = [r for r in recs if _fits(r, unwanted)]
        assert not hit, f"{case['case']}: a record fits {unwanted}: {hit}"


def _in_contract(case: dict, recs: list[dict]) -> None:
    """Every value a record gives a field the contract enumerates (`date_from`,
    `location_from`, `modality`, a party's `country_from`, a place's `precision`...) is
    one the schema lists: a new rung or reading must be written into
    event_record.schema.json, where API and export users read it."""
    for r in recs:
        _enums_listed(case["case"], "", r, SCHEMA)


def _enums_listed(case: str, where: str, value: object, spec: dict) -> None:
    """`value` (a record, or a party or place inside one) against the schema's `spec`."""
    if "$ref" in spec:
        spec = SCHEMA["$defs"][spec["$ref"].rpartition("/")[2]]
    allowed = spec.get("enum")
    if allowed is not None:
        assert value in allowed, f"{case}: {where}={value!r} is not in the schema"
    if isinstance(value, dict):
        for prop, sub in spec.get("properties", {}).items():
            if prop in value:
                _enums_listed(case, f"{where}.{prop}".lstrip("."), value[prop], sub)


@pytest.mark.parametrize("case", _params("events"))
def test_event_case(case: dict, tmp_path: Path, config) -> None:
    recs = _records(case, tmp_path, config, "events")
    _check(case, recs)
    _in_contract(case, recs)


@pytest.mark.parametrize("case", _params("mentions"))
def test_mention_case(case: dict, tmp_path: Path, config) -> None:
    _check(case, _records(case, tmp_path, config, "mentions"))


def _date_cases() -> list:
    return [pytest.param(c, id=c["case"]) for c in _cases("dates")]


@pytest.mark.parametrize("case", _date_cases())
def test_date_case(case: dict) -> None:
    """tests/data/cases/dates.jsonl: a date phrase, the publication day, and the value and
    precision it resolves to (null: no date — a span or a duration)."""
    from wirewatch.mentions.dates import resolve

    got = resolve(case["text"], date.fromisoformat(case["published"]))
    if case["value"] is None:
        assert got is None, got
    else:
        assert got is not None, case["text"]
        assert (got.value.isoformat(), got.precision) == (case["value"], case["precision"])
