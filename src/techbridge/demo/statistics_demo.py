"""Statistics demo: an official of the demo alliance (official@techbridge.demo) and the annual
report of the alliance for this year, written once in Chinese, English and Hungarian so the reports
page shows finished files. The numbers come from whatever the other demos built (the cooperation
demo's 20 projects signed and 10 implemented, where it is present)."""

from __future__ import annotations

from django.utils import timezone

from techbridge.accounts.models import User
from techbridge.demo.directory_demo import DEMO_PASSWORD
from techbridge.directory.models import Alliance
from techbridge.statistics.domain.aggregates import rebuild
from techbridge.statistics.domain.report import LANGUAGES
from techbridge.statistics.domain.report_requests import run_report
from techbridge.statistics.models import AnnualReport, Official

OFFICIAL_EMAIL = "official@techbridge.demo"


def _official(alliance: Alliance) -> User:
    user = User.objects.filter(email=OFFICIAL_EMAIL).first() or User.objects.create_user(
        OFFICIAL_EMAIL, DEMO_PASSWORD, display_name="Zhang Min (官员)", email_confirmed_at=timezone.now()
    )
    Official.objects.get_or_create(
        user=user, defaults={"alliance": alliance, "title": "Science and Technology Bureau"}
    )
    return user


def do_build_statistics_demo(*, reports: bool = True) -> list[str]:
    alliance = Alliance.objects.filter(slug="cq-sc-gz").first()
    if alliance is None:
        return ["Statistics demo skipped: no demo alliance."]
    official = _official(alliance)
    # The other demos bulk-create listings and bookings (no model signals): count everything once.
    rebuild()
    lines = [f"Statistics demo: official login {OFFICIAL_EMAIL}."]
    if not reports:
        return lines
    year = timezone.localdate().year
    for language in LANGUAGES:
        report = AnnualReport.objects.create(
            year=year,
            language=language,
            file_format="pdf",
            requested_by=official,
            requested_at=timezone.now(),
        )
        run_report(report.pk)
        report.refresh_from_db()
        lines.append(f"Annual report {year} ({language}): {report.get_status_display()}.")
    return lines
