"""Start-up as production does it, in a subprocess with a clean environment."""

from tests.conftest import run_manage


def test_a_missing_secret_key_stops_start_up_with_one_line():
    result = run_manage("check")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "interviewprep: SECRET_KEY is not set. Set SECRET_KEY to a long random string (or DEBUG=1 locally)."
    )


def test_a_bad_boolean_stops_start_up_with_one_line():
    result = run_manage("check", DEBUG="maybe")
    assert result.returncode == 1
    assert result.stderr.strip() == "interviewprep: DEBUG='maybe' is not a boolean; use 1 or 0."


def test_an_unusable_database_url_stops_start_up_with_one_line():
    result = run_manage("check", DEBUG="1", DATABASE_URL="mysqlx://somewhere/db")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "interviewprep: DATABASE_URL is not usable: give postgres://user@host:5432/name or sqlite:///path."
    )


def test_check_deploy_is_clean_with_production_values():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="x7!Kq2@vLp9#Rz4$Wm8^Tn3&Yb6*Hc1(Jd5)Fs0-Gu_eA+iO=kE",
        ALLOWED_HOSTS="interviewprep.example.com",
        HTTPS="1",
        SECURE_HSTS_PRELOAD="1",
        EMAIL_HOST="smtp.example.com",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_email_goes_to_the_console_unless_an_smtp_host_is_set():
    show = (
        "from django.core.mail import mailers; c = mailers.default; print(type(c).__module__, getattr(c, 'host', '-'))"
    )
    console = run_manage("shell", "--no-imports", "-c", show, DEBUG="1")
    assert console.stdout.strip() == "django.core.mail.backends.console -"
    smtp = run_manage("shell", "--no-imports", "-c", show, DEBUG="1", EMAIL_HOST="smtp.example.com")
    assert smtp.stdout.strip() == "django.core.mail.backends.smtp smtp.example.com"
