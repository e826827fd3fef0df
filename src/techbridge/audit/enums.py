from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditKind(models.TextChoices):
    SIGN_IN = "sign_in", _("Signed in")
    SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
    SIGN_OUT = "sign_out", _("Signed out")
    LOCKOUT = "lockout", _("Locked out after too many attempts")
    TOKEN_CREATED = "token_created", _("API token created")
    TOKEN_REVOKED = "token_revoked", _("API token revoked")
    ROLE_GRANTED = "role_granted", _("Role granted")
    ROLE_CHANGED = "role_changed", _("Role changed")
    ROLE_REVOKED = "role_revoked", _("Role revoked")
    SUPERUSER_CHANGED = "superuser_changed", _("Platform administrator status changed")
    PERSONAL_DATA_EXPORTED = "personal_data_exported", _("Personal data exported")
    LISTING_VISIBILITY_CHANGED = "listing_visibility_changed", _("Listing visibility changed")
