"""The word classes event extraction reads, from `data/events/words.tsv`.

A rule names a class here instead of spelling its words in code; add a word by adding a
line to the data file. Every class is a frozen set (only membership is ever asked).
"""

from __future__ import annotations

from ..wordclasses import words

FILE = "data/events/words.tsv"

# Verbs whose object noun is the event: "launched an attack".
LIGHT_VERBS = words(FILE, "LIGHT_VERB")
# Verbs that put their subject in the state an "on" noun names: "went on strike".
STATE_VERBS = words(FILE, "STATE_VERB")
# Nouns that only count the real event noun after them: "a flurry of calls".
COUNTERS = words(FILE, "COUNTER")
# Nouns for some of a group: "Members of the New People's Army violated the ceasefire" —
# the group after "of" acts, as after a number ("Hundreds of Afghan soldiers").
PART_OF = words(FILE, "PART_OF")
# Acts whose "from" place is the doer: "diplomats were expelled from Britain".
EXPEL = words(FILE, "EXPEL")
# Nouns that hold what an object really is: "trucks of food", "tonnes of aid".
CONTAINERS = words(FILE, "CONTAINER")
# Verbs that end what their object names: "ceased attacks", "halted talks".
ENDING = words(FILE, "ENDING")
# Verbs over an event that set its modality.
CONSIDER = words(FILE, "CONSIDER")
PLAN = words(FILE, "PLAN")
PROMISE = words(FILE, "PROMISE")
LOCATIVE = words(FILE, "LOCATIVE")
PLACE_NOUNS = words(FILE, "PLACE_NOUN")
RECIPIENT_PREPS = words(FILE, "RECIPIENT_PREP")
DESTINATION_PREPS = words(FILE, "DESTINATION_PREP")
# Aid that travels is not at home: "sent trucks of food across the border".
SENDING = words(FILE, "SENDING")
# Verbs whose complement's doer is their subject: "ordered X to be held".
ORDER = words(FILE, "ORDER")
# Nouns of speech: in "rejected criticism of Russia", Russia is not the one rejected.
SPEECH_NOUNS = words(FILE, "SPEECH_NOUN")
# Verbs of deciding: "agreed to ban" is a ban, "agreed to meet" an agreement.
DECIDE = words(FILE, "DECIDE")
PLACE_TARGET_PREPS = words(FILE, "PLACE_TARGET_PREP")
# Verbs whose subject, not their object, does what their to-clause says ("promised
# Kabul to send aid": the promiser sends).
SUBJECT_CONTROL = words(FILE, "SUBJECT_CONTROL")
# Verbs over an act someone asks for (hypothetical) or that did not come about (negated).
REQUESTED = words(FILE, "REQUESTED")
# Verbs of making or talking another party into an act: "forced him to resign".
PRESSING = words(FILE, "PRESSING")
# Verbs of making another party act whose done form says the act came about: "forced him
# to resign" (he resigned), but "trying to force him to resign" tells no resignation.
MADE_TO = words(FILE, "MADE_TO")
# Verbs of trying: "tried to block the channels" tells no block.
ATTEMPT = words(FILE, "ATTEMPT")
# Words over an act only wished, feared, averted, mooted or proposed ("hoping to arrest",
# "to prevent his arrest", "a motion to ban"), and of permission or ability, which do so
# only when denied or modal ("would not be allowed to arrest").
UNREAL_FRAME = words(FILE, "UNREAL_FRAME")
PERMIT_FRAME = words(FILE, "PERMIT_FRAME")
FAILED = words(FILE, "FAILED")
ADVICE_AUX = words(FILE, "ADVICE_AUX")
# Things that kill or destroy with no doer named: "a roadside bomb killed…" is an ASSAULT
# whose actor is unknown.
WEAPONS = words(FILE, "WEAPON")
# Forces of nature, illness and accidents: as the subject of an act ("an earthquake killed
# 1,400 people") no party acts at all, so there is no political event.
NATURAL_CAUSES = words(FILE, "NATURAL_CAUSE")
# "killed in a car accident": natural causes that are happenings
MISHAPS = words(FILE, "MISHAP")
# "a basement fire killed a man": an accidental fire, not gunfire
FIRE_SITES = words(FILE, "FIRE_SITE")
# "was hit by a car and killed": an accident's vehicle after "by"
VEHICLES = words(FILE, "VEHICLE")
# "run over by a police vehicle": a party's vehicle, no accident
VEHICLE_OWNERS = words(FILE, "VEHICLE_OWNER")
# Conflict words that are a game's play beside a scoreline: "beat Ittihad 4-1"
SPORT_PLAY = words(FILE, "SPORT_PLAY")
# Words of a match report ("league", "striker", "halftime")
SPORT_WORDS = words(FILE, "SPORT_WORD")
# Modal auxiliaries, a feature of the typing model.
MODAL_AUX = words(FILE, "MODAL_AUX")
# Verbs whose subject undergoes the event noun they take: "faced charges" (the one
# charged), not the one who charges.
UNDERGO = words(FILE, "UNDERGO")
# What is given as aid: the trigger lines of ship, fly, airlift read it as "@AID_GOOD".
AID_GOODS = words(FILE, "AID_GOOD")
# "came under attack", "remains under fire": the subject undergoes what "under" names.
UNDER_VERBS = words(FILE, "UNDER_VERB")
# People the actor dictionary gives no sector, as the one acted on: a civilian party.
PERSON_PATIENTS = words(FILE, "PERSON_PATIENT")
# ACCUSE verbs whose subject is the one blamed ("the group was behind the attack").
BLAMED_SUBJECT = words(FILE, "BLAMED_SUBJECT")
# Adjectives after "be" telling the subject's own stance ("is concerned about"): it acts.
SUBJECT_STATES = words(FILE, "SUBJECT_STATE")
# Event nouns whose possessor is acted on ("his arrest").
POSS_PATIENT = words(FILE, "POSS_PATIENT")
# Verbs whose subject, an act, has the toll they tell: "the clashes left 12 dead".
RESULT_VERBS = words(FILE, "RESULT_VERB")
# Singular civilian nouns that name a group, not one person ("family", "crowd").
COLLECTIVE_NOUNS = words(FILE, "COLLECTIVE_NOUN")
# Written statements whose issuer acts in a clause on them ("a statement condemning").
DOCUMENTS = words(FILE, "DOCUMENT")
# Adverbs that mark a telling as another act than the one told before ("the judge also
# sentenced", "Separately, the US approved").
ANOTHER_ACT = words(FILE, "ANOTHER_ACT")
# Trigger words of gunfire: one gunman's shots fold into one attack (`spree.one_gunman`).
GUNFIRE = words(FILE, "GUNFIRE")
# Verbs whose "to" act did not happen: "failed to reach agreement" is a REJECT.
FAIL_TO = words(FILE, "FAIL_TO")
# Types of yielding or cooperating: told as what one will not do, a refusal (REJECT).
REFUSABLE = words(FILE, "REFUSABLE")
# Types a government does at its seat when no place is stated (`decide.at_home`).
SEATED_TYPES = words(FILE, "SEATED_TYPE")
# Auxiliaries that make a negated act a stance on the future: "will not", "won't".
REFUSAL_AUX = words(FILE, "REFUSAL_AUX")
# Auxiliaries of ability: "can't release them" refuses a yielding act, as "won't" does.
ABLE_AUX = words(FILE, "ABLE_AUX")
# Verbs no one wills: "I would not expect it" foretells, it refuses nothing.
UNWILLED = words(FILE, "UNWILLED")
# Verbs of giving information: "would not comment" withholds, it refuses no demand.
WITHHELD = words(FILE, "WITHHELD")
# Adjectives of readiness: "is willing to withdraw" offers the act (AGREE).
OFFER_STATES = words(FILE, "OFFER_STATE")
# What an offer PLOVER codes AGREE offers (help, a concession, talks, a sum); "offers
# groceries", "offered tips" is commerce or talk. The trigger lines read it as "@OFFERED".
OFFERED = words(FILE, "OFFERED")
# Verbs of going: the place a trip ends at is where its purpose clause happens ("left
# for Washington to meet her counterparts").
TRAVEL_VERBS = words(FILE, "TRAVEL_VERB")
# A party's words that say it is foreign to the story's place: "foreign troops".
FOREIGN = words(FILE, "FOREIGN")
# Verbs of running away: a RETREAT only when a state's or an armed party runs
# (`extract.private_flight`).
FLIGHT = words(FILE, "FLIGHT")
# Verbs of helping: in a to-clause, the purpose of another act (`extract.purpose_help`).
HELP = words(FILE, "HELP")
# Words of condemnation: said of an act or given as a party's name, an accusation
# ("the move was an abuse of power", "called the order tyranny"). The trigger lines read
# the class as "@JUDGED_BAD" (`triggers.condition_words`); named here, as every class of
# the file is, so that tests/test_event_tables.py knows it is used.
JUDGED_BAD = words(FILE, "JUDGED_BAD")
# Words of praise given as a name ("called the firefighter a hero"): no accusation. The
# trigger lines read the class as "@JUDGED_GOOD".
JUDGED_GOOD = words(FILE, "JUDGED_GOOD")
# Words that name who prosecutes (matched in lower-case text): where an article names one,
# an agentless charge is theirs, not the police's (events/implied.py: police_only).
PROSECUTORS = words(FILE, "PROSECUTOR")
# Verbs that allege an act without saying it happened ("accused Georgia of amassing
# troops", "charged with fleeing police"): the act they name is their content
# (`unreported.alleged_act`).
ALLEGING = words(FILE, "ALLEGING")
# Acts denied, scheduled, failed or held for long: what words.tsv says of each class
# (`unreported.denied_act`, `fields.modality`, `fields.collapsed`, `when.long_standing`).
DENYING = words(FILE, "DENYING")
DENIED_CLAIM = words(FILE, "DENIED_CLAIM")
SCHEDULED = words(FILE, "SCHEDULED")
COLLAPSED = words(FILE, "COLLAPSED")
LONG_STANDING = words(FILE, "LONG_STANDING")
LONG_SPAN = words(FILE, "LONG_SPAN")
# People praised or thanked for doing their job ("commended police for their handling"):
# no political support. The trigger lines read the class as "@SERVICE_PRAISED".
SERVICE_PRAISED = words(FILE, "SERVICE_PRAISED")
# Adjectives that judge doing something ("is right to ask", "important to demonstrate"):
# the act they complete is judged, not done (`unreported.judged_act`).
JUDGED_ACTS = words(FILE, "JUDGED_ACT")
# Words of a charge's stages in court ("indicted", "arraignment"): the charge is the
# prosecutors' (events/implied.py: court_stage).
COURT_STAGES = words(FILE, "COURT_STAGE")
# What a figure counts when it counts charges, not the people charged ("15 offences").
CHARGE_COUNT = words(FILE, "CHARGE_COUNT")
# Modals of mere possibility ("could be jailed", "might have been charged"): the act they
# govern in the passive or the perfect is only possible (`unreported.possible_act`).
POSSIBLE_AUX = words(FILE, "POSSIBLE_AUX")
# Verbs of forecast ("is expected to appeal"): in the passive the act they govern is only
# foretold by unnamed others (`unreported.forecast_act`).
FORECAST = words(FILE, "FORECAST")
# What is asked for, offered or refused in the ordinary exchange of information ("declined
# a request for an interview"): no political act (`unreported.information_exchange`).
NEWS_ITEM = words(FILE, "NEWS_ITEM")
# Verbs of warning: a threat only when they warn of the warner's own future act
# (`unreported.cautioned`).
WARNING = words(FILE, "WARNING")
# Object pronouns a recipient may be read from (`recipients.pronoun_recipients`).
PERSON_OBJECT_PRONOUNS = words(FILE, "PERSON_OBJECT_PRONOUN")
GROUP_OBJECT_PRONOUNS = words(FILE, "GROUP_OBJECT_PRONOUN")
OBJECT_PRONOUNS = PERSON_OBJECT_PRONOUNS | GROUP_OBJECT_PRONOUNS
# Verbs of harm told of victims, and the words hanging an act on the toll it made
# (`toll.toll_told`).
TOLL_VERB = words(FILE, "TOLL_VERB")
TOLL_LINK = words(FILE, "TOLL_LINK")
# Words that count their noun only vaguely ("a number of events", "several thefts"): a
# nearby figure of the same noun is the count (`retold_figure.retold_figures`).
VAGUE_COUNTS = words(FILE, "VAGUE_COUNT")
# Nouns of formal negotiation ("talks with the contractor"): a meeting so named is between
# parties to an issue, never private (`extract.private_act`).
NEGOTIATION_NOUNS = words(FILE, "NEGOTIATION_NOUN")
# Verbs of a person kept in custody ("is being held"): told without a doer after the
# arrest of that person, the arrest retold (`retell.held_after`).
CUSTODY = words(FILE, "CUSTODY")
# Nouns after which be + to-infinitive says a purpose ("the aim is to …"), not an arranged
# act (`fields.arranged`).
PURPOSE_NOUNS = words(FILE, "PURPOSE_NOUN")
# Words of a court appearance or of custody until it: a day they govern dates that, not an
# act planned in the sentence (`when.planned_day`).
COURT_DATE = words(FILE, "COURT_DATE")
# Verbs that set up an act to come ("arranging talks for tomorrow": `when.planned_day`).
ARRANGE = words(FILE, "ARRANGE")
