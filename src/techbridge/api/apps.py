from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "techbridge.api"
    label = "api"

    def ready(self) -> None:
        from techbridge.api import tasks  # noqa: F401 - registers the API's background jobs
