import json
import sys
from argparse import ArgumentTypeError
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from interviews.importer import InterviewParseError, parse_interview, read_source
from interviews.text_hygiene import NulInText, import_text

USAGE_ERROR = 2


class Command(BaseCommand):
    help = (
        "Import an interview (a .txt, .md, .docx or .html file, or - for standard input) as "
        "a draft InterviewPage; the kind of file is told by its content. With --dry-run "
        "nothing is saved and the parsed structure is shown."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", help="path to a UTF-8 text, Markdown, .docx or .html file, or - for stdin"
        )
        parser.add_argument("--dry-run", action="store_true", help="parse only; touch no database")
        parser.add_argument("--json", action="store_true", help="print the structure as JSON")
        parser.add_argument("--title", help="the headline (else taken from the text)")
        parser.add_argument("--parent", metavar="SLUG", help="slug of the interview section")
        parser.add_argument("--topics", default="", help="comma-separated page topics")
        parser.add_argument("--publish", action="store_true", help="publish, not just draft")
        parser.add_argument(
            "--go-live",
            metavar="WHEN",
            type=go_live_time,
            help="with --publish: schedule for this time, e.g. '2026-12-01 09:00' (local time)",
        )

    def handle(self, *args, **options):
        file, as_json = options["file"], options["json"]
        go_live = options["go_live"]
        if go_live is not None and go_live <= timezone.now():
            # Wagtail would publish at once; an editor who typed a time meant a schedule.
            raise CommandError(
                f"--go-live {timezone.localtime(go_live):%Y-%m-%d %H:%M} is already past: "
                "give a future time, or leave --go-live out to publish now",
                returncode=USAGE_ERROR,
            )
        try:
            parsed = parse_interview(import_text(read_source(self.read_input(file))))
        except (InterviewParseError, NulInText) as error:
            raise CommandError(f"{file}: {error}", returncode=USAGE_ERROR) from error

        if not as_json:
            # Doubts go to stderr: the import still happens, the editor should check these.
            for warning in parsed.warnings:
                if warning.code == "no_title" and options["title"]:
                    continue  # --title gives it one
                self.stderr.write(f"{file}: warning: {warning.message}")

        if options["dry_run"]:
            self.show(parsed, as_json=as_json)
            return

        # Imported here so that --dry-run never loads the ORM-backed service layer.
        from interviews.services import (
            NoInterviewSection,
            TooLongForTheEditor,
            already_imported,
            check_fits_the_editor,
            create_interview,
            interview_section,
        )

        try:
            check_fits_the_editor(parsed)
            section = interview_section(options["parent"])
        except TooLongForTheEditor as error:
            raise CommandError(f"{file}: {error}", returncode=USAGE_ERROR) from error
        except NoInterviewSection as error:
            raise CommandError(str(error), returncode=USAGE_ERROR) from error
        earlier = already_imported(parsed)
        if earlier is not None:
            self.stderr.write(
                f"{file}: warning: already imported as #{earlier.pk} «{earlier.title}»: "
                f"/admin/pages/{earlier.pk}/edit/"
            )
        page = create_interview(
            parsed,
            title=options["title"],
            section=section,
            topics=[topic.strip() for topic in options["topics"].split(",")],
            publish=options["publish"],
            go_live_at=options["go_live"],
        )
        if as_json:
            self.stdout.write(dumps({"id": page.pk, "url_path": page.url_path, "live": page.live}))
        else:
            state = "published" if page.live else "draft"
            if page.go_live_at and not page.live and options["publish"]:
                state = f"scheduled ({timezone.localtime(page.go_live_at):%Y-%m-%d %H:%M})"
            self.stdout.write(
                f"Created {state} interview #{page.pk} «{page.title}» "
                f"with {len(parsed.exchanges)} exchanges: /admin/pages/{page.pk}/edit/"
            )

    def read_input(self, file: str) -> bytes:
        if file == "-":
            return sys.stdin.buffer.read()
        try:
            return Path(file).read_bytes()
        except OSError as error:
            raise CommandError(
                f"{file}: cannot read the file ({error.strerror})", returncode=USAGE_ERROR
            ) from error

    def show(self, parsed, *, as_json: bool):
        if as_json:
            self.stdout.write(dumps(parsed.to_dict()))
            return
        self.stdout.write(f"Title: {parsed.title or '(none: the editor supplies it)'}")
        self.stdout.write(f"Lede: {parsed.lede}")
        self.stdout.write(f"Intro: {len(parsed.intro)} paragraph(s)")
        guest = parsed.interviewee
        self.stdout.write(
            f"Interviewee: {guest.name} — {guest.role}" if guest else "Interviewee: ?"
        )
        for number, exchange in enumerate(parsed.exchanges, start=1):
            self.stdout.write(f"{number:>3}. {exchange.question}")
            self.stdout.write(f"     ({len(exchange.answer)} answer paragraph(s))")


def go_live_time(value: str):
    moment = parse_datetime(value)
    if moment is None:
        raise ArgumentTypeError(f"not a date and time: {value!r} (try '2026-12-01 09:00')")
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
