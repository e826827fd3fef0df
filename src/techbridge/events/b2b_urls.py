"""URLs of the b2b pages of events."""

urlpatterns: list[object] = []
