"""AP style abbreviations of US states, Canadian provinces and Australian states, as
datelines and "Springfield, Ill." write them: the abbreviation's full name and country."""

from __future__ import annotations

_US = {
    "Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California",
    "Cal.": "California", "Colo.": "Colorado", "Conn.": "Connecticut", "Del.": "Delaware",
    "Fla.": "Florida", "Ga.": "Georgia", "Ill.": "Illinois", "Ind.": "Indiana",
    "Kan.": "Kansas", "Kans.": "Kansas", "Ky.": "Kentucky", "La.": "Louisiana",
    "Md.": "Maryland", "Mass.": "Massachusetts", "Mich.": "Michigan", "Minn.": "Minnesota",
    "Miss.": "Mississippi", "Mo.": "Missouri", "Mont.": "Montana", "Neb.": "Nebraska",
    "Nebr.": "Nebraska", "Nev.": "Nevada", "N.H.": "New Hampshire", "N.J.": "New Jersey",
    "N.M.": "New Mexico", "N.Y.": "New York", "N.C.": "North Carolina",
    "N.D.": "North Dakota", "Okla.": "Oklahoma", "Ore.": "Oregon", "Oreg.": "Oregon",
    "Pa.": "Pennsylvania", "Penn.": "Pennsylvania", "R.I.": "Rhode Island",
    "S.C.": "South Carolina", "S.D.": "South Dakota", "Tenn.": "Tennessee",
    "Tex.": "Texas", "Vt.": "Vermont", "Va.": "Virginia", "Wash.": "Washington",
    "W.Va.": "West Virginia", "W. Va.": "West Virginia", "Wis.": "Wisconsin",
    "Wisc.": "Wisconsin", "Wyo.": "Wyoming", "D.C.": "District of Columbia",
}  # fmt: skip
_CA = {
    "Alta.": "Alberta", "B.C.": "British Columbia", "Man.": "Manitoba",
    "N.B.": "New Brunswick", "Nfld.": "Newfoundland and Labrador",
    "N.L.": "Newfoundland and Labrador", "N.S.": "Nova Scotia", "Ont.": "Ontario",
    "P.E.I.": "Prince Edward Island", "Que.": "Quebec", "Sask.": "Saskatchewan",
    "Y.T.": "Yukon", "N.W.T.": "Northwest Territories",
}  # fmt: skip
_AU = {
    "N.S.W.": "New South Wales", "Qld.": "Queensland", "Vic.": "Victoria",
    "Tas.": "Tasmania", "W.A.": "Western Australia", "S.A.": "South Australia",
    "N.T.": "Northern Territory", "A.C.T.": "Australian Capital Territory",
}  # fmt: skip

STATE_ABBREVIATIONS: dict[str, tuple[str, str]] = {
    **{k: (v, "USA") for k, v in _US.items()},
    **{k: (v, "CAN") for k, v in _CA.items()},
    **{k: (v, "AUS") for k, v in _AU.items()},
}


def expand_state(text: str) -> tuple[str, str] | None:
    """("Tennessee", "USA") for "Tenn." (also without its last dot, as a tokenizer may
    split it); None for anything else."""
    t = text.strip()
    return STATE_ABBREVIATIONS.get(t) or STATE_ABBREVIATIONS.get(t + ".")
