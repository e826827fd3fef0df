from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "techbridge.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from techbridge.accounts import tasks  # noqa: F401 - registers the jobs
