"""System checks of the project's configuration (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Error, Tags, register

PER_PROCESS_CACHES = ("django.core.cache.backends.locmem.LocMemCache",)


@register(Tags.caches, deploy=True)
def page_cache_is_shared(app_configs=None, **kwargs):
    """The page cache must be one every process sees: purges run in the Celery worker."""
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.NEWSROOM_PAGE_CACHE_SECONDS > 0 and backend in PER_PROCESS_CACHES:
        return [
            Error(
                "The readers' page cache is a per-process local-memory cache: the worker's "
                "purges never reach the web server, which keeps serving unpublished pages "
                f"for up to {settings.NEWSROOM_PAGE_CACHE_SECONDS} s.",
                hint="Set CACHE_URL=redis://… (several machines), leave it unset for the "
                "file cache under NEWSROOM_DATA_DIR (one machine), or PAGE_CACHE_SECONDS=0.",
                id="newsroom.E001",
            )
        ]
    return []
