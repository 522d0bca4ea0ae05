"""
Settings for the recruitment service: one module, read from the environment.

Every variable is listed in README.md. The defaults suit a developer's machine
(SQLite under var/, a Celery broker on the file system); production sets
DEBUG=0, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and REDIS_URL.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def s3_storage_options(url: str) -> dict:
    """django-storages' S3Storage options for STORAGE_URL=s3://bucket[/prefix]."""
    parsed = urlsplit(url)
    if parsed.scheme != "s3" or not parsed.netloc or parsed.query:
        raise ImproperlyConfigured(f"STORAGE_URL must look like s3://bucket or s3://bucket/prefix, not {url!r}")
    from botocore.config import Config

    endpoint_url = env_str("STORAGE_ENDPOINT_URL") or None
    return {
        "bucket_name": parsed.netloc,
        "location": parsed.path.strip("/"),
        "endpoint_url": endpoint_url,
        "region_name": env_str("STORAGE_REGION") or None,
        # Credentials: STORAGE_ACCESS_KEY_ID and STORAGE_SECRET_ACCESS_KEY, or
        # boto3's own chain (AWS_ACCESS_KEY_ID, an instance role) when unset.
        "access_key": env_str("STORAGE_ACCESS_KEY_ID") or None,
        "secret_key": env_str("STORAGE_SECRET_ACCESS_KEY") or None,
        # Private: objects get no ACL of their own (the bucket's, which must
        # not be public), and any URL the storage makes is signed and short-lived.
        "default_acl": None,
        "querystring_auth": True,
        "querystring_expire": env_int("STORAGE_URL_EXPIRY", 60),
        # A name is never reused: a second file of the same name gets another.
        "file_overwrite": False,
        "object_parameters": {"CacheControl": "private, no-store"},
        "client_config": Config(
            # MinIO and other servers of our own answer on one host name, not
            # a name per bucket.
            s3={"addressing_style": "path" if endpoint_url else "auto"},
            signature_version="s3v4",
            # A storage that does not answer fails the task in seconds (and
            # it is tried again) rather than holding a worker for minutes.
            connect_timeout=5,
            read_timeout=60,
            retries={"mode": "standard", "max_attempts": 3},
        ),
    }


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "development-only-key-never-used-in-production-0123456789abcdefghij"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

SITE_NAME = env_str("SITE_NAME", "Recruitment")
SITE_URL = env_str("SITE_URL", "http://localhost:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "crispy_forms",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "nhsuk",
    "accounts",
    "organisations",
    "vacancies",
    "candidates",
    "shortlisting",
    "interviews",
    "offers",
    "alerts",
    "demo",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "recruitment.urls"
WSGI_APPLICATION = "recruitment.wsgi.application"

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
                "recruitment.context_processors.service",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL names another.
VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several processes (web and worker) write the same file: wait for the lock
    # rather than fail at once, and let readers proceed during a write.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    # Tests use a file, not memory, so that a real worker process can share it.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}
# Behind PgBouncer in transaction pooling mode each transaction may run on a
# different server connection, so nothing may outlive one: no server-side
# cursors (Django keeps them open across transactions for .iterator()) and no
# prepared statements (psycopg prepares a query after 5 runs on a connection).
DB_TRANSACTION_POOLING = env_bool("DB_TRANSACTION_POOLING", False)
if DB_TRANSACTION_POOLING and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = None
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Signing in: django-allauth, by e-mail address only (accounts.User has no
# username). Everyone signs in on the same page, support staff for the Django
# admin included (accounts/admin.py), so the rate limit and two-factor
# authentication cover every way in.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
# Candidates land on the home page; staff on /manage/ (accounts.adapter).
LOGIN_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# A candidate proves they own the address before they can sign in: the
# address is where a trust sends interview invitations and offers.
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# One address per account, changed by verifying the new one first.
ACCOUNT_CHANGE_EMAIL = True
# Security notices (password changed, address changed, two-factor turned on or off).
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"{SITE_NAME}: "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
# No "remember me": the session ends when the browser closes, as computers on
# wards and in libraries are shared.
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_FORMS = {
    "login": "accounts.forms.LoginForm",
    "signup": "accounts.forms.SignupForm",
    "reset_password": "accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "accounts.forms.ResetPasswordKeyForm",
    "change_password": "accounts.forms.ChangePasswordForm",
    "set_password": "accounts.forms.SetPasswordForm",
    "add_email": "accounts.forms.AddEmailForm",
    "reauthenticate": "accounts.forms.ReauthenticateForm",
}
# Failed sign-ins are counted in the cache (Redis when REDIS_URL is set, so
# every web process shares the count). Per address: 5 in 5 minutes, then that
# account is locked for the rest of the window, right password or not. Per
# network address the limit is higher, because a whole hospital can reach us
# from one address.
ACCOUNT_RATE_LIMITS = {"login_failed": "30/5m/ip,5/5m/key"}
# How many proxies in front of us add to X-Forwarded-For: the rate limit counts
# by the client's address, not the proxy's.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Two-factor authentication: an authenticator app (TOTP), with recovery codes.
MFA_ADAPTER = "accounts.adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME
MFA_FORMS = {
    "authenticate": "accounts.forms.MFAAuthenticateForm",
    "reauthenticate": "accounts.forms.MFAReauthenticateForm",
    "activate_totp": "accounts.forms.ActivateTOTPForm",
}
# Staff pages (organisations.decorators.staff_member_required) send a member of
# staff without an authenticator app to set one up. Candidates never need it.
STAFF_REQUIRE_2FA = env_bool("STAFF_REQUIRE_2FA", not DEBUG)

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # The NHS.UK design system comes from npm (package.json), never copied in.
    ("nhsuk", BASE_DIR / "node_modules" / "nhsuk-frontend" / "dist" / "nhsuk"),
]
# Files: shortlisting packs and their chunks, and candidates' documents. All
# are private: stored under names, read back only by code that has checked who
# is asking, never served from a public address. Local disk (MEDIA_ROOT) unless
# STORAGE_URL names a bucket on an S3-API server (AWS S3, MinIO), which every
# web and worker host shares. "private" is the name for documents
# (storages["private"], or FileField(storage=nhsuk.storage.private_storage));
# "default" is the same place, for packs.
STORAGE_URL = env_str("STORAGE_URL")
if STORAGE_URL:
    PRIVATE_STORAGE = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": s3_storage_options(STORAGE_URL)}
else:
    PRIVATE_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": PRIVATE_STORAGE,
    "private": PRIVATE_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))

# Cache: Redis when REDIS_URL is set (shared by every web process), else memory.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# E-mail: every message is queued as a row (accounts.OutgoingEmail) in the
# request's transaction and delivered after commit by a Celery task, through
# EMAIL_DELIVERY_BACKEND: SMTP when EMAIL_HOST is set, else printed to the
# console (the worker's) in development, as a person reads it.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
# For EMAIL_DELIVERY_BACKEND=django.core.mail.backends.filebased.EmailBackend.
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "emails"))
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "accounts.mail.QueuedEmailBackend")
EMAIL_DELIVERY_BACKEND = env_str(
    "EMAIL_DELIVERY_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "accounts.mail.ConsoleEmailBackend",
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "NHS Recruitment <no-reply@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security. Production (DEBUG off) gets HTTPS-only cookies, HSTS and a redirect
# to HTTPS; `manage.py check --deploy` must stay clean (tests/test_settings.py).
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # Behind a proxy that terminates TLS (docker-compose, a load balancer).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Content Security Policy: our own scripts and styles only. The NHS.UK
# Frutiger web font is served from assets.nhs.uk.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "https://assets.nhs.uk"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    }
}

CRISPY_ALLOWED_TEMPLATE_PACKS = ["nhsuk"]
CRISPY_TEMPLATE_PACK = "nhsuk"

# Celery. The database is the source of truth; the broker only carries a nudge.
# Without REDIS_URL the broker is a folder under var/, so a real worker runs on
# a machine with nothing but Python.
CELERY_BROKER_DIR = VAR_DIR / "celery-broker"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        # Unacknowledged messages go back to the queue after this long; every
        # task's hard time limit must stay well below it, or a slow task runs twice.
        "visibility_timeout": 3600,
    }
else:
    # The filesystem transport ignores the host; naming one stops kombu warning
    # "No hostname was supplied" each time a process connects.
    CELERY_BROKER_URL = "filesystem://localhost/"
    for folder in ("queue", "processed", "control"):
        (CELERY_BROKER_DIR / folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_DIR / "queue"),
        "data_folder_out": str(CELERY_BROKER_DIR / "queue"),
        "processed_folder": str(CELERY_BROKER_DIR / "processed"),
        "control_folder": str(CELERY_BROKER_DIR / "control"),
        "store_processed": False,
    }
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", "celery")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 300)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 360)
CELERY_WORKER_MAX_TASKS_PER_CHILD = env_int("CELERY_WORKER_MAX_TASKS_PER_CHILD", 200)
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env_int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", 400_000)  # KiB
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# What a task prints (the development e-mails of accounts.mail.ConsoleEmailBackend)
# goes to standard output as it is, not logged line by line as WARNINGs.
CELERY_WORKER_REDIRECT_STDOUTS = False
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    "close-vacancies-past-closing-time": {
        "task": "vacancies.close_vacancies_past_closing_time",
        "schedule": 60.0,
    },
    "send-unsent-emails": {
        "task": "accounts.send_unsent_emails",
        "schedule": 300.0,
    },
    "anonymise-expired-applications": {
        "task": "candidates.anonymise_expired_applications",
        "schedule": 24 * 3600.0,
    },
    # Confirmations a submission committed but never wrote (its process died).
    "send-missing-confirmations": {
        "task": "candidates.send_missing_confirmations",
        "schedule": 300.0,
    },
    "publish-scheduled-vacancies": {
        "task": "vacancies.publish_scheduled_vacancies",
        "schedule": 60.0,
    },
    # Shortlisting packs: send again the work a lost message or a dead worker
    # left behind, and delete packs past their retention.
    "requeue-stuck-shortlist-packs": {
        "task": "shortlisting.requeue_stuck_packs",
        "schedule": 60.0,
    },
    "delete-old-shortlist-packs": {
        "task": "shortlisting.delete_old_packs",
        "schedule": 3600.0,
    },
    # Job alerts: each run sends the alerts that are due (daily or weekly from
    # their last run); the other removes bounced and unconfirmed ones.
    "send-due-job-alerts": {
        "task": "alerts.send_due_alerts",
        "schedule": 900.0,
    },
    "remove-lapsed-job-alerts": {
        "task": "alerts.remove_lapsed_alerts",
        "schedule": 3600.0,
    },
    # Interviews: the reminder the day before, claimed once per booking (hourly,
    # so a booking made today for tomorrow is reminded within the hour).
    "send-interview-reminders": {
        "task": "interviews.send_interview_reminders",
        "schedule": 3600.0,
    },
    # References: chase the unanswered ones (REFERENCE_CHASE_DAYS) and flag overdue ones.
    "chase-references": {
        "task": "offers.chase_references",
        "schedule": 3600.0,
    },
}

# Applications that ended without an appointment (and those of deleted
# accounts) lose their personal information this many days after the
# vacancy's closing date, as on NHS Jobs.
APPLICATION_RETENTION_DAYS = env_int("APPLICATION_RETENTION_DAYS", 460)

# Shortlisting packs (shortlisting/). A chunk of 25 applicants is about 80
# A4 pages: some 7 seconds of WeasyPrint and about 220 MB for a worker,
# whatever the size of the pack (make bench BENCH=pack).
SHORTLIST_PACK_CHUNK_SIZE = env_int("SHORTLIST_PACK_CHUNK_SIZE", 25)
# Work queued or rendering for longer than this is sent again by the beat
# task. Longer than a task's hard time limit, so a chunk a live worker still
# holds is never taken from it.
SHORTLIST_PACK_STUCK_AFTER = env_int("SHORTLIST_PACK_STUCK_AFTER", 600)
# Packs hold applicants' personal information: deleted, file and row, after
# this many days (shortlisting is usually done within two weeks of closing).
SHORTLIST_PACK_RETENTION_DAYS = env_int("SHORTLIST_PACK_RETENTION_DAYS", 30)
SHORTLISTING_MODERATION_THRESHOLD = env_int("SHORTLISTING_MODERATION_THRESHOLD", 1)  # score gap flagged for moderation
if not 1 <= SHORTLIST_PACK_CHUNK_SIZE <= 500:
    raise ImproperlyConfigured("SHORTLIST_PACK_CHUNK_SIZE must be between 1 and 500.")
if SHORTLIST_PACK_STUCK_AFTER <= CELERY_TASK_TIME_LIMIT:
    raise ImproperlyConfigured("SHORTLIST_PACK_STUCK_AFTER must be longer than CELERY_TASK_TIME_LIMIT.")
if SHORTLIST_PACK_RETENTION_DAYS < 1:
    raise ImproperlyConfigured("SHORTLIST_PACK_RETENTION_DAYS must be at least 1.")

# Interviews (interviews/): a candidate may book, change or cancel their
# interview slot until this many hours before it starts; after that they
# contact the recruiter, who can still change it on their behalf.
INTERVIEW_BOOKING_CUTOFF_HOURS = env_int("INTERVIEW_BOOKING_CUTOFF_HOURS", 24)
if INTERVIEW_BOOKING_CUTOFF_HOURS < 0:
    raise ImproperlyConfigured("INTERVIEW_BOOKING_CUTOFF_HOURS cannot be negative.")

# Offers (offers/): unanswered reference requests are chased this many working
# days (Monday to Friday) after they were sent, and flagged overdue to the
# recruiter at the last; a referee's link works for REFERENCE_LINK_DAYS days
# from the e-mail that carried it. Documents the candidate uploads for the
# pre-employment checks are at most DOCUMENT_MAX_BYTES each.
try:
    REFERENCE_CHASE_DAYS = [int(day) for day in env_list("REFERENCE_CHASE_DAYS", "3,7")]
except ValueError:
    REFERENCE_CHASE_DAYS = []
if not REFERENCE_CHASE_DAYS or REFERENCE_CHASE_DAYS != sorted(set(REFERENCE_CHASE_DAYS)) or REFERENCE_CHASE_DAYS[0] < 1:
    raise ImproperlyConfigured("REFERENCE_CHASE_DAYS must be working days in increasing order, like 3,7.")
REFERENCE_LINK_DAYS = env_int("REFERENCE_LINK_DAYS", 28)
if REFERENCE_LINK_DAYS < 1:
    raise ImproperlyConfigured("REFERENCE_LINK_DAYS must be at least 1.")
DOCUMENT_MAX_BYTES = env_int("DOCUMENT_MAX_BYTES", 10 * 1024 * 1024)
if DOCUMENT_MAX_BYTES < 1024:
    raise ImproperlyConfigured("DOCUMENT_MAX_BYTES must be at least 1024.")

if CELERY_TASK_TIME_LIMIT >= CELERY_BROKER_TRANSPORT_OPTIONS.get("visibility_timeout", float("inf")):
    raise ImproperlyConfigured("CELERY_TASK_TIME_LIMIT must be below the broker's visibility timeout.")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django gives its own logger a console handler too: through the root's
        # only, so that nothing (runserver's "Watching for file changes", an
        # error's traceback) is printed twice.
        "django": {"handlers": [], "level": "INFO"},
        # WeasyPrint logs every step of every layout at INFO.
        "weasyprint.progress": {"level": "WARNING"},
    },
}
