from django.apps import AppConfig


class ReaderSearchConfig(AppConfig):
    name = "reader.search"
    # The label of its tables and migrations from before it moved into reader/.
    label = "reader_search"
    verbose_name = "Readers' search"

    def ready(self):
        from reader.search import signals  # noqa: F401  (connects the receivers)
