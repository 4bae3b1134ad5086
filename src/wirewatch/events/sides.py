"""One party, or one state's side told twice: an act's actor and recipient must be two
sides ("Russia recalled its ambassador" has no recipient in its ambassador)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..sectors import STATE_ARMS

if TYPE_CHECKING:
    from ..mentions import Mention


def same_side(a: Mention, b: Mention) -> bool:
    """One party, or one state's side twice ("Russia recalled its ambassador")."""
    da, db = a.as_actor, b.as_actor
    if da.entity == db.entity:
        return True
    named_people = da.type == "person" and db.type == "person"
    for x, y in ((da, db), (db, da)):
        if (
            x.entity.startswith("state:")
            and y.sector in STATE_ARMS
            and not y.name
            and (
                y.country == x.country  # "the United States withdrew its troops"
                # "Serbia recalled its ambassador from Montenegro": its own envoy, whatever
                # country the mention stage read into "from Montenegro"
                or (b if x is da else a).text.lower().startswith(("its ", "their "))
            )
        ):
            return True
    return (
        not named_people
        and da.country is not None
        and da.country == db.country
        and da.sector == db.sector
        and (not da.name or not db.name or da.entity.startswith("state:"))
    )
