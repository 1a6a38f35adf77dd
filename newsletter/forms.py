"""Forms of the public newsletter pages and of the staff views."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from newsletter import conf
from newsletter.addresses import normalise_email
from newsletter.models.subscribers import MailingList

CONSENT_TEXT = _(
    "I want to receive the KEKO project's newsletter by email. My address is used only for "
    "sending the newsletter and is not given to anyone else. I can unsubscribe at any time "
    "with the link in every newsletter."
)


class ListChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class AddressField(forms.CharField):
    """An email address, normalised; line breaks get their own message (header injection)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 320)
        kwargs.setdefault(
            "widget", forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"})
        )
        kwargs["strip"] = False  # normalise_email() sees the raw value and its line breaks
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return value
        return normalise_email(value)


class SubscribeForm(forms.Form):
    email = AddressField(
        label=_("Email address"),
        error_messages={"required": _("Enter your email address.")},
    )
    language = forms.ChoiceField(label=_("Language of the newsletter"), choices=settings.LANGUAGES)
    lists = ListChoiceField(
        label=_("Lists"),
        queryset=MailingList.objects.filter(public=True),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one list."),
            "invalid_choice": _("Choose lists from those offered."),
            "invalid_pk_value": _("Choose lists from those offered."),
        },
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": _("Tick the box to agree, otherwise we cannot subscribe you.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"language": (get_language() or "fi")[:2]})
        super().__init__(*args, **kwargs)


class PreferencesForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the newsletter"), choices=settings.LANGUAGES)
    lists = ListChoiceField(
        label=_("I want to receive"),
        queryset=MailingList.objects.none(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, subscriber, confirmed_slugs, **kwargs):
        kwargs.setdefault(
            "initial", {"language": subscriber.language, "lists": list(confirmed_slugs)}
        )
        super().__init__(*args, **kwargs)
        # Public lists, plus any other list the person is on (so they can leave it).
        self.fields["lists"].queryset = MailingList.objects.filter(
            Q(public=True) | Q(slug__in=list(confirmed_slugs))
        )


class SubscriberImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8, comma or semicolon separated, with a header row: email, language, lists "
            "(list identifiers separated by spaces or |). An export of this portal can be "
            "imported as it is."
        ),
    )
    consent_basis = forms.CharField(
        label=_("Basis for sending"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_(
            "How these people agreed to receive the newsletter, e.g. 'Asked at the partner "
            "workshop on 12 May 2026'. It is stored with each imported subscription."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = conf.get("NEWSLETTER_IMPORT_MAX_BYTES")
        if upload.size > limit:
            raise ValidationError(
                _("The file is too large (%(size)s MB); the limit is %(limit)s MB."),
                params={
                    "size": f"{upload.size / 1048576:.1f}",
                    "limit": f"{limit / 1048576:.0f}",
                },
            )
        return upload


class DataRequestForm(forms.Form):
    email = AddressField(label=_("Email address of the person"))


class SendForm(forms.Form):
    mailing_list = forms.ModelChoiceField(
        label=_("Send to the confirmed subscribers of"),
        queryset=MailingList.objects.all(),
        empty_label=None,
        widget=forms.RadioSelect,
    )
    confirm = forms.BooleanField(
        label=_("Yes, send this issue now."),
        error_messages={"required": _("Tick the box to confirm the send.")},
    )
