import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from interviews.importer import MAX_INTERVIEW_BYTES
from interviews.models import InterviewPage, Person
from tests.factories import DASH_INTERVIEW

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED_SAMPLES = PROJECT_ROOT.parent / "shared" / "samples"


@pytest.fixture
def interview_file(tmp_path):
    path = tmp_path / "interview.txt"
    path.write_text(DASH_INTERVIEW, encoding="utf-8")
    return path


def run_command(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("import_interview", *map(str, args), stdout=out)
    return out.getvalue()


def test_dry_run_json_prints_the_structure_without_a_database(interview_file):
    # No django_db mark: any query here would fail the test.
    data = json.loads(run_command(interview_file, "--dry-run", "--json"))

    assert data["title"] is None
    assert data["lede"].startswith("Порт Курык")
    assert data["interviewee"] == {
        "name": "Нурлан Абенов",
        "role": "директор Каспийской зерновой ассоциации",
    }
    assert [{"question": e["question"], "answer": e["answer"]} for e in data["qa"]] == [
        {
            "question": "Нурлан Серикович, каким был сезон для порта?",
            "answer": [
                "Рекордным. Мы отгрузили 1,2 млн тонн – вдвое больше, чем год назад.",
                "Основной прирост дали новые элеваторы в Мангистау.",
            ],
        },
        {
            "question": "Что мешает расти дальше?",
            "answer": [
                "Тарифы на железной дороге и мелководье. "
                "Без дноуглубления суда идут недогруженными."
            ],
        },
    ]
    assert data["sections"] == []
    assert [answer["by"] for exchange in data["qa"] for answer in exchange["answers"]] == [
        "Нурлан Абенов",
        "Нурлан Абенов",
    ]


def test_shared_sample_matches_its_expected_structure():
    sample = SHARED_SAMPLES / "interview-ru-dash.txt"
    if not sample.exists():
        pytest.skip(f"the shared samples are not here ({SHARED_SAMPLES})")
    expected = json.loads((SHARED_SAMPLES / "interview-ru-dash.expected.json").read_text())

    data = json.loads(run_command(sample, "--dry-run", "--json"))

    for key in ("title", "lede", "intro", "interviewee"):
        assert data[key] == expected[key], key
    # The sample's expectation predates asked_by/answers: its keys must match exactly.
    assert [{key: e[key] for key in ("question", "answer")} for e in data["qa"]] == expected["qa"]


@pytest.mark.django_db
def test_import_creates_a_draft_with_person_and_topics(interview_file):
    output = run_command(interview_file, "--title", "Курык: рекорд", "--topics", "зерно, порты")

    page = InterviewPage.objects.get()
    assert "draft" in output and f"/admin/pages/{page.pk}/edit/" in output
    assert not page.live
    assert page.title == "Курык: рекорд"
    assert sorted(page.get_latest_revision_as_object().tags.names()) == ["зерно", "порты"]
    assert [person.name for person in page.interviewees] == ["Нурлан Абенов"]

    run_command(interview_file, "--publish", "--parent", "interviews")
    assert InterviewPage.objects.live().count() == 1
    assert Person.objects.count() == 1, "the second import reuses the person"


@pytest.mark.django_db
def test_unknown_parent_is_an_error(interview_file):
    with pytest.raises(CommandError, match="no interview section") as raised:
        run_command(interview_file, "--parent", "no-such-section")
    assert raised.value.returncode == 2
    assert not InterviewPage.objects.exists()


BAD_INPUTS = {
    "empty": (b"", "empty"),
    "whitespace": (b"  \n\n \t\n", "whitespace"),
    "not utf-8": ("Вопрос: кто?\n\nОтвет: я.".encode("cp1251"), "UTF-8"),
    "too big": (b"- Q?\n\n- A.\n\n" * (MAX_INTERVIEW_BYTES // 8), "limit"),
    "no q&a": ("Просто заметка.\n\nБез вопросов и ответов.".encode(), "question"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("content, message", BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
def test_bad_input_is_a_one_line_error_and_creates_nothing(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)

    with pytest.raises(CommandError) as raised:
        run_command(path)

    assert raised.value.returncode == 2
    assert message.lower() in str(raised.value).lower()
    assert "\n" not in str(raised.value)
    assert not InterviewPage.objects.exists()


def test_exit_status_and_stdin_from_the_shell(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    manage = [sys.executable, str(PROJECT_ROOT / "manage.py"), "import_interview"]

    ok = subprocess.run(
        [*manage, "-", "--dry-run", "--json"],
        input=DASH_INTERVIEW.encode(),
        capture_output=True,
        env=env,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    assert len(json.loads(ok.stdout)["qa"]) == 2

    missing = subprocess.run(
        [*manage, str(tmp_path / "missing.txt"), "--dry-run"],
        capture_output=True,
        env=env,
        check=False,
    )
    assert missing.returncode == 2
    assert b"cannot read the file" in missing.stderr


OPENS_WITH_A_QUESTION = (
    "– Алия, с чего начался ваш приют для собак?\n\n"
    "– С одного щенка у подъезда. Через год их было сорок.\n\n"
    "– Кто вам помогает?\n\n"
    "– Соседи и студенты ветеринарного колледжа."
)


@pytest.mark.django_db
def test_interview_opening_with_a_question_imports_as_a_draft_with_warnings(tmp_path):
    path = tmp_path / "no-lede.txt"
    path.write_text(OPENS_WITH_A_QUESTION, encoding="utf-8")

    data = json.loads(run_command(path, "--dry-run", "--json"))
    assert {warning["code"] for warning in data["warnings"]} >= {"no_title", "no_lede"}
    assert [exchange["question"] for exchange in data["qa"]][1] == "Кто вам помогает?"

    run_command(path)
    page = InterviewPage.objects.get()
    assert not page.live and len(page.exchanges) == 2
    assert page.title == "Алия, с чего начался ваш приют для собак?"


def test_a_nul_byte_is_refused_with_its_own_message(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes("– Вопрос?\n\n– Ответ.".encode("utf-16-le"))
    with pytest.raises(CommandError, match="NUL") as error:
        run_command(path, "--dry-run")
    assert error.value.returncode == 2


def test_a_word_file_and_a_web_page_import_from_the_command(tmp_path):
    from tests.importer_sources import QUESTIONS, docx_interview, html_page

    word = tmp_path / "interview.docx"
    word.write_bytes(docx_interview())
    page = tmp_path / "saved-page.html"
    page.write_text(html_page(), encoding="utf-8")
    for path in (word, page):
        data = json.loads(run_command(path, "--dry-run", "--json"))
        assert data["title"] == "Honey above the traffic", path.name
        assert [exchange["question"] for exchange in data["qa"]] == list(QUESTIONS), path.name


@pytest.mark.django_db
def test_importing_the_same_interview_again_warns_and_names_the_page(interview_file):
    from io import StringIO

    run_command(interview_file)
    first = InterviewPage.objects.get()
    errors = StringIO()
    call_command("import_interview", str(interview_file), stdout=StringIO(), stderr=errors)
    assert f"already imported as #{first.pk}" in errors.getvalue()
    assert f"/admin/pages/{first.pk}/edit/" in errors.getvalue()
    assert InterviewPage.objects.count() == 2  # a warning, not a refusal
