from django.urls import path
from django.views.generic import RedirectView

from techbridge.market.views import alerts, browse, editing, interests, io, workbench

app_name = "market"

urlpatterns = [
    path("", browse.listing_list, name="listings"),
    path("feed/rss/", browse.NewListingsFeed(), name="feed_rss"),
    path("feed/atom/", browse.NewListingsAtomFeed(), name="feed_atom"),
    path("listings/new/", editing.listing_choose_kind, name="listing_new"),
    path("listings/new/<slug:kind>/", editing.listing_create, name="listing_create"),
    path("listings/<int:pk>/", browse.listing_detail, name="listing"),
    path("listings/<int:pk>/qr.svg", browse.listing_qr, name="listing_qr"),
    path("listings/<int:pk>/print.pdf", browse.listing_pdf, name="listing_pdf"),
    path("listings/<int:pk>/edit/", editing.listing_edit, name="listing_edit"),
    path("listings/<int:pk>/action/", editing.listing_action, name="listing_action"),
    path("listings/<int:pk>/attachments/", editing.attachment_upload, name="attachment_upload"),
    path("attachments/<int:pk>/", editing.attachment_download, name="attachment"),
    path("listings/<int:pk>/interest/", interests.interest_create, name="interest_create"),
    path("interests/", interests.interest_list, name="interests"),
    path("interests/<uuid:public_id>/", interests.interest_detail, name="interest"),
    path("interests/<uuid:public_id>/action/", interests.interest_action, name="interest_action"),
    path("mine/", workbench.my_listings, name="mine"),
    path("review/", workbench.review_queue, name="review"),
    path("review/bulk/", workbench.review_bulk, name="review_bulk"),
    path("review/statistics/", workbench.statistics, name="statistics"),
    # The notifications moved to their own app; old bookmarks still find them.
    path("notifications/", RedirectView.as_view(pattern_name="notifications:list", permanent=True)),
    path("export.<slug:fmt>", io.export_listings, name="export"),
    path("import/", io.import_upload, name="import"),
    path("import/commit/", io.import_commit, name="import_commit"),
    path("searches/", alerts.saved_searches, name="saved_searches"),
    path("searches/save/", alerts.save_search, name="save_search"),
    path("searches/<int:pk>/frequency/", alerts.saved_search_update, name="saved_search_update"),
    path("searches/<int:pk>/delete/", alerts.saved_search_delete, name="saved_search_delete"),
    path("widget/<str:token>/", alerts.widget, name="widget"),
    path("alerts/stop/<str:token>/", alerts.alert_unsubscribe, name="alert_unsubscribe"),
]
