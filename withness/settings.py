"""withness settings: every knob comes from the environment, with safe defaults.

WITHNESS_ENV=local (the default) is one person on their own computer: SQLite in a
per-user data directory and a secret key generated there on first start.
WITHNESS_ENV=production is a hosted instance: it refuses to start without a
secret key and turns on secure cookies and HSTS. `.env.example` lists every variable.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
import platformdirs
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(f"WITHNESS_{name}", default)


def env_bool(name: str, default: bool) -> bool:
    value = env(name, "true" if default else "false").strip().lower()
    if value not in ("true", "false"):
        raise ImproperlyConfigured(f"WITHNESS_{name} must be 'true' or 'false', not {value!r}.")
    return value == "true"


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = env(name, default).strip().lower()
    if value not in choices:
        raise ImproperlyConfigured(f"WITHNESS_{name} must be one of {', '.join(choices)}.")
    return value


def env_secret(name: str) -> str:
    """A secret from WITHNESS_<name>, or from the file WITHNESS_<name>_FILE names."""
    path = env(f"{name}_FILE")
    if path:
        try:
            return Path(path).read_text().strip()
        except OSError as error:
            raise ImproperlyConfigured(f"Cannot read WITHNESS_{name}_FILE: {error}") from error
    return env(name)


def local_secret_key(data_dir: Path) -> str:
    key_file = data_dir / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


ENVIRONMENT = env_choice("ENV", "local", ("local", "production"))
PRODUCTION = ENVIRONMENT == "production"
DEBUG = env_bool("DEBUG", False)
TESTING = env_bool("TESTING", False)

DATA_DIR = Path(env("DATA_DIR") or platformdirs.user_data_dir("withness", appauthor=False))
DATA_DIR.mkdir(parents=True, exist_ok=True)
# Where `withness unlock` keeps the CLI's data key for a while; empty: the per-user runtime
# directory (accounts/cli_keys.py).
RUNTIME_DIR = env("RUNTIME_DIR")

SECRET_KEY = env_secret("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "WITHNESS_SECRET_KEY (or WITHNESS_SECRET_KEY_FILE) is required "
            "when WITHNESS_ENV=production."
        )
    SECRET_KEY = local_secret_key(DATA_DIR)

ALLOWED_HOSTS = [h.strip() for h in env("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in env("CSRF_TRUSTED_ORIGINS").split(",") if o]

INSTALLED_APPS = [
    "withness.accounts",
    "withness.people",
    "withness.journal",
    "withness.insights",
    "withness.growth",
    "withness.care",
    "withness.portability",
    "withness.api",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Django's own widget templates, for the project form renderer below.
    "django.forms",
    "django_htmx",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Right after authentication: opens this person's data key for the request only.
    "withness.accounts.middleware.VaultMiddleware",
    # After authentication: marks whether this session has passed two-step sign-in, then
    # keeps a person who has typed only their password to the code step.
    "django_otp.middleware.OTPMiddleware",
    "withness.accounts.middleware.TwoFactorMiddleware",
    "withness.accounts.middleware.UserTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "withness.urls"
WSGI_APPLICATION = "withness.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "withness" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "withness.journal.context_processors.undo",
                "withness.navigation.section",
            ],
        },
    },
]

# Field groups drawn with the app's wrapper and hint style: withness/templates/forms/field.html.
FORM_RENDERER = "withness.forms_renderer.FormRenderer"

DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "withness.sqlite3",
            # Keep each worker's connection between requests: opening one re-runs the
            # PRAGMAs below, and the last connection to close a WAL database checkpoints it.
            "CONN_MAX_AGE": 60,
            "OPTIONS": {
                # IMMEDIATE so two tabs cannot interleave a read-modify-write;
                # WAL so readers never wait for the writer.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                ),
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "journal:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Login rate limiting (django-axes): five wrong passwords in a row for one username from one
# address pause sign-in there for a quarter of an hour. Username *and* address, so nobody can
# lock a person out from elsewhere by typing their name, and a shared address (a clinic's
# wi-fi) does not lock out everyone behind it.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Checks the password like ModelBackend, then opens the data key with it.
    "withness.accounts.backends.VaultBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env_bool("LOGIN_LOCKOUT", True)
AXES_FAILURE_LIMIT = int(env("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = int(env("LOGIN_COOLOFF_MINUTES", "15")) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The right password for a switched-off account is not counted: it is not a guess.
AXES_WHITELIST_CALLABLE = "withness.accounts.backends.is_not_a_guess"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# No log of successful sign-ins (who, when, from where): it would be a record of its own.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Argon2 spent a quarter of a second on every test user's password; tests that are about
    # hashing put Argon2 back (accounts/tests/test_setup.py).
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Two-step sign-in (django-otp). Wrong codes back off exponentially per device (1, 2, 4…
# seconds), so guessing the six digits is out of reach even from many addresses.
OTP_TOTP_ISSUER = "withness"
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

# Encryption at rest (accounts/vault.py): the data key is wrapped by a key derived from the
# password with Argon2id. RFC 9106's second recommended setting (64 MiB, 3 passes, 4 lanes);
# tests use a tiny one, which is safe only because their passwords guard nothing.
VAULT_KDF = (
    {"time_cost": 1, "memory_cost": 8, "parallelism": 1}
    if TESTING
    else {"time_cost": 3, "memory_cost": 64 * 1024, "parallelism": 4}
)
VAULT_COOKIE_NAME = "withness_vault"

# Who may create an account once the owner exists: closed, invite or open.
SIGNUP = env_choice("SIGNUP", "closed", ("closed", "invite", "open"))

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "withness" / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles" if PRODUCTION else None
# Serve straight from the apps' static folders so `make run` needs no collectstatic.
WHITENOISE_USE_FINDERS = not PRODUCTION
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

SESSION_COOKIE_AGE = 60 * 60 * 24 * 30
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(env("HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Strict Content-Security-Policy: every script and style is a file of our own.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
        "manifest-src": ["'self'"],
        "worker-src": ["'self'"],
    }
}

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "withness@localhost")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}
