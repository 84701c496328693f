from django.apps import AppConfig


class ReaderSearchConfig(AppConfig):
    name = "reader_search"
    verbose_name = "Readers' search"

    def ready(self):
        from reader_search import signals  # noqa: F401  (connects the receivers)
