from django.urls import path

from techbridge.directory import views
from techbridge.directory.views import onboarding

app_name = "directory"

urlpatterns = [
    path("organisations/", views.organisation_list, name="organisations"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation"),
    path("organisations/<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
    path("organisations/<int:pk>/join/", onboarding.join_organisation, name="join"),
    path("organisations/<int:pk>/domains/", onboarding.organisation_domains, name="organisation_domains"),
    path("domains/<int:pk>/", onboarding.email_domain_action, name="email_domain_action"),
    path("welcome/", onboarding.welcome, name="welcome"),
    path("join-requests/", onboarding.join_request_list, name="join_requests"),
    path("join-requests/<int:pk>/", onboarding.join_request_detail, name="join_request"),
    path("join-requests/<int:pk>/decide/", onboarding.join_request_decide, name="join_request_decide"),
    path("proposals/", onboarding.proposal_list, name="proposals"),
    path("proposals/new/", onboarding.propose_organisation, name="propose"),
    path("proposals/<int:pk>/", onboarding.proposal_detail, name="proposal"),
    path("proposals/<int:pk>/decide/", onboarding.proposal_decide, name="proposal_decide"),
    path("people/", views.person_list, name="people"),
    path("people/<int:pk>/", views.person_detail, name="person"),
    path("centres/", views.centre_list, name="centres"),
    path("centres/<slug:slug>/", views.centre_detail, name="centre"),
    path("fields/", views.technology_fields, name="fields"),
]
