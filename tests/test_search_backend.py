import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.search.models import IndexEntry

from interviews.models import InterviewPage
from newsroom.search_backend import IncrementalTitleNormIndex
from tests.factories import make_interview

pytestmark = pytest.mark.django_db


def test_indexing_a_page_touches_only_its_own_entries(interview_section):
    IncrementalTitleNormIndex._average_title_length = None  # whatever earlier tests left
    for n in range(5):
        make_interview(interview_section, title=f"Interview number {n:03}", publish=True)
    page = make_interview(interview_section, title="Ледоколы для Арктики", publish=True)

    with CaptureQueriesContext(connection) as queries:
        page.save_revision().publish()

    index_updates = [q["sql"] for q in queries if q["sql"].startswith('UPDATE "wagtailsearch')]
    assert index_updates, "the page's title norm is written"
    assert all('"object_id" IN' in sql for sql in index_updates), index_updates
    assert not any("AVG(" in q["sql"] for q in queries), "the average title length is cached"

    # The norm is set from the (cached) average title length, not left at the default 1.0.
    norms = IndexEntry.objects.filter(object_id=str(page.pk)).values_list("title_norm", flat=True)
    assert norms and all(norm != 1.0 for norm in norms)
    assert list(InterviewPage.objects.live().search("ледокол")) == [page]
