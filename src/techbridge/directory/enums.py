from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    UNIVERSITY = "university", _("University")
    RESEARCH_INSTITUTE = "research_institute", _("Research institute")
    ENTERPRISE = "enterprise", _("Enterprise")
    GOVERNMENT = "government", _("Government body")
    INVESTOR = "investor", _("Investor or financial institution")
    TRANSFER_CENTRE = "transfer_centre", _("Technology transfer centre")
    SERVICE_PROVIDER = "service_provider", _("Service provider")
    INTERNATIONAL = "international", _("International organisation")


class OrganisationRole(models.TextChoices):
    ADMIN = "admin", _("Organisation administrator")
    MEMBER = "member", _("Organisation member")


class CentreRole(models.TextChoices):
    OPERATOR = "operator", _("Centre operator (technology broker)")
    MANAGER = "manager", _("Centre manager")


class ProfileVisibility(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    MEMBERS = "members", _("Signed-in users")
    PRIVATE = "private", _("Only me and the operators")


class Mobility(models.TextChoices):
    NONE = "none", _("Not open to travel")
    VISITS = "visits", _("Short visits")
    SECONDMENT = "secondment", _("Secondments of several months")
    RELOCATION = "relocation", _("Relocation")


class QualificationRecognition(models.TextChoices):
    NOT_SUBMITTED = "not_submitted", _("Not submitted")
    PENDING = "pending", _("Recognition pending")
    RECOGNISED = "recognised", _("Recognised")


class RequestStatus(models.TextChoices):
    """A join request or an organisation proposal waits for one decision."""

    PENDING = "pending", _("Waiting for a decision")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class NotificationKind(models.TextChoices):
    """The directory's kinds of notification (registered with the notifications app in apps.py)."""

    ORGANISATION = "organisation", _("Organisation membership")
