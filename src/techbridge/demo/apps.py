from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "techbridge.demo"
    label = "demo"
