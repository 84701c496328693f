import pytest
from django.utils import translation
from wagtail.models import Page

from interviews.models import ExchangeTopic, InterviewPage, InterviewPerson, Person
from tests.factories import ENGLISH_QA_INTERVIEW, make_interview

pytestmark = pytest.mark.django_db


def test_exchanges_read_like_plain_python(interview_section):
    page = make_interview(interview_section, publish=True)

    exchanges = page.exchanges
    assert [exchange.question for exchange in exchanges] == [
        "Нурлан Серикович, каким был сезон для порта?",
        "Что мешает расти дальше?",
    ]
    first = exchanges[0]
    assert first.anchor == page.body[0].id
    assert "1,2 млн тонн" in first.answer_text
    assert "Основной прирост" in first.answer_text
    assert str(first) == first.question


def test_interviewee_is_a_reusable_person(interview_section):
    first = make_interview(interview_section)
    second = make_interview(interview_section, title="Второе интервью")

    person = Person.objects.get()
    assert str(person) == "Нурлан Абенов"
    assert person.role == "директор Каспийской зерновой ассоциации"
    assert first.interviewees == [person] == second.interviewees
    assert InterviewPage.objects.with_person(person).count() == 2
    assert InterviewPage.objects.with_person(person.slug).count() == 2
    with translation.override("en"):
        assert "interviewee" in str(InterviewPerson.objects.first())


def test_with_topic_finds_page_topics_and_exchange_topics(interview_section):
    on_page = make_interview(interview_section, topics=["Зерно"], publish=True)
    on_exchange = make_interview(
        interview_section,
        text=ENGLISH_QA_INTERVIEW,
        exchange_topics=[[], ["зерно", "storage"]],
        publish=True,
    )
    make_interview(interview_section, title="Без темы", publish=True)

    found = InterviewPage.objects.live().with_topic("зерно")
    assert set(found) == {on_page, on_exchange}
    assert list(InterviewPage.objects.live().with_topic("Storage")) == [on_exchange]
    assert not InterviewPage.objects.with_topic("нет такой темы").exists()


def test_exchange_topics_follow_the_body(interview_section):
    page = make_interview(interview_section, exchange_topics=[["порты"], ["тарифы"]])
    assert {(row.block_id, row.tag.name) for row in ExchangeTopic.objects.all()} == {
        (page.body[0].id, "порты"),
        (page.body[2].id if page.body[1].block_type != "exchange" else page.body[1].id, "тарифы"),
    }

    page.body[0].value["topics"] = ["Каспий"]
    page.save()

    assert sorted(row.tag.name for row in ExchangeTopic.objects.all()) == ["Каспий", "тарифы"]


def test_slug_is_latin_transliteration(interview_section):
    page = make_interview(interview_section, title="Средний коридор: что дальше")
    assert page.slug == "srednii-koridor-chto-dalshe"
    again = make_interview(interview_section, title="Средний коридор: что дальше")
    assert again.slug == "srednii-koridor-chto-dalshe-2"


def test_pages_fit_the_site_tree(interview_section):
    home = interview_section.get_parent().specific
    assert type(home).__name__ == "HomePage"
    assert InterviewPage.can_create_at(interview_section)
    assert not InterviewPage.can_create_at(home)
    assert not InterviewPage.can_create_at(Page.get_first_root_node())


def test_exchange_topics_mirror_the_live_body_not_a_pending_draft(interview_section):
    page = make_interview(interview_section, exchange_topics=[["порты"], []], publish=True)

    draft = InterviewPage.objects.get(pk=page.pk)
    draft.body[0].value["topics"] = ["черновик"]
    draft.save_revision()

    assert [row.tag.name for row in ExchangeTopic.objects.all()] == ["порты"]
    assert not InterviewPage.objects.live().with_topic("черновик").exists()

    draft.get_latest_revision().publish()
    assert [row.tag.name for row in ExchangeTopic.objects.all()] == ["черновик"]


def test_topics_get_latin_slugs_by_the_same_scheme(interview_section):
    from taggit.models import Tag

    make_interview(interview_section, topics=["Средний коридор", "Қазақстан"], publish=True)

    assert dict(Tag.objects.values_list("name", "slug")) == {
        "Средний коридор": "srednii-koridor",
        "Қазақстан": "qazaqstan",
    }
    make_interview(interview_section, topics=["СРЕДНИЙ КОРИДОР", "Средний  коридор!"])
    assert sorted(Tag.objects.values_list("slug", flat=True)) == [
        "qazaqstan",
        "srednii-koridor",
        "srednii-koridor-2",
    ]


def test_a_published_interview_keeps_its_slug(interview_section):
    from django.core.exceptions import ValidationError

    draft = make_interview(interview_section, title="Черновик")
    draft.slug = "chernovik-novyi"
    draft.full_clean()  # a draft's address may still change

    page = make_interview(interview_section, title="Опубликовано", publish=True)
    page.slug = "drugoi-adres"
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "slug" in error.value.message_dict
