"""Public newsletter pages: subscribe, confirm, preferences and unsubscribe.

None of them uses a session or sets a cookie. The subscribe form page is cacheable by the
anonymous page cache; the pages behind signed links are personal and never cached. Their
POST endpoints are csrf_exempt: the subscribe endpoint is guarded as newsletter.origin
explains, the others by the signed token in their URL (RFC 8058 one-click unsubscribe
must work from a mail provider's POST without any cookie or form token).
"""

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from newsletter import conf, ratelimit, tokens
from newsletter.forms import CONSENT_TEXT, PreferencesForm, SubscribeForm
from newsletter.models import MailingList
from newsletter.origin import is_same_origin
from newsletter.services import subscriptions
from portal.client_address import client_ip


def _language() -> str:
    return (get_language() or "fi")[:2]


def _invalid_link(request, *, expired=False, status=400):
    return render(
        request,
        "newsletter/link_invalid.html",
        {"expired": expired, "subscribe_url": reverse("newsletter:subscribe")},
        status=status,
    )


@method_decorator(csrf_exempt, name="dispatch")
class SubscribeView(View):
    """The subscribe form. Every accepted request gets the same answer: check your inbox."""

    template_name = "newsletter/subscribe.html"

    def get(self, request):
        # The footer's and the invitations' short form bring the address here (?email=):
        # a page holding someone's address is theirs only, never stored by a shared cache.
        email = request.GET.get("email", "").strip()[:254]
        if not email:
            return render(request, self.template_name, {"form": SubscribeForm()})
        form = SubscribeForm(initial={"email": email, "language": _language()})
        response = render(request, self.template_name, {"form": form})
        patch_cache_control(response, private=True, no_store=True)
        return response

    def _refuse(self, request, form, message, status):
        return render(
            request, self.template_name, {"form": form, "refusal": message}, status=status
        )

    def post(self, request):
        form = SubscribeForm(request.POST)
        if not is_same_origin(request):
            return self._refuse(
                request,
                form,
                _("The form could not be sent from this page. Reload the page and try again."),
                403,
            )
        limit, period = conf.get("NEWSLETTER_RATE_PER_IP")
        if not ratelimit.hit("ip", client_ip(request), limit=limit, period=period):
            return self._refuse(
                request,
                form,
                _("Too many subscribe attempts from your network. Try again in an hour."),
                429,
            )
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        email = form.cleaned_data["email"]
        limit, period = conf.get("NEWSLETTER_RATE_PER_ADDRESS")
        # Over the per-address limit the answer stays the same; only no email goes out.
        if ratelimit.hit("address", email, limit=limit, period=period):
            subscriptions.subscription_request(
                email=email,
                language=form.cleaned_data["language"],
                lists=list(form.cleaned_data["lists"]),
                consent_text=str(CONSENT_TEXT),
                consent_language=_language(),
            )
        return HttpResponseRedirect(reverse("newsletter:subscribe_done"), status=303)


def subscribe_done(request):
    """The one answer to every subscribe request."""
    return render(request, "newsletter/subscribe_done.html")


@method_decorator([csrf_exempt, never_cache], name="dispatch")
class ConfirmView(View):
    """GET shows a button, POST confirms: link scanners that open every link in an email
    must not be able to confirm a subscription on the person's behalf."""

    def _claim(self, token):
        return tokens.read_confirm_token(token)

    def get(self, request, token):
        try:
            self._claim(token)
        except tokens.ExpiredToken:
            return _invalid_link(request, expired=True)
        except tokens.InvalidToken:
            return _invalid_link(request)
        return render(request, "newsletter/confirm.html")

    def post(self, request, token):
        try:
            claim = self._claim(token)
        except tokens.ExpiredToken:
            return _invalid_link(request, expired=True)
        except tokens.InvalidToken:
            return _invalid_link(request)
        result = subscriptions.confirm_subscription(
            subscriber_key=claim.subscriber_key, consent_id=claim.consent_id
        )
        if not result.valid:
            return _invalid_link(request)
        return render(
            request,
            "newsletter/confirmed.html",
            {
                "lists": result.lists,
                "already": result.already,
                "preferences_url": reverse(
                    "newsletter:preferences", args=[tokens.preferences_token(result.subscriber)]
                ),
            },
        )


@method_decorator([csrf_exempt, never_cache], name="dispatch")
class PreferencesView(View):
    """Change lists and language, or leave every list, through the signed link."""

    template_name = "newsletter/preferences.html"

    def _subscriber(self, token):
        try:
            key = tokens.read_preferences_token(token)
        except tokens.InvalidToken:
            return None
        return subscriptions.subscriber_by_key(key)

    def _context(self, subscriber, form, token, saved=False):
        return {
            "form": form,
            "subscriber": subscriber,
            "saved": saved,
            "consent_text": CONSENT_TEXT,
            "unsubscribe_all_url": reverse(
                "newsletter:unsubscribe", args=[tokens.unsubscribe_token(subscriber)]
            ),
        }

    def get(self, request, token):
        subscriber = self._subscriber(token)
        if subscriber is None:
            return _invalid_link(request)
        form = PreferencesForm(
            subscriber=subscriber, confirmed_slugs=subscriptions.confirmed_slugs(subscriber)
        )
        return render(request, self.template_name, self._context(subscriber, form, token))

    def post(self, request, token):
        subscriber = self._subscriber(token)
        if subscriber is None:
            return _invalid_link(request)
        current = subscriptions.confirmed_slugs(subscriber)
        form = PreferencesForm(request.POST, subscriber=subscriber, confirmed_slugs=current)
        if not form.is_valid():
            return render(
                request, self.template_name, self._context(subscriber, form, token), status=400
            )
        subscriptions.update_preferences(
            subscriber=subscriber,
            language=form.cleaned_data["language"],
            lists=list(form.cleaned_data["lists"]),
            consent_text=str(CONSENT_TEXT),
            consent_language=_language(),
        )
        form = PreferencesForm(
            subscriber=subscriber, confirmed_slugs=subscriptions.confirmed_slugs(subscriber)
        )
        return render(
            request, self.template_name, self._context(subscriber, form, token, saved=True)
        )


@method_decorator([csrf_exempt, never_cache], name="dispatch")
class UnsubscribeView(View):
    """The List-Unsubscribe link. GET asks; POST (RFC 8058 one-click, or the button on the
    page) unsubscribes at once, without sign-in, cookie or form token."""

    def _claim(self, token):
        return tokens.read_unsubscribe_token(token)

    def get(self, request, token):
        try:
            claim = self._claim(token)
        except tokens.InvalidToken:
            return _invalid_link(request)
        mailing_list = (
            MailingList.objects.filter(slug=claim.list_slug).first() if claim.list_slug else None
        )
        return render(request, "newsletter/unsubscribe.html", {"mailing_list": mailing_list})

    def post(self, request, token):
        try:
            claim = self._claim(token)
        except tokens.InvalidToken:
            return _invalid_link(request)
        subscriber = subscriptions.subscriber_by_key(claim.subscriber_key)
        subscriptions.unsubscribe(subscriber=subscriber, list_slug=claim.list_slug)
        mailing_list = (
            MailingList.objects.filter(slug=claim.list_slug).first() if claim.list_slug else None
        )
        context = {"mailing_list": mailing_list}
        if subscriber is not None:
            context["preferences_url"] = reverse(
                "newsletter:preferences", args=[tokens.preferences_token(subscriber)]
            )
        return render(request, "newsletter/unsubscribed.html", context)
