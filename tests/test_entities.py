"""Parties involved and only named, people and places, each with the spans that gave it."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.entities import Entities, find_entities
from indexer.gazetteer import Names, default_names, load_names


def found(body: str, title: str = "", names: Names | None = None) -> Entities:
    return find_entities(title, body, names or default_names())


def test_an_initial_before_a_surname_is_someone_else() -> None:
    e = found("Wales: R Russell, B Douglas, N Hines, J Dunbar, M Blair, G Ross, B Hinshelwood.")
    assert "Tony Blair" not in e.people
    assert "United Kingdom" not in e.parties + e.mentions


def test_another_given_name_before_a_surname_is_someone_else_and_keeps_the_surname() -> None:
    e = found("Duff got round Ben Thatcher and blasted in a shot. Later Thatcher cleared off the line.")
    assert e.people == ["Ben Thatcher"]
    assert len(e.evidence["people"]["Ben Thatcher"]) == 2, "the bare surname folds into the full name"
    assert e.parties == e.mentions == []


def test_a_surname_alone_in_a_sports_story_needs_a_title() -> None:
    sport = "Blair scored twice as the striker's side won the cup match, their best of the league season."
    assert "Tony Blair" not in found(sport).people
    assert "Tony Blair" in found("Blair said the government would act on the report.").people
    titled = "Prime Minister Blair watched the cup match as the striker scored in the league."
    assert "Tony Blair" in found(titled).people


def test_the_last_word_of_a_squad_list_is_no_party() -> None:
    e = found("Subs Not Used: Macken, Weaver, Onuoha, Jordan.")
    assert "Jordan" not in e.parties
    assert e.mentions == ["Jordan"], "still searchable as a mention"


def test_the_nationality_of_an_outlet_is_a_mention_and_its_interviewee_acts() -> None:
    e = found("“We will not be divided,” Rutte told Spanish outlet El Pais on Sunday.")
    assert "Spain" in e.mentions and "Spain" not in e.parties
    assert "NATO" in e.parties, "Mark Rutte acts for NATO"
    assert "Mark Rutte" in e.people


@pytest.mark.parametrize(
    ("body", "party"),
    [
        ("The delegations will hold the next round of talks in Abu Dhabi on February 4.", "United Arab Emirates"),
        ("A French company won the contract to build the bridge.", "France"),
        ("The war has lasted longer than the war against Japan between 1941 and 1945.", "Japan"),
        ("Allies agreed at the 2008 Bucharest Summit to keep the door open.", "Romania"),
        ("The training centre is in Bydgoszcz, Poland, near the river.", "Poland"),
    ],
)
def test_a_place_a_nationality_a_comparison_or_a_venue_is_only_a_mention(body: str, party: str) -> None:
    e = found(body)
    assert party in e.mentions and party not in e.parties


@pytest.mark.parametrize(
    ("body", "party"),
    [
        ("The Kremlin said it would respond in kind.", "Russia"),
        ("Lavrov said the talks had been useful.", "Russia"),
        ("Ukrainian troops pushed back near the river.", "Ukraine"),
        ("The Chinese government said nothing about the plan.", "China"),
        ("Russian Foreign Minister Sergey Lavrov spoke first.", "Russia"),
        ("The United States imposed new sanctions on Iran.", "Iran"),
        ("Europe keeps sending aid to Kyiv.", "Ukraine"),
        ("The recent US raid in Venezuela surprised the region.", "Venezuela"),
        ("Talks were hosted by Turkey for a second day.", "Turkey"),
        ("Finland's path to NATO membership was short.", "NATO"),
        ("Israel relentlessly attacked the territory.", "Israel"),
    ],
)
def test_a_party_acting_or_acted_on_is_involved(body: str, party: str) -> None:
    assert party in found(body).parties


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Ankara rejected the plan; Turkey's foreign minister spoke.", ["Turkey"]),
        ("They ate turkey and stuffing.", []),
        ("Exports to Latin America rose.", []),
        ("Real Madrid beat Valencia.", []),
        ("British Airways cut flights.", []),
        ("The Kremlin said Moscow would wait.", ["Russia"]),
        ("Lavrov met Rubio in Istanbul for talks.", ["Russia", "United States"]),
        ("Zelenskiy said, Zelensky said and Zelenskyy said.", ["Ukraine"]),
        ("Talks in Kiev and in Kyiv.", ["Ukraine"]),
        ("Rutte said he spoke for the alliance.", ["NATO"]),
        ("US and EU officials, and us.", ["European Union", "United States"]),
    ],
)
def test_parties_named_or_involved_in_tricky_text(text: str, named: list[str]) -> None:
    e = found(text)
    assert sorted(e.parties + e.mentions) == named
    assert not set(e.parties) & set(e.mentions)


def test_a_known_persons_party_is_involved_only_where_named_or_shown_speaking() -> None:
    invited = found("Mario Draghi will be invited to the gathering on Wednesday.")
    assert "Mario Draghi" in invited.people
    assert "Italy" in invited.mentions and "Italy" not in invited.parties
    assert "Italy" in found("Mario Draghi said the plan would work.").parties
    assert "Italy" in found("Mario Draghi met the Italian cabinet in Rome.").parties


def test_a_known_name_opening_an_organisations_name_is_nobody() -> None:
    e = found("Visitors queued outside the Obama Presidential Center on Monday.")
    assert e.people == [] and e.parties == e.mentions == []


@pytest.mark.parametrize(
    ("body", "party"),
    [
        ("QIZ Security, a cybersecurity company founded by Israeli entrepreneurs, raised funds.", "Israel"),
        ("Much of the money went to US-based companies last year.", "United States"),
        ("The round was led by Norwegian industrial group Aker with others.", "Norway"),
        ("American Royalty Trust declared its quarterly dividend.", "United States"),
        ("Thousands of Ukrainians must apply for new permits, and Ukrainians will need work.", "Ukraine"),
        ("The probe BepiColombo entered orbit around Mercury.", "Sri Lanka"),
    ],
)
def test_nationals_and_the_nationality_of_firms_and_private_people_are_no_party(body: str, party: str) -> None:
    e = found(body)
    assert party not in e.parties
    assert party in e.mentions or party == "Sri Lanka", "a name glued inside another word names nothing"


@pytest.mark.parametrize(
    ("body", "parties"),
    [
        ("Governments in the US, China and Japan are ramping up programs.", ["China", "Japan", "United States"]),
        ("The Russians attacked the town at dawn.", ["Russia"]),
        ("The recent US military operation in Venezuela surprised many.", ["United States", "Venezuela"]),
        ("The extension needs a separate decision at the EU level.", ["European Union"]),
    ],
)
def test_rulers_in_a_state_its_army_and_its_level_of_government_involve_it(body: str, parties: list[str]) -> None:
    assert found(body).parties == parties


@pytest.mark.parametrize(
    ("body", "party"),
    [
        ("\n".join(f"Paper {k} at the workshop (Vienna, Austria, 2024)." for k in range(6)), "Austria"),
        ("\n".join(["New languages: Dutch (Belgium), Danish and Finnish."] * 6), "Belgium"),
    ],
)
def test_an_address_or_a_line_a_page_repeats_makes_no_party_prominent(body: str, party: str) -> None:
    e = found(body)
    assert party in e.mentions and party not in e.parties


def test_a_headlines_party_is_involved_but_a_language_code_is_not() -> None:
    e = found("Needs have grown this winter.", title="Ukraine Humanitarian Needs and Response Plan 2026 [EN/UK]")
    assert e.parties == ["Ukraine"]


@pytest.mark.parametrize(
    ("body", "people"),
    [
        ("Founders: Nikolay Storonsky, Vlad YatsenkoFounded: 2015Latest funding: $2B",
         ["Nikolay Storonsky", "Vlad Yatsenko"]),
        ("It was founded by researchers Dr. Tal David (CEO), Dr. Amit Ben Kish (CTO), and Roee Ozeri (CSO).",
         ["Amit Ben Kish", "Roee Ozeri", "Tal David"]),
        ("The crew included media entrepreneur Danna Karagussova and electrical engineer Clint Kelly III.",
         ["Clint Kelly III", "Danna Karagussova"]),
        ("Jad Halimeh at the University of Munich works in the field.", ["Jad Halimeh"]),
        ("Marta Kowalczyk, who led the team, disagreed.", ["Marta Kowalczyk"]),
        ("The head of Naftohaz, Yury Boyko, said he was happy.", ["Yury Boyko"]),
        ("Skier Lindsey Vonn won again.", ["Lindsey Vonn"]),
        ("“It works,” according to Jeremy O’Brien, the chief executive.", ["Jeremy O'Brien"]),
    ],
)
def test_people_shown_by_lists_labels_affiliations_and_appositions(
    few_names: Names, body: str, people: list[str]
) -> None:
    assert found(body, names=few_names).people == people


@pytest.mark.parametrize(
    "body",
    [
        "The chip at work. Credit: Jane Doe\nThe team said it works.",
        "Yang H. Ku/C&EN/Shutterstock, scroll animation by Kay Youn\nThe team said it works.",
        "The device works at room temperature. | Antony Georgiadis\nThe team said it works.",
        "Joel Ortiz | December 30, 2025, 10:20 pm\nThe team said it works.",
        "Authors: Jane Doe, John Roe, Ann Poe, Rohan Anil et al.\nThe team said it works.",
        "He is a space agent for Virgin Galactic, said the brochure.",
        "The Artemis II crew waited.",
    ],
)
def test_credits_author_lists_products_and_missions_are_no_people(few_names: Names, body: str) -> None:
    assert found(body, names=few_names).people == []


def test_a_given_name_alone_makes_no_list_of_people(few_names: Names) -> None:
    e = found("Benchmarks compared Claude Sonnet, Mistral Medium and GPT-3.5 on the tasks.", names=few_names)
    assert "Mistral Medium" not in e.people


@pytest.mark.parametrize(
    ("body", "person"),
    [
        ("The proposal adds a post-quantum testnet for Solana next year.", None),
        ("Solana said the talks had gone well.", "Javier Solana"),
        ("Hollenberg, L. & Modi, K. Demonstration of process control.", None),
    ],
)
def test_a_surname_alone_needs_a_political_story_or_a_verb_and_is_no_citation(body: str, person: str | None) -> None:
    assert found(body).people == ([person] if person else [])


@pytest.fixture(scope="module")
def few_names(tmp_path_factory: pytest.TempPathFactory) -> Names:
    """Name lists that know no Ukrainian minister, so one must be found from the text."""
    folder: Path = tmp_path_factory.mktemp("names")
    (folder / "parties.toml").write_text('["Ukraine"]\naliases = ["Ukrainian", "Kyiv"]\n', "utf-8")
    (folder / "people.toml").write_text('["Sergey Lavrov"]\nparty = "Russia"\naliases = ["Lavrov"]\n', "utf-8")
    (folder / "places.toml").write_text("", "utf-8")
    return load_names(folder)


@pytest.mark.parametrize(
    ("body", "person"),
    [
        ("Foreign Minister Andrii Sybiha said on Monday that the talks would go on.", "Andrii Sybiha"),
        ("The talks went on, said Marta Kowalczyk, the Kremlin's spokeswoman.", "Marta Kowalczyk"),
        ("Oksana Hrytsenko, the Kremlin's spokeswoman, declined to comment.", "Oksana Hrytsenko"),
        ("Spokesperson Taras Melnyk told reporters the convoy had arrived.", "Taras Melnyk"),
        ("President Ilham Aliyev welcomed the deal.", "Ilham Aliyev"),
        ("Ronald de Wolf at the institute in Amsterdam says that it works.", "Ronald de Wolf"),
    ],
)
def test_people_no_list_knows_are_found_from_the_text(few_names: Names, body: str, person: str) -> None:
    assert found(body, names=few_names).people == [person]


def test_a_person_is_named_by_the_fullest_name_with_later_surnames_and_spellings_folded(few_names: Names) -> None:
    body = ("Zoltán Kovács, a partner at the firm, said prices would rise. Kovacs added that "
            "demand was strong, and Kovács said it would last.")
    e = found(body, names=few_names)
    assert e.people == ["Zoltán Kovács"]
    assert len(e.evidence["people"]["Zoltán Kovács"]) == 3


@pytest.mark.parametrize(
    "body",
    [
        "By Jane Doe and John Roe\nThe meeting ended late.",
        "The crowd gathered. (Photo: Jane Doe/AFP via Getty Images)\nThe meeting ended late.",
        "The meeting ended late. The Research Institute for Mathematics said so. Claude Sonnet 4.5 was released.",
    ],
)
def test_bylines_credits_organisations_and_products_are_no_people(few_names: Names, body: str) -> None:
    assert found(body, names=few_names).people == []


def test_every_span_slices_back_to_the_words_that_gave_its_value() -> None:
    names = default_names()
    title = "Kremlin rejects Kyiv's plan"
    body = ("KYIV, Feb 5 (Reuters) - Russian Foreign Minister Sergei Lavrov said on Thursday that Moscow "
            "would not accept the plan, and Foreign Minister Andrii Sybiha, speaking in Geneva, said talks "
            "in Abu Dhabi would go on. Mike Krieger, a partner at Accel, said Krieger's fund would wait.")
    e = find_entities(title, body, names)
    assert e.parties == ["Russia", "Ukraine"] and e.mentions == ["United Arab Emirates"]
    assert {"Sergey Lavrov", "Andrii Sybiha", "Mike Krieger"} <= set(e.people)
    assert "Geneva" in e.places
    texts = {"title": title, "body": body}
    kinds = {"parties": names.parties, "mentions": names.parties, "people": names.people, "places": names.places}
    for field, values in e.evidence.items():
        assert set(values) == set(getattr(e, field))
        for value, spans in values.items():
            assert spans, (field, value)
            for span in spans:
                words = texts[span.where][span.start : span.end]
                assert words == words.strip() and words
                resolved = kinds[field].resolve(words) or names.people.resolve(words)
                if resolved in names.person_party and field == "parties":
                    resolved = names.person_party[resolved]
                assert resolved == value or value.endswith(words.removesuffix("'s")), (field, value, words)
    assert any(span.where == "title" for span in e.evidence["parties"]["Russia"])


def test_an_article_with_nothing_to_find_finds_nothing() -> None:
    assert found("the cat sat on the mat and purred.") == Entities(evidence=found("").evidence)
    assert found("") == Entities(evidence={"parties": {}, "mentions": {}, "people": {}, "places": {}})
