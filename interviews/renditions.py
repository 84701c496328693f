"""The image renditions readers' pages ask for, made when an interview is published.

Wagtail draws a rendition the first time a template asks for it. A front page with a
dozen cards asks for ~150 (AVIF, WebP and JPEG in several sizes each): its first view
after a publication took seconds. The publishing pipeline makes them instead (the
`IMAGE_RENDITIONS` step), so readers find them ready.

The specs are written exactly as the templates write them, because Wagtail keys a
rendition by that text: `fill-1200x630|format-jpeg` and `format-jpeg|fill-1200x630` are
two files. tests/test_images.py opens each kind of page after a publication and fails
if one draws a rendition this list does not make.
"""

from collections.abc import Iterable

from wagtail.images.models import Filter

from interviews.lead_images import LEAD_IMAGE_SPEC
from interviews.models import InterviewPage, TopicProfile

# The interview's own page, a lead card in a listing, a card further down; feeds and JSON-LD.
LEAD_IMAGE_SPECS = (
    "format-{avif,webp,jpeg} fill-{480x270,800x450,1200x675,1600x900}",
    "format-{avif,webp,jpeg} fill-{320x180,640x360,960x540}",
    "format-{avif,webp,jpeg} fill-{160x90,320x180,480x270}",
    LEAD_IMAGE_SPEC,
)
# The interview's people, the person's page and its share image, the front page's people.
PORTRAIT_SPECS = (
    "format-{avif,webp,jpeg} fill-{80x80,160x160}",
    "format-{avif,webp,jpeg} fill-{96x96,192x192,288x288}",
    "format-{avif,webp,jpeg} fill-{64x64,128x128}",
    "fill-1200x630 format-jpeg",
)
# The topic page's header and its share image.
TOPIC_IMAGE_SPECS = (
    "format-{avif,webp,jpeg} fill-{480x200,800x333,1280x533}",
    "fill-1200x630 format-jpeg",
)


def expanded(specs: Iterable[str]) -> list[str]:
    """Every single rendition spec the templates' brace patterns stand for, once each."""
    return list(dict.fromkeys(one for spec in specs for one in Filter.expand_spec(spec)))


def make_renditions(page: InterviewPage) -> None:
    """The renditions of the page's lead image, its people's portraits and its topics'
    images; those already there are kept."""
    wanted = []
    if page.lead_image_id:
        wanted.append((page.lead_image, LEAD_IMAGE_SPECS))
    for row in page.interview_people.select_related("person__photo"):
        if row.person.photo_id:
            wanted.append((row.person.photo, PORTRAIT_SPECS))
    profiles = TopicProfile.objects.filter(tag__in=page.tags.all(), image__isnull=False)
    for profile in profiles.select_related("image"):
        wanted.append((profile.image, TOPIC_IMAGE_SPECS))
    for image, specs in wanted:
        image.get_renditions(*expanded(specs))
