from __future__ import annotations

import json
from dataclasses import fields
from importlib import resources

from wirewatch.events import EventRecord, Evidence, Party
from wirewatch.events.record import MODALITIES, PLOVER_TYPES


def _schema() -> dict:
    path = resources.files("wirewatch.events").joinpath("event_record.schema.json")
    return json.loads(path.read_text("utf-8"))


def test_schema_covers_every_record_field() -> None:
    props = _schema()["properties"]
    assert {f.name for f in fields(EventRecord)} == set(props)
    assert props["event_type"]["enum"] == list(PLOVER_TYPES)
    assert props["modality"]["enum"] == list(MODALITIES)


def test_record_serialises_to_the_contract() -> None:
    rec = EventRecord(
        article_id="a",
        event_type="MOBILIZE",
        evidence=Evidence(0, 10, "sentence", "ordered"),
        actor=Party("Tajikistan's president", "Emomali Rakhmon", "TJK", "GOV"),
        spans={"actor": [0, 22]},
    )
    row = json.loads(json.dumps(rec.to_dict()))
    assert row["actor"]["country"] == "TJK" and row["recipient"] is None
    assert row["evidence"] == {"start": 0, "end": 10, "sentence": "sentence", "trigger": "ordered"}
    assert set(_schema()["required"]) <= set(row)
