"""Sector codes: what kind of party an actor is (docs/mentions.md, docs/EVENT_RECORD).

These are the codes the data files use (`data/actors/*.tsv`) and the only ones a user's
dictionary file may use. Members are strings (`Sector.GOV == "GOV"`), so sets of them
test plain codes read from files; records hold the plain code (`Sector.GOV.value`), as
the data files give it.
"""

from __future__ import annotations

from enum import StrEnum


class Sector(StrEnum):
    GOV = "GOV"  # government
    MIL = "MIL"  # military
    COP = "COP"  # police
    JUD = "JUD"  # judiciary
    LEG = "LEG"  # legislature
    REB = "REB"  # rebels
    INS = "INS"  # insurgents (the Taliban before 15 August 2021)
    OPP = "OPP"  # opposition and protesters
    CVL = "CVL"  # civilians
    REF = "REF"  # refugees
    MED = "MED"  # media
    BUS = "BUS"  # business
    IGO = "IGO"  # international organisations
    NGO = "NGO"  # non-governmental organisations


# A state's arms: its government, army and police. They act for their state ("the United
# States withdrew its troops" is one side) and fire in many separate acts (no one
# gunman's spree).
STATE_ARMS = frozenset({Sector.GOV, Sector.MIL, Sector.COP})
