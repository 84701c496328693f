"""A paginator for listings whose size the publishing pipeline has already counted."""

from django.core.paginator import Paginator


class CountedPaginator(Paginator):
    """Django's Paginator told the count (from ListingCounts) instead of counting itself.

    With `load`, the object list holds ids, and the page's slice of them is turned into
    objects by `load(ids)` (such as InterviewPageQuerySet.cards).
    """

    def __init__(self, object_list, per_page, count: int | None, *, load=None):
        super().__init__(object_list, per_page)
        if count is not None:
            self.count = count  # shadows Paginator.count, a cached_property
        self.load = load

    def _get_page(self, object_list, number, paginator):
        if self.load is not None:
            object_list = self.load(list(object_list))
        return super()._get_page(object_list, number, paginator)
