"""Choices of the cooperation app; those mirroring techbridge_core.cooperation are checked by a test."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseStage(models.TextChoices):
    NEGOTIATING = "negotiating", _("Negotiating")
    AGREEMENT_DRAFTED = "agreement_drafted", _("Agreement drafted")
    SIGNED = "signed", _("Signed")
    IN_IMPLEMENTATION = "in_implementation", _("In implementation")
    IMPLEMENTED = "implemented", _("Implemented")
    COMPLETED = "completed", _("Completed")
    ABANDONED = "abandoned", _("Abandoned")
    ON_HOLD = "on_hold", _("On hold")


class CaseSource(models.TextChoices):
    INTEREST = "interest", _("Expression of interest")
    MEETING = "meeting", _("B2B meeting")
    SHOWCASE = "showcase", _("Exhibition showcase")
    BROKER = "broker", _("Started by a broker")


class CasePartyRole(models.TextChoices):
    LISTING_OWNER = "listing_owner", _("Listing owner")
    INTERESTED = "interested", _("Interested party")
    OTHER = "other", _("Other party")


class MessageChannel(models.TextChoices):
    PARTIES = "parties", _("Parties and brokers")
    INTERNAL = "internal", _("Brokers' internal note")


class AgreementKind(models.TextChoices):
    MOU = "mou", _("Memorandum of understanding")
    FRAMEWORK = "framework_agreement", _("Framework agreement")
    COOPERATION = "cooperation_agreement", _("Cooperation agreement")
    LICENCE = "licence", _("Licence")
    TECHNOLOGY_CONTRACT = "technology_contract", _("Technology contract")


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed")
    REGISTERED = "registered", _("Registered")
    IN_FORCE = "in_force", _("In force")
    EXPIRED = "expired", _("Expired")
    TERMINATED = "terminated", _("Terminated")


class ContractCategory(models.TextChoices):
    DEVELOPMENT = "development", _("Technology development")
    TRANSFER = "transfer", _("Technology transfer and licensing")
    CONSULTING = "consulting", _("Technology consulting")
    SERVICE = "service", _("Technology service")


class ContractSubtype(models.TextChoices):
    COMMISSIONED = "commissioned", _("Commissioned development")
    COOPERATIVE = "cooperative", _("Cooperative development")
    PATENT_RIGHT = "patent_right", _("Patent right transfer")
    PATENT_APPLICATION_RIGHT = "patent_application_right", _("Patent application right transfer")
    TECHNICAL_SECRET = "technical_secret", _("Technical secret transfer")
    LICENCE = "licence", _("Licence")
    NONE = "", _("None")


class PartyRole(models.TextChoices):
    PARTY = "party", _("Party")
    ENTRUSTING_PARTY = "entrusting_party", _("Entrusting party")
    TRUSTEE = "trustee", _("Trustee")
    COOPERATING_PARTY = "cooperating_party", _("Cooperating party")
    TRANSFEROR = "transferor", _("Transferor")
    TRANSFEREE = "transferee", _("Transferee")
    LICENSOR = "licensor", _("Licensor")
    LICENSEE = "licensee", _("Licensee")


class IpType(models.TextChoices):
    NONE = "none", _("None")
    PATENT = "patent", _("Patent")
    PATENT_APPLICATION = "patent_application", _("Patent application")
    TECHNICAL_SECRET = "technical_secret", _("Technical secret")
    SOFTWARE_COPYRIGHT = "software_copyright", _("Software copyright")
    IC_LAYOUT = "ic_layout", _("Integrated circuit layout design")
    PLANT_VARIETY = "plant_variety", _("New plant variety")


class ProjectStatus(models.TextChoices):
    SIGNED = "signed", _("Signed")
    STARTED = "started", _("Started")
    IMPLEMENTED = "implemented", _("Implemented")
    COMPLETED = "completed", _("Completed")
    ABANDONED = "abandoned", _("Abandoned")


class MilestoneStatus(models.TextChoices):
    OPEN = "open", _("Open")
    MET = "met", _("Met")
    CANCELLED = "cancelled", _("Cancelled")


class FigureKind(models.TextChoices):
    INVESTMENT = "investment", _("Investment")
    PAYMENTS_RECEIVED = "payments_received", _("Contract payments received")
    PRODUCTS = "products", _("New products")
    PATENTS_FILED = "patents_filed", _("Patents filed")
    PEOPLE_EXCHANGED = "people_exchanged", _("People exchanged")


class NotificationKind(models.TextChoices):
    """The cooperation app's kind of notification (registered with the notifications app in apps.py)."""

    COOPERATION = "cooperation", _("Cooperation case updates")
