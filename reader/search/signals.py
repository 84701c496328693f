"""A person's entry follows their row; their interviews list their name, so those too.

Interviews index themselves in InterviewPage.save(), after their people and topics are
committed (a post_save signal would fire before modelcluster writes them).
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from interviews.models import InterviewPerson, Person


@receiver(post_save, sender=Person, dispatch_uid="reader_search_person")
def index_person(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from reader.search.indexing import index_pages, index_people

    index_people([instance.pk])
    if not kwargs.get("created"):
        index_pages(
            InterviewPerson.objects.filter(person=instance)
            .values_list("page", flat=True)
            .distinct()
        )
