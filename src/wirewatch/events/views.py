"""PLOVER events seen through other ontologies: the PLOVER quad class, the CAMEO root
code and the ACLED sub-event type, from the table in `data/events/views.tsv`
(documented in docs/views.md). Users with CAMEO- or ACLED-based tooling read these.
"""

from __future__ import annotations

import csv
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

QUAD = {
    "AGREE": 1,
    "CONSULT": 1,
    "SUPPORT": 1,
    "CONCEDE": 1,
    "COOPERATE": 2,
    "AID": 2,
    "RETREAT": 2,
    "REQUEST": 3,
    "ACCUSE": 3,
    "REJECT": 3,
    "THREATEN": 3,
    "PROTEST": 4,
    "SANCTION": 4,
    "MOBILIZE": 4,
    "COERCE": 4,
    "ASSAULT": 4,
}
QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}
CAMEO_ROOTS = {
    "01": "Make public statement",
    "02": "Appeal",
    "03": "Express intent to cooperate",
    "04": "Consult",
    "05": "Engage in diplomatic cooperation",
    "06": "Engage in material cooperation",
    "07": "Provide aid",
    "08": "Yield",
    "09": "Investigate",
    "10": "Demand",
    "11": "Disapprove",
    "12": "Reject",
    "13": "Threaten",
    "14": "Protest",
    "15": "Exhibit force posture",
    "16": "Reduce relations",
    "17": "Coerce",
    "18": "Assault",
    "19": "Fight",
    "20": "Use unconventional mass violence",
}
# ACLED's six event types and the sub-event types under each (CASE 2021 spelling).
ACLED_EVENT_TYPES = {
    "Battles": ("ARMED_CLASH", "GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER"),
    "Explosions/Remote violence": (
        "CHEM_WEAP",
        "AIR_STRIKE",
        "SUIC_BOMB",
        "ART_MISS_ATTACK",
        "REM_EXPLOS",
        "GRENADE",
    ),
    "Violence against civilians": ("SEX_VIOL", "ATTACK", "ABDUCT_DISSAP"),
    "Protests": ("PEACE_PROTEST", "PROTEST_WITH_INTER", "FORCE_AGAINST_PROTEST"),
    "Riots": ("VIOL_DEMONSTR", "MOB_VIOL"),
    "Strategic developments": (
        "AGREEMENT",
        "ARREST",
        "CHANGE_TO_GROUP_ACT",
        "DISR_WEAP",
        "HQ_ESTABLISHED",
        "NON_VIOL_TERRIT_TRANSFER",
        "OTHER",
        "PROPERTY_DISTRUCT",
    ),
}
ACLED_SUBTYPES = {s: t for t, subs in ACLED_EVENT_TYPES.items() for s in subs}


@dataclass(frozen=True)
class ViewRow:
    type: str
    mode: str  # "*" any, "-" none, else a PLOVER mode
    when: str
    cameo_root: str
    acled_subtype: str | None

    def applies(
        self, mode: str | None, actor: str | None, recipient: str | None, lemmas: set[str]
    ) -> bool:
        if self.mode != "*" and self.mode != (mode or "-"):
            return False
        if self.when == "-":
            return True
        kind, _, values = self.when.partition(":")
        allowed = set(values.split("|"))
        if kind == "cue":
            return bool(allowed & lemmas)
        if kind == "actor":
            return (actor or "-") in allowed
        if kind == "recipient":
            return (recipient or "-") in allowed
        raise ValueError(f"views.tsv: unknown condition {self.when!r}")


@lru_cache(maxsize=1)
def load_rows() -> tuple[ViewRow, ...]:
    text = resources.files("wirewatch").joinpath("data/events/views.tsv").read_text("utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    rows = []
    for r in csv.DictReader(lines, delimiter="\t"):
        acled = None if r["acled_subtype"] == "-" else r["acled_subtype"]
        if acled is not None and acled not in ACLED_SUBTYPES:
            raise ValueError(f"views.tsv: {acled!r} is not an ACLED sub-event type")
        rows.append(ViewRow(r["type"], r["mode"], r["when"], r["cameo_root"], acled))
    return tuple(rows)


@dataclass(frozen=True)
class Views:
    quad: int
    cameo_root: str
    acled_subtype: str | None
    acled_event_type: str | None


def views(
    event_type: str,
    mode: str | None = None,
    actor_sector: str | None = None,
    recipient_sector: str | None = None,
    lemmas: set[str] | frozenset[str] = frozenset(),
) -> Views:
    """The other ontologies' reading of one PLOVER event (`lemmas`: of its sentence).
    The ACLED sub-event type comes from the modes the sentence states
    (`data/events/acled_modes.tsv`) when one of its rows holds, else from views.tsv."""
    lemma_set = set(lemmas)
    if mode is None and lemma_set:
        mode = guess_mode(event_type, lemma_set)
    for row in load_rows():
        if row.type == event_type and row.applies(mode, actor_sector, recipient_sector, lemma_set):
            acled = acled_from_modes(event_type, mode, actor_sector, lemma_set)
            if acled is None:
                acled = row.acled_subtype
            return Views(
                QUAD[event_type],
                row.cameo_root,
                acled,
                ACLED_SUBTYPES.get(acled or ""),
            )
    raise ValueError(f"no view row for PLOVER type {event_type!r}")


# -- modes learned from NGEC's stories ----------------------------------------------
# A learned mode is used only when it takes at least this share of the probability.
MODE_MIN_P = 0.6


@lru_cache(maxsize=1)
def load_mode_model() -> dict[str, dict[str, Any]]:
    path = resources.files("wirewatch").joinpath("data/events/mode_model.json")
    if not path.is_file():
        return {}
    return json.loads(path.read_text("utf-8"))["types"]


def guess_mode(event_type: str, lemmas: set[str]) -> str | None:
    """The PLOVER mode a sentence's lemmas suggest for an ASSAULT, PROTEST or COERCE
    event (the model of training/train_acled_modes.py), None below MODE_MIN_P."""
    model = load_mode_model().get(event_type)
    if not model:
        return None
    scores = {
        mode: m["b"] + sum(w for lem, w in m["w"].items() if lem in lemmas)
        for mode, m in model.items()
    }
    top = max(scores.values())
    total = sum(math.exp(v - top) for v in scores.values())
    best = max(scores, key=scores.__getitem__)
    return best if 1 / total >= MODE_MIN_P else None


# -- ACLED sub-event types from stated modes ----------------------------------------
_ACT = ("ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "RETREAT", "CONCEDE")
_TYPE_GROUPS = {"@act": _ACT, "@any": (*_ACT, "AGREE", "SUPPORT", "COOPERATE", "SANCTION")}


@dataclass(frozen=True)
class ModeRow:
    types: frozenset[str]
    mode: str
    cues: frozenset[str]
    with_: frozenset[str]
    without: frozenset[str]
    actor: str
    acled: str

    def applies(
        self, event_type: str, mode: str | None, actor: str | None, lemmas: set[str]
    ) -> bool:
        if event_type not in self.types:
            return False
        if self.mode != "*" and self.mode != (mode or "-"):
            return False
        if not self.cues & lemmas:
            return False
        if self.with_ and not self.with_ & lemmas:
            return False
        if self.without & lemmas:
            return False
        if self.actor != "-":
            negate = self.actor.startswith("~")
            sectors = set(self.actor.lstrip("~").split("|"))
            if negate == ((actor or "-") in sectors):
                return False
        return True


def _set(value: str) -> frozenset[str]:
    return frozenset() if value == "-" else frozenset(value.split("|"))


@lru_cache(maxsize=1)
def load_mode_rows() -> tuple[ModeRow, ...]:
    text = resources.files("wirewatch").joinpath("data/events/acled_modes.tsv").read_text("utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    rows = []
    for r in csv.DictReader(lines, delimiter="\t"):
        types: set[str] = set()
        for t in r["types"].split("|"):
            types.update(_TYPE_GROUPS.get(t, (t,)))
        if r["acled"] not in ACLED_SUBTYPES:
            raise ValueError(f"acled_modes.tsv: {r['acled']!r} is not an ACLED sub-event type")
        rows.append(
            ModeRow(
                frozenset(types),
                r["mode"],
                _set(r["cues"]),
                _set(r["with"]),
                _set(r["without"]),
                r["actor"],
                r["acled"],
            )
        )
    return tuple(rows)


def acled_from_modes(
    event_type: str, mode: str | None, actor_sector: str | None, lemmas: set[str]
) -> str | None:
    """The ACLED sub-event type the sentence's stated modes give, or None."""
    if not lemmas:
        return None
    for row in load_mode_rows():
        if row.applies(event_type, mode, actor_sector, lemmas):
            return row.acled
    return None


# -- full CAMEO codes and Goldstein scores ------------------------------------
_ENDINGS = ("", "s", "es", "ed", "d", "ing", "er", "ers", "ment", "ments")


def _cue_hit(cues: set[str], words: set[str]) -> bool:
    """Whether a word is one of `cues` or one of them with an inflectional ending
    ("shelled", "protesters"): words are lower-case tokens, not lemmas."""
    if cues & words:
        return True
    return any(w[: len(w) - len(e)] in cues for w in words for e in _ENDINGS[1:] if w.endswith(e))


@lru_cache(maxsize=1)
def load_cameo_codes() -> tuple[tuple[str, str, str, str], ...]:
    text = resources.files("wirewatch").joinpath("data/events/cameo_codes.tsv").read_text("utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return tuple(
        (r["type"], r["mode"], r["when"], r["code"]) for r in csv.DictReader(lines, delimiter="\t")
    )


@lru_cache(maxsize=1)
def load_goldstein() -> dict[str, float]:
    text = resources.files("wirewatch").joinpath("data/events/goldstein.tsv").read_text("utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return {r["code"]: float(r["goldstein"]) for r in csv.DictReader(lines, delimiter="\t")}


def words_of(text: str) -> set[str]:
    """Lower-case word tokens of a sentence or trigger, for `cue:` conditions."""
    return set(re.findall(r"[a-z]+(?:-[a-z]+)?", text.lower()))


def cameo_code(event_type: str, mode: str | None, cameo_root: str | None, words: set[str]) -> str:
    """The CAMEO event code (3-4 digits) of an event, from `data/events/cameo_codes.tsv`:
    the first row of its type whose mode and cue match. The code always lies under the
    event's root code; the root's own code ("170") when no row says more."""
    root = cameo_root or CAMEO_BY_TYPE.get(event_type, "")
    for typ, row_mode, when, code in load_cameo_codes():
        if typ != event_type or (row_mode != "*" and row_mode != (mode or "-")):
            continue
        if when != "-":
            kind, _, values = when.partition(":")
            if kind != "cue" or not _cue_hit(set(values.split("|")), words):
                continue
        if code.startswith(root):
            return code
    return f"{root}0" if root else ""


def goldstein(code: str) -> float | None:
    """The Goldstein score of a CAMEO code, falling back to its base and root code."""
    table = load_goldstein()
    for c in (code, code[:3], code[:2]):
        if c in table:
            return table[c]
    return None


CAMEO_BY_TYPE = {
    "AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "COOPERATE": "06", "AID": "07",
    "CONCEDE": "08", "RETREAT": "08", "REQUEST": "10", "ACCUSE": "11", "REJECT": "12",
    "THREATEN": "13", "PROTEST": "14", "MOBILIZE": "15", "SANCTION": "16", "COERCE": "17",
    "ASSAULT": "18",
}  # fmt: skip
