"""Field validators of the ecosystem register; every message is translated."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

BUSINESS_ID_RE = re.compile(r"^(\d{7})-(\d)$")
BUSINESS_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)
MUNICIPALITY_CODE_RE = re.compile(r"^\d{3}$")


def business_id_check_digit(digits: str) -> int | None:
    """The check digit of a Finnish business ID (Y-tunnus) body of 7 digits.

    None when no check digit exists for the body (the weighted sum leaves remainder 1):
    such a body is never issued.
    """
    remainder = sum(int(d) * w for d, w in zip(digits, BUSINESS_ID_WEIGHTS, strict=True)) % 11
    if remainder == 0:
        return 0
    if remainder == 1:
        return None
    return 11 - remainder


def validate_business_id(value: str) -> None:
    """A Finnish business ID: seven digits, a hyphen and a correct check digit (1234567-1)."""
    match = BUSINESS_ID_RE.match(value or "")
    if not match:
        raise ValidationError(
            _("Enter the business ID as seven digits, a hyphen and a check digit, e.g. 0246246-0."),
            code="business_id_format",
        )
    body, check = match.groups()
    if business_id_check_digit(body) != int(check):
        raise ValidationError(
            _("The check digit of business ID %(value)s is wrong: check the number."),
            code="business_id_check_digit",
            params={"value": value},
        )


def validate_municipality_code(value: str) -> None:
    """An official municipality code of Statistics Finland: three digits, e.g. 858."""
    if not MUNICIPALITY_CODE_RE.match(value or ""):
        raise ValidationError(
            _("A municipality code is three digits, e.g. 858 for Tuusula."),
            code="municipality_code_format",
        )
