"""Schakel settings: one module, every variable read strictly from the environment.

Each variable is documented where it is read and listed in README.md ("Configuratie").
``SCHAKEL_ENV`` selects the environment: ``development`` (default, also `make run`),
``test`` (the default under pytest) or ``production`` (refuses insecure or demo configuration).
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from lib.database import database_from_url
from lib.env import (
    ConfigurationError,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_str,
    require_strong_secret,
)

BASE_DIR = Path(__file__).resolve().parent.parent

# SCHAKEL_ENV: development | test | production. Under pytest (which sets PYTEST_VERSION)
# the default is "test".
ENVIRONMENT = env_choice(
    "SCHAKEL_ENV",
    ("development", "test", "production"),
    "test" if "PYTEST_VERSION" in os.environ else "development",
)
PRODUCTION = ENVIRONMENT == "production"
TESTING = ENVIRONMENT == "test"

# SECRET_KEY (or SECRET_KEY_FILE): required in production. Development and tests use a fixed
# key that can never be valid in production because production refuses to start without one.
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ConfigurationError("SECRET_KEY (or SECRET_KEY_FILE) is required in production.")
    SECRET_KEY = "insecure-development-key-never-used-in-production-" + "x" * 20
elif PRODUCTION:
    require_strong_secret("SECRET_KEY", SECRET_KEY)

# DEBUG: only for a developer's own machine; never in production. Default false, so even
# `make run` shows the real Dutch error pages and never a stack trace.
DEBUG = env_bool("DEBUG", False)
if PRODUCTION and DEBUG:
    raise ConfigurationError("DEBUG=true is not allowed in production.")

# SCHAKEL_DEMO: demo mode with fictional data (set by `make run`). Demo accounts may log in
# with the password "demo" and skip the TOTP step; every page shows a DEMO banner.
DEMO_MODE = env_bool("SCHAKEL_DEMO", False)
if PRODUCTION and DEMO_MODE:
    raise ConfigurationError("Demo mode (SCHAKEL_DEMO=true) is refused in production.")

# ALLOWED_HOSTS: comma-separated host names; required in production.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ConfigurationError("ALLOWED_HOSTS is required in production.")
if TESTING:
    ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]

# DATA_DIR: where the SQLite database and other local state live (default ./var).
DATA_DIR = Path(env_str("DATA_DIR", str(BASE_DIR / "var")))

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_htmx",
    "axes",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "mozilla_django_oidc",
    "accounts",
    "audit",
    "access",
    "persons",
    "meetings",
    "tasks",
    "signals",
    "cases",
    "search",
    "conferences",
    "mytasks",
    "measures",
    "checklists",
    "network",
    "support",
    "preparedness",
    "reports",
    "portal",
    "administration",
    "privacy",
    "demo",
]
if TESTING:
    # Test-only support: a `flush` that may empty the append-only processing log between
    # transactional tests. Never installed outside the test environment.
    INSTALLED_APPS.append("tests.support")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "audit.middleware.TraceMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.language.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "access.middleware.AccessRuleMiddleware",
    "portal.middleware.SecurityHeadersMiddleware",
    # Last, so that it sees the credentials of a request after every other middleware.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "schakel.urls"
WSGI_APPLICATION = "schakel.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "portal.context_processors.site",
            ],
        },
    },
]

# DATABASE_URL: postgres://user:password@host:port/name (or postgres:///name for the Unix
# socket). Unset: SQLite at DATA_DIR/schakel.sqlite3.
DATABASES = {
    "default": database_from_url(env_str("DATABASE_URL"), sqlite_path=DATA_DIR / "schakel.sqlite3"),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # axes first: it refuses a locked-out username + IP before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.EmailBackend",
]
# OIDC_ENABLED: switch on single sign-on through an OpenID Connect identity provider.
OIDC_ENABLED = env_bool("OIDC_ENABLED", False)
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("accounts.oidc.ExistingUserOIDCBackend")
    # OIDC_RP_CLIENT_ID, OIDC_RP_CLIENT_SECRET(_FILE), OIDC_OP_AUTHORIZATION_ENDPOINT,
    # OIDC_OP_TOKEN_ENDPOINT, OIDC_OP_USER_ENDPOINT, OIDC_OP_JWKS_ENDPOINT: from the IdP.
    OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID")
    OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT")
    # OIDC_RP_SIGN_ALGO: RS256 (default) or another algorithm the IdP signs with.
    OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
    missing = [
        name
        for name in (
            "OIDC_RP_CLIENT_ID",
            "OIDC_OP_AUTHORIZATION_ENDPOINT",
            "OIDC_OP_TOKEN_ENDPOINT",
            "OIDC_OP_USER_ENDPOINT",
            "OIDC_OP_JWKS_ENDPOINT",
        )
        if not globals()[name]
    ]
    if missing:
        raise ConfigurationError(f"OIDC_ENABLED=true needs {', '.join(missing)}.")
    # Roles are never taken from the identity provider; an unknown user is refused.
    OIDC_CREATE_USER = False
    OIDC_RP_SCOPES = "openid email"
    LOGIN_REDIRECT_URL_FAILURE = "/inloggen/"

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:start"
LOGOUT_REDIRECT_URL = "accounts:login"

PASSWORD_HASHERS = (
    # Hashing is deliberately slow; tests use a fast hasher so the suite stays quick.
    ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if TESTING
    else [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.ScryptPasswordHasher",
    ]
)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Sessions: idle 15 minutes, absolute 12 hours (accounts.middleware enforces both). ---
# SESSION_IDLE_MINUTES / SESSION_ABSOLUTE_HOURS may shorten (never lengthen much) the limits.
SESSION_IDLE_TIMEOUT = timedelta(minutes=env_int("SESSION_IDLE_MINUTES", 15, minimum=1))
SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=env_int("SESSION_ABSOLUTE_HOURS", 12, minimum=1))
SESSION_COOKIE_AGE = int(SESSION_ABSOLUTE_TIMEOUT.total_seconds())
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_NAME = "schakel_session"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"

# --- django-axes: lock a username + IP pair after 5 failures, so an attacker elsewhere
# cannot lock a user out of their own workstation. ---
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# AXES_COOLOFF_MINUTES: how long a lock lasts (default 30).
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30, minimum=1))
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
# Lockout counts accounts, not spellings (GGZ@, ggz@ and full-width letters are one counter).
AXES_USERNAME_CALLABLE = "accounts.login_names.lockout_username"
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
# Besides the lock per account and address: a lock per network against password spraying
# (accounts/lockout.py). LOGIN_FAILURES_PER_NETWORK failures of any accounts from one IPv4 /24
# or IPv6 /64 (LOCKOUT_NETWORK_PREFIX_IPV4 / _IPV6) within the cool-off lock that network.
AXES_HANDLER = "accounts.lockout.NetworkLockoutHandler"
LOGIN_FAILURES_PER_NETWORK = env_int("LOGIN_FAILURES_PER_NETWORK", 30, minimum=AXES_FAILURE_LIMIT)
LOCKOUT_NETWORK_PREFIX_IPV4 = env_int("LOCKOUT_NETWORK_PREFIX_IPV4", 24, minimum=8)
LOCKOUT_NETWORK_PREFIX_IPV6 = env_int("LOCKOUT_NETWORK_PREFIX_IPV6", 64, minimum=16)
if LOCKOUT_NETWORK_PREFIX_IPV4 > 32 or LOCKOUT_NETWORK_PREFIX_IPV6 > 128:
    raise ConfigurationError("LOCKOUT_NETWORK_PREFIX_IPV4/_IPV6 are at most 32 and 128.")
AXES_VERBOSE = False
# Schakel's own processing log records logins and failures; axes keeps only its counters.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
# Behind a reverse proxy, set AXES_IPWARE_PROXY_COUNT / META precedence to the real client IP.
AXES_IPWARE_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 0, minimum=0)
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)

OTP_TOTP_ISSUER = "Schakel"
OTP_TOTP_THROTTLE_FACTOR = 1

# --- Internationalisation: Dutch by default, English available. ---
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The two date formats of the interface (long for reading, dd-mm-jjjj in tables), per language.
FORMAT_MODULE_PATH = ["schakel.formats"]
USE_I18N = True
TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True
LANGUAGE_COOKIE_NAME = "schakel_language"
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static files: our own CSS plus the NL Design System packages installed by npm. ---
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("nlds/utrecht", BASE_DIR / "node_modules/@utrecht/component-library-css/dist"),
    (
        "nlds/tokens",
        BASE_DIR / "node_modules/@nl-design-system-unstable/voorbeeld-design-tokens/dist",
    ),
]

# --- E-mail through Django's backends. EMAIL_BACKEND: smtp in production, console by default.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
# EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD(_FILE), EMAIL_USE_TLS.
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", PRODUCTION)
# SITE_URL: the address users reach Schakel at, for links in e-mails.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# DEFAULT_FROM_EMAIL: sender of notifications.
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Schakel <noreply@schakel.example>")

# --- Separation of duties (docs/access.md). ---
# MEMBERSHIP_APPROVERS: who approves a role the administrator grants before it gives any
# right: "privacy_officer" (default), "lead", or "lead,privacy_officer" (either may). A lead
# approves grants in their own municipality and at regional partners. Grants of the admin and
# privacy officer roles are approved by the privacy officer whatever this says.
MEMBERSHIP_APPROVERS = tuple(env_list("MEMBERSHIP_APPROVERS", ["privacy_officer"]))
if not MEMBERSHIP_APPROVERS or not set(MEMBERSHIP_APPROVERS) <= {"lead", "privacy_officer"}:
    raise ConfigurationError(
        'MEMBERSHIP_APPROVERS must be "privacy_officer", "lead" or "lead,privacy_officer".'
    )

# --- Signals. ---
# SIGNAL_VERIFICATION_WORKING_DAYS: working days to verify a signal (default 5).
SIGNAL_VERIFICATION_WORKING_DAYS = env_int("SIGNAL_VERIFICATION_WORKING_DAYS", 5, minimum=1)
# SIGNAL_RETENTION_DAYS: how long a signal that was not included is kept (default 365).
SIGNAL_RETENTION_DAYS = env_int("SIGNAL_RETENTION_DAYS", 365, minimum=1)

# --- Cases. ---
# BREAK_GLASS_HOURS: how long an emergency access (noodtoegang) to a case lasts (default 4).
BREAK_GLASS_HOURS = env_int("BREAK_GLASS_HOURS", 4, minimum=1)
# KNOWN_CHECKS_PER_MINUTE / KNOWN_CHECKS_PER_HOUR: how many "already known?" checks one account
# may run; more is refused with 429 (an intake desk checks a few names an hour; a script that
# walks a list of names does not get to).
KNOWN_CHECKS_PER_MINUTE = env_int("KNOWN_CHECKS_PER_MINUTE", 10, minimum=1)
KNOWN_CHECKS_PER_HOUR = env_int("KNOWN_CHECKS_PER_HOUR", 60, minimum=1)
# USAGE_REFUSALS_PER_DAY / USAGE_KNOWN_CHECKS_PER_DAY: from how many refused accesses or
# "already known?" checks by one account on one day the privacy officer's usage page marks it.
USAGE_REFUSALS_PER_DAY = env_int("USAGE_REFUSALS_PER_DAY", 10, minimum=1)
USAGE_KNOWN_CHECKS_PER_DAY = env_int("USAGE_KNOWN_CHECKS_PER_DAY", 25, minimum=1)

# --- Measures. ---
# MEASURE_END_WARNING_DAYS: how long before a measure ends the lead gets the task to decide
# on renewal or prepare the end (default 42 days, six weeks).
MEASURE_END_WARNING_DAYS = env_int("MEASURE_END_WARNING_DAYS", 42, minimum=1)
# MEASURE_VIEW_TERM_DAYS: the term for a view (zienswijze) on an intended decision (default 14).
MEASURE_VIEW_TERM_DAYS = env_int("MEASURE_VIEW_TERM_DAYS", 14, minimum=1)

# --- Council reports (docs/reports.md). ---
# COUNCIL_REPORT_MIN_CELL: counts below this are shown as "< n" (default 10, never below 5).
COUNCIL_REPORT_MIN_CELL = env_int("COUNCIL_REPORT_MIN_CELL", 10, minimum=5)
# COUNCIL_REPORT_BLOCK: the one period size of this installation, quarter or year; one size
# only, so that no two reports can be subtracted from each other.
COUNCIL_REPORT_BLOCK = env_choice("COUNCIL_REPORT_BLOCK", ("quarter", "year"), "quarter")

# --- Audit: the key that pseudonymises subject ids in the processing log. ---
# AUDIT_PSEUDONYM_KEY (or _FILE): required in production; rotating it breaks searches by
# subject across the rotation, so keep it as long as the log.
AUDIT_PSEUDONYM_KEY = env_str("AUDIT_PSEUDONYM_KEY")
if not AUDIT_PSEUDONYM_KEY:
    if PRODUCTION:
        raise ConfigurationError("AUDIT_PSEUDONYM_KEY (or _FILE) is required in production.")
    AUDIT_PSEUDONYM_KEY = "development-pseudonym-key"
elif PRODUCTION:
    require_strong_secret("AUDIT_PSEUDONYM_KEY", AUDIT_PSEUDONYM_KEY)

# --- Audit: the keys of the hash chain and its anchors (docs/audit.md, "Hash chain"). ---
# AUDIT_CHAIN_KEY (or _FILE): the HMAC key of the processing log's hash chain; required in
# production. It is never stored in the database, so whoever can only change the database
# cannot recompute the chain. Change it only with `manage.py audit_rotate_chain_key`.
AUDIT_CHAIN_KEY = env_str("AUDIT_CHAIN_KEY")
if not AUDIT_CHAIN_KEY:
    if PRODUCTION:
        raise ConfigurationError("AUDIT_CHAIN_KEY (or _FILE) is required in production.")
    AUDIT_CHAIN_KEY = "development-audit-chain-key"
elif PRODUCTION:
    require_strong_secret("AUDIT_CHAIN_KEY", AUDIT_CHAIN_KEY)
    if AUDIT_CHAIN_KEY in (SECRET_KEY, AUDIT_PSEUDONYM_KEY):
        raise ConfigurationError("AUDIT_CHAIN_KEY must be a key of its own.")
# AUDIT_CHAIN_KEY_RETIRED (or _FILE): earlier chain keys, comma-separated, kept so that the
# records they signed still verify and so that the rotation record can be signed. Empty
# until the first rotation.
AUDIT_CHAIN_KEY_RETIRED = env_list("AUDIT_CHAIN_KEY_RETIRED")
if PRODUCTION:
    # A weak retired key would let anyone who guesses it rewrite what it signed.
    for _retired in AUDIT_CHAIN_KEY_RETIRED:
        require_strong_secret("AUDIT_CHAIN_KEY_RETIRED", _retired)
# AUDIT_ANCHOR_PATH: the append-only file `manage.py audit_anchor` writes the chain's signed
# head to (default DATA_DIR/audit-anchors.jsonl). Point it at write-once storage, or copy it
# off the machine after every anchor. Tests never read a developer's own anchor file: their
# test database would not match it.
AUDIT_ANCHOR_PATH = Path(
    env_str(
        "AUDIT_ANCHOR_PATH",
        str(DATA_DIR / ("test-audit-anchors.jsonl" if TESTING else "audit-anchors.jsonl")),
    )
)

# --- Security headers. ---
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY: dict[str, dict[str, object]] = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    },
}
if PRODUCTION:
    # Production runs behind TLS: cookies only over HTTPS, HSTS for a year.
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    # SECURE_PROXY_SSL_HEADER_NAME: header the TLS proxy sets (e.g. HTTP_X_FORWARDED_PROTO).
    _proxy_header = env_str("SECURE_PROXY_SSL_HEADER_NAME")
    if _proxy_header:
        SECURE_PROXY_SSL_HEADER = (_proxy_header, "https")
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True
    CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The largest body a form post or an API request may have (the longest texts are 10,000
# characters), and the most fields a form post may carry (the plan's 40 goals and its
# fields stay well under it). Beyond either, Django answers 400 and lib.parsers.
# BoundedJSONParser a 400 problem+json, before anything is parsed.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 500

# --- REST API (/api/v1). ---
API_VERSION = "1.0.0"
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Bearer first: its WWW-Authenticate header makes "not logged in" a 401.
        "accounts.api_auth.BearerTokenAuthentication",
        "accounts.api_auth.VerifiedSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["access.api.DeclaredRulePermission"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # Refuses bodies past DATA_UPLOAD_MAX_MEMORY_SIZE and JSON nested past 32 levels (400).
    "DEFAULT_PARSER_CLASSES": ["lib.parsers.BoundedJSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "lib.problem.problem_exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Schakel API",
    "DESCRIPTION": (
        "API of Schakel. Every endpoint goes through the same access gate as the web "
        "interface and writes the same processing log. Errors are application/problem+json."
    ),
    "VERSION": API_VERSION,
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["access.api.DeclaredRulePermission"],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Several resources have a "status"; name each choice set after what it belongs to.
    "ENUM_NAME_OVERRIDES": {
        "SignalStatusEnum": "signals.workflow.Status",
        "CaseStatusEnum": "cases.workflow.CaseStatus",
        "SituationEnum": "cases.workflow.Situation",
        "ActionStatusEnum": "cases.models.ActionStatus",
        "InformationCategoryEnum": "cases.models.InformationCategory",
        "EntryKindEnum": "cases.models.CaseEntry.Kind",
        "NewEntryKindEnum": "cases.serializers_entries.NEW_ENTRY_KINDS",
        "ReadinessStatusEnum": "preparedness.models.ReadinessStatus",
        "ReadinessTopicEnum": "preparedness.models.Topic",
        "CotTaskEnum": "preparedness.models.CotTask",
        "AgreementRoleEnum": "preparedness.models.AgreementRole",
        "SupportScopeEnum": "preparedness.models.SupportScope",
        "NetworkNodeKindEnum": "network.models.NodeKind",
        "RelationKindEnum": "network.models.RelationKind",
        "InterventionStateEnum": "measures.workflow.InterventionState",
        "MeasureRegimeEnum": "measures.workflow.Regime",
        "LegalRemedyKindEnum": "measures.models.LegalRemedy.Kind",
        "LegalRemedyOutcomeEnum": "measures.models.LegalRemedy.Outcome",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
