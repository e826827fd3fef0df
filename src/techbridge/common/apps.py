from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "techbridge.common"
    label = "common"

    def ready(self) -> None:
        from techbridge.common import receivers  # noqa: F401 - records the outcomes of periodic runs
