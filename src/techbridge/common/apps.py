from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "techbridge.common"
    label = "common"
