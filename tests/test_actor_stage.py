"""The actor stage on our own sentences, with the real model: spellings, dated offices,
capitals as actors and as places, coreference, and unknown actors.

Each row names a surface string in the sentence and what mizan must resolve it to. Known
misses are marked xfail with the reason, never deleted.
"""

from __future__ import annotations

from datetime import date

import pytest

from mizan.documents import Document
from mizan.pipeline import make_doc

xfail = pytest.mark.xfail


def actors(nlp, text: str, on: str = "2020-08-28"):
    doc = nlp(make_doc(nlp, Document(text=text, date=date.fromisoformat(on))))
    return doc, list(doc._.mizan_actors)


def mention(mentions, doc, surface: str, nth: int = 0):
    """The ``nth`` mention whose text is ``surface`` (or, failing that, contains it)."""
    exact = [m for m in mentions if m.text == surface]
    found = exact or [m for m in mentions if surface in m.text]
    assert len(found) > nth, f"no mention {surface!r} in {[m.text for m in mentions]}"
    return found[nth]


SPELLINGS = [
    # a registry name may end in one lower-case word
    ("Strikes by the U.S.-led coalition continued.", "U.S.-led coalition", "global-coalition"),
    ("Members of the Counter-Daesh Coalition met in Kuwait.", "Counter-Daesh Coalition",
     "global-coalition"),
    ("Mustafa al-Kazimi met the new envoy on Sunday.", "Mustafa al-Kazimi", "mustafa-al-kadhimi"),
    ("Mustafa Al-Kathimi chaired the cabinet session.", "Mustafa Al-Kathimi", "mustafa-al-kadhimi"),
    ("Hajj Hadi al-Ameri addressed his supporters in Karbala.", "Hajj Hadi al-Ameri", "hadi-al-amiri"),
    ("Faleh al-Fayadh chaired a meeting of brigade commanders.", "Faleh al-Fayadh", "falih-al-fayyadh"),
    ("Sheikh Qays al-Khazaali denounced the strike.", "Sheikh Qays al-Khazaali", "qais-al-khazali"),
    ("Kataeb Hizballah threatened the embassy again.", "Kataeb Hizballah", "kataib-hezbollah"),
    ("Muqtada as-Sadr called his followers to stay calm.", "Muqtada as-Sadr", "muqtada-al-sadr"),
    ("Dr. Al-Abadi spoke at the conference in Baghdad.", "Dr. Al-Abadi", "haider-al-abadi"),
    ("Abd al-Ghani al-Asadi inspected the new checkpoint.", "Abd al-Ghani al-Asadi", "abdul-ghani-al-asadi"),
    ("The Popular Mobilisation Forces held a parade.", "Popular Mobilisation Forces", "pmf"),
    ("Brother Al-Fayyad was asked to lead the inquiry.", "Brother Al-Fayyad", "falih-al-fayyadh"),
    # the long name is written with and without "the" before "Levant"
    ("A video from the Islamic State of Iraq and Levant showed the raid.",
     "Islamic State of Iraq and Levant", "isis"),
]  # fmt: skip


@pytest.mark.parametrize("text,surface,expected", SPELLINGS, ids=[r[1] for r in SPELLINGS])
def test_spelling_in_a_sentence(nlp, text, surface, expected):
    doc, ms = actors(nlp, text)
    assert mention(ms, doc, surface).actor_id == expected


DATED = [
    ("The Iraqi prime minister arrived in Amman.", "2019-11-01", "Iraqi prime minister", "adel-abdul-mahdi"),
    ("The Iraqi prime minister arrived in Amman.", "2020-08-20", "Iraqi prime minister", "mustafa-al-kadhimi"),
    ("The Iraqi prime minister arrived in Amman.", "2023-06-01", "Iraqi prime minister", "mohammed-shia-al-sudani"),
    ("The Saudi foreign minister landed in Baghdad.", "2020-08-28", "Saudi foreign minister", "faisal-bin-farhan"),
    ("The Saudi foreign minister landed in Baghdad.", "2016-03-01", "Saudi foreign minister", "adel-al-jubeir"),
    ("The French Armed Forces Minister toured the base.", "2020-08-28", "French Armed Forces Minister", "florence-parly"),
    ("The governor of Basra ordered an inquiry into the fire.", "2020-08-28", "governor of Basra", "asaad-al-eidani"),
    ("The head of the Popular Mobilization Forces met tribal leaders.", "2020-08-28", "head of the Popular Mobilization Forces", "falih-al-fayyadh"),
    # a title only one country uses is that country's office when the text names none
    ("The Foreign Secretary visited Baghdad on Monday.", "2020-08-28", "Foreign Secretary", "dominic-raab"),
    ("The Secretary of State arrived in Baghdad.", "2020-08-28", "Secretary of State", "mike-pompeo"),
    ("The Iraqi foreign minister met reporters.", "2020-08-28", "Iraqi foreign minister", "fuad-hussein"),
]  # fmt: skip


@pytest.mark.parametrize("text,on,surface,expected", DATED, ids=[f"{r[2]}@{r[1]}" for r in DATED])
def test_title_resolves_to_holder_on_date(nlp, text, on, surface, expected):
    doc, ms = actors(nlp, text, on)
    m = mention(ms, doc, surface)
    assert m.actor_id == expected and m.how == "office"


def test_sudani_before_2022_is_not_the_prime_minister(nlp):
    doc, ms = actors(nlp, "Mohammed Shia al-Sudani criticised the draft budget.", "2021-03-01")
    m = mention(ms, doc, "Mohammed Shia al-Sudani")
    assert m.actor_id == "mohammed-shia-al-sudani"
    assert m.role != "prime minister" and m.sector == "LEG"
    doc, ms = actors(nlp, "The Iraqi prime minister criticised the draft budget.", "2021-03-01")
    assert mention(ms, doc, "Iraqi prime minister").actor_id == "mustafa-al-kadhimi"


# (sentence, capital or seat, acts as the government?, country)
METONYMY = [
    ("Tehran rejected the proposal on Sunday.", "Tehran", True, "IRN"),
    ("The Kremlin said the talks would resume next week.", "Kremlin", True, "RUS"),
    ("Washington's response surprised its allies.", "Washington", True, "USA"),
    ("The statement was issued by Ankara late on Friday.", "Ankara", True, "TUR"),
    ("Tehran officials denied the report.", "Tehran", True, "IRN"),
    ("The delegation arrived in Tehran on Sunday.", "Tehran", False, "IRN"),
    ("Protesters gathered outside the Kremlin.", "Kremlin", False, "RUS"),
    ("Several rockets landed near Baghdad airport.", "Baghdad", False, "IRQ"),
    ("Baghdad lies on the Tigris.", "Baghdad", False, "IRQ"),
    ("The Jordanian minister visited Baghdad on Monday.", "Baghdad", False, "IRQ"),
]  # fmt: skip


@pytest.mark.parametrize("text,surface,acts,country", METONYMY, ids=[r[0][:40] for r in METONYMY])
def test_capital_as_actor_or_place(nlp, text, surface, acts, country):
    doc, ms = actors(nlp, text)
    m = mention(ms, doc, surface)  # "Tehran officials": the capital inside an agent phrase
    assert m.country == country
    if acts:
        assert m.metonym != "place" and m.kind in ("country", "group")
    else:
        assert m.metonym == "place"


# (text, date, surface, occurrence, expected id)
COREF = [
    ("Jordan's King Abdullah II met the delegation. He later spoke to reporters.",
     "2020-08-28", "He", 0, "abdullah-ii"),
    ("Florence Parly met Iraqi officials in Baghdad. She pledged continued support.",
     "2020-08-28", "She", 0, "florence-parly"),
    ("Mustafa al-Kadhimi received Florence Parly in Baghdad. She said France would stay.",
     "2020-08-28", "She", 0, "florence-parly"),
    ("Mustafa al-Kadhimi received Florence Parly in Baghdad. He thanked France for its help.",
     "2020-08-28", "He", 0, "mustafa-al-kadhimi"),
    ("The Saudi foreign minister arrived on Monday. The minister met Iraqi officials.",
     "2020-08-28", "minister", 0, "faisal-bin-farhan"),
    ("Faisal bin Farhan visited Baghdad. The Kingdom wants closer ties, he said.",
     "2020-08-28", "The Kingdom", 0, "SAU"),
    ("Faisal bin Farhan visited Baghdad. The Kingdom wants closer ties, he said.",
     "2020-08-28", "he", 0, "faisal-bin-farhan"),
    ("Abdul-Ghani al-Asadi toured the prison. Al-Asadi promised reforms.",
     "2020-08-28", "Al-Asadi", 0, "abdul-ghani-al-asadi"),
    ("Iraq's parliament met on Monday. The Prime Minister spoke about the budget.",
     "2020-08-28", "Prime Minister", 0, "mustafa-al-kadhimi"),
    ("Iranian President Hassan Rouhani spoke on Sunday. The Islamic Republic will respond, he warned.",
     "2019-06-01", "The Islamic Republic", 0, "IRN"),
    ('"I will not allow any group to rule the streets," Mustafa al-Kadhimi said.',
     "2020-08-28", "I", 0, "mustafa-al-kadhimi"),
    ('"We will protect the protesters," Mustafa al-Kadhimi said on Tuesday.',
     "2020-08-28", "We", 0, "IRQ"),
    ("Mustafa al-Kadhimi spoke with Emmanuel Macron, who promised his support.",
     "2020-08-28", "his", 0, "emmanuel-macron"),
    # a statement introduced by a line ending in a colon is the speaker's words
    ("Foreign Minister Fuad Hussein said:\n\nI condemn the shelling of the camp.",
     "2020-08-28", "I", 0, "fuad-hussein"),
    ("Foreign Minister Fuad Hussein said:\n\nWe will ask the Security Council to act.",
     "2020-08-28", "We", 0, "IRQ"),
    # a transcript's speaker label: the speaker's words run to the next label
    ("QUESTION: Will Iraq ask for help?\n\nPRIME MINISTER AL-KADHIMI: We will ask our "
     "partners.\n\nQUESTION: When?", "2020-08-28", "We", 0, "IRQ"),
    # a speaker's "we" is the organisation the speaker's description names
    ('"We will not allow the militants to regroup," said Colonel John Dorrian, the Coalition '
     "spokesperson.", "2020-08-28", "We", 0, "global-coalition"),
    # the author's "we" is the institution that issues the statement
    ("The United Kingdom strongly condemns the bombing of the market in Kirkuk. We offer our "
     "condolences to the families.", "2020-08-28", "We", 0, "GBR"),
    # "it" for an organisation: the subject of the reporting verb, or of the sentence before
    ("The Arab League said it would send observers to the border.",
     "2020-08-28", "it", 0, "arab-league"),
    ("The Arab League was founded in Cairo in 1945. It now has twenty-two members.",
     "2020-08-28", "It", 0, "arab-league"),
    # "the group", "this organisation": the organisation named before
    ("Kata'ib Hezbollah denied the report. The group said it was not involved.",
     "2020-08-28", "The group", 0, "kataib-hezbollah"),
]  # fmt: skip


@pytest.mark.parametrize(
    "text,on,surface,nth,expected", COREF, ids=[f"{r[2]}:{r[0][:30]}" for r in COREF]
)
def test_coreference(nlp, text, on, surface, nth, expected):
    doc, ms = actors(nlp, text, on)
    assert mention(ms, doc, surface, nth).actor_id == expected


def test_a_title_before_another_title_is_found(nlp):
    doc, ms = actors(nlp, "The Prime Minister and President Macron discussed migration.")
    pm = mention(ms, doc, "Prime Minister")
    assert pm.kind == "person" and pm.role == "prime minister" and pm.country == "FRA"


def test_he_of_a_feature_is_the_person_named_paragraphs_ago(nlp):
    text = ("Omar Haddad runs a small bakery in Erbil. The shop opened in 2015. The price of "
            "wheat doubled last year. Prices rose again this spring. The customers keep coming. "
            '"It is hard work," he says.')
    doc, ms = actors(nlp, text)
    assert mention(ms, doc, "he").name == "Omar Haddad"


# pronouns with no referent mizan can know stay unresolved
UNRESOLVED = [
    ("The Arab League met on Sunday. It is clear that the talks failed.", "It"),
    ("We have studied the report carefully and reached no conclusion.", "We"),
    ("The Arab League met in Cairo. The building was old and it was cold inside.", "it"),
    ("Kata'ib Hezbollah denied the report. A group of residents disagreed.", "A group"),
]


@pytest.mark.parametrize("text,surface", UNRESOLVED, ids=[r[0][:40] for r in UNRESOLVED])
def test_pronoun_without_referent(nlp, text, surface):
    doc, ms = actors(nlp, text)
    assert not [m for m in ms if m.text == surface]


# (text, name, country, sector, kind)
UNKNOWN = [
    ("Iraqi activist Zainab Karrar was abducted in Nasiriyah.", "Zainab Karrar", "IRQ", "CVL", "person"),
    ("Layth Hamoudi, an Iraqi journalist, was released on Monday.", "Layth Hamoudi", "IRQ", "JRN", "person"),
    ("Kurdish commander Bahoz Ardal inspected the front line.", "Bahoz Ardal", None, "MIL", "person"),
]  # fmt: skip


@pytest.mark.parametrize("text,name,country,sector,kind", UNKNOWN, ids=[r[1] for r in UNKNOWN])
def test_unknown_actor_takes_country_and_sector_from_context(
    nlp, text, name, country, sector, kind
):
    doc, ms = actors(nlp, text)
    m = mention(ms, doc, name)
    assert m.actor_id is None and m.provisional
    assert (m.kind, m.sector) == (kind, sector)
    if country:
        assert m.country == country


def test_unknown_actors_cluster_across_documents(nlp):
    from mizan.actors.listing import summarise

    texts = [
        "Iraqi activist Zainab Karrar was abducted in Nasiriyah on Friday.",
        "Zaynab Karar was freed two days later, her family said.",
        "Police questioned Zainab Karrar's neighbours.",
    ]
    docs = [(f"d{i}", actors(nlp, t)[1]) for i, t in enumerate(texts)]
    unknown = [s for s in summarise(docs, unknown_only=True) if "Kar" in s.name]
    assert len(unknown) == 1
    s = unknown[0]
    assert s.id is None and len(s.documents) == 3
    assert {"Zainab Karrar", "Zaynab Karar"} <= set(s.mentions)
    assert (s.country, s.sector) == ("IRQ", "CVL")


def test_overrides_file_promotes_an_unknown_actor(nlp, tmp_path):
    """An analyst's overrides file turns the provisional actor into a registry entry."""
    from mizan.nlp import load_nlp

    p = tmp_path / "overrides.yaml"
    p.write_text(
        "actors:\n"
        "  - {id: zainab-karrar, name: Zainab Karrar, kind: person, country: IRQ, sectors: [CVL]}\n",
        encoding="utf-8",
    )
    nlp2 = load_nlp(extra_actors=[p])
    doc, ms = actors(nlp2, "Zaynab Karar was freed two days later, her family said.")
    assert mention(ms, doc, "Zaynab Karar").actor_id == "zainab-karrar"


def test_mentions_are_well_formed(nlp):
    """Every mention lies inside the document and its text is the span's text."""
    doc, ms = actors(nlp, "Iraqi Prime Minister Mustafa al-Kadhimi met Saudi Foreign Minister "
                          "Faisal bin Farhan in Baghdad. He said the Kingdom was a partner.")  # fmt: skip
    for m in ms:
        assert 0 <= m.start < m.end <= len(doc) and doc[m.start : m.end].text == m.text
        assert m.country is None or len(m.country) == 3


@pytest.mark.parametrize(
    "text,surface,acts",
    [
        ("Washington is concerned about the new law.", "Washington", True),
        ("Baghdad is the largest city of Iraq.", "Baghdad", False),
        ("Ankara remained committed to the ceasefire.", "Ankara", True),
        ("Tehran remained calm after the vote.", "Tehran", False),
    ],
)
def test_capital_taking_a_stand(nlp, text, surface, acts):
    doc, ms = actors(nlp, text)
    m = mention(ms, doc, surface)
    assert (m.metonym != "place") == acts


def test_focus_is_a_state_not_a_pseudo_country(nlp):
    """A text mostly about ISIL (coded IMG) is still about the country it happens in: its
    unnamed civilians are Iraq's, not the 'IMG' pseudo-country's."""
    doc, ms = actors(nlp, "ISIL fighters shelled the town. ISIL said it would attack again. "
                          "ISIL also burned crops in Iraq, and civilians fled.")
    assert doc._.mizan_focus == "IRQ"
    assert mention(ms, doc, "civilians").country == "IRQ"


def test_a_private_persons_we_is_no_government(nlp):
    """A student's "we" is the student's own people: an unnamed group, not the state."""
    doc, ms = actors(nlp, 'Omar Haddad is a student in Mosul. "We hid the books in the '
                          'basement," said Omar Haddad.')
    we = mention(ms, doc, "We")
    assert we.kind == "group" and we.actor_id is None and we.metonym is None
    # an unknown minister's country may be only the text's focus: no government either
    doc, ms = actors(nlp, "Iraq reopened the border.\n\nMinister for Trade Omar Haddad "
                          "said:\n\nWe will keep it open.")
    assert mention(ms, doc, "We").kind == "group"


@pytest.mark.parametrize("text,start,end,expected", [
    ("The owner, Jamal Haddad, hired workers.", 3, 5, True),  # a given name opens it
    ("The Amal Movement held a rally.", 1, 3, False),  # a group's noun
    ("The Defense Department issued a release.", 1, 3, False),  # a title's word
    ("JOHN HADDAD spoke.", 0, 2, False),  # capitals: a heading, not a name we can read
])
def test_a_name_tagged_organisation_opening_with_a_given_name_is_a_person(nlp, text, start,
                                                                           end, expected):
    from spacy.tokens import Span

    doc = nlp(make_doc(nlp, Document(text=text, date=date(2020, 8, 28))))
    tagger = nlp.get_pipe("mizan_actors")
    assert tagger._personal_name(Span(doc, start, end, label="ORG")) is expected


def test_a_longer_name_after_the_beats_a_short_one_with_it(nlp):
    """ "The UN High Commissioner for Refugees" is the refugee agency, not "The UN"."""
    doc, ms = actors(nlp, "The UN High Commissioner for Refugees visited the camp.")
    assert mention(ms, doc, "UN High Commissioner for Refugees").actor_id == "unhcr"
    assert not any(m.text == "The UN" for m in ms)
