"""Readers' search: word forms, what the results page shows, filters, and the case rules
of topics and people in Cyrillic. Quality over a whole evaluation set is measured in
tests/test_search_quality.py."""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation
from taggit.models import Tag

from interviews.importer import Interviewee
from interviews.models import InterviewPage, InterviewPerson
from interviews.services import find_or_create_person
from reader.search.highlight import snippet
from reader.search.word_forms import forms_of, query_terms
from tests.factories import make_interview
from tests.site_helpers import person

# --- word forms (plain Python) -----------------------------------------------------------


def same_word(typed: str, written: str) -> bool:
    """Does a query word find a text word (what matching on tokens means)?"""
    [wanted] = query_terms(typed)
    return bool(wanted & forms_of(written, written[:1].isupper()))


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("кранов", "краны"),
        ("водами", "воды"),
        ("Сатпаева", "Сатпаев"),
        ("сатпаеву", "Сатпаев"),
        ("Сатпаев", "Сатпаевым"),
        ("Бадамова", "Бадамов"),
        ("Ковригиной", "Ковригина"),
        ("ковригина", "Ковригиной"),
        ("роботтар", "робот"),
        ("роботтардың", "роботтарға"),
        ("Сәрсеноваға", "Сәрсенова"),
        ("Сарсенова", "Сәрсенова"),  # a Kazakh name in Russian spelling
        ("bottlenecks", "bottleneck"),
        ("corridor", "Corridor's"),
        ("ТРАНЗИТ", "транзит"),
    ],
)
def test_a_query_finds_other_forms_of_its_words(typed, written):
    assert same_word(typed, written)


@pytest.mark.parametrize(
    ("typed", "written"),
    [("Токаев", "ток"), ("Токаев", "тока"), ("Токаева", "токами"), ("порт", "портрет")],
)
def test_names_are_not_cut_down_to_other_words(typed, written):
    assert not same_word(typed, written)


def test_function_words_are_not_searched():
    assert query_terms("и в the және") == []


def test_snippets_mark_the_matched_forms_and_escape_everything_else():
    text = "Порт купил <b>новые</b> краны & тренажер крана. " + "Слово " * 60 + "конец."
    html, matched = snippet(text, frozenset().union(*query_terms("кранов")))
    assert matched
    assert "<mark>краны</mark>" in html and "<mark>крана</mark>" in html
    assert "&lt;b&gt;новые&lt;/b&gt;" in html and "&amp;" in html
    assert "<b>" not in html
    assert html.endswith("…")  # cut to a window, not the whole text


# --- the results page -------------------------------------------------------------------

CRANES = """\
Порт Актау готовит крановщиков сам.

Об этом рассказал директор колледжа Бахтияр Исмаилов.

– Что вы купили в этом году?

– Тренажер крана. На нем студенты учатся, прежде чем сесть в кабину настоящих кранов нельзя.

– Кто платит?

– Половину оплатил порт, половину бюджет области.
"""


@pytest.fixture
def client(settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    cache.clear()
    translation.activate(settings.LANGUAGE_CODE)
    return Client(HTTP_HOST="localhost")


def html_of(client, **params) -> str:
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def result_urls(html: str) -> list[str]:
    return re.findall(r'<h3 class="card__title"><a href="([^"]+)">', html)


@pytest.fixture
def cranes(interview_section):
    guest = person("Бахтияр Исмаилов", "bakhtiyar-ismailov")
    return make_interview(
        interview_section,
        text=CRANES,
        title="Краны и люди",
        topics=["кадры"],
        people=[(guest, InterviewPerson.Part.INTERVIEWEE)],
        publish=True,
    )


@pytest.mark.django_db
def test_results_link_the_matching_answer_with_the_words_marked(client, cranes):
    html = html_of(client, q="краны")
    assert result_urls(html) == [cranes.url]
    first_answer = cranes.exchanges[0]
    assert f'href="{cranes.url}#{first_answer.anchor}"' in html
    assert "<mark>крана</mark>" in html and "<mark>кранов</mark>" in html
    # The answer about money does not match and is not listed.
    assert f"#{cranes.exchanges[1].anchor}" not in html


@pytest.mark.django_db
def test_what_a_person_said_about_something(client, cranes):
    """A name and a word: the answers of that person with that word."""
    html = html_of(client, q="Исмаилова бюджетом")
    assert result_urls(html) == [cranes.url]
    assert f"#{cranes.exchanges[1].anchor}" in html
    assert "<mark>бюджет</mark>" in html


@pytest.fixture
def draft_with_a_guest(interview_section):
    """A draft whose guest (Ерлан Бадамов) is in no readable interview."""
    hidden = person("Ерлан Бадамов", "erlan-badamov")
    return make_interview(
        interview_section,
        title="Черновик",
        people=[(hidden, InterviewPerson.Part.INTERVIEWEE)],
        publish=False,
    )


@pytest.mark.django_db
def test_people_are_listed_only_with_a_readable_interview(client, cranes, draft_with_a_guest):
    html = html_of(client, q="Бадамова")
    assert "erlan-badamov" not in html and "Черновик" not in html
    html = html_of(client, q="исмаилову")
    assert 'href="/people/bakhtiyar-ismailov/"' in html


@pytest.mark.django_db
def test_unpublished_interviews_leave_the_results(client, cranes):
    assert result_urls(html_of(client, q="кранами")) == [cranes.url]
    cranes.unpublish()
    assert result_urls(html_of(client, q="кранами")) == []


@pytest.mark.django_db
def test_filters_by_topic_person_and_year(client, cranes, interview_section):
    other = make_interview(interview_section, title="Краны Курыка", topics=["порты"], publish=True)
    InterviewPage.objects.filter(pk=other.pk).update(first_published_at="2024-05-01T10:00Z")
    both = {cranes.url, other.url}
    html = html_of(client, q="кран")
    assert set(result_urls(html)) == both
    # The choices offered are those of the results; the form works without JavaScript.
    assert '<option value="2024">2024 (1)</option>' in html
    assert 'name="topic"' in html and 'name="person"' in html
    assert result_urls(html_of(client, q="кран", year="2024")) == [other.url]
    kadry = Tag.objects.get(name="кадры").slug
    assert result_urls(html_of(client, q="кран", topic=kadry)) == [cranes.url]
    only = html_of(client, q="кран", person="bakhtiyar-ismailov")
    assert result_urls(only) == [cranes.url]
    assert '<option value="bakhtiyar-ismailov" selected>' in only


@pytest.mark.django_db
def test_bad_input_gets_a_clear_answer_not_an_error(client, cranes):
    html = html_of(client, q="кран", year="двадцатый")
    assert 'role="alert"' in html
    assert result_urls(html) == [cranes.url]  # the bad filter is left out, not the search
    html = html_of(client, q="<script>alert(1)</script> кран'\\&|!")
    assert "<script>alert(1)" not in html
    assert html_of(client, q="!!! &&& ((( )))")  # no words at all
    assert html_of(client, q="кран", page="999")


@pytest.mark.django_db
def test_some_words_when_no_interview_has_them_all(client, cranes):
    html = html_of(client, q="кранов жирафы")
    assert result_urls(html) == [cranes.url]
    assert "нет всех этих слов" in html or "all of these words" in html


@pytest.mark.django_db
def test_no_count_over_every_match_when_there_are_many(client, interview_section, monkeypatch):
    """Past the candidates ranked, the page says "many" rather than count every match."""
    for n in range(4):
        make_interview(interview_section, title=f"Кран номер {n}", publish=True)
    assert "4 интервью" in html_of(client, q="краны")
    monkeypatch.setattr("reader.search.query.CANDIDATES", 3)
    html = html_of(client, q="краны")
    assert "Найдено много интервью; показаны лучшие 3" in html
    assert len(result_urls(html)) == 3


SIMILAR_NOTE = "написанные похоже"


@pytest.mark.django_db
def test_a_name_typed_slightly_wrong_finds_its_interview(client, cranes):
    html = html_of(client, q="Исмаилав")
    assert result_urls(html) == [cranes.url]
    assert SIMILAR_NOTE in html
    assert 'href="/people/bakhtiyar-ismailov/"' in html
    # Typed in Latin letters, as a foreign reader would.
    assert result_urls(html_of(client, q="Ismailov")) == [cranes.url]
    # Spelt right: no note.
    html = html_of(client, q="Исмаилова")
    assert result_urls(html) == [cranes.url] and SIMILAR_NOTE not in html


@pytest.mark.django_db
def test_similar_spellings_only_when_the_words_as_typed_find_little(client, interview_section):
    cranes = {
        make_interview(interview_section, title=f"Кран номер {n}", publish=True).url
        for n in range(3)
    }
    make_interview(interview_section, title="Крен судна", publish=True)
    html = html_of(client, q="кран")
    assert set(result_urls(html)) == cranes and SIMILAR_NOTE not in html


@pytest.mark.django_db
def test_similar_spellings_find_no_unreadable_interview_or_person(client, draft_with_a_guest):
    html = html_of(client, q="Бадамав")
    assert result_urls(html) == [] and "erlan-badamov" not in html
    assert SIMILAR_NOTE not in html


@pytest.mark.django_db
def test_pages_of_results_keep_the_query_and_filters(client, interview_section):
    pages = [
        make_interview(interview_section, title=f"Кран номер {n}", publish=True) for n in range(12)
    ]
    first = html_of(client, q="краны")
    assert len(result_urls(first)) == 10
    assert 'rel="next" href="?q=%D0%BA%D1%80%D0%B0%D0%BD%D1%8B&amp;page=2"' in first
    second = html_of(client, q="краны", page=2)
    assert len(result_urls(second)) == 2
    assert set(result_urls(first) + result_urls(second)) == {page.url for page in pages}


# A results page: the candidates (in a transaction of their own, with its settings), their
# ranking, the people named and which of them are readable, the page of hits with their
# people and answers, the filter choices.
SEARCH_PAGE_QUERIES = 9


@pytest.mark.django_db
def test_a_page_of_results_costs_the_same_queries_however_much_it_shows(
    client, interview_section, django_assert_max_num_queries
):
    guest = person("Ерлан Кранов", "erlan-kranov")  # named by the query too
    for n in range(12):
        make_interview(
            interview_section,
            text=CRANES,
            title=f"Кран номер {n}",
            topics=["кадры", f"тема {n}"],
            people=[(guest, InterviewPerson.Part.INTERVIEWEE)],
            publish=True,
        )
    html_of(client, q="порт")  # the site's root paths and the like, cached once
    with django_assert_max_num_queries(SEARCH_PAGE_QUERIES):
        html = html_of(client, q="краны")
    assert len(result_urls(html)) == 10
    assert html.count('class="search-answer"') >= 10  # the answers about cranes
    assert html.count('<span class="card__people">Ерлан Кранов</span>') == 10
    assert 'href="/people/erlan-kranov/"' in html
    assert '<option value="erlan-kranov">Ерлан Кранов (12)</option>' in html


@pytest.mark.django_db
def test_renaming_a_person_renames_them_in_the_index(client, cranes):
    guest = cranes.interviewees[0]
    guest.name = "Бахтияр Сарсенов"
    guest.save()
    assert result_urls(html_of(client, q="Сарсенову")) == [cranes.url]


# --- Cyrillic topics and people, any case (PostgreSQL's upper() on a UTF-8 locale) ---------


@pytest.mark.django_db
def test_topics_match_in_any_case(interview_section):
    page = make_interview(
        interview_section, topics=["транзит"], exchange_topics=[["Қазақстан"]], publish=True
    )
    assert list(InterviewPage.objects.live().with_topic("ТРАНЗИТ")) == [page]
    assert list(InterviewPage.objects.live().with_topic("ҚАЗАҚСТАН")) == [page]


@pytest.mark.django_db
def test_a_topic_in_another_case_is_the_same_topic(interview_section):
    make_interview(interview_section, topics=["Каспий"], publish=True)
    make_interview(interview_section, topics=["каспий"], exchange_topics=[["КАСПИЙ"]])
    assert list(Tag.objects.values_list("name", flat=True)) == ["Каспий"]


@pytest.mark.django_db
def test_a_person_in_another_case_is_the_same_person():
    first = find_or_create_person(Interviewee(name="Ерлан Сатпаев", role=""))
    assert find_or_create_person(Interviewee(name="ЕРЛАН САТПАЕВ", role="")) == first


@pytest.mark.django_db
def test_people_are_found_by_name_not_by_role(client, interview_section):
    guest = person("Анна Ким", "anna-kim", role="директор порта")
    make_interview(
        interview_section,
        title="Порт",
        people=[(guest, InterviewPerson.Part.INTERVIEWEE)],
        publish=True,
    )
    assert 'href="/people/anna-kim/"' not in html_of(client, q="портов")
    assert 'href="/people/anna-kim/"' in html_of(client, q="Ким")
