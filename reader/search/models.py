"""The readers' search index: word forms of every interview, answer and person.

Rows hold tokens from `reader.search.word_forms` (lemmas, Kazakh stems, English stems),
already normalised, so PostgreSQL's language-blind `simple` config only has to split
them. The vector is a generated column over two weighted token columns, with a GIN index.
Rows are written by `reader.search.indexing` only; which of them a reader may see is
decided at query time by the one definition of readable interviews.
"""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models

from interviews.models import InterviewPage, Person


def weighted_vector():
    # Heading tokens (a title or a question, people, topics) count most; the rest least.
    return SearchVector("heading_tokens", config="simple", weight="A") + SearchVector(
        "text_tokens", config="simple", weight="D"
    )


class InterviewSearchEntry(models.Model):
    """One interview as a whole: what finds it."""

    page = models.OneToOneField(
        InterviewPage, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
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
        indexes = [
            GinIndex(fields=["vector"], name="interview_search_vector"),
            GinIndex(fields=["heading_vector"], name="interview_search_heading"),
        ]
        verbose_name_plural = "interview search entries"

    def __str__(self):
        return str(self.page_id)


class AnswerSearchEntry(models.Model):
    """One answer (an exchange, by its block id): read only for the interviews shown, so
    it needs no full-text index of its own."""

    page = models.ForeignKey(InterviewPage, on_delete=models.CASCADE, related_name="+")
    anchor = models.CharField(max_length=64)
    heading_tokens = models.TextField(blank=True)
    text_tokens = models.TextField(blank=True)
    vector = models.GeneratedField(
        expression=weighted_vector(), output_field=SearchVectorField(), db_persist=True
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "anchor"], name="unique_answer_search_entry")
        ]
        verbose_name_plural = "answer search entries"

    def __str__(self):
        return f"{self.page_id}#{self.anchor}"


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


class SearchWord(models.Model):
    """A word of the headings (titles, names, topics) as indexed, for words typed slightly
    wrong (reader.search.similar_words): trigram indexes on it and on its Latin spelling."""

    word = models.CharField(max_length=40, primary_key=True)
    latin = models.CharField(max_length=160)

    class Meta:
        indexes = [
            GinIndex(OpClass("word", name="gin_trgm_ops"), name="search_word_trigrams"),
            GinIndex(OpClass("latin", name="gin_trgm_ops"), name="search_word_latin_trigrams"),
        ]

    def __str__(self):
        return self.word
