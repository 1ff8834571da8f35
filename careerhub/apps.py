import logging

from django.apps import AppConfig
from django.conf import settings


class CareerhubConfig(AppConfig):
    name = "careerhub"
    verbose_name = "careerhub platform"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        if settings.LOG_FORMAT == "json":
            # Python warnings go to stderr as plain text unless logged: in JSON they are log lines too.
            logging.captureWarnings(True)
