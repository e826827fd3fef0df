"""After a meeting: each side records its outcome; "cooperation possible" links the meeting to the
market's cooperation pipeline."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from techbridge.events.access import access_b2b_event, access_own_b2b_registration, access_own_meeting
from techbridge.events.domain.outcomes import OutcomeError, ReportedOutcome, check_record_outcome, other_party
from techbridge.events.enums import MeetingOutcomeKind
from techbridge.events.forms.b2b import OutcomeForm
from techbridge.events.models import MeetingOutcome
from techbridge.market.access import visible_interests


@login_required
@require_http_methods(["GET", "POST"])
def meeting_outcome(request: HttpRequest, slug: str, public_id: str) -> HttpResponse:
    event = access_b2b_event(request.user, slug)
    registration = access_own_b2b_registration(request.user, event)
    meeting = access_own_meeting(registration, public_id)
    mine = MeetingOutcome.objects.filter(meeting=meeting, registration=registration).first()
    initial = (
        {"outcome": mine.outcome, "other_party_no_show": mine.other_party_no_show, "note": mine.note}
        if mine
        else None
    )
    form = OutcomeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            check_record_outcome(
                meeting=meeting,
                registration=registration,
                reported=ReportedOutcome(
                    outcome=data["outcome"],
                    other_party_no_show=data["other_party_no_show"],
                    note=data["note"],
                ),
                now=timezone.now(),
            )
        except OutcomeError as error:
            form.add_error(None, error.message)
        else:
            meeting.refresh_from_db()
            if data["outcome"] == MeetingOutcomeKind.COOPERATION_POSSIBLE and meeting.interest_id is None:
                messages.warning(
                    request,
                    _(
                        "Your outcome was saved, but no expression of interest could be opened: the meeting "
                        "concerns no listing open for interest."
                    ),
                )
            else:
                messages.success(request, _("Your outcome was saved."))
            return redirect("events:meeting_outcome", slug=event.slug, public_id=meeting.public_id)
    interest = (
        visible_interests(request.user).filter(pk=meeting.interest_id).first()
        if meeting.interest_id
        else None
    )
    context = {
        "event": event,
        "meeting": meeting,
        "other": other_party(meeting, registration),
        "form": form,
        "outcomes": meeting.outcomes.select_related("registration__user"),
        "interest": interest,
    }
    return render(request, "events/b2b/meeting_outcome.html", context)
