from django.apps import AppConfig


class CareerhubConfig(AppConfig):
    name = "careerhub"
    verbose_name = "careerhub platform"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from careerhub.api import strict_types

        # JSON bodies must carry the types the schema promises (see the module docstring).
        strict_types.install()
