"""The admin import's review screen (issue 11, item 6): the editor confirms each paragraph's
role and speaker, the guests, title, lede and topics before the draft exists."""

import pytest

from interviews.forms import ReviewInterviewForm
from interviews.importer import Answer
from interviews.models import InterviewPage
from tests.factories import DASH_INTERVIEW
from tests.import_review import IMPORT_URL, REVIEW_URL, review_data

pytestmark = pytest.mark.django_db

# DASH_INTERVIEW as the importer reads it: 0 lede, 1 intro, 2 question, 3-4 answer,
# 5 question, 6 answer (Нурлан Абенов answers both).
SECOND_ANSWER = "Основной прирост дали новые элеваторы в Мангистау."


@pytest.fixture
def review_page(admin_client, interview_section):
    page = admin_client.post(IMPORT_URL, {"text": DASH_INTERVIEW, "section": interview_section.pk})
    assert page.status_code == 200
    return page


def test_the_draft_is_made_of_the_roles_speakers_and_guests_the_editor_confirmed(
    admin_client, review_page
):
    html = review_page.content.decode()
    assert html.count('data-testid="review-paragraph"') == 7
    data = review_data(
        review_page,
        **{
            "title": "Курык",
            "role-4": "question",  # "that line was the host's, not the guest's"
            "speaker-4": "Анна Ким",
            "speaker-6": "Дана Омарова",
            "guest-name-1": "Дана Омарова",
            "guest-role-1": "инженер порта",
            "topics": "порты, зерно",
        },
    )

    form = ReviewInterviewForm(data)
    assert form.is_valid(), form.errors
    parsed = form.interview()
    first, second = parsed.exchanges
    assert first.answer == (parsed.exchanges[0].answer[0],) and SECOND_ANSWER not in first.answer
    assert second.question.startswith(SECOND_ANSWER + "\n\n")
    assert second.asked_by == ("Анна Ким",)
    assert second.answers == (Answer("Дана Омарова", second.answer),)
    assert [guest.name for guest in parsed.interviewees] == ["Нурлан Абенов", "Дана Омарова"]

    created = admin_client.post(REVIEW_URL, data)
    page = InterviewPage.objects.get()
    assert created.status_code == 302 and created["Location"].endswith(f"/pages/{page.pk}/edit/")
    assert page.title == "Курык" and not page.live
    assert page.exchanges[1].question.startswith(SECOND_ANSWER)
    assert sorted(page.tags.names()) == ["зерно", "порты"]
    assert [person.name for person in page.interviewees] == ["Нурлан Абенов", "Дана Омарова"]


def test_bad_or_tampered_review_input_is_a_form_error_and_keeps_what_the_editor_typed(
    admin_client, review_page
):
    typed = {"title": "Мой заголовок", "speaker-3": "Кто-то"}
    cases = {
        "tampered": (
            {"structure": review_data(review_page)["structure"][:-4] + "AAAA"},
            "повреждён",
        ),
        "missing": ({"structure": ""}, "повреждён"),
        "an answer first": ({"role-2": "answer"}, "абзац 3 — ответ до первого вопроса"),
        "no answers": (
            {f"role-{index}": "question" for index in range(2, 7)},
            "у вопросов нет ответов",
        ),
    }
    for name, (changes, message) in cases.items():
        response = admin_client.post(REVIEW_URL, review_data(review_page, **typed, **changes))
        assert response.status_code == 200, name
        errors = response.context["review_form"].non_field_errors()
        assert len(errors) == 1 and message in errors[0], (name, errors)
        if name not in {"tampered", "missing"}:
            assert 'value="Мой заголовок"' in response.content.decode(), name
            assert 'value="Кто-то"' in response.content.decode(), name

    not_a_role = admin_client.post(REVIEW_URL, review_data(review_page, **{"role-2": "boss"}))
    assert not_a_role.status_code == 200
    assert not_a_role.context["review_form"].errors["role-2"]
    assert admin_client.get(REVIEW_URL)["Location"] == IMPORT_URL
    assert not InterviewPage.objects.exists()


def test_merge_and_split_show_the_screen_again_and_create_nothing(admin_client, review_page):
    joined = admin_client.post(
        REVIEW_URL, review_data(review_page, action="apply", **{"join-4": "on"})
    )
    rows = list(joined.context["review_form"].rows())
    assert len(rows) == 6
    assert rows[3]["text"].endswith("\n" + SECOND_ANSWER)
    assert rows[3]["role"].value() == "answer" and rows[3]["speaker"].value() == "Нурлан Абенов"

    split = admin_client.post(REVIEW_URL, review_data(joined, action="apply", **{"split-3": "on"}))
    assert [row["text"] for row in split.context["review_form"].rows()][4] == SECOND_ANSWER
    assert not InterviewPage.objects.exists()


def test_doubtful_paragraphs_are_highlighted(admin_client, interview_section):
    text = "Порт\n\nЛид интервью.\n\nВопрос: Первый?\n\nОтвет: Да.\n\nВопрос: Второй?"
    response = admin_client.post(IMPORT_URL, {"text": text, "section": interview_section.pk})
    html = response.content.decode()
    assert html.count('data-testid="doubtful"') == 1
    assert "У вопроса 2 нет ответа" in html


def test_every_importer_error_code_has_the_admins_sentence():
    import re
    from pathlib import Path

    from interviews.import_errors import ERROR_TEXTS

    interviews = Path(__file__).resolve().parent.parent / "interviews"
    sources = [*(interviews / "importer").glob("*.py"), interviews / "text_hygiene.py"]
    codes = {
        code
        for path in sources
        for code in re.findall(r'\bcode ?= ?"(\w+)"', path.read_text(encoding="utf-8"))
    }
    assert "no_turns" in codes and "nul_in_text_line" in codes
    assert codes == set(ERROR_TEXTS)


def test_the_lead_image_is_chosen_on_the_review_and_kept_on_the_draft(admin_client, review_page):
    from tests.site_helpers import png_image

    html = review_page.content.decode()
    assert 'data-testid="lead-image"' in html and "image-chooser" in html  # Wagtail's chooser
    image = png_image("Причал Курыка")
    chosen = {
        "lead_image": image.pk,
        "lead_image_caption": "Причал порта Курык",
        "lead_image_credit": "Фото: редакция",
    }
    # "Apply" (a merge) shows the screen again with the image still chosen.
    again = admin_client.post(
        REVIEW_URL, review_data(review_page, action="apply", **{"join-4": "on"}, **chosen)
    )
    assert again.context["review_form"]["lead_image"].value() == image.pk
    admin_client.post(REVIEW_URL, review_data(again))
    page = InterviewPage.objects.get()
    assert page.lead_image == image
    assert page.lead_image_caption == "Причал порта Курык"
    assert page.lead_image_credit == "Фото: редакция"


def test_an_editor_cannot_put_an_image_they_may_not_choose_on_a_draft(
    client, django_user_model, interview_section
):
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupCollectionPermission

    from tests.site_helpers import png_image

    editors = Group.objects.get(name="Редакторы")
    editor = django_user_model.objects.create_user("editor", "editor@example.com", "pass")
    editor.groups.add(editors)
    client.force_login(editor)
    review_page = client.post(IMPORT_URL, {"text": DASH_INTERVIEW, "section": interview_section.pk})
    image = png_image("Снимок фотослужбы")
    allowed = review_data(review_page, lead_image=image.pk)
    # A desk where only the photo desk may choose images: the editors' right is taken away.
    GroupCollectionPermission.objects.filter(
        group=editors, permission__codename="choose_image"
    ).delete()
    response = client.post(REVIEW_URL, allowed)
    assert response.status_code == 200
    assert response.context["review_form"].errors["lead_image"]
    assert not InterviewPage.objects.exists()
    # With the right (Wagtail's default for editors) the same post makes the draft.
    GroupCollectionPermission.objects.create(
        group=editors,
        collection=image.collection,
        permission=Permission.objects.get(codename="choose_image"),
    )
    assert client.post(REVIEW_URL, allowed).status_code == 302
    assert InterviewPage.objects.get().lead_image == image
