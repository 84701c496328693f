from django.core.management.base import BaseCommand

from reader.search.indexing import rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the readers' search index (word forms of every interview, answer and "
        "person). Saves and publishes keep it current; run this after changing "
        "reader.search.word_forms, or after loading rows by hand."
    )

    def handle(self, *args, **options):
        pages, people = rebuild(log=self.stderr.write)
        self.stdout.write(f"Indexed {pages} interviews and {people} people.")
