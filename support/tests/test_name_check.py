"""The name-and-number check finds names with and without prefixes, folded, whole words,
and numbers of people; it leaves common words and short names alone."""

from __future__ import annotations

from support.name_check import FindingKind, PersonName, check_text, check_texts

YOUSSEF = PersonName(given_names="Youssef", surname_prefix="el", surname="Oefenberg")


def found(text: str, *people: PersonName) -> list[str]:
    return [f.found for f in check_text(text, "core messages", people)]


def test_the_full_name_the_surname_with_and_without_prefix_and_the_given_name_are_found():
    text = "Over Youssef el Oefenberg, El Oefenberg, Oefenberg en youssef zeggen wij niets."
    assert found(text, YOUSSEF) == ["Youssef el Oefenberg", "El Oefenberg", "Oefenberg", "youssef"]


def test_accents_are_folded_both_ways():
    assert found("Mevrouw Ozil en Özil", PersonName("Mesut", "", "Özil")) == ["Ozil", "Özil"]
    assert found("Youssef Oefenbérg", YOUSSEF) == ["Youssef", "Oefenbérg"]


def test_only_whole_words_are_found():
    assert found("De Oefenbergen en Youssefs zijn geen namen hier.", YOUSSEF) == []


def test_a_short_given_name_and_a_prefix_are_never_searched_alone():
    person = PersonName(given_names="Al", surname_prefix="van der", surname="Berg")
    assert found("Al het nieuws van der dag", person) == []
    assert found("De familie van der Berg", person) == ["van der Berg"]


def test_a_network_persons_single_name_field_is_split_into_parts():
    person = PersonName.from_full_name("Samira van der Berg")
    assert person == PersonName("Samira", "van der", "Berg")
    assert found("Samira en Berg", person) == ["Samira", "Berg"]


def test_a_note_in_brackets_in_a_name_field_is_not_part_of_the_name():
    assert PersonName.from_full_name("Adam (broer)") == PersonName("Adam")
    alias = PersonName.from_full_name("Abu Fictief (schuilnaam) [online]")
    assert alias == PersonName("Abu", "", "Fictief")
    assert found("Een schuilnaam online", alias) == []
    assert found("Abu Fictief", alias) == ["Abu Fictief"]


def test_numbers_of_people_in_digits_and_words_dutch_and_english():
    text = "Drie jongeren, 12 minderjarige kinderen, twee gezinnen; two families and 4 minors."
    findings = check_text(text, "answer 1", [])
    assert [f.found for f in findings] == [
        "Drie jongeren",
        "12 minderjarige kinderen",
        "twee gezinnen",
        "two families",
        "4 minors",
    ]
    assert {f.kind for f in findings} == {FindingKind.NUMBER}


def test_years_dates_and_counts_of_things_are_not_numbers_of_people():
    text = "Sinds 2024 zijn jongeren welkom; op 3 december twee bijeenkomsten in 4 wijken."
    assert check_text(text, "core messages", []) == []


def test_a_finding_says_where_it_is_and_where_it_starts():
    texts = {"core messages": "Niets.", "answer 2": "Het gaat om Youssef."}
    findings = check_texts(texts, [YOUSSEF])
    assert [(f.where, f.start, f.found) for f in findings] == [("answer 2", 12, "Youssef")]
