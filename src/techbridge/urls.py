from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from techbridge.accounts import views as account_views
from techbridge.api.api import api
from techbridge.common.views import healthz
from techbridge.directory import views as directory_views

urlpatterns = [
    path("", directory_views.home, name="home"),
    path("accounts/profile/", directory_views.my_profile, name="my_profile"),
    path("accounts/", include("techbridge.accounts.urls")),
    path("notifications/", include("techbridge.notifications.urls")),
    path("directory/", include("techbridge.directory.urls")),
    path("market/", include("techbridge.market.urls")),
    path("instruments/", include("techbridge.instruments.urls")),
    path("matching/", include("techbridge.matching.urls")),
    path("events/", include("techbridge.events.urls")),
    path("cooperation/", include("techbridge.cooperation.urls")),
    path("statistics/", include("techbridge.statistics.urls")),
    path("federation/", include("techbridge.federation.urls")),
    path("i18n/setlang/", account_views.set_language, name="set_language"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
