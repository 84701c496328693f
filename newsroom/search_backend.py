"""Wagtail's database search backend, with title norms kept in O(saved pages), not O(corpus).

On PostgreSQL the stock backend follows every indexed save with two statements over the
whole index table: the average title length, and an UPDATE of every entry whose norm is
still 1.0. At newsroom scale that is a full scan (and, for titles of average length, a
rewrite of large rows) on every publish; two publishes at once even deadlock on it.
Here only the entries just written get their norm, from an average title length that is
recomputed at most every few minutes per process (it moves slowly). A full rebuild
(`manage.py update_index`) still recomputes every norm exactly.
"""

import time

from django.db.models import Avg, F
from django.db.models.functions import Length
from modelsearch.backends.database.postgres.postgres import PostgresIndex, PostgresSearchBackend
from modelsearch.utils import get_content_type_pk

AVERAGE_TITLE_LENGTH_TTL_SECONDS = 300


class IncrementalTitleNormIndex(PostgresIndex):
    _average_title_length: tuple[float, float] | None = None  # (value, computed at)

    def add_items(self, model, objs):
        objs = list(objs)
        self._skip_refresh = True
        try:
            super().add_items(model, objs)
        finally:
            self._skip_refresh = False
        if objs:
            self.set_title_norms(model, [str(obj.pk) for obj in objs])

    def _refresh_title_norms(self, full=False):
        if full or not getattr(self, "_skip_refresh", False):
            super()._refresh_title_norms(full=full)
            type(self)._average_title_length = None

    def set_title_norms(self, model, object_ids):
        average = self.average_title_length()
        if not average:
            return
        self.entries.filter(
            content_type_id=get_content_type_pk(model), object_id__in=object_ids
        ).annotate(title_length=Length("title")).filter(title_length__gt=0).update(
            title_norm=average / F("title_length")
        )

    def average_title_length(self) -> float | None:
        cached = type(self)._average_title_length
        if cached and time.monotonic() - cached[1] < AVERAGE_TITLE_LENGTH_TTL_SECONDS:
            return cached[0]
        value = (
            self.entries.annotate(title_length=Length("title"))
            .filter(title_length__gt=0)
            .aggregate(Avg("title_length"))["title_length__avg"]
        )
        if value is not None:  # an empty index has no average yet: ask again next time
            type(self)._average_title_length = (value, time.monotonic())
        return value


class NewsroomPostgresSearchBackend(PostgresSearchBackend):
    index_class = IncrementalTitleNormIndex


SearchBackend = NewsroomPostgresSearchBackend  # what WAGTAILSEARCH_BACKENDS loads
