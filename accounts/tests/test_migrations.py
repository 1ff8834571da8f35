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
