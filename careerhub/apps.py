from django.apps import AppConfig


class CareerhubConfig(AppConfig):
    name = "careerhub"
    verbose_name = "careerhub platform"
    default_auto_field = "django.db.models.BigAutoField"
