from django.core.management.base import BaseCommand
from django.utils import timezone

from publishing.models import PublishingJob


class Command(BaseCommand):
    help = "List scheduled publications and expiries, and the most recent publishing jobs."

    def add_arguments(self, parser):
        parser.add_argument("--recent", type=int, default=20, help="how many recent jobs")

    def handle(self, *args, recent, **options):
        upcoming = PublishingJob.objects.scheduled()
        self.stdout.write(self.style.MIGRATE_HEADING("Scheduled"))
        for job in upcoming:
            overdue = " (overdue)" if job.due_at < timezone.now() else ""
            self.stdout.write(
                f"  {self.when(job.due_at)}  {job.kind:<16} {job.page_title}{overdue}"
            )
        if not upcoming:
            self.stdout.write("  nothing scheduled")

        retrying = PublishingJob.objects.retrying()
        if retrying:
            self.stdout.write(self.style.MIGRATE_HEADING("Failing, will be tried again"))
        for job in retrying:
            line = (
                f"  {self.when(job.retry_at)}  {job.kind:<16} {job.page_title}"
                f" (try {job.attempts + 1}): {job.outcome}"
            )
            self.stdout.write(self.style.WARNING(line))

        self.stdout.write(self.style.MIGRATE_HEADING("Recent"))
        for job in PublishingJob.objects.finished()[:recent]:
            line = f"  {self.when(job.finished_at)}  {job.kind:<16} {job.page_title}: {job.outcome}"
            style = self.style.ERROR if job.status == PublishingJob.Status.FAILED else str
            self.stdout.write(style(line))

    @staticmethod
    def when(moment) -> str:
        return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S")
