"""Latin slugs in the admin, by the same scheme the server uses (interviews.slugs).

Wagtail fills a slug in the browser as the editor types the title, with its own
transliteration table ('х' -> 'h', 'ц' -> 'c', 'я' -> 'ya'), so a draft's slug would
depend on whether it was made in the admin or by the importer. The slug widget accepts
regex formatters that run before Wagtail's own table; one per Cyrillic letter makes
the browser's slug the one `latin_slug` gives.
"""

import re

from wagtail.admin.panels import TitleFieldPanel
from wagtail.admin.widgets import SlugInput

from interviews.slugs import SCHEME

LATIN_SLUG_FORMATTERS = [
    (re.compile(re.escape(letter), re.IGNORECASE), latin) for letter, latin in SCHEME.items()
]


class LatinSlugInput(SlugInput):
    """Wagtail's slug input, transliterating Cyrillic by ICAO 9303 before its own table."""

    def __init__(self, attrs=None, formatters=None, locale=None):
        super().__init__(attrs, formatters=formatters or LATIN_SLUG_FORMATTERS, locale=locale)


class NewRecordTitleFieldPanel(TitleFieldPanel):
    """Fills the slug from the name only while the record is new.

    Wagtail keeps syncing a snippet's slug for as long as it matches the title, so a
    spelling fix to a person's name would silently move their public page.
    """

    class BoundPanel(TitleFieldPanel.BoundPanel):
        def get_should_apply(self):
            return not (self.instance and self.instance.pk)
