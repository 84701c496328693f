"""The site's name in the admin's browser tab (templates/wagtailadmin/admin_base.html)."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def site_name() -> str:
    return settings.WAGTAIL_SITE_NAME
