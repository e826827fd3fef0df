"""URLs of the programme pages of events."""

urlpatterns: list[object] = []
