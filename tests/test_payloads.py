"""Mention payloads: frozen, and serialised with the record's keys in its order."""

from __future__ import annotations

import dataclasses

import pytest

from wirewatch.mentions.ids import EntityId
from wirewatch.mentions.payloads import ActorPayload, QuantityPayload, Source
from wirewatch.mentions.records import Mention


def test_actor_keys_in_record_order() -> None:
    state = ActorPayload(name="Kabul", country="AFG", sector="GOV", entity=EntityId("state:AFG"))
    assert list(dataclasses.replace(state, has_title=False).to_dict()) == [
        "name", "country", "sector", "org", "entity",
    ]  # fmt: skip
    office = ActorPayload(title="office", entity=EntityId("x"), office_of="Wang Yi")
    assert list(office.to_dict()) == ["name", "country", "sector", "org", "title", "of", "entity"]
    fighters = ActorPayload(title="fighters", entity=EntityId("x"), type="group", acts_for="T")
    linked = dataclasses.replace(fighters, refers_to=(3, 9), country_from="dateline")
    assert linked.to_dict() == {
        "name": None, "country": None, "sector": None, "org": None, "title": "fighters",
        "entity": "x", "type": "group", "of": "T", "refers_to": [3, 9],
        "country_from": "dateline",
    }  # fmt: skip
    assert list(linked.to_dict())[-4:] == ["type", "of", "refers_to", "country_from"]


def test_payloads_are_frozen_and_typed() -> None:
    q = QuantityPayload(12.0, "exact", "people")
    with pytest.raises(dataclasses.FrozenInstanceError):
        q.value = 3.0  # type: ignore[misc]
    assert q.to_dict() == {"value": 12.0, "qualifier": "exact", "unit": "people"}
    m = Mention("quantity", "12", 0, 2, 0, 0, 1, q)
    assert m.as_quantity is q
    with pytest.raises(TypeError):
        m.as_actor  # noqa: B018
    assert Source("it", refers_to="the ministry").to_dict() == {
        "text": "it",
        "refers_to": "the ministry",
    }
