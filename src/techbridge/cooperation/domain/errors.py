"""The cooperation app's refusals, each worded in the user's language and tied to a field."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from techbridge_core.cooperation.refusals import CooperationRefusedError

MESSAGES = {
    "not_allowed": _("You may not do this with this case."),
    "case_closed": _("This case is closed."),
    "same_stage": _("The case is already at this stage."),
    "stage_not_allowed": _("The case cannot move to this stage from its current one."),
    "reason_required": _("Please give a reason."),
    "reason_too_long": _("The reason is too long."),
    "stale_version": _("Someone else changed this in the meantime; reload the page and try again."),
    "interest_not_accepted": _("Only an accepted expression of interest can start a negotiation."),
    "outcome_not_cooperation": _("Only a meeting marked “cooperation possible” can start a negotiation."),
    "case_exists": _("A cooperation case already exists for this."),
    "no_centre": _("No centre can follow this case; choose a responsible centre."),
    "empty_message": _("Please write a message."),
    "message_too_long": _("The message is too long (at most 8000 characters)."),
    "category_only_for_contracts": _("Only technology contracts have a category."),
    "category_required": _("Choose the technology-contract category."),
    "subtype_mismatch": _("This sub-type does not belong to the chosen category."),
    "two_parties_needed": _("An agreement needs at least two different organisations as parties."),
    "role_not_allowed": _("This party role does not fit this kind of agreement."),
    "role_missing": _("Every party role of this kind of agreement must be filled."),
    "party_not_in_case": _("Every party of the agreement must be a party of the case."),
    "amount_negative": _("An amount cannot be negative."),
    "amount_absurd": _("This amount is implausibly large."),
    "amount_invalid": _("Enter a number."),
    "amount_precision": _("Use at most two decimals."),
    "income_above_total": _("The technical income cannot exceed the total amount."),
    "total_required": _("Enter the total amount as well."),
    "currency_unknown": _("Unknown currency: use an ISO 4217 code such as CNY, EUR or HUF."),
    "currency_required": _("Choose the currency of the amounts."),
    "date_out_of_range": _("This date is out of range."),
    "end_before_start": _("The end of the term cannot be before its start."),
    "status_not_allowed": _("This status change is not possible now."),
    "signatures_missing": _("Not every party has signed the current version yet."),
    "registration_only_for_contracts": _("Only technology contracts are registered."),
    "registration_details_missing": _("Enter the registration number and date."),
    "not_a_party": _("Only a party to the agreement can sign it."),
    "not_a_draft": _("Only a draft agreement can be signed."),
    "superseded_version": _("This version of the document has been superseded; sign the current one."),
    "already_signed": _("Your organisation has already signed this version."),
    "no_document": _("Upload the agreement's document before signing."),
    "agreement_not_signed": _("A project can only be created from a signed agreement."),
    "project_abandoned": _("The project has been abandoned; no milestones can be added or met."),
    "project_completed": _("The project is completed; no milestones can be added or met."),
    "milestone_closed": _("This milestone is no longer open."),
    "evidence_required": _("Describe the evidence that the milestone was met."),
    "title_required": _("Fill in the title."),
    "text_too_long": _("The text is too long."),
    "value_negative": _("A figure cannot be negative."),
    "owner_only": _("Only the listing owner can agree to be named."),
    "owner_through_broker": _(
        "This achievement's owner is anonymous: express your interest through the broker instead."
    ),
    "organisation_needed": _("Only a member of an organisation can start a cooperation case."),
    "own_showcase": _("This is your own organisation's achievement."),
    "terms_fixed": _("Only a draft agreement's terms can be changed."),
    "parties_signed": _("The parties cannot change once someone has signed."),
    "terms_signed": _(
        "A party has signed the current version of the document: its terms are locked. "
        "Upload a new version to change them."
    ),
}


class CooperationError(Exception):
    """A refusal with a stable code, the field it concerns and the message in the active language."""

    def __init__(self, code: str, field: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.field = field

    @property
    def message(self) -> str:
        return str(MESSAGES.get(self.code, MESSAGES["not_allowed"]))

    @classmethod
    def from_core(cls, refused: CooperationRefusedError) -> CooperationError:
        return cls(refused.code, refused.field)


class InvalidDraftError(CooperationError):
    """Several refusals at once (the terms of an agreement): one per field."""

    def __init__(self, errors: list[CooperationError]) -> None:
        super().__init__(errors[0].code, errors[0].field)
        self.errors = errors

    def by_field(self) -> dict[str, list[str]]:
        fields: dict[str, list[str]] = {}
        for error in self.errors:
            fields.setdefault(error.field or "__all__", []).append(error.message)
        return fields
