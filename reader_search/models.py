"""The readers' search index: word forms of every interview, answer and person.

Rows hold tokens from `reader_search.word_forms` (lemmas, Kazakh stems, English stems),
already normalised, so PostgreSQL's language-blind `simple` config only has to split
them. The vector is a generated column over two weighted token columns, with a GIN index.
Rows are written by `reader_search.indexing` only; which of them a reader may see is
decided at query time by the one definition of readable interviews.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Q

from interviews.models import InterviewPage, Person


def weighted_vector():
    # Heading tokens (a title or a question, people, topics) count most; the rest least.
    return SearchVector("heading_tokens", config="simple", weight="A") + SearchVector(
        "text_tokens", config="simple", weight="D"
    )


class SearchEntry(models.Model):
    """One interview as a whole (anchor ""), or one of its answers (anchor = block id)."""

    page = models.ForeignKey(InterviewPage, on_delete=models.CASCADE, related_name="+")
    anchor = models.CharField(max_length=64, blank=True)
    heading_tokens = models.TextField(blank=True)
    text_tokens = models.TextField(blank=True)
    vector = models.GeneratedField(
        expression=weighted_vector(), output_field=SearchVectorField(), db_persist=True
    )
    # The heading alone: few rows match it, so an interview whose title, people or topics
    # hold the words is always a candidate, however many others mention them in passing.
    heading_vector = models.GeneratedField(
        expression=SearchVector("heading_tokens", config="simple", weight="A"),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    # The page's first publication, to keep the newest of very many matches as candidates.
    published_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "anchor"], name="unique_search_entry")
        ]
        # Interviews are searched through these; answers are read only for the
        # interviews shown, through (page, anchor).
        indexes = [
            GinIndex(fields=["vector"], name="search_entry_vector", condition=Q(anchor="")),
            GinIndex(
                fields=["heading_vector"], name="search_entry_heading", condition=Q(anchor="")
            ),
        ]
        verbose_name_plural = "search entries"

    def __str__(self):
        return f"{self.page_id}#{self.anchor}" if self.anchor else str(self.page_id)


class PersonSearchEntry(models.Model):
    """A person's name (and role, organisation), to list the people a query names."""

    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    heading_tokens = models.TextField(blank=True)
    text_tokens = models.TextField(blank=True)
    vector = models.GeneratedField(
        expression=weighted_vector(), output_field=SearchVectorField(), db_persist=True
    )

    class Meta:
        indexes = [GinIndex(fields=["vector"], name="person_search_entry_vector")]
        verbose_name_plural = "person search entries"

    def __str__(self):
        return str(self.person_id)
