"""A person's entry follows their row; their interviews list their name, so those too.

An interview is indexed when InterviewPage.save() says its content is written
(interview_content_saved: a post_save signal would fire before modelcluster writes its
people and topics).
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from interviews.models import InterviewPerson, Person, interview_content_saved
from reader.search.indexing import index_pages, index_people


@receiver(post_save, sender=Person, dispatch_uid="reader_search_person")
def index_person(sender, instance, raw=False, **kwargs):
    if raw:
        return
    index_people([instance.pk])
    if not kwargs.get("created"):
        index_pages(
            InterviewPerson.objects.filter(person=instance)
            .values_list("page", flat=True)
            .distinct()
        )


@receiver(interview_content_saved, dispatch_uid="reader_search_interview")
def index_interview(sender, page, **kwargs):
    index_pages([page.pk])
