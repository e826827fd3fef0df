from django.urls import path

from techbridge.statistics.views import dashboard, exports, public

app_name = "statistics"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("records/<slug:code>/", dashboard.records, name="records"),
    path("export/<slug:code>/", exports.table, name="export"),
    path("official/", exports.official, name="official_workbook"),
    path("results/", public.results, name="results"),
    path("results/<slug:slug>/", public.results, name="centre_results"),
    path("widget/", public.widget, name="widget"),
    path("widget/<slug:slug>/", public.widget, name="centre_widget"),
]
