"""Forms of the accounts app: creating an invitation (admin) and accepting one (public)."""

from allauth.account.adapter import get_adapter
from allauth.account.forms import LoginForm as AllauthLoginForm
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from portal.accounts.models import Invitation, Stewardship
from portal.accounts.roles import NETWORK_PARTNERS, ROLE_PARTNER
from portal.accounts.selectors import email_has_account


class InvitationForm(WagtailAdminModelForm):
    """The Wagtail admin's "invite someone" form."""

    class Meta:
        model = Invitation
        fields = ["email", "role", "language", "organisations"]
        widgets = {"organisations": forms.CheckboxSelectMultiple}
        help_texts = {
            "email": _("The invitation link is sent to this address; it becomes the sign-in."),
            "language": _("The email and the acceptance page are in this language."),
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("organisations") and cleaned.get("role") != ROLE_PARTNER:
            self.add_error(
                "organisations",
                _("Only a network partner can be the steward of an organisation."),
            )
        return cleaned

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if email_has_account(email):
            raise ValidationError(_("A user with this email address already exists."), code="taken")
        if Invitation.objects.pending().filter(email__iexact=email).exists():
            raise ValidationError(
                _("This address already has a pending invitation: resend that one instead."),
                code="pending",
            )
        return email


class InvitationAcceptForm(forms.Form):
    """The invitee chooses their name and password."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters; not a common password, not only digits."),
    )
    password2 = forms.CharField(
        label=_("Password (again)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        password1 = cleaned.get("password1")
        password2 = cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords do not match."))
        elif password1:
            user = get_user_model()(
                email=self.email,
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                get_adapter().clean_password(password1, user=user)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class LoginForm(AllauthLoginForm):
    """allauth's sign-in form; a checkbox's label needs no colon ("Muista minut", not
    "Muista minut:")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "remember" in self.fields:
            self.fields["remember"].label_suffix = ""


class StewardshipForm(WagtailAdminModelForm):
    """Staff link a network partner's account to an organisation (the admin's Stewards)."""

    class Meta:
        model = Stewardship
        fields = ["user", "organisation"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, groups__name=NETWORK_PARTNERS)
            .order_by("email")
        )
        self.fields["user"].label_from_instance = lambda user: (
            f"{user.get_full_name()} <{user.email}>" if user.get_full_name() else user.email
        )
        self.fields["user"].help_text = _("Only active network partners can be stewards.")
