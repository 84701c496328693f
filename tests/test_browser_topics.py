"""Topics an editor types into exchanges, in a real headless Chromium."""

import re

import pytest
from playwright.sync_api import expect
from taggit.models import Tag

from interviews.models import InterviewPage
from tests.factories import make_interview

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

THREE_QUESTIONS = """\
Паромная линия Актау – Баку за год перевезла вдвое больше вагонов.

О том, что дальше, рассказал капитан порта Арман Сеитов.

– Арман Болатович, откуда рост?

– Новые паромы и ночные смены на причалах.

– Что мешает?

– Мелководье у входа в гавань.

– Что будет весной?

– Ещё два причала и новая очередь на погрузку.
"""


def topic_input(page, exchange: int):
    return page.locator("[data-contentpath='body'] ul.tagit input.ui-widget-content").nth(exchange)


def topic_field(page, exchange: int):
    return page.locator("[data-contentpath='body'] input[data-controller='w-tag']").nth(exchange)


def chips(page, exchange: int) -> list[str]:
    field = page.locator("[data-contentpath='body'] ul.tagit").nth(exchange)
    return [text.strip('"') for text in field.locator(".tagit-label").all_inner_texts()]


def type_until_suggested(page, field, text: str):
    field.press_sequentially(text, delay=40)
    expect(page.locator("ul.ui-autocomplete:visible li").first).to_be_visible()


def test_an_editor_tags_three_exchanges_with_the_keyboard(
    interview_section, live_server, page, log_in_editor
):
    Tag.objects.create(name="логистика", slug="logistika")
    Tag.objects.create(name="Каспий", slug="kaspiy")
    interview = make_interview(interview_section, text=THREE_QUESTIONS, title="Паромы")
    log_in_editor(f"/admin/pages/{interview.pk}/edit/")

    first = topic_input(page, 0)
    first.click()
    # The whole word typed, its suggestion open, nothing highlighted: Enter commits it
    # (it used to stay in the box, and the next word was glued on).
    type_until_suggested(page, first, "логистика")
    first.press("Enter")
    expect(first).to_have_value("")
    first.press_sequentially("паромы", delay=40)
    first.press("Tab")
    assert chips(page, 0) == ["логистика", "паромы"]

    second = topic_input(page, 1)
    second.click()
    # Suggestions in any case: lower-case Cyrillic finds "Каспий".
    type_until_suggested(page, second, "касп")
    expect(page.locator("ul.ui-autocomplete:visible li")).to_have_text(["Каспий"])
    second.press("ArrowDown")
    second.press("Enter")  # the highlighted suggestion is the one taken
    type_until_suggested(page, second, "ЛОГИ")
    second.press_sequentially("СТИКА", delay=40)
    second.press(",")
    assert chips(page, 1) == ["Каспий", "ЛОГИСТИКА"]

    third = topic_input(page, 2)
    third.click()
    third.press_sequentially("причалы", delay=40)
    third.press(",")
    third.press_sequentially("весна", delay=40)
    third.press("Enter")
    assert chips(page, 2) == ["причалы", "весна"]
    # What the form sends: the field behind the chips holds both, before the save is clicked.
    expect(topic_field(page, 2)).to_have_value(re.compile("причалы.*весна"))

    page.get_by_role("button", name="Сохранить черновик").click()
    expect(page.locator(".messages")).to_contain_text("обновлена")

    draft = InterviewPage.objects.get(pk=interview.pk).get_latest_revision_as_object()
    # Stored in the order the editor typed them (taggit's parser alone would sort them).
    assert [list(exchange.topics) for exchange in draft.exchanges] == [
        ["логистика", "паромы"],
        ["Каспий", "ЛОГИСТИКА"],
        ["причалы", "весна"],
    ]


def test_a_collapsed_exchange_shows_its_topics(interview_section, live_server, page, log_in_editor):
    interview = make_interview(
        interview_section,
        text=THREE_QUESTIONS,
        title="Паромы",
        exchange_topics=[["паромы", "Каспий"]],
    )
    log_in_editor(f"/admin/pages/{interview.pk}/edit/")
    heading = page.locator("[data-contentpath='body'] [data-panel-heading-text]").first
    expect(heading).to_contain_text("Арман Болатович, откуда рост?")
    expect(heading).to_contain_text("паромы, Каспий")


def test_topic_suggestions_ignore_case_in_any_script(admin_client):
    for name in ["Каспий", "каспийский шельф", "Kazakhstan", "логистика"]:
        Tag.objects.create(name=name, slug=name.replace(" ", "-"))
    url = "/admin/interviews/topics/autocomplete/"
    assert admin_client.get(url, {"term": "КАСП"}).json() == ["Каспий", "каспийский шельф"]
    assert admin_client.get(url, {"term": "kaz"}).json() == ["Kazakhstan"]
    assert admin_client.get(url, {"term": " "}).json() == []
