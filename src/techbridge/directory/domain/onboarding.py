"""A new user finds their place: join an organisation (request, or a verified e-mail domain),
propose a new one for a broker to review, or work as an individual expert.

Notices go out through the platform's one notification path, in each recipient's language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from techbridge.accounts.models import User
from techbridge.common.multilingual import localize
from techbridge.common.request_cache import forget_role_answers
from techbridge.directory.domain.routing import responsible_centre_id
from techbridge.directory.enums import NotificationKind, OrganisationRole, RequestStatus
from techbridge.directory.models import (
    Centre,
    CentreOperator,
    ExpertProfile,
    JoinRequest,
    Membership,
    Organisation,
    OrganisationEmailDomain,
    OrganisationProposal,
)
from techbridge.directory.roles import administered_organisation_ids, is_platform_admin
from techbridge.directory.roles import operated_centre_ids as broker_centre_ids
from techbridge.notifications.domain.delivery import notify

REFUSALS = {
    "already_member": gettext_lazy("You are already a member of this organisation."),
    "already_pending": gettext_lazy("Your request to join this organisation is already waiting."),
    "not_allowed": gettext_lazy("You may not decide this request."),
    "not_pending": gettext_lazy("This request has been decided already."),
    "reason_needed": gettext_lazy("Please give a reason when you decline."),
    "name_needed": gettext_lazy("Please give the organisation's name."),
    "bad_domain": gettext_lazy("Enter a domain such as example.edu, without @ or spaces."),
    "public_domain": gettext_lazy("Public mailbox providers cannot be an organisation's domain."),
    "domain_taken": gettext_lazy("This domain is already declared by an organisation."),
}
PUBLIC_MAIL_DOMAINS = frozenset(
    {"gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "yahoo.com", "qq.com", "163.com",
     "126.com", "freemail.hu", "gmx.net", "icloud.com", "proton.me", "protonmail.com", "citromail.hu"}
)  # fmt: skip


class OnboardingError(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code
        self.message = str(REFUSALS.get(code, REFUSALS["not_allowed"]))


@dataclass(frozen=True)
class OnboardingState:
    """Where a user stands, for the pages that say what is pending and what to do next."""

    organisations: Sequence[Organisation]
    pending_requests: Sequence[JoinRequest]
    pending_proposals: Sequence[OrganisationProposal]
    declined_requests: Sequence[JoinRequest]
    declined_proposals: Sequence[OrganisationProposal]
    is_expert: bool

    @property
    def may_publish(self) -> bool:
        return bool(self.organisations)

    @property
    def is_waiting(self) -> bool:
        return bool(self.pending_requests or self.pending_proposals)


def onboarding_state(user: User) -> OnboardingState:
    requests = list(JoinRequest.objects.filter(user=user).select_related("organisation")[:20])
    proposals = list(OrganisationProposal.objects.filter(proposer=user).select_related("centre")[:20])
    return OnboardingState(
        organisations=list(Organisation.objects.filter(memberships__user=user).order_by("id")),
        pending_requests=[r for r in requests if r.status == RequestStatus.PENDING],
        pending_proposals=[p for p in proposals if p.status == RequestStatus.PENDING],
        declined_requests=[r for r in requests if r.status == RequestStatus.DECLINED][:3],
        declined_proposals=[p for p in proposals if p.status == RequestStatus.DECLINED][:3],
        is_expert=ExpertProfile.objects.filter(person__user=user).exists(),
    )


def _notice(
    recipients: Sequence[User], subject: Callable[[], str], body: Callable[[], str], url: str, now: datetime
) -> None:
    notify(
        recipients=recipients,
        kind=NotificationKind.ORGANISATION,
        subject=subject,
        body=body,
        url=url,
        now=now,
    )


def organisation_admins(organisation: Organisation) -> list[User]:
    """Who decides join requests: the organisation's administrators, else the brokers of its centre."""
    admins = [
        membership.user
        for membership in organisation.memberships.filter(role=OrganisationRole.ADMIN, user__is_active=True)
        .select_related("user")
        .order_by("id")
    ]
    return admins or centre_brokers(responsible_centre_id(organisation.centre_id))


def centre_brokers(centre_id: int | None) -> list[User]:
    if centre_id is None:
        return list(User.objects.filter(is_superuser=True, is_active=True))
    operators = CentreOperator.objects.filter(centre_id=centre_id, user__is_active=True)
    return [operator.user for operator in operators.select_related("user").order_by("id")]


def join_request_url(join_request: JoinRequest) -> str:
    return f"/directory/join-requests/{join_request.pk}/"


def proposal_url(proposal: OrganisationProposal) -> str:
    return f"/directory/proposals/{proposal.pk}/"


# ---- joining an organisation ---------------------------------------------------------------


def check_request_join(*, user: User, organisation: Organisation, message: str, now: datetime) -> JoinRequest:
    if Membership.objects.filter(user=user, organisation=organisation).exists():
        raise OnboardingError("already_member")
    if JoinRequest.objects.filter(
        user=user, organisation=organisation, status=RequestStatus.PENDING
    ).exists():
        raise OnboardingError("already_pending")
    join_request = JoinRequest(organisation=organisation, user=user, message=message.strip(), created_at=now)
    try:
        return do_request_join(join_request=join_request, now=now)
    except IntegrityError as error:  # a second click raced the first
        raise OnboardingError("already_pending") from error


@transaction.atomic
def do_request_join(*, join_request: JoinRequest, now: datetime) -> JoinRequest:
    join_request.save()
    organisation, user = join_request.organisation, join_request.user
    _notice(
        organisation_admins(organisation),
        lambda: (
            _("%(name)s asks to join %(organisation)s")
            % {"name": user.display_name, "organisation": localize(organisation.name)}
        ),
        lambda: join_request.message[:500],
        join_request_url(join_request),
        now,
    )
    return join_request


def may_decide_join_request(user: User, join_request: JoinRequest) -> bool:
    organisation = join_request.organisation
    if is_platform_admin(user) or organisation.pk in administered_organisation_ids(user):
        return True
    # Without administrators the organisation's brokers decide (they were notified instead).
    has_admin = organisation.memberships.filter(role=OrganisationRole.ADMIN).exists()
    return not has_admin and responsible_centre_id(organisation.centre_id) in broker_centre_ids(user)


def check_decide_join_request(
    *, join_request: JoinRequest, actor: User, approve: bool, reason: str, now: datetime
) -> JoinRequest:
    if not may_decide_join_request(actor, join_request):
        raise OnboardingError("not_allowed")
    if join_request.status != RequestStatus.PENDING:
        raise OnboardingError("not_pending")
    if not approve and not reason.strip():
        raise OnboardingError("reason_needed")
    return do_decide_join_request(
        join_request=join_request, actor=actor, approve=approve, reason=reason.strip(), now=now
    )


@transaction.atomic
def do_decide_join_request(
    *, join_request: JoinRequest, actor: User, approve: bool, reason: str, now: datetime
) -> JoinRequest:
    join_request.status = RequestStatus.APPROVED if approve else RequestStatus.DECLINED
    join_request.reason, join_request.decided_by, join_request.decided_at = reason, actor, now
    join_request.save()
    organisation = join_request.organisation
    if approve:
        Membership.objects.get_or_create(organisation=organisation, user=join_request.user)
        forget_role_answers(join_request.user)
    _notice(
        [join_request.user],
        (
            lambda: (
                _("You are now a member of %(organisation)s") % {"organisation": localize(organisation.name)}
            )
        )
        if approve
        else (
            lambda: (
                _("Your request to join %(organisation)s was declined")
                % {"organisation": localize(organisation.name)}
            )
        ),
        lambda: reason,
        join_request_url(join_request),
        now,
    )
    return join_request


@transaction.atomic
def do_join_by_email_domain(*, user: User, now: datetime) -> Organisation | None:
    """A confirmed address at a verified domain makes the user a member of its organisation."""
    if user.email_confirmed_at is None or "@" not in user.email:
        return None
    domain = user.email.rsplit("@", 1)[1].lower()
    declared = OrganisationEmailDomain.objects.filter(domain=domain, verified_at__isnull=False).first()
    if declared is None:
        return None
    organisation = declared.organisation
    Membership.objects.get_or_create(organisation=organisation, user=user)
    JoinRequest.objects.filter(user=user, organisation=organisation, status=RequestStatus.PENDING).update(
        status=RequestStatus.APPROVED, decided_at=now
    )
    forget_role_answers(user)
    _notice(
        [user],
        lambda: _("You are now a member of %(organisation)s") % {"organisation": localize(organisation.name)},
        lambda: _("Your e-mail address belongs to a domain this organisation verified."),
        f"/directory/organisations/{organisation.pk}/",
        now,
    )
    return organisation


# ---- e-mail domains ------------------------------------------------------------------------


def clean_domain(value: str) -> str:
    domain = value.strip().lower().removeprefix("@")
    labels = domain.split(".")
    valid = (
        len(domain) <= 253
        and len(labels) >= 2
        and all(0 < len(label) <= 63 and label.isascii() for label in labels)
        and all(char.isalnum() or char == "-" for label in labels for char in label)
        and not any(label.startswith("-") or label.endswith("-") for label in labels)
    )
    if not valid:
        raise OnboardingError("bad_domain")
    if domain in PUBLIC_MAIL_DOMAINS:
        raise OnboardingError("public_domain")
    return domain


def check_declare_domain(*, organisation: Organisation, actor: User, domain: str) -> OrganisationEmailDomain:
    if not (is_platform_admin(actor) or organisation.pk in administered_organisation_ids(actor)):
        raise OnboardingError("not_allowed")
    cleaned = clean_domain(domain)
    if OrganisationEmailDomain.objects.filter(domain=cleaned).exists():
        raise OnboardingError("domain_taken")
    try:
        with transaction.atomic():
            return OrganisationEmailDomain.objects.create(organisation=organisation, domain=cleaned)
    except IntegrityError as error:
        raise OnboardingError("domain_taken") from error


def may_verify_domains(user: User, organisation: Organisation) -> bool:
    if is_platform_admin(user):
        return True
    centres = broker_centre_ids(user)
    return organisation.centre_id in centres or responsible_centre_id(organisation.centre_id) in centres


def check_verify_domain(*, email_domain: OrganisationEmailDomain, actor: User, now: datetime) -> None:
    if not may_verify_domains(actor, email_domain.organisation):
        raise OnboardingError("not_allowed")
    email_domain.verified_at, email_domain.verified_by = now, actor
    email_domain.save(update_fields=["verified_at", "verified_by"])


def check_remove_domain(*, email_domain: OrganisationEmailDomain, actor: User) -> None:
    organisation = email_domain.organisation
    if not (
        organisation.pk in administered_organisation_ids(actor) or may_verify_domains(actor, organisation)
    ):
        raise OnboardingError("not_allowed")
    email_domain.delete()


# ---- proposing a new organisation ----------------------------------------------------------


def check_propose_organisation(*, proposal: OrganisationProposal, now: datetime) -> OrganisationProposal:
    if not proposal.name.strip():
        raise OnboardingError("name_needed")
    proposal.name = proposal.name.strip()
    # The broker of the chosen centre reviews; a centre without one hands over to its coordinator.
    routed = responsible_centre_id(proposal.centre_id)
    if routed is not None:
        proposal.centre_id = routed
    proposal.created_at = now
    return do_propose_organisation(proposal=proposal, now=now)


@transaction.atomic
def do_propose_organisation(*, proposal: OrganisationProposal, now: datetime) -> OrganisationProposal:
    proposal.save()
    _notice(
        centre_brokers(proposal.centre_id),
        lambda: _("New organisation proposed: %(name)s") % {"name": proposal.name},
        lambda: proposal.message[:500],
        proposal_url(proposal),
        now,
    )
    return proposal


def may_review_proposal(user: User, proposal: OrganisationProposal) -> bool:
    return is_platform_admin(user) or proposal.centre_id in broker_centre_ids(user)


def check_decide_proposal(
    *, proposal: OrganisationProposal, actor: User, approve: bool, reason: str, now: datetime
) -> OrganisationProposal:
    if not may_review_proposal(actor, proposal):
        raise OnboardingError("not_allowed")
    if proposal.status != RequestStatus.PENDING:
        raise OnboardingError("not_pending")
    if not approve and not reason.strip():
        raise OnboardingError("reason_needed")
    return do_decide_proposal(proposal=proposal, actor=actor, approve=approve, reason=reason.strip(), now=now)


@transaction.atomic
def do_decide_proposal(
    *, proposal: OrganisationProposal, actor: User, approve: bool, reason: str, now: datetime
) -> OrganisationProposal:
    proposal.status = RequestStatus.APPROVED if approve else RequestStatus.DECLINED
    proposal.reason, proposal.decided_by, proposal.decided_at = reason, actor, now
    if approve:
        language = proposal.proposer.preferred_language or "en"
        proposal.organisation = Organisation.objects.create(
            name={language: proposal.name},
            kind=proposal.kind,
            country=proposal.country,
            city=proposal.city,
            website=proposal.website,
            centre=proposal.centre,
            is_published=True,
        )
        Membership.objects.create(
            organisation=proposal.organisation, user=proposal.proposer, role=OrganisationRole.ADMIN
        )
        forget_role_answers(proposal.proposer)
    proposal.save()
    _notice(
        [proposal.proposer],
        (lambda: _("Your organisation %(name)s was approved") % {"name": proposal.name})
        if approve
        else (lambda: _("Your organisation proposal %(name)s was declined") % {"name": proposal.name}),
        lambda: reason,
        proposal_url(proposal),
        now,
    )
    return proposal


def proposal_centre_choices() -> list[Centre]:
    return list(Centre.objects.order_by("slug"))
