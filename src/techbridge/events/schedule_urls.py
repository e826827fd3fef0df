"""URLs of the scheduling pages of events: scheduler runs (organisers) and personal agendas."""

from django.urls import path

from techbridge.events.views import schedule_agenda, schedule_runs

urlpatterns = [
    path("<slug:slug>/schedule/", schedule_runs.schedule, name="schedule"),
    path("<slug:slug>/schedule/runs/<int:pk>/", schedule_runs.schedule_run, name="schedule_run"),
    path("<slug:slug>/schedule/runs/<int:pk>/publish/", schedule_runs.publish_run, name="schedule_publish"),
    path("<slug:slug>/schedule/runs/<int:pk>/cancel/", schedule_runs.cancel_run, name="schedule_cancel"),
    path("<slug:slug>/agenda/", schedule_agenda.agenda, name="agenda"),
    path("<slug:slug>/agenda.pdf", schedule_agenda.agenda_pdf, name="agenda_pdf"),
    path("<slug:slug>/agenda.ics", schedule_agenda.agenda_ical, name="agenda_ical"),
]
