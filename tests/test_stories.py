"""Stories: which reports are one event (merged only on positive evidence), and which
figure a story carries."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from wirewatch.stories import (
    CANNOT_LINK,
    Member,
    Story,
    _prepare,
    average_linkage,
    cluster,
    reconcile,
    scored_pairs,
)
from wirewatch.stories.evidence import (
    FEATURES,
    entity_keys,
    features,
    figures_agree,
    load_model,
    name_keys,
)
from wirewatch.stories.text import latest_year, main_person, terms


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


def report(key: str, text: str, *, names: tuple[str, ...] = (), title: str = "", **kw) -> Member:
    """One event told by its own article: the article is `text`, its lead the title and
    text, the event's sentence the first sentence, its participants `names`."""
    keys = frozenset(k for n in names for k in name_keys(n, "person"))
    return m(
        key,
        sentence=text.split(". ")[0] + ".",
        lead=(title + "\n" + text).strip(),
        body=text,
        names=keys,
        doc_names=keys,
        **kw,
    )


def groups(stories) -> list[list[str]]:
    return sorted(sorted(x.key for x in s.members) for s in stories)


# -- figures


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


def test_figures_agree_within_a_tenth_but_small_counts_must_be_equal() -> None:
    assert figures_agree(1037, 1000) and figures_agree(3, 3)
    assert not figures_agree(3, 2) and not figures_agree(152, 1037)


# -- evidence


def test_two_shootings_in_different_cities_with_no_shared_participant_are_two_stories() -> None:
    one = report(
        "a",
        "A gunman opened fire at a supermarket in Tulsa on Tuesday, killing three shoppers "
        "before police shot him dead. Officers said the gunman had worked at the store.",
        names=("Mark Dolan",),
        event_type="ASSAULT",
        actor_country="USA",
        actor_sector="CVL",
        place_country="USA",
        place_admin1="Oklahoma",
        lat=36.15,
        lon=-95.99,
        precision="point",
    )
    other = report(
        "b",
        "A teenager shot two classmates at a high school in Spokane on Tuesday morning, "
        "wounding both, the school district said. The student was taken into custody.",
        names=("Ellen Price",),
        event_type="ASSAULT",
        actor_country="USA",
        actor_sector="CVL",
        place_country="USA",
        place_admin1="Washington",
        lat=47.66,
        lon=-117.43,
        precision="point",
    )
    assert groups(cluster([one, other])) == [["a"], ["b"]]


SUMMIT = [
    ("s1", "Leaders of Kenya and Ethiopia met in Nairobi on Monday for a summit on the "
           "disputed Omo river dam, and agreed to set up a joint water commission. "
           "President William Ruto hosted Prime Minister Abiy Ahmed at State House."),
    ("s2", "Ethiopian Prime Minister Abiy Ahmed held talks with Kenyan President William "
           "Ruto in Nairobi on Monday about the Omo river dam; the two leaders agreed on "
           "a joint commission to share the river's water."),
    ("s3", "Kenya's President William Ruto and Ethiopia's Abiy Ahmed ended their Nairobi "
           "summit on Monday with a deal on a water commission for the Omo river dam, "
           "officials at State House said."),
]  # fmt: skip


def test_reports_of_one_summit_are_one_story() -> None:
    members = [
        report(k, text, names=("William Ruto", "Abiy Ahmed"), event_type="CONSULT",
               actor_country="KEN", actor_sector="GOV", place_country="KEN",
               place_admin1="Nairobi Area", lat=-1.28, lon=36.82, precision="point")
        for k, text in SUMMIT
    ]  # fmt: skip
    (story,) = cluster(members)
    assert story.num_articles == 3


def test_events_that_share_only_their_type_are_never_one_story() -> None:
    # No names, no words, no place: before issue 19 these merged (nothing conflicted).
    a = m("a", event_type="ASSAULT", actor_country=None, actor_sector=None, sentence="")
    b = m("b", event_type="ASSAULT", actor_country=None, actor_sector=None, sentence="")
    assert groups(cluster([a, b])) == [["a"], ["b"]]
    assert load_model().score([0.0] * len(load_model().weights)) == 0.0


def test_reports_far_apart_in_time_are_not_one_story_however_alike() -> None:
    text = SUMMIT[0][1]
    a = report("a", text, names=("William Ruto",), event_type="CONSULT")
    b = report("b", text, names=("William Ruto",), event_type="CONSULT",
               date=date(2021, 9, 30))  # fmt: skip
    assert groups(cluster([a, b])) == [["a"], ["b"]]
    # With publication dates, those decide.
    a.published, b.published = date(2021, 7, 5), date(2021, 9, 30)
    assert groups(cluster([a, b])) == [["a"], ["b"]]


def test_a_date_counted_back_from_publication_does_not_keep_two_reports_apart() -> None:
    # Both published on 5 July; one counts back to "Monday" (5 July), the other to
    # "on June 2" (an earlier step it recalls): neither date is told in full by the text.
    text = SUMMIT[0][1]
    a = report("a", text, names=("William Ruto",), event_type="CONSULT",
               published=date(2021, 7, 5), date=date(2021, 7, 5))  # fmt: skip
    b = report("b", text, names=("William Ruto",), event_type="CONSULT",
               published=date(2021, 7, 5), date=date(2021, 6, 2))  # fmt: skip
    assert groups(cluster([a, b])) == [["a", "b"]]


def test_one_report_tells_one_act_unless_it_shows_another() -> None:
    body = (
        "Hundreds of Afghan soldiers fled into Tajikistan on Sunday. The crossings came as "
        "the Taliban advanced. Separately, 152 people were let in at Ishkashem."
    )
    lead = dict(article="one", body=body, lead=body)
    a = m("a", position=0, sentence="Hundreds of Afghan soldiers fled into Tajikistan.",
          quantity=200, qualifier="vague", **lead)  # fmt: skip
    b = m("b", position=50, sentence="The crossings came as the Taliban advanced.", **lead)
    c = m("c", position=95, sentence="Separately, 152 people were let in at Ishkashem.",
          quantity=152, qualifier="exact", **lead)  # fmt: skip
    d = m("d", position=140, sentence="US troops left Bagram.", actor_country="USA", **lead)
    units, _, _ = scored_pairs([a, b, c, d])
    assert sorted(sorted(x.key for x in u.members) for u in units) == [["a", "b", "c"], ["d"]]
    # A non-vague figure that disagrees with one already told is another act.
    e = m("e", position=0, sentence="1,037 soldiers fled.", quantity=1037, **lead)
    units, _, _ = scored_pairs([e, c])
    assert len(units) == 2


def test_a_story_is_dated_by_what_most_of_its_reports_say() -> None:
    """Three reports date the flight to Sunday; a stray member that recalls a withdrawal
    two days before does not date the story (it did when the earliest date won)."""
    members = [m(k) for k in ("a", "b", "c")]
    members.append(m("stray", actor_country="USA", date=date(2021, 7, 2)))
    members.append(m("month", date=date(2021, 7, 1), date_precision="month"))
    story = Story("s", "RETREAT", members, None, [])
    assert story.date == date(2021, 7, 4)
    assert story.first_date == date(2021, 7, 1)
    tie = Story("t", "RETREAT", [m("x"), m("y", date=date(2021, 7, 3))], None, [])
    assert tie.date == date(2021, 7, 3)  # the earliest of equals


def test_clustering_is_order_free() -> None:
    members = [
        report(k, text, names=("William Ruto",), event_type="CONSULT") for k, text in SUMMIT
    ] + [report("x", "Police arrested three men in Lagos.", event_type="CONSULT")]
    one = cluster(members)
    random.Random(3).shuffle(members)
    two = cluster(members)
    key = lambda st: [(s.key, [x.key for x in s.members]) for s in st]  # noqa: E731
    assert key(one) == key(two)


# -- clustering


def test_average_linkage_lets_no_stray_member_block_or_glue() -> None:
    # 0-1-2 belong together; 3 is close to 2 only; 4 is close to 3 only.
    scores = {(0, 1): 0.9, (0, 2): 0.8, (1, 2): 0.9, (2, 3): 0.7, (3, 4): 0.9}
    got = average_linkage(5, scores, lambda i, j: scores.get((i, j), 0.0), 0.5)
    assert got == [[0, 1, 2], [3, 4]]
    # complete linkage would refuse 2 in {0, 1} if one pair were low; the average is not.
    scores[(0, 2)] = 0.2
    got = average_linkage(5, scores, lambda i, j: scores.get((i, j), 0.0), 0.5)
    assert [0, 1, 2] in got


def test_story_record_reads_actor_act_place_and_dates() -> None:
    seen = datetime(2021, 7, 6, 12)
    members = [
        m("a", outlet="X", seen=seen, actor_name="Afghan soldiers", place_name="Badakhshan",
          recipient_name="Taliban", quantity=1037, qualifier="exact"),
        m("b", outlet="X", actor_name="Afghan soldiers", place_name="Badakhshan",
          date=date(2021, 7, 5)),
        m("c", outlet="Y", actor_name="Afghan troops", place_name="Tajikistan"),
    ]  # fmt: skip
    story = Story("k", "RETREAT", members, *reconcile(members))
    assert story.title == "Afghan soldiers / Taliban: retreat, Badakhshan"
    assert (story.first_date, story.last_date) == (date(2021, 7, 4), date(2021, 7, 5))
    assert story.places == ["Badakhshan", "Tajikistan"]
    assert (story.num_articles, story.num_sources, story.first_seen) == (3, 2, seen)
    figures = {r["article"]: (r["outlet"], r["figures"]) for r in story.reports}
    assert figures["art-a"][0] == "X" and [f["value"] for f in figures["art-a"][1]] == [1037]


def test_text_keeps_numbers_whole_and_drops_news_words() -> None:
    assert terms("Officials said 1,037 servicemen's crossings were reported on Sunday") == [
        "1037", "servicemen", "crossing"
    ]  # fmt: skip


def test_names_match_by_surname_and_curated_entity() -> None:
    assert name_keys("President William Ruto's", "person") >= {"s:ruto"}
    assert name_keys("Ruto", "person") == {"n:ruto", "s:ruto"}
    assert entity_keys("european-union", "EU", "organisation") == {"e:european-union"}


def test_candidate_pairs_grow_linearly_with_the_store() -> None:
    """Only reports sharing a name or salient word are compared, each with its nearest
    in date under each key: scored pairs grow with the events, not their square."""
    rnd = random.Random(5)
    words = [f"w{i}" for i in range(20)]

    def store(n: int) -> list[Member]:
        return [
            m(f"k{i}", sentence=" ".join(rnd.sample(words, 6)),
              body=" ".join(rnd.sample(words, 10)),
              date=date(2020, 1, 1) + timedelta(rnd.randrange(700)))
            for i in range(n)
        ]  # fmt: skip

    from wirewatch.stories import _candidates, _prepare

    sizes = []
    for n in (500, 2000):
        units, ctx = _prepare(store(n))
        sizes.append(len(_candidates(units, ctx)))
    assert sizes[1] < 6 * sizes[0]  # 4x the events: well under 16x the pairs


DUI = [
    ("d1", ("Marcus Webb",),
     "Chargers linebacker Marcus Webb was arrested early Saturday in San Diego on suspicion "
     "of drunken driving, police said. Webb was stopped on Interstate 5 and booked into the "
     "county jail. Webb, who signed with the Chargers in 2005, was released on bail. It was "
     "the first arrest of a Chargers player in 2006, and the team said Webb would not be "
     "suspended."),
    ("d2", ("Marcus Webb",),
     "San Diego police arrested Chargers linebacker Marcus Webb on suspicion of drunken "
     "driving on Saturday. Webb was booked into jail after officers stopped his car on "
     "Interstate 5; he was later released on bail. The team, which drafted Webb in 2005, "
     "said it was aware of the 2006 arrest."),
    ("d3", ("Darnell Price",),
     "Wide receiver Darnell Price of the Chargers was taken into custody on suspicion of "
     "driving under the influence, police said. Price was pulled over downtown and "
     "released hours later. Price, a Chargers draft pick in 2007, is the third player of "
     "the team held for drunken driving since 2009, the club said in 2011."),
]  # fmt: skip


def test_two_arrests_of_one_kind_whose_reports_name_other_people_and_years_are_two_stories() -> (
    None
):
    # Words alike (same team, same charge, same road); the reports are about other people
    # (whom each names most) and other years (the latest each names).
    members = [
        report(k, text, names=names, event_type="COERCE", actor_country="USA",
               actor_sector="COP", date=None)
        for k, names, text in DUI
    ]  # fmt: skip
    assert groups(cluster(members)) == [["d1", "d2"], ["d3"]]
    units, _, score = scored_pairs(members)
    x = features(units[0], units[2], _prepare(members)[1])
    got = dict(zip(FEATURES, x, strict=True))
    assert got["year_clash"] == got["person_clash"] == 1.0
    neutral = [0.0 if k in ("year_clash", "person_clash") else v for k, v in got.items()]
    assert score(0, 2) < load_model().score(neutral)


def test_latest_year_and_main_person_of_a_report() -> None:
    text = DUI[2][2]
    assert latest_year(text) == 2011
    assert latest_year("More than 2,000 troops and 1990s-era tanks; $2010 in fines.") is None
    keys = frozenset(k for n in ("Darnell Price", "Marcus Webb") for k in name_keys(n, "person"))
    assert main_person(text, keys) == "s:price"
    assert main_person("No one is named here.", keys) is None


def test_average_linkage_lets_no_average_outvote_a_sure_conflict() -> None:
    # 2 is close to 0 but surely not the act 1 tells (CANNOT_LINK): it stays out.
    scores = {(0, 1): 0.95, (0, 2): 0.95, (1, 2): CANNOT_LINK}
    got = average_linkage(3, scores, lambda i, j: scores.get((i, j), 0.0), 0.3)
    assert got in ([[0, 1], [2]], [[0, 2], [1]])


def test_only_publication_dates_from_the_source_are_a_sure_conflict() -> None:
    # A guessed publication date is no `published` (store.ingest.SURE_PUBLISHED); reports
    # dated only by dates counted from when they appeared score 0, which an average of
    # strong pairs can outvote, while reports published far apart never join.
    from wirewatch.store.ingest import SURE_PUBLISHED

    assert "text" not in SURE_PUBLISHED and "given" in SURE_PUBLISHED
    text = SUMMIT[0][1]
    kw = {"names": ("William Ruto",), "event_type": "CONSULT"}
    a, b = report("a", text, **kw), report("b", text, **kw, date=date(2021, 9, 30))
    _, _, score = scored_pairs([a, b])
    assert score(0, 1) == 0.0
    a.published, b.published = date(2021, 7, 5), date(2021, 9, 30)
    _, _, score = scored_pairs([a, b])
    assert score(0, 1) == CANNOT_LINK
