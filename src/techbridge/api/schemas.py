"""API schemas: explicit fields only, never a model dumped whole (no owner e-mails, no internals).

Every schema a client sends (body or query) derives from InputSchema, which applies the rules of
common/validation.py to each of its fields: the same dates, times and texts the forms refuse are
refused here, as a 422 naming the field and the reason.
"""

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from ninja import Field, Schema
from pydantic import field_validator

from techbridge.common.validation import validate_moment, validate_text, validate_year


def check_input_value(value: Any) -> None:
    """Raises Django's ValidationError for the first date, time or text (however nested) that fails."""
    if isinstance(value, str):
        validate_text(value)
    elif isinstance(value, datetime):
        validate_moment(value)
    elif isinstance(value, date):
        validate_year(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            check_input_value(key)
            check_input_value(item)
    elif isinstance(value, list | tuple | set):
        for item in value:
            check_input_value(item)


def validation_detail(error: ValidationError) -> str | list[dict[str, Any]]:
    """A domain rule's refusal as the API words it: per field like pydantic's 422s, else one text."""
    if hasattr(error, "error_dict"):
        return [
            {"type": "value_error", "loc": ["body", field], "msg": message}
            for field, messages in error.message_dict.items()
            for message in messages
        ]
    return " ".join(error.messages)


class InputSchema(Schema):
    @field_validator("*", mode="after")
    @classmethod
    def _storable(cls, value: Any) -> Any:
        try:
            check_input_value(value)
        except ValidationError as error:
            raise ValueError(" ".join(error.messages)) from None
        return value


class CentreRef(Schema):
    id: int
    slug: str
    name: dict[str, str]


class BranchOut(Schema):
    id: int
    name: dict[str, str]
    country: str
    city: str


class CentreOut(Schema):
    id: int
    slug: str
    name: dict[str, str]
    description: dict[str, str]
    alliance: str | None = Field(None, description="Slug of the alliance the centre belongs to")
    country: str
    city: str
    website: str
    branches: list[BranchOut]

    @staticmethod
    def resolve_alliance(centre: Any) -> str | None:
        return centre.alliance.slug if centre.alliance_id else None

    @staticmethod
    def resolve_branches(centre: Any) -> list[Any]:
        return list(centre.branches.all())


class OrganisationOut(Schema):
    id: int
    name: dict[str, str] = Field(description="One text per language code: en, zh-hans, hu")
    short_name: str
    kind: str
    country: str = Field(description="ISO 3166-1 alpha-2")
    region: str
    city: str
    website: str
    description: dict[str, str]
    logo_url: str | None
    centre: CentreRef | None
    technology_fields: list[str] = Field(description="OECD FORD codes")
    industries: list[str] = Field(description="NACE Rev. 2 section codes")
    is_published: bool

    @staticmethod
    def resolve_logo_url(organisation: Any) -> str | None:
        return organisation.logo.url if organisation.logo else None

    @staticmethod
    def resolve_technology_fields(organisation: Any) -> list[str]:
        return [field.code for field in organisation.technology_fields.all()]

    @staticmethod
    def resolve_industries(organisation: Any) -> list[str]:
        return [industry.code for industry in organisation.industries.all()]


class OrganisationPatch(InputSchema):
    name: dict[str, str] | None = None
    short_name: str | None = Field(None, max_length=40)
    region: str | None = Field(None, max_length=100)
    city: str | None = Field(None, max_length=100)
    website: str | None = Field(None, max_length=200)
    description: dict[str, str] | None = None


class ExpertOut(Schema):
    expertise: dict[str, str]
    technology_fields: list[str]
    mobility: str

    @staticmethod
    def resolve_technology_fields(expert: Any) -> list[str]:
        return [field.code for field in expert.technology_fields.all()]


class PersonOut(Schema):
    id: int
    full_name: str
    position: dict[str, str]
    organisation_id: int | None = Field(description="Null when the organisation is not visible to the caller")
    country: str
    city: str
    languages: list[str]
    expert: ExpertOut | None

    @staticmethod
    def resolve_organisation_id(person: Any) -> int | None:
        # The queryset annotates whether the caller may see the organisation (see api/directory.py).
        return person.organisation_id if getattr(person, "organisation_visible", False) else None

    @staticmethod
    def resolve_expert(person: Any) -> Any:
        return getattr(person, "expert_profile", None)


class MeOut(Schema):
    id: int
    email: str
    display_name: str
    preferred_language: str
    roles: list[str]


class ErrorOut(Schema):
    detail: str | list[dict[str, Any]] = Field(
        description="A message, or for invalid parameters the list of problems per field"
    )
