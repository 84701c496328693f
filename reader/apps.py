from django.apps import AppConfig


class ReaderConfig(AppConfig):
    name = "reader"
    verbose_name = "Readers' site"

    def ready(self):
        from publishing import pipeline
        from reader import cache, publishing_steps

        pipeline.register(publishing_steps.SHARE_CARD)
        pipeline.register(publishing_steps.PURGE_CACHES)
        pipeline.register_former_path_purger("caches", cache.purge_paths)
