from django.urls import path

from techbridge.statistics.views import dashboard, exports, highlights, public, reports

app_name = "statistics"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("records/<slug:code>/", dashboard.records, name="records"),
    path("export/<slug:code>/", exports.table, name="export"),
    path("official/", exports.official, name="official_workbook"),
    path("reports/", reports.reports, name="reports"),
    path("reports/<int:pk>/file/", reports.report_file, name="report_file"),
    path("highlights/", highlights.highlights, name="highlights"),
    path("highlights/<int:pk>/", highlights.set_highlight, name="set_highlight"),
    path("results/", public.results, name="results"),
    path("results/<slug:slug>/", public.results, name="centre_results"),
    path("widget/", public.widget, name="widget"),
    path("widget/<slug:slug>/", public.widget, name="centre_widget"),
]
