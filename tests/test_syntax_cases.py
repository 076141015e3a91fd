"""Syntax: actor and recipient come from the dependency parse. One table per case of the
coder issue, our own sentences, the real model. Known misses are xfail with the reason."""

from __future__ import annotations

import pytest

from coding import Want, check, rows

xfail = pytest.mark.xfail

ACTIVE_PASSIVE = [
    ("Turkey condemned the Iranian missile test on Sunday.",
     Want("ACCUSE", actor=("TUR",), recipient=("IRN",))),
    ("Iraqi police arrested two smugglers near the Syrian border.",
     Want("COERCE", actor=("IRQ",), cameo="173")),
    ("The Saudi envoy was received by the Iraqi president in Baghdad.",
     Want("CONSULT", actor=("IRQ",), recipient=("SAU",))),
    ("The Kuwaiti ambassador was summoned by the Iraqi foreign ministry.",
     Want("ACCUSE", actor=("IRQ",), recipient=("KWT",))),
    ("Two Turkish soldiers were killed by Kurdish militants near the border.",
     Want("ASSAULT", recipient=("TUR",))),
    # the "by" phrase hung on a clause below the passive verb that cannot own it
    ("A former Libyan envoy was accused of selling state land by Tunisian prosecutors.",
     Want("ACCUSE", actor=("TUN",), recipient=("LBY",))),
    ("The Omani minister was charged with fraud, most of it hidden in Dubai, by Qatari judges.",
     Want("ACCUSE", actor=("QAT",), recipient=("OMN",))),
    # ... but a "by" that tells how something was done names no agent
    ("The Omani minister was accused of winning the vote by fraud.", Want(None)),
    # a passive whose subject does the act when no agent is named (self_passives)
    ("Most of the Iraqi militiamen in Anbar have been demobilized.",
     Want("RETREAT", actor=("IRQ",), cameo="0873")),
    ("The Iraqi militiamen were demobilized by the government in Anbar.",
     Want("RETREAT", cameo="0873")),
]  # fmt: skip

# parser errors around the subject
PARSER_ERRORS = [
    # a fronted "With ..." phrase swallows the subject as conjuncts after its comma
    ("With the blessing of the Arab League, Egypt and Sudan have agreed to share the dam's water.",
     Want("AGREE", actor=("EGY", "SDN"), recipient=(), n_events=1)),
    ("With the opening of the new crossing near Rafah, the Egyptian government and Hamas have agreed to let traders pass.",
     Want("AGREE", actor=("EGY",), n_events=1)),
    # a fronted "with" phrase is circumstance, no partner; a subject of the verb's own stays
    ("With the help of France, Chad and Niger, Mali agreed to a truce in the north.",
     Want("AGREE", actor=("MLI",), recipient=())),
    # a preposition stranded before "and" shares the object of the phrase after it
    ("Jordan signed a trade pact with and pledged loans to Iraq.",
     Want("SUPPORT", actor=("JOR",), recipient=("IRQ",), cameo="057")),
    ("Qatar sent aid to and held talks with Sudan on Monday.",
     Want("AID", actor=("QAT",), recipient=("SDN",))),
    # "for X to do" with the "to" left out is still the one pushed
    ("Italy is pressing hard for the US endorse its plan to cut tariffs in Asia.",
     Want("REQUEST", actor=("ITA",), recipient=("USA",), n_events=1)),
]  # fmt: skip

# a verb that is also a verb of saying ("recall") codes by its own pattern when it has an
# object and no clause of what is said
SAYING_OR_ACTING = [
    ("Jordan has recalled its ambassador from Tel Aviv for consultations.",
     Want("SANCTION", actor=("JOR",), cameo="161")),
    ("Egypt recalled its envoy to Qatar on Tuesday and accused Doha of backing militants.",
     Want("SANCTION", actor=("EGY",), recipient=("QAT",), cameo="161")),
    ("The Kuwaiti minister recalled that Iraq had expelled the Turkish ambassador in 2019.",
     Want("SANCTION", actor=("IRQ",), recipient=("TUR",), modality="historical", n_events=1)),
]  # fmt: skip

COORDINATION = [
    ("Egypt and Jordan signed a trade agreement with Iraq on Monday.",
     Want("SUPPORT", actor=("EGY", "JOR"), recipient=("IRQ",), n_events=1)),
    ("Qatar sent humanitarian aid to Lebanon and Syria.",
     Want("AID", actor=("QAT",), recipient=("LBN", "SYR"), n_events=1)),
    ("The foreign ministers of Iran and Turkey met in Ankara.",
     Want("CONSULT", actor=("IRN", "TUR"), n_events=1)),
    # the parser hangs the list on an apposition of the first name
    ("Kuwait, the UAE, Bahrain and Oman welcomed the agreement between Iran and Saudi Arabia.",
     Want("SUPPORT", actor=("KWT", "ARE", "BHR", "OMN"), recipient=("IRN", "SAU"), n_events=1)),
    # ... or takes a country in apposition for a member when "and" follows
    ("Kuwait, the wealthy UAE, and tiny Qatar welcomed the deal with Iran.",
     Want("SUPPORT", actor=("KWT", "ARE", "QAT"), recipient=("IRN",), n_events=1)),
    ("Oman, the sultanate, and Qatar condemned the attack.",
     Want("ACCUSE", actor=("OMN", "QAT"), n_events=1)),
]  # fmt: skip

APPOSITION = [
    ("Fuad Hussein, the Iraqi foreign minister, met the Kuwaiti emir in Kuwait City.",
     Want("CONSULT", actor=("IRQ",), recipient=("KWT",))),
    ("The Jordanian monarch, King Abdullah II, received the Egyptian president in Amman.",
     Want("CONSULT", actor=("JOR",), recipient=("EGY",))),
]  # fmt: skip

PREPOSITIONAL_RECIPIENTS = [
    ("The Jordanian foreign minister held talks with his Iraqi counterpart in Amman.",
     Want("CONSULT", actor=("JOR",), recipient=("IRQ",))),
    ("The French defence minister paid a visit to Baghdad on Thursday.",
     Want("CONSULT", actor=("FRA",), recipient=("IRQ",), cameo="042")),
    ("Iraq lodged a complaint with the UN Security Council against Turkey.",
     Want("ACCUSE", actor=("IRQ",))),
    ("Iranian forces fired artillery at Kurdish villages in northern Iraq.",
     Want("ASSAULT", actor=("IRN",))),
    # the object of a criticism moved after its "as" phrase
    ("Egypt condemned as a crime Israel's raid on the camp.",
     Want("ACCUSE", actor=("EGY",), recipient=("ISR",))),
    ("Albania condemned as a shameful act Serbia's treatment of the marchers.",
     Want("ACCUSE", actor=("ALB",), recipient=("SRB",))),
    # a complaint is about the subject of the clause it reports
    ("Kuwait protested that Iraqi troops had crossed the border.",
     Want("ACCUSE", actor=("KWT",), recipient=("IRQ",))),
    ("Kuwait complained that it had not been consulted.",
     Want("ACCUSE", actor=("KWT",), recipient=())),
    # the party named on the noun in the verb's phrase, when nothing nearer names one
    ("Kuwait reneged on its commitment to the Iraqi government.",
     Want("REJECT", actor=("KWT",), recipient=("IRQ",))),
    ("Qatar reneged on its promise of aid to Lebanon.",
     Want("REJECT", actor=("QAT",), recipient=("LBN",))),
    pytest.param("Egypt pulled out of its gas agreement with Israel.",
                 Want("RETREAT", actor=("EGY",), recipient=("ISR",)),
                 marks=xfail(reason="'pulled out of' is read as no withdrawal and the "
                             "agreement as talks"), id="pulled out of an agreement"),
    # where refuge is sought is the one asked
    ("Many Iraqi Kurdish families sought refuge in Sweden during the war.",
     Want("REQUEST", actor=("IRQ",), recipient=("SWE",))),
    ("Iraqi Kurdish families sought help in Sweden during the war.",
     Want("REQUEST", actor=("IRQ",), recipient=())),
    # the object of a preposition that the parser made the subject of a verb after it
    ("Chile has granted political asylum to four Bolivian officers hiding in a church.",
     Want("AID", actor=("CHL",), recipient=("BOL",))),
    ("Chile gave political asylum to four Bolivian colonels sheltering in a monastery since the coup.",
     Want("AID", actor=("CHL",), recipient=("BOL",))),
]  # fmt: skip

LIGHT_VERBS = [
    # a light verb in a governor's complement carries its noun up to the governor
    ("The Algerian president warned he would impose a curfew on the capital.",
     Want("THREATEN", actor=("DZA",), cameo="1323", n_events=1)),
    # ... and so does a verb of going on ("continue", "resume"): one event, the governor's
    ("Egypt promised to continue its medical aid to Sudan.",
     Want("AGREE", actor=("EGY",), recipient=("SDN",), n_events=1)),
    ("Jordan agreed to resume negotiations with Syria on the water dispute.",
     Want("AGREE", actor=("JOR",), recipient=("SYR",), n_events=1)),
    # the noun's own compound code refines the light verb's pattern: a hunger strike
    ("Iraqi teachers staged a hunger strike in Basra.", Want("PROTEST", cameo="142")),
    ("Iran's foreign minister held talks with the Omani sultan in Muscat.",
     Want("CONSULT", actor=("IRN",), recipient=("OMN",))),
    ("The Saudi crown prince paid a visit to Cairo last week.",
     Want("CONSULT", actor=("SAU",), recipient=("EGY",))),
    ("The US embassy issued a warning to Iraqi militias on Tuesday.",
     Want("THREATEN", actor=("USA",))),
    ("Iraq imposed a curfew on the city of Nasiriyah.",
     Want("COERCE", actor=("IRQ",), cameo="1723")),
    ("Lebanese students staged a demonstration outside parliament.",
     Want("PROTEST", actor=("LBN",))),
]  # fmt: skip

# a mission sent to investigate is the investigation, no sending of its own
MISSIONS = [
    ("The Arab League has sent 30 observers to Yemen to investigate the shelling of the port.",
     Want("ACCUSE", cameo="090", n_events=1)),
    ("Turkey sent troops to Libya to fight the rebels.",
     Want("COOPERATE", actor=("TUR",), recipient=("LBY",))),
    # the inquiry looks into the country the team was sent to
    ("The OSCE dispatched monitors to Moldova to investigate the vote.",
     Want("ACCUSE", cameo="090", recipient=("MDA",), n_events=1)),
    ("The African Union has sent observers to a camp in northern Kenya to monitor the handover of weapons.",
     Want("ACCUSE", cameo="090", recipient=("KEN",), n_events=1)),
    ("The IAEA dispatched monitors to a reactor near the coast of southern Iran to inspect the site.",
     Want("ACCUSE", cameo="090", recipient=("IRN",), n_events=1)),
]  # fmt: skip

# the country where an embassy or consulate is opened or closed is the party
HOST_RECIPIENTS = [
    ("Iraq closed its embassy in Kuwait on Sunday.",
     Want("SANCTION", actor=("IRQ",), recipient=("KWT",))),
    ("Oman opened an embassy in Baghdad on Monday.",
     Want("SUPPORT", actor=("OMN",), recipient=("IRQ",), cameo="054")),
]  # fmt: skip

DEAL_PURPOSES = [
    # an infinitive on the deal names its other party
    ("Iran signed an agreement on Monday to supply Iraq with electricity.",
     Want("SUPPORT", actor=("IRN",), recipient=("IRQ",))),
    ("Egypt reached an accord to sell wheat to Sudan.",
     Want("AGREE", actor=("EGY",), recipient=("SDN",))),
    ("Jordan signed a deal to build a new pipeline.",
     Want("SUPPORT", actor=("JOR",), recipient=())),
]  # fmt: skip

PLACE_RECIPIENTS = [
    # force done in a place with no named recipient hits the place's people; a surrender or
    # a resignation in the actor's own country is done to nobody there
    ("Two hundred Ugandan rebels surrendered in Gulu on Tuesday.",
     Want("RETREAT", actor=("UGA",), recipient=())),
    ("The Georgian interior minister resigned in Tbilisi on Sunday.",
     Want("RETREAT", actor=("GEO",), recipient=())),
    ("Hundreds of Syrian soldiers surrendered in Lebanon on Tuesday.",
     Want("RETREAT", actor=("SYR",), recipient=("LBN",))),
    ("Iraqi forces completed their withdrawal from the northern Iraqi town of Tal Afar.",
     Want("RETREAT", actor=("IRQ",), recipient=())),
    ("Syrian troops withdrew from the Lebanese town of Zahle.",
     Want("RETREAT", actor=("SYR",), recipient=("LBN",))),
]  # fmt: skip

NOMINAL_EVENTS = [
    # what talks are about is their topic, not an event
    ("Iraqi and Turkish officials held talks in Baghdad on the withdrawal of Turkish troops.",
     Want("CONSULT", n_events=1)),
    ("Iran and Iraq renewed negotiations on Monday over the release of Iranian prisoners.",
     Want("CONSULT", actor=("IRN", "IRQ"), n_events=1)),
    ("Kuwait welcomed the Iraqi foreign minister's visit to Tehran.",
     Want("CONSULT", actor=("IRQ",), recipient=("IRN",))),
    ("Jordan condemned the arrest of two Jordanian journalists by Syrian police.",
     Want("COERCE", actor=("SYR",), recipient=("JOR",))),
    ("The Turkish air strike on Sinjar killed four people.",
     Want("ASSAULT", actor=("TUR",))),
    # "drone strike", "air strike": an attack from the air, not a labour strike
    ("The Iraqi government condemned the American drone strike near Baghdad airport.",
     Want("ASSAULT", actor=("USA",), cameo="195")),
]  # fmt: skip

# an act of force that names no attacker: the unidentified attackers of the country where it
# happened; a weapon in its "by"/"in" phrase or as its subject gives the code
UNNAMED_ATTACKERS = [
    ("Two Iraqi policemen were killed by a roadside bomb near Mosul on Tuesday.",
     Want("ASSAULT", actor=("IRQ",), recipient=("IRQ",), cameo="1833")),
    ("A car bomb killed four Turkish soldiers in the city of Diyarbakir.",
     Want("ASSAULT", actor=("TUR",), recipient=("TUR",), cameo="1832")),
    ("Iraqi police said two soldiers were wounded in a mortar attack on a base in Anbar.",
     Want("ASSAULT", actor=("IRQ",), cameo="194", modality="reported")),
    # a war machine as the subject names the means: aerial weapons, tanks
    ("Turkish aircraft killed five Kurdish fighters near Sinjar.",
     Want("ASSAULT", actor=("TUR",), cameo="195")),
    ("Israeli tanks killed three Palestinians in Gaza.",
     Want("ASSAULT", actor=("ISR",), recipient=("PSE",), cameo="194")),
    # a passive attack or arrest "in" a country the text names: that country's agents
    ("An Egyptian engineer was shot dead in Libya on Monday.",
     Want("ASSAULT", actor=("LBY",), recipient=("EGY",))),
    ("Two French tourists were arrested in Iran last week.",
     Want("COERCE", actor=("IRN",), recipient=("FRA",), cameo="173")),
    # ... and so is force used FROM a country
    ("Two rockets were fired from Lebanon at northern Israel on Sunday.",
     Want("ASSAULT", actor=("LBN",), recipient=("ISR",))),
    # "gunmen" of no known country are those of the place
    ("Gunmen killed two Iraqi policemen at a checkpoint in Kirkuk on Monday.",
     Want("ASSAULT", actor=("IRQ",), recipient=("IRQ",))),
    # killing a commander or leader is an assassination
    ("Hezbollah fighters killed a senior commander of a rival militia near Tyre.",
     Want("ASSAULT", actor=("LBN",), cameo="186")),
    # no place, no attacker: no event
    ("Two Egyptian engineers were killed by a bomb on Tuesday.", Want(None)),
    # an accident is no attack
    ("Two Iraqi workers were killed in a road accident near Basra.", Want(None)),
    # victims whose country is only guessed from the text: the people of the place
    ("Two Syrian gunmen killed twelve people at a market in Mosul on Friday.",
     Want("ASSAULT", actor=("SYR",), recipient=("IRQ",))),
    ("Syrian troops killed twelve people in Aleppo on Friday.",
     Want("ASSAULT", actor=("SYR",), recipient=("SYR",))),
    # "were engaged in", "are involved in": the subject is the actor, not a victim
    ("Syrian troops were involved in heavy fighting with Lebanese militias near Beirut.",
     Want("ASSAULT", actor=("SYR",), recipient=("LBN",))),
]  # fmt: skip

# a concession, refusal, threat or coercion that names no party is aimed at the actor's own
# people; not an answer to someone's offer or request, nor one whose party is unresolved
OWN_PEOPLE = [
    ("The Sudanese government lifted the state of emergency on Sunday.",
     Want("CONCEDE", actor=("SDN",), recipient=("SDN",))),
    ("Kenya's interior minister declined to resign on Monday.",
     Want("REJECT", actor=("KEN",), recipient=("KEN",))),
    ("The Iraqi government is prepared to impose a curfew.",
     Want("THREATEN", actor=("IRQ",), recipient=("IRQ",))),
    ("Egypt rejected the invitation on Tuesday.", Want("REJECT", actor=("EGY",), recipient=())),
    ("The Jordanian government rejected a proposal from Xandaria for joint patrols.",
     Want("REJECT", actor=("JOR",), recipient=())),
    ("The UN Security Council rejected the request.",
     Want("REJECT", actor=("UNO",), recipient=())),
]  # fmt: skip

RELATIVE_CLAUSES = [
    ("Iraq expelled the Turkish diplomat who had met Kurdish rebels in Erbil.",
     Want("CONSULT", actor=("TUR",))),
    ("The militia that attacked the US embassy in Baghdad denied any role in the killings.",
     Want("ASSAULT", recipient=("USA",))),
    ("Baghdad protested to Ankara, whose troops crossed the border on Monday.",
     Want("ACCUSE", actor=("IRQ",), recipient=("TUR",))),
    # a relative clause whose subject is a plan or resolution tells what it says: no event
    ("Qatar backed an Arab League plan that would send peacekeepers to Libya.",
     Want("SUPPORT", actor=("QAT",), n_events=1)),
    ("Egypt will support a draft resolution that imposes an arms embargo on Libya.",
     Want("AGREE", actor=("EGY",), n_events=1)),
    # anything inside an offer's or a demand's content is no event of its own
    ("Hamas rejected an Egyptian offer to hold a meeting in Cairo to negotiate a truce.",
     Want("REJECT", actor=("PSE",), recipient=("EGY",), n_events=1)),
    ("Poland demanded an admission by Moscow that Soviet forces had murdered Polish officers.",
     Want("REQUEST", actor=("POL",), recipient=("RUS",), n_events=1)),
    # ... but what someone did to the plan is an event
    ("Jordan welcomed the UN resolution, which Russia had vetoed last year.",
     Want("SUPPORT", actor=("JOR",), recipient=("UNO",))),
]  # fmt: skip

SEVERAL_EVENTS = [
    ("Iraqi police arrested two men in Basra and the army shelled a village near Mosul.",
     Want("COERCE", actor=("IRQ",))),
    ("Iraqi police arrested two men in Basra and the army shelled a village near Mosul.",
     Want("ASSAULT", actor=("IRQ",))),
    ("The Iranian foreign minister met the Iraqi prime minister and signed an energy deal "
     "with Iraq.", Want("CONSULT", actor=("IRN",), recipient=("IRQ",))),
    ("The Iranian foreign minister met the Iraqi prime minister and signed an energy deal "
     "with Iraq.", Want("SUPPORT", actor=("IRN",), recipient=("IRQ",))),
    # a participle of force with no target of its own hits the target of the clause it
    # hangs on
    ("Ethiopian forces launched mortar and rocket fire against Eritrean rebel camps near the border, killing or wounding 30.",
     Want("ASSAULT", actor=("ETH",), recipient=("ERI",))),
    # an arrest after the shooting is an act of its own
    ("Somali police opened fire on the crowd, killing two and arresting nine.",
     Want("COERCE", actor=("SOM",), cameo="173")),
]  # fmt: skip

LONG_OPED = [
    ("In a move that surprised many observers in Baghdad and beyond, Prime Minister Mustafa "
     "al-Kadhimi, who had only weeks earlier returned from a visit to Washington, received the "
     "Iranian foreign minister on Sunday and urged Tehran to respect Iraq's sovereignty.",
     Want("CONSULT", actor=("IRQ",), recipient=("IRN",), cameo="043")),
    ("In a move that surprised many observers in Baghdad and beyond, Prime Minister Mustafa "
     "al-Kadhimi, who had only weeks earlier returned from a visit to Washington, received the "
     "Iranian foreign minister on Sunday and urged Tehran to respect Iraq's sovereignty.",
     Want("REQUEST", actor=("IRQ",), recipient=("IRN",))),
    ("Caught between a Washington that wants its troops to stay and militias that want them "
     "gone, the Iraqi government, which has few good options, on Monday asked the United "
     "States to reduce its forces in the country gradually.",
     Want("REQUEST", actor=("IRQ",), recipient=("USA",))),
]  # fmt: skip

GOVERNED = [
    # a purpose clause inside what is promised or asked is part of it, no event of its own
    ("Egypt promised to send troops to protect the Iraqi border.",
     Want("AGREE", actor=("EGY",), n_events=1)),
    ("Egypt sent troops to protect the Iraqi border.",
     Want("AID", actor=("EGY",), recipient=("IRQ",))),
    # ... and names the one the promise is made to
    ("Jordan offered to send engineers to help Iraq.",
     Want("AGREE", actor=("JOR",), recipient=("IRQ",), n_events=1)),
    ("Qatar is ready to send doctors to help the Lebanese government.",
     Want("AGREE", actor=("QAT",), recipient=("LBN",), n_events=1)),
    ("Iran and Iraq agreed to resume flights between Tehran and Baghdad.",
     Want("AGREE", actor=("IRN", "IRQ"), cameo="03", n_events=1)),
    ("The Kurdish regional government said it would not hand over the oil revenues to Baghdad.",
     Want("REJECT", actor=("IRQ",), modality="reported")),
    ("Iraq's foreign ministry summoned the Turkish ambassador to protest against the air "
     "strikes.", Want("ACCUSE", actor=("IRQ",), recipient=("TUR",))),
    ("The Iranian foreign minister warned Washington against any attack on Iranian interests "
     "in Iraq.", Want("THREATEN", actor=("IRN",), recipient=("USA",))),
    ("Iraqi President Barham Salih called on all parties to exercise restraint.",
     Want("REQUEST", actor=("IRQ",), cameo="02")),
    # "X said Y should/must ...": an appeal or demand to Y, but not when Y is X again by a
    # pronoun resolved to the same actor (what X says of itself asks no one)
    ("Kenya indicated that Sudan should act against the rebels.",
     Want("REQUEST", actor=("KEN",), recipient=("SDN",), cameo="02")),
    ("Kenya suggested it ought to have moved against Sudan.", Want(None)),
    ("Jordan's foreign minister said Israel must stop the settlement expansion.",
     Want("REQUEST", actor=("JOR",), recipient=("ISR",), cameo="10")),
    ("The EU imposed sanctions on three Iranian officials over the crackdown on protesters.",
     Want("SANCTION", cameo="163", recipient=("IRN",))),
    ("Protesters in Baghdad burned tyres and blocked the main bridge over the Tigris.",
     Want("PROTEST", actor=("IRQ",), cameo="144")),
    ("Kuwait will host a donor conference for Iraq next year.",
     Want("AGREE", actor=("KWT",), recipient=("IRQ",), modality="future")),
    # a promise not to act is a refusal
    ("Israel vowed once more not to return the occupied heights to Syria.",
     Want("REJECT", actor=("ISR",), recipient=("SYR",), n_events=1)),
    # "reiterated its demand today that X ...": the clause parsed on the verb is the demand's
    ("Jordan repeated its demand on Sunday that Israel lift the limits on Palestinian labourers.",
     Want("REQUEST", actor=("JOR",), recipient=("ISR",), n_events=1)),
    # "called for X to ...", parsed with "for" as the clause's subordinator: X is asked
    ("Iraq called for Turkey to withdraw its troops from Bashiqa.",
     Want("REQUEST", actor=("IRQ",), recipient=("TUR",), n_events=1)),
    # a passive governor: its subject is the one urged or warned
    ("Iraq was urged by the United Nations to hold early elections.",
     Want("REQUEST", actor=("UNO",), recipient=("IRQ",))),
    ("Turkey was warned by Russia against any attack on Syria.",
     Want("THREATEN", actor=("RUS",), recipient=("TUR",))),
    pytest.param(
        "The Iraqi parliament voted to expel US troops from the country.",
        Want("SANCTION", actor=("IRQ",), recipient=("USA",)),
        marks=xfail(reason="'expel troops' codes CAMEO 174 (expel individuals); a vote's future "
                           "coercion is then reduced to THREATEN, not a decided SANCTION"),
        id="The Iraqi parliament voted to expel US troops"),
    # the aim of a protest is the protest ("began a hunger strike to demand/protest")
    ("Palestinian detainees launched a hunger strike this week to protest against Israel's new rules.",
     Want("PROTEST", cameo="142", n_events=1)),
    # how rioters riot is the riot: "rioted ..., burning tyres and attacking X"
    ("Iraqi protesters rioted in Basra, burning tyres and attacking the governor's office.",
     Want("PROTEST", cameo="145", n_events=1)),
    # stones thrown by civilians during a demonstration are a violent protest; a police
    # force's blows there stay force
    ("Iraqi students threw stones at the police during a rally in Basra.",
     Want("PROTEST", actor=("IRQ",), cameo="145")),
    ("Lebanese youths took to throwing rocks during protests in Tripoli.",
     Want("PROTEST", actor=("LBN",), cameo="145")),
    ("Iranian police assaulted students during a rally in Tehran.",
     Want("ASSAULT", actor=("IRN",))),
    ("Two Kuwaiti activists began a hunger strike on Friday to protest the government's "
     "ruling.", Want("PROTEST", cameo="142", n_events=1)),
    ("Iraqi teachers kept up their strike to demand that the education minister step "
     "down.", Want("PROTEST", n_events=1)),
    # ... also when the protest is a verb that is one only when people do it ("blocked streets")
    ("Crowds of young men blocked roads in Baghdad in defiance of the authorities to demand "
     "early elections.", Want("PROTEST", cameo="144", n_events=1)),
    # "help" with a verb: the verb is the event; with its own pattern it keeps its code
    ("Jordan sent troops to help defend Kuwait.", Want("AID", actor=("JOR",), recipient=("KWT",))),
    # a participle used as an adjective ("exiled dissidents") is no event of its own
    ("Qatar helped the exiled Syrian dissidents with money.",
     Want("AID", actor=("QAT",), n_events=1)),
    ("The UN helped negotiate a ceasefire between Israel and Hamas.",
     Want("CONSULT", actor=("UNO",), cameo="045")),
    # a vote decides its complement, also when the parser takes it for a purpose clause
    ("Parliament voted on Monday to ask the Turkish government to withdraw its troops.",
     Want("REQUEST", recipient=("TUR",))),
    # "carried out a series of / any of the attacks": the event is in the "of" phrase
    ("Turkish jets carried out a series of air strikes on Kurdish villages in Syria.",
     Want("ASSAULT", actor=("TUR",), cameo="195")),
    ("The militia denied that it had carried out any of the attacks on the Turkish base.",
     Want("ASSAULT", modality="negated")),
    pytest.param(
        "The prime minister ordered the release of all peaceful protesters.",
        Want("RETREAT", cameo="0841"),
        marks=xfail(reason="a bare title with no country and no text focus is left "
                           "unresolved, so the event has no actor"),
        id="The prime minister ordered the release"),
    pytest.param(
        "Turkey's defence minister, Hulusi Akar, visited Erbil and met Kurdish leaders.",
        Want("CONSULT", actor=("TUR",), recipient=("IRQ",)),
        marks=xfail(reason="Erbil resolves to no country in the actor stage"),
        id="Turkey's defence minister visited Erbil"),
]  # fmt: skip

# a protest with no target of its own, done during, in or after a demonstration against
# someone or calling for something of someone, is aimed at them
PROTEST_TARGETS = [
    ("Tunisian youths threw stones during protests against France.",
     Want("PROTEST", actor=("TUN",), recipient=("FRA",), cameo="145")),
    ("Tunisian teenagers took to throwing rocks during protests against reported abuses by the French police.",
     Want("PROTEST", actor=("TUN",), recipient=("FRA",), cameo="145")),
    ("Tunisian students rioted during a march against the Libyan embassy.",
     Want("PROTEST", actor=("TUN",), recipient=("LBY",))),
    ("Kenyan students rioted after a silent march calling for the resignation of the Ugandan president.",
     Want("PROTEST", actor=("KEN",), recipient=("UGA",))),
    # ... a setting that is no demonstration names no one
    ("Tunisian students rioted in the capital on Monday.",
     Want("PROTEST", actor=("TUN",), recipient=())),
]  # fmt: skip

TABLE = (ACTIVE_PASSIVE + COORDINATION + APPOSITION + PREPOSITIONAL_RECIPIENTS + LIGHT_VERBS
         + PLACE_RECIPIENTS + DEAL_PURPOSES + PROTEST_TARGETS
         + PARSER_ERRORS + SAYING_OR_ACTING + HOST_RECIPIENTS + MISSIONS
         + NOMINAL_EVENTS + UNNAMED_ATTACKERS + OWN_PEOPLE + RELATIVE_CLAUSES + SEVERAL_EVENTS + LONG_OPED + GOVERNED)  # fmt: skip


@pytest.mark.parametrize("text,want", rows(TABLE))
def test_syntax(code, text, want):
    check(code(text, "2020-09-15"), want, text)


def test_coordinated_actors_are_one_event(code):
    """Two actors acting together are one event with a list, never a dyad explosion."""
    recs = code("Egypt, Jordan and Iraq held a summit in Amman on Tuesday.", "2020-08-25")
    consult = [r for r in recs if r["event"] == "CONSULT"]
    assert len(consult) == 1
    assert {"EGY", "JOR", "IRQ"} <= {a["country"] for a in consult[0]["actor"]}


GOVERNOR_WITH_A_PARTY = [
    # a governor verb whose prepositional object is a party, not a clause, keeps the code
    # the user's dictionary gives it; with a clause it is still recoded as a threat
    ("Turkey warned against the Iraqi militias on Monday.", "160"),
    ("The Iranian foreign minister warned of the Kurdish rebels.", "160"),
    ("Turkey warned that it would attack the Kurdish rebels.", "13"),
]


@pytest.mark.parametrize("text,cameo", GOVERNOR_WITH_A_PARTY, ids=[r[0][:50] for r in GOVERNOR_WITH_A_PARTY])
def test_governor_with_a_party_keeps_its_own_code(nlp, tmp_path, text, cameo):
    from mizan.governors import load_governors
    from mizan.ontology import load_ontology
    from mizan.stages.events import EventCoder
    from mizan.verbs import load_verbs

    user = tmp_path / "warn.yaml"
    user.write_text("- {verb: WARN, code: '160', source: test, replace: true, lemmas: [warn]}\n")
    coder = EventCoder(load_verbs([user]), load_ontology(), load_governors())
    doc = nlp(text)
    events = coder(doc)._.mizan_events
    assert any(e.trigger_text == "warned" and e.cameo.startswith(cameo) for e in events), [
        (e.trigger_text, e.cameo) for e in events]


URGE = "--- URGE  [102] ---\nURGE\n"
CALLED = "--- CALLED  [010] ---\nCALLED\n- *_ON [095]\n"
USER_DICTIONARY_CODES = [
    # a user's PETRARCH dictionary codes its verbs: its code wins over a governor's default
    # when the governed clause gives none or only the generic appeal; a clause that gives a
    # specific one still derives the code; a pattern of the dictionary's always wins
    ("Iraq urged Jordan to be patient.", URGE, "urged", "102"),
    ("Iraq urged Jordan to attack the rebels.", URGE, "urged", "102"),
    ("Iraq urged Jordan to send food aid to the refugees.", URGE, "urged", "0233"),
    ("Iraq called on Jordan to send food aid to the refugees.", CALLED, "called", "095"),
]


@pytest.mark.parametrize("text,dictionary,trigger,cameo", USER_DICTIONARY_CODES,
                         ids=[r[0][:50] for r in USER_DICTIONARY_CODES])  # fmt: skip
def test_user_dictionary_code_beats_governor_default(nlp, tmp_path, text, dictionary, trigger,
                                                     cameo):  # fmt: skip
    from mizan.governors import load_governors
    from mizan.ontology import load_ontology
    from mizan.stages.events import EventCoder
    from mizan.verbs import load_verbs

    user = tmp_path / "verbs.txt"
    user.write_text(dictionary)
    coder = EventCoder(load_verbs([user]), load_ontology(), load_governors(),
                       keep_unknown_codes=True)  # fmt: skip
    events = coder(nlp(text))._.mizan_events
    assert any(e.trigger_text == trigger and e.cameo == cameo for e in events), [
        (e.trigger_text, e.cameo) for e in events]


MOTION_DESTINATIONS = [
    # "arrived in X": a motion verb's "in" phrase is where it went, whatever the code (a
    # user's dictionary may code an arrival 032)
    ("The Omani foreign minister arrived in Tehran on Sunday.", ("IRN",)),
    ("The Omani foreign minister arrived on Sunday.", ()),
]


@pytest.mark.parametrize("text,recipient", MOTION_DESTINATIONS,
                         ids=[r[0][:50] for r in MOTION_DESTINATIONS])  # fmt: skip
def test_motion_verb_destination(nlp, tmp_path, text, recipient):
    from mizan.datafiles import package_file
    from mizan.dictionaries.petrarch import read_verbs, verbs_to_mizan
    from mizan.governors import load_governors
    from mizan.ontology import load_ontology
    from mizan.stages.events import EventCoder
    from mizan.verbs import PETRARCH_SOURCE, build_dictionary

    user = tmp_path / "arrive.txt"
    user.write_text("--- ARRIVE  [032] ---\nARRIVE\n")
    verbs = build_dictionary([(user, verbs_to_mizan(read_verbs(user), PETRARCH_SOURCE + "a"))],
                             package_file("verbs"), nouns=False)  # that dictionary alone
    coder = EventCoder(verbs, load_ontology(), load_governors(), keep_unknown_codes=True)
    events = [e for e in coder(nlp(text))._.mizan_events if e.trigger_text == "arrived"]
    assert {m.country for e in events for m in e.recipient} == set(recipient)


DEPLORE = "--- DEPLORE [122] ---\nDEPLORE\n- INDICATED * [123]\n"
CONCEDE = "--- CONCEDE [080] ---\nCONCEDE\n- * REALLY_PLEASANT [024]\n"
CLASH = "--- CLASH [223] ---\nCLASH\n- SUDDENLY * [906]\n"
PETRARCH_BEFORE_WORDS = [
    # a PETRARCH pattern's words before the verb may lie in the clause that governs it, and
    # those after it in a "that" clause it governs
    ("Iraq indicated it deplored the Turkish raid.", DEPLORE, "deplored", "123"),
    ("Iraq deplored the Turkish raid.", DEPLORE, "deplored", "122"),
    ("Iraq conceded that Kuwait is a really pleasant neighbour.", CONCEDE, "conceded", "024"),
    ("Iraq conceded the point to Kuwait.", CONCEDE, "conceded", "080"),
    ("Iraq suddenly tried to clash with Kuwait.", CLASH, "clash", "906"),
    ("Iraq tried to clash with Kuwait.", CLASH, "clash", "223"),
]


@pytest.mark.parametrize("text,dictionary,trigger,cameo", PETRARCH_BEFORE_WORDS,
                         ids=[r[0][:50] for r in PETRARCH_BEFORE_WORDS])  # fmt: skip
def test_petrarch_words_beyond_the_clause(nlp, tmp_path, text, dictionary, trigger, cameo):
    from mizan.datafiles import package_file
    from mizan.dictionaries.petrarch import read_verbs, verbs_to_mizan
    from mizan.governors import load_governors
    from mizan.ontology import load_ontology
    from mizan.stages.events import EventCoder
    from mizan.verbs import PETRARCH_SOURCE, build_dictionary

    user = tmp_path / "verbs.txt"
    user.write_text(dictionary)
    verbs = build_dictionary([(user, verbs_to_mizan(read_verbs(user), PETRARCH_SOURCE + "d"))],
                             package_file("verbs"), nouns=False)  # that dictionary alone
    coder = EventCoder(verbs, load_ontology(), load_governors(), keep_unknown_codes=True)
    events = [e for e in coder(nlp(text))._.mizan_events if e.trigger_text == trigger]
    assert [e.cameo for e in events] == [cameo]


@pytest.mark.parametrize(
    "text,recipient",
    [
        # PETRARCH's convention for its own dictionaries: the first actor after the verb is
        # the target, an "in" phrase too
        ("The Iraqi trader renewed his license in Kuwait on Monday.", {"KWT"}),
        ("The Iraqi trader renewed his license on Monday.", set()),
    ],
)
def test_petrarch_target_in_phrase(nlp, tmp_path, text, recipient):
    from mizan.datafiles import package_file
    from mizan.dictionaries.petrarch import read_verbs, verbs_to_mizan
    from mizan.governors import load_governors
    from mizan.ontology import load_ontology
    from mizan.stages.events import EventCoder
    from mizan.verbs import PETRARCH_SOURCE, build_dictionary

    user = tmp_path / "verbs.txt"
    user.write_text("--- RENEW [---] ---\nRENEW\n- * LICENSE [031]\n")
    verbs = build_dictionary([(user, verbs_to_mizan(read_verbs(user), PETRARCH_SOURCE + "r"))],
                             package_file("verbs"), nouns=False)  # that dictionary alone
    coder = EventCoder(verbs, load_ontology(), load_governors(), keep_unknown_codes=True)
    events = [e for e in coder(nlp(text))._.mizan_events if e.trigger_text == "renewed"]
    assert events and {m.country for e in events for m in e.recipient} == recipient


@pytest.mark.parametrize("keep,cameo", [(True, "174K"), (False, "174")])
def test_petrarch_code_variant(nlp, tmp_path, keep, cameo):
    """A PETRARCH variant code ("174K") is kept when scoring that dictionary's own tests and
    is its CAMEO code ("174") in mizan's records."""
    from mizan.datafiles import package_file
    from mizan.dictionaries.petrarch import read_verbs, verbs_to_mizan
    from mizan.governors import load_governors
    from mizan.ontology import load_ontology
    from mizan.stages.events import EventCoder
    from mizan.verbs import PETRARCH_SOURCE, build_dictionary

    user = tmp_path / "verbs.txt"
    user.write_text("--- EXPEL [174] ---\nEXPEL\n- * ENVOY [174K]\n")
    verbs = build_dictionary([(user, verbs_to_mizan(read_verbs(user), PETRARCH_SOURCE + "e"))],
                             package_file("verbs"), nouns=False)  # that dictionary alone
    coder = EventCoder(verbs, load_ontology(), load_governors(), keep_unknown_codes=keep)
    doc = coder(nlp("Iraq expelled the Turkish envoy on Monday."))
    assert [e.cameo for e in doc._.mizan_events if e.trigger_text == "expelled"] == [cameo]


@pytest.mark.parametrize(
    "text",
    [
        "Turkish troops shelled a village near Zakho, according to Iraqi officials.",
        "Iraq acted according to its agreement with Kuwait.",
    ],
)
def test_according_to_is_a_source_not_an_event(nlp, text):
    doc = nlp(text)
    assert not [e for e in doc._.mizan_events if e.trigger_text.lower() == "according"]
