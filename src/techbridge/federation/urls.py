from django.urls import path

from techbridge.federation.views import pages, protocol

app_name = "federation"

urlpatterns = [
    # The protocol (docs/federation.md): signed by partners, except the actor document.
    path("", protocol.actor, name="actor"),
    path("outbox/", protocol.outbox, name="outbox"),
    path("inbox/", protocol.inbox, name="inbox"),
    path("interests/<str:remote_uuid>/", protocol.interest, name="interest"),
    path("handshake/", protocol.handshake, name="handshake"),
    # Pages
    path("search/", pages.alliance_search, name="search"),
    path("records/<int:pk>/", pages.record_detail, name="record"),
    path("partners/", pages.partners, name="partners"),
    path("partners/<int:pk>/status/", pages.partner_status, name="partner_status"),
]
