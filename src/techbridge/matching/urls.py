from django.urls import path

from techbridge.matching import views

app_name = "matching"

urlpatterns = [
    path("for-you/", views.for_you, name="for_you"),
    path("listings/<int:pk>/best/", views.best_matches, name="best_matches"),
    path("listings/<int:pk>/experts/", views.experts, name="experts"),
    path("listings/<int:pk>/investors/", views.investors, name="investors"),
    path("listings/<int:pk>/best/<int:candidate_pk>/feedback/", views.feedback, name="feedback"),
    path("listings/<int:pk>/best/<int:candidate_pk>/decision/", views.decision, name="decision"),
]
