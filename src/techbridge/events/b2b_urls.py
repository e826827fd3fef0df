"""URLs of the B2B pages of events: catalogue, profile, requests, meetings and their outcomes, dashboard."""

from django.urls import path

from techbridge.events.views import b2b_catalogue, b2b_dashboard, b2b_meetings, b2b_profile, b2b_requests

urlpatterns = [
    path("<slug:slug>/b2b/participants/", b2b_catalogue.catalogue, name="catalogue"),
    path("<slug:slug>/b2b/participants/<int:pk>/", b2b_catalogue.participant, name="participant"),
    path("<slug:slug>/b2b/profile/", b2b_profile.my_b2b_profile, name="my_b2b_profile"),
    path("<slug:slug>/b2b/profile/blocked/", b2b_profile.block_time, name="block_time"),
    path("<slug:slug>/b2b/profile/blocked/<int:pk>/delete/", b2b_profile.unblock_time, name="unblock_time"),
    path("<slug:slug>/b2b/requests/", b2b_requests.my_requests, name="requests"),
    path("<slug:slug>/b2b/requests/new/<int:pk>/", b2b_requests.request_new, name="request_new"),
    path("<slug:slug>/b2b/requests/<int:pk>/answer/", b2b_requests.request_answer, name="request_answer"),
    path("<slug:slug>/b2b/requests/<int:pk>/cancel/", b2b_requests.request_cancel, name="request_cancel"),
    path("<slug:slug>/b2b/arrange/", b2b_requests.arrange_meeting, name="arrange_meeting"),
    path(
        "<slug:slug>/b2b/meetings/<uuid:public_id>/outcome/",
        b2b_meetings.meeting_outcome,
        name="meeting_outcome",
    ),
    path("<slug:slug>/dashboard/", b2b_dashboard.dashboard, name="dashboard"),
]
