"""Wagtail's own admin strings that its Russian catalogue lacks (or words badly), marked here.

Django looks up a message in LOCALE_PATHS before any app's catalogue, so a translation in
locale/ru covers Wagtail's string; marking it in our code keeps `makemessages` from
dropping it as obsolete, and tests/test_translations.py from forgetting it. Nothing
imports this module. The list comes from comparing Wagtail 8.0's English and Russian
catalogues; check it again when Wagtail is upgraded.
"""

from django.utils.translation import gettext_noop

WAGTAIL_MESSAGES = [
    # Wagtail's "Добавить %(model_name)s" puts the model's name in the nominative
    # ("Добавить персона"); a colon reads correctly for every model.
    gettext_noop("Add %(model_name)s"),
    # wagtail.admin
    gettext_noop('You do not have permission to publish pages at "%(page_title)s"'),
    gettext_noop("Actions (footer)"),
    gettext_noop(
        "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s across entire site."
    ),
    gettext_noop(
        "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s in "
        "'<span class=\"w-title-ellipsis\">%(title)s</span>'."
    ),
    gettext_noop("%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s"),
    gettext_noop("View latest version"),
    gettext_noop("Currently idle"),
    gettext_noop("Proceeding will overwrite the changes you made in that window."),
    gettext_noop("Proceeding will overwrite the changes made by %(user_name)s."),
    gettext_noop("Alternatively, you can view the latest version in a new tab."),
    gettext_noop("A network error occurred"),
    gettext_noop(
        "Troubleshoot your connection to the site before proceeding. Open the editor in a "
        "separate tab to view the last saved version."
    ),
    gettext_noop("Cancelled by %(cancelled_by)s"),
    gettext_noop("Meta description is empty"),
    gettext_noop("Add a concise description for search engines"),
    gettext_noop("Locked by"),
    gettext_noop("Anyone"),
    # wagtail.documents, wagtail.images
    gettext_noop("Maximum filesize: %(max_upload_size)s."),
    gettext_noop("unknown number"),
    # wagtail (core): scheduling messages and the page history
    gettext_noop("%(model_name)s scheduled for publishing at %(go_live_at)s"),
    gettext_noop("%(model_name)s scheduled for publishing"),
    gettext_noop("%(model_name)s unscheduled for publishing at %(go_live_at)s"),
    gettext_noop("%(model_name)s unscheduled from publishing"),
    gettext_noop("- Select an option -"),
    # wagtail (core) and wagtail.users: API tokens in the account settings
    gettext_noop("Wagtail API v3"),
    gettext_noop("A human-readable label to identify this token."),
    gettext_noop("created"),
    gettext_noop("revoked at"),
    gettext_noop("last used at"),
    gettext_noop("API token"),
    gettext_noop("API tokens"),
    gettext_noop("Create API token"),
    gettext_noop("API token created"),
    gettext_noop("Revoke API token"),
    gettext_noop("API token revoked"),
    gettext_noop("Yes, revoke"),
    gettext_noop("No, don't revoke"),
    gettext_noop(
        'The token "%(name)s" has been created, copy it now, it will never be shown again.'
    ),
    gettext_noop("Copy token"),
    gettext_noop("Back to API tokens"),
    gettext_noop("Copying failed — please select and copy the token manually."),
    gettext_noop("Revoked"),
    gettext_noop("Last used"),
    gettext_noop("Token"),
    gettext_noop("Revoke"),
    gettext_noop("Never"),
    gettext_noop("Are you sure you want to revoke this API token?"),
    gettext_noop("API token '%(name)s' revoked."),
]
