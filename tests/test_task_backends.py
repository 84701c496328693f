import pytest
from django.db import transaction

from interviews.models import InterviewPage
from tests.background_tasks import swallow_a_database_error
from tests.factories import make_interview

pytestmark = pytest.mark.django_db


def test_a_failing_background_task_does_not_abort_the_publish(interview_section):
    page = make_interview(interview_section)

    with transaction.atomic():
        swallow_a_database_error.enqueue()
        # Without the savepoint, PostgreSQL refuses every further statement here.
        page.save_revision().publish()

    assert InterviewPage.objects.get(pk=page.pk).live
