"""`check --deploy`: workflow notifications need a real mail server in production."""

import os

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.mail, deploy=True)
def mail_is_sent(app_configs, **kwargs):
    if os.environ.get("EMAIL_URL"):
        return []
    mailer = settings.MAILERS["default"]
    return [
        checks.Warning(
            "EMAIL_URL is not set: workflow notifications are not sent, they go to "
            f"{mailer.get('OPTIONS', {}).get('file_path', mailer['BACKEND'])}.",
            hint="Set EMAIL_URL, e.g. smtp://user:password@mail.example:587 (README.md).",
            id="publishing.W001",
        )
    ]
