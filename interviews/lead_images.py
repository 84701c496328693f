"""The lead image as machines read it: JSON-LD, feeds, the news sitemap, the API.

One rendition for all of them, 16:9 JPEG at 1200 px wide (Google's minimum for large
previews is 1200 px; JPEG because not every feed reader knows AVIF or WebP). It is cut
around the editor's focal point like every other crop.
"""

LEAD_IMAGE_SPEC = "fill-1200x675|format-jpeg"


def lead_rendition(page):
    """The page's lead image rendition, or None; prefetched renditions are reused."""
    if page.lead_image_id is None or page.lead_image is None:
        return None
    return page.lead_image.get_rendition(LEAD_IMAGE_SPEC)


def lead_image_url(page, request) -> str | None:
    rendition = lead_rendition(page)
    return request.build_absolute_uri(rendition.url) if rendition else None
