import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("accounts", "0001_initial")]
AFTER = [("accounts", "0002_user_timezone_allowed_email_ci_unique")]


@pytest.fixture
def executor():
    """A migration executor; every migration is applied again afterwards for the tests that follow."""
    yield MigrationExecutor(connection)
    latest = MigrationExecutor(connection)
    latest.migrate(latest.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_the_allowlist_is_lowercased_and_deduplicated_before_its_case_insensitive_constraint(executor):
    # given an allowlist from before the constraint, with a case-only duplicate
    executor.migrate(BEFORE)
    AllowedEmail = executor.loader.project_state(BEFORE).apps.get_model("accounts", "AllowedEmail")
    AllowedEmail.objects.create(email="ops@example.com")
    AllowedEmail.objects.create(email="Ops@Example.com")
    AllowedEmail.objects.create(email="New@Example.com")
    # when
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    # then
    AllowedEmail = executor.loader.project_state(AFTER).apps.get_model("accounts", "AllowedEmail")
    assert sorted(AllowedEmail.objects.values_list("email", flat=True)) == ["new@example.com", "ops@example.com"]


CANONICAL_BEFORE = [("accounts", "0002_user_timezone_allowed_email_ci_unique")]
CANONICAL_AFTER = [("accounts", "0003_email_canonical")]


@pytest.mark.django_db(transaction=True)
def test_existing_addresses_become_canonical_and_look_alike_accounts_are_resolved(executor, capsys):
    # given accounts from before the canonical column: Sam, a newer long-s look-alike of Sam, a
    # full-width domain, a zero-width space, a dotless-i look-alike, and allowlist look-alikes
    executor.migrate(CANONICAL_BEFORE)
    apps = executor.loader.project_state(CANONICAL_BEFORE).apps
    User, AllowedEmail = apps.get_model("accounts", "User"), apps.get_model("accounts", "AllowedEmail")
    sam = User.objects.create(email="sam@example.com", username="sam")
    look_alike = User.objects.create(email="\u017fam@example.com", username="attacker")
    wide = User.objects.create(email="alice@\uff45xample.com", username="alice")
    hidden = User.objects.create(email="bob@example.com\u200b", username="bob")
    dotless = User.objects.create(email="\u0131nvited@example.com", username="nvited")
    AllowedEmail.objects.create(email="ops@example.com")
    AllowedEmail.objects.create(email="op\u017f@example.com")
    AllowedEmail.objects.create(email="new@\uff45xample.com")
    # when
    executor = MigrationExecutor(connection)
    executor.migrate(CANONICAL_AFTER)
    # then the oldest keeps the identity; the look-alike is deactivated under a reserved domain
    User = executor.loader.project_state(CANONICAL_AFTER).apps.get_model("accounts", "User")
    rows = {row.pk: (row.email, row.is_active) for row in User.objects.all()}
    assert rows[sam.pk] == ("sam@example.com", True)
    assert rows[look_alike.pk] == (f"duplicate-{look_alike.pk.hex}@careerhub.invalid", False)
    assert rows[wide.pk] == ("alice@example.com", True)
    assert rows[hidden.pk] == ("bob@example.com", True)
    assert rows[dotless.pk] == ("\u0131nvited@example.com", True)
    AllowedEmail = executor.loader.project_state(CANONICAL_AFTER).apps.get_model("accounts", "AllowedEmail")
    assert sorted(AllowedEmail.objects.values_list("email", flat=True)) == ["new@example.com", "ops@example.com"]
    # and every change is reported
    report = capsys.readouterr().out
    assert f"deactivated duplicate '\u017fam@example.com' ({look_alike.pk})" in report
    assert "normalised 'alice@\uff45xample.com'" in report
    assert "cannot sign in by email: '\u0131nvited@example.com'" in report
    assert "removed duplicate allowlist entry 'op\u017f@example.com'" in report
