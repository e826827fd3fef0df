"""Directory pages. Each view asks the access funnel for objects, then renders."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from techbridge.accounts.domain.time_zone import viewer_time_zone
from techbridge.accounts.forms import TimeZoneForm
from techbridge.accounts.models import User
from techbridge.common.pages import is_htmx, page_of
from techbridge.directory.access import (
    access_centre,
    access_organisation,
    access_person,
    editable_organisations,
    visible_centres,
    visible_organisations,
    visible_people,
)
from techbridge.directory.domain.onboarding import onboarding_state
from techbridge.directory.domain.people import do_create_person_for_user, do_save_profile
from techbridge.directory.domain.queries import filter_organisations, filter_people
from techbridge.directory.forms import (
    ExpertProfileForm,
    OrganisationFilterForm,
    OrganisationForm,
    PersonFilterForm,
    PersonForm,
)
from techbridge.directory.models import Branch, ExpertProfile, TechnologyField
from techbridge.directory.roles import is_operator, member_organisation_ids

PAGE_SIZE = 24


def home(request: HttpRequest) -> HttpResponse:
    context = {
        "organisation_count": visible_organisations(request.user).count(),
        "expert_count": visible_people(request.user).filter(expert_profile__isnull=False).count(),
        "centres": visible_centres(request.user)
        .select_related("alliance")
        .annotate(branch_count=Count("branches", distinct=True)),
        "state": onboarding_state(request.user) if isinstance(request.user, User) else None,
    }
    return render(request, "directory/home.html", context)


def organisation_list(request: HttpRequest) -> HttpResponse:
    form = OrganisationFilterForm(request.GET or None)
    organisations = filter_organisations(
        visible_organisations(request.user), form.filters()
    ).prefetch_related("technology_fields")
    context = {"form": form, "page": page_of(request, organisations, size=PAGE_SIZE)}
    template = (
        "directory/_organisation_results.html" if is_htmx(request) else "directory/organisation_list.html"
    )
    return render(request, template, context)


def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = access_organisation(request.user, pk)
    people = visible_people(request.user).filter(organisation=organisation).select_related("expert_profile")
    context = {
        "organisation": organisation,
        "people": people,
        "fields": organisation.technology_fields.all(),
        "industries": organisation.industries.all(),
        "can_edit": _can_edit(request, pk),
        "may_join": request.user.is_authenticated and pk not in member_organisation_ids(request.user),
    }
    return render(request, "directory/organisation_detail.html", context)


def _can_edit(request: HttpRequest, pk: int) -> bool:
    return editable_organisations(request.user).filter(pk=pk).exists()


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = access_organisation(request.user, pk, for_edit=True)
    form = OrganisationForm(request.POST or None, request.FILES or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The organisation profile was saved."))
        return redirect("directory:organisation", pk=organisation.pk)
    return render(request, "directory/organisation_edit.html", {"form": form, "organisation": organisation})


def person_list(request: HttpRequest) -> HttpResponse:
    form = PersonFilterForm(request.GET or None)
    people = filter_people(visible_people(request.user), form.filters())
    context = {"form": form, "page": page_of(request, people, size=PAGE_SIZE)}
    template = "directory/_person_results.html" if is_htmx(request) else "directory/person_list.html"
    return render(request, template, context)


def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = access_person(request.user, pk)
    expert = ExpertProfile.objects.filter(person=person).prefetch_related("technology_fields").first()
    organisation_visible = (
        person.organisation_id is not None
        and visible_organisations(request.user).filter(pk=person.organisation_id).exists()
    )
    context = {"person": person, "expert": expert, "organisation_visible": organisation_visible}
    return render(request, "directory/person_detail.html", context)


def centre_list(request: HttpRequest) -> HttpResponse:
    centres = (
        visible_centres(request.user)
        .select_related("alliance")
        .annotate(
            branch_count=Count("branches", distinct=True),
        )
        .prefetch_related(Prefetch("branches", queryset=Branch.objects.order_by("id")))
    )
    return render(request, "directory/centre_list.html", {"centres": centres})


def centre_detail(request: HttpRequest, slug: str) -> HttpResponse:
    centre = access_centre(request.user, slug)
    members = visible_organisations(request.user).filter(centre=centre).order_by("id")
    context = {
        "centre": centre,
        "branches": centre.branches.all(),
        "operators": centre.operators.select_related("user").order_by("id")
        if is_operator(request.user)
        else [],
        "page": page_of(request, members, size=PAGE_SIZE),
        "alliance_centres": centre.alliance.centres.exclude(pk=centre.pk) if centre.alliance else [],
    }
    return render(request, "directory/centre_detail.html", context)


def technology_fields(request: HttpRequest) -> HttpResponse:
    roots = TechnologyField.objects.filter(parent__isnull=True).prefetch_related("children")
    return render(request, "directory/technology_fields.html", {"roots": roots})


@login_required
@require_http_methods(["GET", "POST"])
def my_profile(request: HttpRequest) -> HttpResponse:
    person = do_create_person_for_user(user=request.user)  # type: ignore[arg-type]
    expert = ExpertProfile.objects.filter(person=person).first()
    person_form = PersonForm(request.POST or None, instance=person, prefix="person")
    expert_form = ExpertProfileForm(
        request.POST or None,
        instance=expert,
        prefix="expert",
        initial={"offers_expertise": expert is not None},
    )
    if request.method == "POST" and person_form.is_valid() and expert_form.is_valid():
        with transaction.atomic():
            offers = expert_form.cleaned_data["offers_expertise"]
            saved_person = person_form.save(commit=False)
            saved_expert = expert_form.save(commit=False) if offers else None
            do_save_profile(person=saved_person, expert=saved_expert, offers_expertise=offers)
            if saved_expert is not None:
                expert_form.save_m2m()
        messages.success(request, _("Your profile was saved."))
        return redirect("directory:person", pk=person.pk)
    context = {
        "person_form": person_form,
        "expert_form": expert_form,
        "state": onboarding_state(request.user),  # type: ignore[arg-type]
        "time_zone_form": TimeZoneForm(initial={"time_zone": viewer_time_zone(request.user)}),
    }
    return render(request, "accounts/profile.html", context)
