"""People: an admin user's Person is the interviewer of their imports; cards name the
organisation once."""

import pytest

from interviews.models import InterviewPage, Person
from tests.factories import DASH_INTERVIEW
from tests.import_review import import_as_draft


@pytest.mark.parametrize(
    "role, organisation, shown",
    [
        (
            "директор Казахстанского института логистики",
            "Казахстанский институт логистики",
            "директор Казахстанского института логистики",
        ),
        ("главный экономист", "Евразийский банк", "главный экономист, Евразийский банк"),
        (
            "head of grid planning at Steppe Power",
            "Steppe Power",
            "head of grid planning at Steppe Power",
        ),
        ("", "Steppe Power", "Steppe Power"),
        ("аналитик", "", "аналитик"),
    ],
)
def test_a_persons_position_names_the_organisation_once(role, organisation, shown):
    assert Person(name="N", role=role, organisation=organisation).position == shown


def test_the_guest_card_does_not_repeat_the_organisation(interview_section, client):
    from tests.factories import make_interview

    guest = Person.objects.create(
        name="Ерлан Сатпаев",
        role="директор Казахстанского института логистики",
        organisation="Казахстанский институт логистики",
    )
    page = make_interview(
        interview_section, title="Порты", people=[(guest, "interviewee")], publish=True
    )
    html = client.get(page.url).content.decode()
    assert "директор Казахстанского института логистики</p>" in html
    assert "логистики, Казахстанский институт логистики" not in html  # was the card


@pytest.mark.django_db
def test_the_importing_users_person_is_the_interviewer(admin_client, admin_user, interview_section):
    anna = Person.objects.create(name="Анна Ким", user=admin_user)
    response = import_as_draft(
        admin_client, {"text": DASH_INTERVIEW, "title": "Курык", "section": interview_section.pk}
    )
    assert response.status_code == 302
    page = InterviewPage.objects.get(title="Курык")
    assert page.interviewers == [anna]
    assert [person.name for person in page.interviewees] == ["Нурлан Абенов"]
