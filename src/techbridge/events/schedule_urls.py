"""URLs of the scheduling pages of events."""

urlpatterns: list[object] = []
