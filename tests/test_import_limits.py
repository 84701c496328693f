"""An interview the page editor could never save is refused before its draft exists."""

import json

import pytest
from django.core.management import CommandError

from interviews.models import InterviewPage
from interviews.services import (
    EDITOR_FIELDS_PER_ANSWER,
    EDITOR_FIELDS_PER_EXCHANGE,
    EDITOR_FIELDS_PER_HOST,
    max_exchanges_in_the_editor,
)
from tests.import_review import IMPORT_URL, import_as_draft
from tests.test_import_command import run_command


def dash_interview(exchanges: int) -> str:
    turns = [f"– Вопрос номер {n}?\n\n– Ответ номер {n}." for n in range(exchanges)]
    return "Лид интервью.\n\n" + "\n\n".join(turns)


class RecordingPost(dict):
    """The editor's POST as Wagtail reads it for the body, recording every field it reads."""

    def __init__(self, blocks: int):
        super().__init__()
        self.blocks, self.read = blocks, set()

    def _value(self, key: str):
        if key == "body-count":
            return str(self.blocks)
        if key.endswith("-count"):
            return "1"  # one answer, one host
        if key.endswith("-type"):
            return "exchange"
        if key.endswith("-order"):
            return key.split("-")[-2]
        if key.endswith("-text"):
            return json.dumps({"blocks": [{"key": "a", "text": "A", "type": "unstyled"}]})
        return ""

    def __getitem__(self, key):
        self.read.add(key)
        return self._value(key)

    def get(self, key, default=None):
        self.read.add(key)
        return self._value(key)

    def __contains__(self, key):
        return True


@pytest.mark.django_db
def test_an_exchange_costs_the_editor_no_more_fields_than_the_estimate():
    body = InterviewPage._meta.get_field("body").stream_block
    post = RecordingPost(blocks=10)
    body.value_from_datadict(post, {}, "body")
    per_exchange = (len(post.read) - 1) / 10  # minus body-count
    estimate = EDITOR_FIELDS_PER_EXCHANGE + EDITOR_FIELDS_PER_ANSWER + EDITOR_FIELDS_PER_HOST
    assert 0 < per_exchange <= estimate


@pytest.mark.django_db
def test_too_many_exchanges_is_a_form_error_and_creates_nothing(
    admin_client, interview_section, settings
):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 600
    limit = max_exchanges_in_the_editor()
    response = admin_client.post(
        IMPORT_URL, {"text": dash_interview(limit + 1), "section": interview_section.pk}
    )
    errors = response.context["form"].non_field_errors()
    assert len(errors) == 1 and f"не больше {limit}" in errors[0]
    assert not InterviewPage.objects.exists()

    fits = import_as_draft(
        admin_client, {"text": dash_interview(limit), "section": interview_section.pk}
    )
    assert fits.status_code == 302


@pytest.mark.django_db
def test_too_many_exchanges_is_exit_status_2_from_the_command(tmp_path, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 600
    path = tmp_path / "long.txt"
    path.write_text(dash_interview(max_exchanges_in_the_editor() + 1), encoding="utf-8")
    with pytest.raises(CommandError, match="split it into parts") as error:
        run_command(path)
    assert error.value.returncode == 2
    assert not InterviewPage.objects.exists()


@pytest.mark.django_db
def test_more_paragraphs_than_the_review_can_post_is_a_form_error(
    admin_client, interview_section, settings
):
    from interviews.forms import max_paragraphs_in_the_review

    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 600  # 7 exchanges for the editor
    limit = max_paragraphs_in_the_review()
    long_answer = "\n\n".join(f"Абзац ответа {n}." for n in range(limit // 5 + 1))
    text = "Лид интервью.\n\n" + "\n\n".join(
        f"– Вопрос номер {n}?\n\n– {long_answer}" for n in range(5)
    )
    response = admin_client.post(IMPORT_URL, {"text": text, "section": interview_section.pk})
    errors = response.context["form"].non_field_errors()
    assert len(errors) == 1 and f"не больше {limit}" in errors[0] and "абзац" in errors[0]
    assert "review_form" not in response.context
