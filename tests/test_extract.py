"""Event extraction rules, each on sentences of our own about real events."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from wirewatch.config import Config
from wirewatch.pipeline import run


def _events(tmp_path: Path, config: Config, text: str, published: str) -> list[dict]:
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    (res,) = list(run([str(path)], config, published=date.fromisoformat(published)))
    return [ev.to_dict() for ev in res.events]


def _one(events: list[dict], event_type: str) -> dict:
    found = [e for e in events if e["event_type"] == event_type]
    assert len(found) == 1, [(e["event_type"], e["evidence"]["trigger"]) for e in events]
    return found[0]


def test_agentless_passive_has_unidentified_doer_and_victim_recipients(tmp_path, config) -> None:
    evs = _events(
        tmp_path,
        config,
        "KABUL, Aug 26 (Wire) - Thirteen U.S. service members were killed outside Kabul "
        "airport on Thursday, U.S. officials said.",
        "2021-08-26",
    )
    ev = _one(evs, "ASSAULT")
    # No doer is named: the record says so ("unidentified", implied, no span) and gives it
    # the country where the act happened, as ACLED codes an unidentified armed group.
    assert ev["actor"]["text"] == "unidentified" and ev["actor"]["implied"]
    assert ev["actor"]["country"] == "AFG"
    assert "actor" not in ev["spans"]
    assert ev["recipient"]["country"] == "USA"


def test_event_noun_subject_lends_its_maker(tmp_path, config) -> None:
    evs = _events(
        tmp_path,
        config,
        "KYIV, June 27 (Wire) - A Russian missile strike destroyed a crowded shopping centre "
        "in Kremenchuk on Monday, Ukrainian officials said.",
        "2022-06-27",
    )
    ev = _one(evs, "ASSAULT")
    assert (ev["actor"]["country"], ev["actor"]["sector"]) == ("RUS", "MIL")
    assert ev["location"]["name"] == "Kremenchuk"
    assert ev["spans"]["actor"][0] < ev["spans"]["trigger"][0]


def test_pronoun_actor_is_shown_by_the_name_of_its_sentence(tmp_path, config) -> None:
    text = "Czech President Milos Zeman said on Thursday he had rejected the proposed cabinet."
    ev = _one(_events(tmp_path, config, text, "2018-01-12"), "REJECT")
    # "he" stands for the president named in the same sentence: the actor's span is the
    # name its record was read from (as PLV_train marks the source), not the pronoun
    start, end = ev["spans"]["actor"]
    assert text[start:end] == "Czech President Milos Zeman"
    assert ev["actor"]["country"] == "CZE"


def test_pronoun_actor_named_in_an_earlier_sentence_keeps_its_own_words(tmp_path, config) -> None:
    text = (
        "Czech President Milos Zeman spoke to reporters on Thursday. "
        "He said he had rejected the proposed cabinet."
    )
    ev = _one(_events(tmp_path, config, text, "2018-01-12"), "REJECT")
    start, end = ev["spans"]["actor"]
    assert text[start:end].lower() == "he"
    assert ev["actor"]["country"] == "CZE"


def test_who_orders_a_detention_detains(tmp_path, config) -> None:
    evs = _events(
        tmp_path,
        config,
        "MOSCOW, July 13 (Wire) - A Moscow court ordered opposition politician Ilya Yashin "
        "to be held in custody for two months.",
        "2022-07-13",
    )
    ev = _one(evs, "COERCE")
    assert (ev["actor"]["country"], ev["actor"]["sector"]) == ("RUS", "JUD")
    assert ev["mode"] == "arrest"


def test_agreeing_to_ban_is_the_ban(tmp_path, config) -> None:
    evs = _events(
        tmp_path,
        config,
        "Leaders of the Group of Seven agreed on Sunday to ban imports of Russian gold.",
        "2022-06-26",
    )
    assert [e["event_type"] for e in evs] == ["SANCTION"]


def test_condemning_an_arrest_targets_who_made_it(tmp_path, config) -> None:
    evs = _events(
        tmp_path,
        config,
        "MINSK, May 18 (Wire) - Police arrested the editor of an independent news site in "
        "Minsk on Tuesday.\n\nThe European Union condemned the arrest.",
        "2021-05-18",
    )
    arrest = _one(evs, "COERCE")
    assert arrest["actor"]["country"] == "BLR"  # the dateline's police
    condemn = _one(evs, "ACCUSE")
    assert condemn["actor"]["org"] == "EU"
    assert condemn["recipient"]["country"] == "BLR"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Houthi rebels fired missiles at Riyadh on Sunday.", "SAU"),
        ("Japan sent tents and blankets to Pakistan on Friday.", "PAK"),
    ],
)
def test_a_place_can_be_the_target(tmp_path, config, text: str, country: str) -> None:
    (ev,) = _events(tmp_path, config, text, "2022-09-02")
    assert ev["recipient"]["country"] == country


def test_control_verbs_give_the_right_actor(tmp_path, config) -> None:
    # Own words, real facts: Nagorno-Karabakh, autumn 2020.
    evs = _events(
        tmp_path,
        config,
        "MOSCOW, Oct 10 (Wire) - Russian Foreign Minister Sergei Lavrov urged Armenia and "
        "Azerbaijan to respect the ceasefire. France criticised Turkey for sending Syrian "
        "fighters to the region. Iran is ready to help the two neighbours, its foreign "
        "ministry said.",
        "2020-10-10",
    )
    by_trigger = {e["evidence"]["trigger"]: e for e in evs}
    assert by_trigger["sending"]["actor"]["country"] == "TUR"
    assert by_trigger["help"]["actor"]["country"] == "IRN"
    assert any(e["event_type"] == "REQUEST" and e["actor"]["name"] == "Sergei Lavrov" for e in evs)


def test_talked_of_fighting_and_met_obligations_are_no_events(tmp_path, config) -> None:
    evs = _events(
        tmp_path,
        config,
        "TASHKENT, July 16 (Wire) - Leaders met in Tashkent to discuss the fighting in "
        "Afghanistan. Uzbekistan said it would meet its obligations to its neighbours. "
        "Taliban fighters took control of the Hairatan crossing on Saturday, officials said.",
        "2021-07-16",
    )
    types = sorted(e["event_type"] for e in evs)
    assert "ASSAULT" not in types
    assert types.count("CONSULT") == 1
    seize = _one(evs, "COERCE")
    assert (seize["actor"]["country"], seize["actor"]["sector"]) == ("AFG", "INS")


DEMO = Path(__file__).parent.parent / "src" / "wirewatch" / "data" / "demo"


@pytest.mark.parametrize("name", ["taliban-delegation-moscow", "seed-tajik-border"])
def test_evidence_ends_at_the_line_break_and_every_event_is_placed(name, config) -> None:
    """These reports' lines end where the parser runs on into the next one; evidence keeps
    the trigger's line, and every event says where it happened and how that was found."""
    path = DEMO / f"{name}.txt"
    events = [ev for res in run([str(path)], config) for ev in res.events]
    assert events
    raw = path.read_text(encoding="utf-8")
    for ev in events:
        assert "\n" not in ev.evidence.sentence, ev.evidence.sentence
        assert raw[ev.evidence.start : ev.evidence.end] == ev.evidence.sentence
        assert ev.location is not None and ev.location_from is not None, ev.evidence.trigger
        if ev.location.precision == "country":
            assert ev.location.lat is None  # a country is never a dot


def test_one_act_retold_further_on_is_one_event(tmp_path, config) -> None:
    """The lead and a later paragraph tell one accusation with other words and names;
    two different acts by the same side with no recipient stay two (the embassy's
    condemnation of the expulsion is an accusation of its own, not a telling of the blame)."""
    src = tmp_path / "retold.txt"
    src.write_text(
        "Britain blames Russia for the nerve agent attack in Salisbury. "
        "Moscow has expelled 23 British diplomats. "
        "The embassy said the move was unjustified. "
        "Prime Minister Theresa May accused the Russian government of the attack on Monday.",
        encoding="utf-8",
    )
    events = [
        ev for res in run([str(src)], config, published=date(2018, 3, 19)) for ev in res.events
    ]
    accuse = [ev for ev in events if ev.event_type == "ACCUSE" and ev.mode != "disapprove"]
    assert len(accuse) == 1 and len(accuse[0].spans) > 0
    assert accuse[0].actor.country == "GBR" and accuse[0].recipient.country == "RUS"
    condemned = [ev for ev in events if ev.event_type == "ACCUSE" and ev.mode == "disapprove"]
    said = "The embassy said the move was unjustified."
    assert [ev.evidence.sentence for ev in condemned] == [said]


def test_headline_retold_in_the_body_is_one_event(tmp_path, config) -> None:
    """A headline's act told again in the next sentence, with the recipients named there,
    is one event per recipient, not one more for the headline."""
    evs = _events(
        tmp_path,
        config,
        "Egyptian officials welcome failure of Gaza talks. Some Egyptian officials in Cairo "
        "have welcomed the failure of the talks between Israel and Hamas as good news.",
        "2018-04-06",
    )
    support = [e for e in evs if e["event_type"] == "SUPPORT"]
    assert len(support) == 2, support
    assert {e["recipient"]["country"] for e in support} == {"ISR", "PSE"}


def test_a_retold_acts_evidence_is_the_telling_that_holds_its_fields(tmp_path, config) -> None:
    """A headline's accusation retold in the body with its accuser, place and day: the
    record's evidence (and trigger span) is the body's sentence, where its fields are."""
    text = (
        "Man accused of attacking neighbours with a knife.\n"
        "Police in Leeds on Monday accused John Smith, 39, of stabbing two neighbours."
    )
    ev = _one(_events(tmp_path, config, text, "2020-05-08"), "ACCUSE")
    body = text.index("Police")
    assert ev["evidence"]["start"] == body, ev["evidence"]
    assert ev["evidence"]["sentence"] == text[body:]
    start, end = ev["spans"]["trigger"]
    assert text[start:end] == "accused" and start > body
    assert ev["actor"]["text"] == "Police"


def test_arrests_of_unnamed_groups_on_one_day_are_one_event(tmp_path, config) -> None:
    """Two tellings of an arrest of unnamed groups dated to the same day are one event;
    named in two different places they are two."""
    lead = (
        "TBILISI -- Ten persons, most of them members of an opposition party, have been "
        "arrested{} on charges of illegal purchase of firearms on Friday, the Georgian "
        "Interior Ministry said. The ministry released video footage of the raids. The "
        "party denied the charges. Several members of these groups were arrested{} this "
        "morning."
    )
    one = _events(tmp_path, config, lead.format("", ""), "2018-04-06")
    assert len([e for e in one if e["event_type"] == "COERCE"]) == 1, one
    two = _events(tmp_path, config, lead.format(" in Batumi", " in Tbilisi"), "2018-04-06")
    assert len([e for e in two if e["event_type"] == "COERCE"]) == 2, two


def test_a_partys_act_named_by_its_possessor_is_that_act(tmp_path, config) -> None:
    """ "Matiangi's allegation" and "Matiangi accused a clique of judges" are one act."""
    evs = _events(
        tmp_path,
        config,
        "Chief Justice David Maraga on Thursday responded to Interior Minister Fred "
        "Matiangi's allegation. On Tuesday Matiangi accused a clique of judges of working "
        "with activists to frustrate the government.",
        "2018-04-06",
    )
    ev = _one(evs, "ACCUSE")
    assert ev["recipient"]["country"] == "KEN" and ev["recipient"]["sector"] == "JUD"


def test_a_sentence_printed_twice_is_read_once(nlp) -> None:
    """A scraped page may hold its body twice: the repeated words tell no second act, so
    the second copy is not read; a short line ("Police said.") may repeat freely."""
    from wirewatch.events.extract import repeated_sentences

    body = "French police arrested the deputy mayor of Lyon on Monday. Police said. "
    doc = nlp(body + "The council will meet next month. " + body)
    again = repeated_sentences(doc)
    copies = [s for s in doc.sents if s.text.startswith("French police")]
    assert len(copies) == 2
    assert not again & set(range(copies[0].start, copies[0].end))
    assert set(range(copies[1].start, copies[1].end)) <= again
    short = [s for s in doc.sents if s.text.startswith("Police said")]
    assert not again & set(range(short[-1].start, short[-1].end))
