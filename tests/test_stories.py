"""Stories: which reports are one event, and which figure a story carries."""

from __future__ import annotations

from datetime import date, datetime

from wirewatch.stories import Member, cluster, compatible, reconcile


def m(key: str, **kw) -> Member:
    base = {
        "event_type": "RETREAT",
        "article": f"art-{key}",
        "outlet": f"outlet-{key}",
        "actor_country": "AFG",
        "actor_sector": "MIL",
        "date": date(2021, 7, 4),
        "date_precision": "day",
    }
    return Member(key=key, **{**base, **kw})


def test_figures_reconcile_exact_over_more_than_over_vague() -> None:
    members = [
        m("a", quantity=1000, qualifier="more_than", attribution="Tajik officials"),
        m("b", quantity=1037, qualifier="exact", attribution="border guard service"),
        m("c", quantity=100, qualifier="vague", quantity_text="hundreds"),
    ]
    best, figures = reconcile(members)
    assert (best["value"], best["qualifier"]) == (1037, "exact")
    assert len(figures) == 3  # every report's figure is kept


def test_attributed_figure_beats_unattributed_of_same_kind() -> None:
    best, _ = reconcile([m("a", quantity=40, qualifier="exact"),
                         m("b", quantity=45, qualifier="exact", attribution="police")])  # fmt: skip
    assert best["value"] == 45


def test_no_figures_no_story_figure() -> None:
    assert reconcile([m("a"), m("b")]) == (None, [])


def test_state_sides_match_but_other_countries_do_not() -> None:
    assert compatible(m("a"), m("b", actor_sector="GOV"))
    assert not compatible(m("a"), m("b", actor_country="TJK"))
    assert not compatible(m("a"), m("b", actor_sector="INS"))


def test_dates_must_agree_within_their_precision() -> None:
    assert compatible(m("a"), m("b", date=date(2021, 7, 5)))
    assert not compatible(m("a"), m("b", date=date(2021, 7, 9)))
    assert compatible(m("a"), m("b", date=date(2021, 7, 1), date_precision="week"))


def test_points_far_apart_are_different_events() -> None:
    here = {"place_country": "AFG", "lat": 37.1, "lon": 70.5, "precision": "point"}
    near = {"place_country": "AFG", "lat": 37.3, "lon": 70.6, "precision": "point"}
    far = {"place_country": "AFG", "lat": 34.5, "lon": 69.2, "precision": "point"}
    assert compatible(m("a", **here), m("b", **near))
    assert not compatible(m("a", **here), m("b", **far))


def test_clustering_is_complete_linkage_and_order_free() -> None:
    events = [
        m("a", date=date(2021, 7, 4)),
        m("b", date=date(2021, 7, 5)),
        m("c", date=date(2021, 7, 6)),  # compatible with b, not with a
        m("d", event_type="MOBILIZE", actor_country="TJK"),
    ]
    one = cluster(events)
    two = cluster(list(reversed(events)))
    key = lambda st: [(s.key, [x.key for x in s.members]) for s in st]  # noqa: E731
    assert key(one) == key(two)
    groups = sorted(sorted(x.key for x in s.members) for s in one)
    assert groups == [["a", "b"], ["c"], ["d"]]


def test_story_counts_articles_and_outlets() -> None:
    seen = datetime(2021, 7, 5, 12)
    (story,) = cluster([m("a", outlet="X", seen=seen), m("b", outlet="X"), m("c", outlet="Y")])
    assert (story.num_articles, story.num_sources) == (3, 2)
    assert story.first_seen == seen


def test_old_stories_are_set_aside_for_dated_events_but_not_for_undated() -> None:
    old = m("a", date=date(2019, 3, 1), date_precision="year")
    new = m("b", date=date(2021, 7, 4))
    undated = m("c", date=None, date_precision=None)
    stories = cluster([old, new, undated])
    groups = sorted(sorted(x.key for x in s.members) for s in stories)
    # b is more than a year after a: its own story; c has no date and joins the first story.
    assert groups == [["a", "c"], ["b"]]


def _brute_force(members: list[Member]) -> list[list[str]]:
    """The clustering rule with no index: every event tries every story of its type."""
    from wirewatch.stories import TYPE_GROUP

    groups: list[tuple[str, list[Member]]] = []
    for x in sorted(members, key=lambda m: (m.date or date.max, m.key)):
        t = TYPE_GROUP.get(x.event_type, x.event_type)
        for gt, g in groups:
            if gt == t and all(compatible(x, y) for y in g):
                g.append(x)
                break
        else:
            groups.append((t, [x]))
    return sorted(sorted(y.key for y in g) for _, g in groups)


def test_indexed_clustering_equals_trying_every_story() -> None:
    import random
    from datetime import timedelta

    rnd = random.Random(11)
    precisions = ["day"] * 6 + ["week", "month", "year", None]
    members = [
        m(
            f"k{i}",
            event_type=rnd.choice(["RETREAT", "CONCEDE", "ASSAULT"]),
            actor_country=rnd.choice(["AFG", "TJK"]),
            date=None if rnd.random() < 0.05 else date(2020, 1, 1) + timedelta(rnd.randrange(500)),
            date_precision=rnd.choice(precisions),
        )
        for i in range(600)
    ]
    got = sorted(sorted(x.key for x in s.members) for s in cluster(members))
    assert got == _brute_force(members)
    assert any(len(g) > 2 for g in got)  # the data does make multi-report stories
