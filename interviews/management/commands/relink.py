"""`manage.py relink --all | --page ID`: recompute related articles now.

--page relinks one page the way publishing does (its list, and the lists that should
point at it). --all rebuilds the index and every list, with a progress bar and an ETA on
stderr; run it after a bulk import, after changing the scoring, or once on a new install.
"""

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from interviews import related
from interviews.models import InterviewPage

BAR_WIDTH = 30


class ProgressBar:
    """One line on stderr, redrawn in place: phase, bar, count, rate and time left."""

    def __init__(self, stream):
        self.stream = stream
        self.phase, self.started = None, 0.0
        self.interactive = stream.isatty()

    def __call__(self, phase: str, done: int, total: int) -> None:
        now = time.monotonic()
        if phase != self.phase:
            if self.phase is not None:
                self.stream.write("\n")
            self.phase, self.started = phase, now
        elapsed = now - self.started
        rate = done / elapsed if elapsed > 0 else 0.0
        left = (total - done) / rate if rate else 0.0
        filled = BAR_WIDTH * done // max(total, 1)
        line = (
            f"{phase:<5} [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total}"
            f"  {rate:.0f}/s  elapsed {clock(elapsed)}  ETA {clock(left)}"
        )
        self.stream.write(("\r" if self.interactive else "") + line)
        if not self.interactive:
            self.stream.write("\n")
        self.stream.flush()

    def close(self):
        if self.phase is not None and self.interactive:
            self.stream.write("\n")


def clock(seconds: float) -> str:
    minutes, seconds = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes:02}:{seconds:02}"


class Command(BaseCommand):
    help = "Recompute related articles: one page (--page ID) or all of them (--all)."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument(
            "--all", dest="everything", action="store_true", help="rebuild the index and every list"
        )
        which.add_argument("--page", type=int, metavar="ID", help="relink one page")
        parser.add_argument("--batch", type=int, default=200, help="pages per transaction")
        parser.add_argument("--workers", type=int, default=2, help="processes for --all")

    def handle(self, *args, everything, page, batch, workers, **options):
        started = time.monotonic()
        if page is not None:
            if not InterviewPage.objects.filter(pk=page).exists():
                raise CommandError(f"there is no interview with the id {page}")
            links = related.relink(page)
            self.stdout.write(f"Page {page}: {links} related links.")
            return
        progress = ProgressBar(sys.stderr)
        try:
            pages = related.relink_all(batch_size=batch, workers=workers, progress=progress)
        finally:
            progress.close()
        seconds = time.monotonic() - started
        self.stdout.write(
            f"Relinked {pages} live interviews in {clock(seconds)} ({seconds:.1f} s)."
        )
