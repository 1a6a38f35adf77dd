"""KEKO portal settings: one module, every value read from the environment (portal.config)."""

from portal import config
from portal.config import BASE_DIR, env
from portal.logs import logging_config

DEBUG = env("DEBUG")
PRODUCTION = config.production_mode()
SECRET_KEY = config.secret_key(PRODUCTION)
ALLOWED_HOSTS = env("ALLOWED_HOSTS") or ["localhost", "127.0.0.1", "[::1]"]
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS")
BASE_URL = env("BASE_URL").rstrip("/")
WAGTAILADMIN_BASE_URL = BASE_URL

INSTALLED_APPS = [
    "portal",
    "portal.accounts",
    "cms_pages",
    "ecosystem",
    "newsletter",
    "steering",
    "indicators",
    "dashboard",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "portal.accounts.users_app.KekoUsersAppConfig",  # wagtail.users, with roles listed
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "portal.client_address.ClientAddressMiddleware",
    "portal.logs.RequestIdMiddleware",
    "portal.metrics.MetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "portal.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.page_cache.AnonymousPageCacheMiddleware",
    # Below the page cache: a cached page is still served while the database is away.
    "portal.outage.DatabaseOutageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "portal.security.UrlLengthMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # allauth.usersessions' activity tracking, at most once a minute per session and client.
    "portal.accounts.activity.UserActivityMiddleware",
    "portal.accounts.middleware.AdminAccessMiddleware",
    # Signed-in users: pages and map data shared by an audience (portal.page_cache).
    "portal.page_cache.AudiencePageCacheMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# Reverse proxies whose X-Forwarded-For is believed (portal/client_address.py).
TRUSTED_PROXY_COUNT, TRUSTED_PROXIES = config.trusted_proxies()

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {"default": config.database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": config.cache()}
PAGE_CACHE_SECONDS = env("PAGE_CACHE_SECONDS")
# Query-string variants of one path the page cache keeps per generation (portal.page_cache).
PAGE_CACHE_MAX_VARIANTS = env("PAGE_CACHE_MAX_VARIANTS")
# Longer addresses get the translated 414 page (portal.security.UrlLengthMiddleware).
KEKO_MAX_URL_LENGTH = env("KEKO_MAX_URL_LENGTH")

TASKS = {"default": {"BACKEND": config.task_backend()}}
# The newsletter sender's journal and lease-holder files (newsletter/services/journal.py);
# empty: var/newsletter-journal. Every worker that may resume a send must see this folder.
NEWSLETTER_JOURNAL_DIR = env("NEWSLETTER_JOURNAL_DIR") or None
if TASKS["default"]["BACKEND"] == config.TASK_BACKENDS["rq"]:
    # RQ over Redis (django-tasks-rq): workers are `manage.py rqworker --with-scheduler`.
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = config.rq_queues()
    # Workers must run jobs through django-tasks-rq's job class (it calls the Task's function);
    # the project's subclasses log a failed task once, without personal data.
    RQ = {"JOB_CLASS": "portal.tasks_rq.Job", "WORKER_CLASS": "portal.tasks_rq.Worker"}

vars().update(config.email())
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Languages: Finnish first, then Swedish and English. Finnish pages have no prefix.
LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", "Suomi"), ("sv", "Svenska"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
# One way to write a date per language (portal/formats): 22.4.2026 in fi/sv, 22 April 2026 in en.
FORMAT_MODULE_PATH = ["portal.formats"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env("STATIC_ROOT")
MEDIA_URL = "/media/"
MEDIA_ROOT = env("MEDIA_ROOT")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_MAX_AGE = 3600

# Security. Production mode turns on what `check --deploy` asks for.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env("SECURE_HSTS_SECONDS")
    # Both reach beyond this site (every subdomain; browsers' built-in lists, slow to undo):
    # the operator opts in.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env("SECURE_HSTS_INCLUDE_SUBDOMAINS")
    SECURE_HSTS_PRELOAD = env("SECURE_HSTS_PRELOAD")
# `check --deploy` recommends both; here they are a deliberate, documented choice.
SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W021"]

# Wagtail
WAGTAIL_SITE_NAME = "KEKO"
# ASCII slugs from Finnish and Swedish titles ("Työpajat" → "tyopajat"), like the demo's.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # Finnish is the site's first language: stem page text as Finnish ("palvelut" finds
    # "palvelu"). The index is built with it: after changing it, `manage.py update_index`.
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "finnish"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False  # addresses change through allauth, verified
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILEMBEDS_FINDERS = []  # nothing outside the registries is reachable; no oEmbed calls

# Accounts (django-allauth): email login, mandatory verification, invitation only.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "portal.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"login": "portal.accounts.forms.LoginForm"}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
# One address per account. Nobody here needs extra addresses (partners sign in with the one
# they were invited at); a user may change it, and the new address replaces the old only
# once confirmed from its mailbox. Until then it reserves nothing (portal.accounts.selectors).
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_MAX_EMAIL_ADDRESSES = 2  # what allauth requires with CHANGE_EMAIL: current + pending
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "KEKO: "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "signup": "20/m/ip",
    # A steward's proposals (ecosystem.stewardship): plenty for real work, not for a script.
    "stewardship_proposal": "10/m/user,60/h/user",
}
ACCOUNT_EMAIL_NOTIFICATIONS = True  # tell people when their password or 2FA changes
# "Confirm it is you" (before adding an authenticator, changing email...): password or 2FA
# code, not an emailed code: a stolen session plus a read mailbox must not be enough.
ACCOUNT_REAUTHENTICATION_METHODS = ("password", "mfa")
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "KEKO"
MFA_TOTP_TOLERANCE = 1  # accept the previous/next 30-second code: phones' clocks drift
USERSESSIONS_TRACK_ACTIVITY = True
KEKO_INVITATION_DAYS = 7
# Roles that must use two-factor authentication (portal.accounts.middleware): staff always
# for the admin; add "steering" and/or "partner" to require it for the whole site.
KEKO_MFA_REQUIRED_ROLES = config.mfa_required_roles()
KEKO_CHECK_PERIOD_DAYS = config.positive_days("KEKO_CHECK_PERIOD_DAYS")
KEKO_CHECK_LINK_DAYS = config.positive_days("KEKO_CHECK_LINK_DAYS")

# GET /metrics (portal.metrics): from these addresses without a proxy, or with the token.
METRICS_TOKEN = env("METRICS_TOKEN")
METRICS_ALLOWED_IPS = env("METRICS_ALLOWED_IPS")

# LOG_FORMAT=json: one JSON object a line with the request id (portal.logs).
LOGGING = logging_config(env("LOG_LEVEL"), config.log_format())
