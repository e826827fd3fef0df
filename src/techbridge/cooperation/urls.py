app_name = "cooperation"
urlpatterns: list[object] = []
