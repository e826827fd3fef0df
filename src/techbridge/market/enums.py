from django.db import models
from django.utils.translation import gettext_lazy as _


class ListingKind(models.TextChoices):
    OFFER = "offer", _("Technology offer")
    DEMAND = "demand", _("Technology demand")
    RD_COOPERATION = "rd_cooperation", _("R&D cooperation request")
    CAPITAL = "capital", _("Capital offer")
    EXPERTISE = "expertise", _("Expertise offer")
    SERVICE = "service", _("Service offer")


class ListingStatus(models.TextChoices):
    """Mirrors techbridge_core.market.lifecycle.Status (the rules live there)."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    PUBLISHED = "published", _("Published")
    RETURNED = "returned", _("Returned with comments")
    REJECTED = "rejected", _("Rejected")
    ON_HOLD = "on_hold", _("On hold")
    EXPIRED = "expired", _("Expired")
    ARCHIVED = "archived", _("Archived")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ListingAction(models.TextChoices):
    SUBMIT = "submit", _("Submit for review")
    START_REVIEW = "start_review", _("Start review")
    APPROVE = "approve", _("Approve and publish")
    RETURN = "return", _("Return with comments")
    REJECT = "reject", _("Reject")
    HOLD = "hold", _("Put on hold")
    RESUME = "resume", _("Resume")
    WITHDRAW = "withdraw", _("Withdraw")
    RENEW = "renew", _("Renew for a year")
    EXPIRE = "expire", _("Expire")
    ARCHIVE = "archive", _("Archive")
    CREATE = "create", _("Create")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    ALLIANCE = "alliance", _("Alliance only")
    CENTRE = "centre", _("Own centre only")
    CONFIDENTIAL = "confidential", _("Confidential: named organisations only")


class PartnershipType(models.TextChoices):
    LICENCE = "licence", _("Licence")
    IP_SALE = "ip_sale", _("Sale of IP")
    JOINT_DEVELOPMENT = "joint_development", _("Joint development")
    TECHNICAL_COOPERATION = "technical_cooperation", _("Technical cooperation")
    INVESTMENT = "investment", _("Investment")
    COMMERCIAL_WITH_ASSISTANCE = "commercial_assistance", _("Commercial agreement with technical assistance")
    RD_COOPERATION = "rd_cooperation", _("R&D cooperation")


class DevelopmentStage(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    UNDER_DEVELOPMENT = "under_development", _("Under development")
    LAB_TESTED = "lab_tested", _("Lab tested")
    DEMONSTRATED = "demonstrated", _("Demonstrated")
    ON_THE_MARKET = "on_the_market", _("On the market")


class IprStatus(models.TextChoices):
    NONE = "none", _("None")
    SECRET_KNOW_HOW = "secret_know_how", _("Secret know-how")
    APPLIED = "applied", _("Patent applied for")
    GRANTED = "granted", _("Patent granted")


class PriceTerms(models.TextChoices):
    NEGOTIABLE = "negotiable", _("Negotiable")
    FIXED = "fixed", _("Fixed price")
    AUCTION = "auction", _("Auction")
    FREE = "free", _("Free")


class ServiceKind(models.TextChoices):
    TESTING = "testing", _("Testing")
    CONSULTING = "consulting", _("Consulting")
    IP = "ip", _("Intellectual property")
    LEGAL = "legal", _("Legal")
    EXPERTISE = "expertise", _("Expert advice")


class InvestmentStage(models.TextChoices):
    SEED = "seed", _("Seed")
    EARLY = "early", _("Early stage")
    GROWTH = "growth", _("Growth")
    LATE = "late", _("Late stage")


class EoiStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    FORWARDED = "forwarded", _("Forwarded to the owner")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    CLOSED = "closed", _("Closed")


class NotificationKind(models.TextChoices):
    """The market's kinds of notification (registered with the notifications app in apps.py)."""

    LISTING_STATUS = "listing_status", _("Listing status changed")
    LISTING_EXPIRING = "listing_expiring", _("Listing expires soon")
    EOI_RECEIVED = "eoi_received", _("Expression of interest received")
    EOI_STATUS = "eoi_status", _("Expression of interest updated")
