"""What happens after a page is published or unpublished: steps the other apps register.

Publishing knows no other app. Each app registers the steps it owns from its
AppConfig.ready() (related links: interviews; the front page: newsroom; caches: reader),
and `run()` takes them in stage order, in the order registered within a stage.

Each step is idempotent (running it twice leaves the same state), so a retried or
duplicated pipeline job is harmless. A step that raises stops the run. An error the step
declares transient (a deadlock, a row deleted under it, the cache server away for a
moment) has the task try the job again within seconds; any other is recorded on the job
and retried with longer pauses, then left failed in the report.
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum

from wagtail.models import Page


class Stage(IntEnum):
    CONTENT = 1  # what other pages are built from: related lists, listing counts
    SNAPSHOTS = 2  # what listings read precomputed: the front page
    CACHES = 3  # last, so that what is purged is rendered again from the new state


@dataclass(frozen=True)
class Step:
    name: str
    stage: Stage
    # (the page, or None once it is deleted; its id) -> what was done, in English words
    run: Callable[[Page | None, int | None], str]
    transient: tuple[type[BaseException], ...] = ()


class TransientStepError(Exception):
    """A step failed with an error it declared passing: worth another try soon."""

    def __init__(self, step: Step, error: BaseException):
        super().__init__(f"{step.name}: {type(error).__name__}: {error}")
        self.step = step


_steps: dict[str, Step] = {}
_former_path_purgers: dict[str, Callable[[list[str]], object]] = {}


def register(step: Step) -> None:
    """Add a step to every run (by name: registering it again replaces it)."""
    _steps[step.name] = step


def register_former_path_purger(name: str, purge: Callable[[list[str]], object]) -> None:
    """After a move: `purge(paths)` gets the addresses pages left (their new ones are
    purged by each page's own pipeline job)."""
    _former_path_purgers[name] = purge


def steps() -> list[Step]:
    return sorted(_steps.values(), key=lambda step: step.stage)


def purge_former_paths(paths: list[str]) -> None:
    for purge in _former_path_purgers.values():
        purge(paths)


def run(page_id: int | None) -> str:
    page = Page.objects.filter(pk=page_id).first() if page_id else None
    outcomes = []
    for step in steps():
        try:
            outcomes.append(step.run(page, page_id))
        except step.transient as error:
            raise TransientStepError(step, error) from error
    return "; ".join(outcomes)
