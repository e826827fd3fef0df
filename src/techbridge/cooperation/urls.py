from django.urls import path

from techbridge.cooperation.views import agreements, cases, projects

app_name = "cooperation"
urlpatterns = [
    path("", cases.board, name="board"),
    path("mine/", cases.mine, name="mine"),
    path("cases/<int:pk>/", cases.case_detail, name="case"),
    path("cases/<int:pk>/stage/", cases.change_stage, name="case_stage"),
    path("cases/<int:pk>/messages/", cases.post_message, name="case_message"),
    path("cases/<int:pk>/reveal/", cases.reveal_owner, name="case_reveal"),
    path("cases/<int:pk>/agreements/new/", agreements.agreement_new, name="agreement_new"),
    path("cases/<int:pk>/drafts/<str:kind>.docx", agreements.draft_document, name="case_draft"),
    path("registration-export/", agreements.registration_export, name="registration_export"),
    path("start/interest/<uuid:public_id>/", cases.start_from_interest, name="start_from_interest"),
    path("start/meeting/<uuid:public_id>/", cases.start_from_meeting, name="start_from_meeting"),
    path("start/showcase/<int:pk>/", cases.start_from_showcase, name="start_from_showcase"),
    path("agreements/<int:pk>/", agreements.agreement_detail, name="agreement"),
    path("agreements/<int:pk>/edit/", agreements.agreement_edit, name="agreement_edit"),
    path("agreements/<int:pk>/documents/", agreements.upload_document, name="agreement_upload"),
    path("agreements/<int:pk>/sign/", agreements.sign, name="agreement_sign"),
    path("agreements/<int:pk>/status/", agreements.change_status, name="agreement_status"),
    path("agreements/<int:pk>/projects/", agreements.create_project, name="agreement_project"),
    path("documents/<int:pk>/", agreements.download_document, name="document"),
    path("attachments/<int:pk>/", projects.download_attachment, name="attachment"),
    path("projects/<int:pk>/", projects.project_detail, name="project"),
    path("projects/<int:pk>/status/", projects.project_status, name="project_status"),
    path("projects/<int:pk>/milestones/", projects.add_milestone, name="milestone_add"),
    path(
        "projects/<int:pk>/milestones/<int:milestone_pk>/meet/",
        projects.meet_milestone,
        name="milestone_meet",
    ),
    path("projects/<int:pk>/figures/", projects.report_figure, name="figure_add"),
]
