from django.urls import path

from techbridge.directory import views

app_name = "directory"

urlpatterns = [
    path("organisations/", views.organisation_list, name="organisations"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation"),
    path("organisations/<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
    path("people/", views.person_list, name="people"),
    path("people/<int:pk>/", views.person_detail, name="person"),
    path("centres/", views.centre_list, name="centres"),
    path("centres/<slug:slug>/", views.centre_detail, name="centre"),
    path("fields/", views.technology_fields, name="fields"),
]
