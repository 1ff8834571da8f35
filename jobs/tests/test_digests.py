"""Saved-search digests (issue 18): one email per user with a due search, each job once per search,
at most 20 per email, retried without duplicating, exactly once under two beat runs at once."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from careerhub.testing import all_at_once, needs_postgresql
from jobs import tasks
from jobs.models import SavedSearch, SavedSearchDigest, SavedSearchDigestItem
from jobs.services import digests
from jobs.tests import factories

pytestmark = pytest.mark.django_db

PYTHON = {"search": "python", "remote_type": "remote"}


def saved(user, *, name="Remote Python", query=None, frequency="daily", min_match_score=None, age=timedelta(days=2)):
    """A saved search created `age` ago."""
    search = SavedSearch.objects.create(
        user=user, name=name, query=PYTHON if query is None else query, frequency=frequency, min_match_score=min_match_score
    )
    SavedSearch.objects.filter(pk=search.pk).update(created_at=timezone.now() - age)
    search.refresh_from_db()
    return search


def new_job(title="Senior Python Backend Engineer", *, seen=timedelta(hours=1), **fields):
    return factories.job(factories.STRONG_JOB, title=title, first_seen_at=timezone.now() - seen, **fields)


def titles_in(text: str, *titles: str) -> list[str]:
    return [title for title in titles if title in text]


# --- What a digest lists ------------------------------------------------------------------------------


def test_a_due_search_emails_its_owner_the_new_jobs_with_score_and_freshness(user):
    # given a profile, a daily search made two days ago, and jobs around it
    factories.candidate_profile(user)
    search = saved(user)
    new_job("Senior Python Backend Engineer")
    new_job("Python Platform Engineer", repost_count=2)
    new_job("Python role seen before the search", seen=timedelta(days=3))
    new_job("Closed Python role", closed_at=timezone.now())
    new_job("Onsite Python role", remote_type="onsite")
    # when the beat task runs
    assert tasks.send_saved_search_digests() == {"planned": 1, "sent": 1, "failed": 0}
    # then one email, text and HTML, lists the two new open jobs that match, each with its score and freshness
    [message] = mail.outbox
    assert message.to == [user.email]
    assert message.subject == "2 new jobs for your saved search 'Remote Python'"
    everything = ("Senior Python Backend Engineer", "Python Platform Engineer", "seen before", "Closed Python", "Onsite Python")
    assert titles_in(message.body, *everything) == ["Senior Python Backend Engineer", "Python Platform Engineer"]
    assert "Match 99/100 · new" in message.body
    assert "new, reposted 2×" in message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert titles_in(html, *everything) == ["Senior Python Backend Engineer", "Python Platform Engineer"]
    assert "Match 99/100" in html
    # with the search's unsubscribe link, in the text, the HTML and the List-Unsubscribe header
    link = f"/api/v1/saved-searches/{search.pk}/unsubscribe?token="
    assert link in message.body and link in html.replace("&amp;", "&") and link in message.extra_headers["List-Unsubscribe"]
    search.refresh_from_db()
    assert search.last_digest_at is not None


def test_each_job_is_in_at_most_one_digest_per_search(user):
    # given a digest sent today
    saved(user)
    new_job("First Python role")
    digests.digests_run()
    # when the search is due again tomorrow, after one more job appeared
    tomorrow = timezone.now() + timedelta(days=1)
    factories.job(factories.STRONG_JOB, title="Second Python role", first_seen_at=tomorrow - timedelta(hours=2))
    digests.digests_run(now=tomorrow)
    # then the second email lists only the new job
    first, second = mail.outbox
    assert titles_in(second.body, "First Python role", "Second Python role") == ["Second Python role"]
    # and running again at once sends nothing
    digests.digests_run(now=tomorrow)
    assert len(mail.outbox) == 2


def test_a_job_stored_late_by_a_long_scrape_still_reaches_the_next_digest(user):
    # given a digest sent now, then a job stamped as first seen a little before it (its scrape started earlier)
    saved(user)
    new_job("Listed at once")
    now = timezone.now()
    digests.digests_run(now=now)
    factories.job(factories.STRONG_JOB, title="Stored late", first_seen_at=now - timedelta(minutes=10))
    # when the next digest runs
    digests.digests_run(now=now + timedelta(days=1))
    # then the late job is in it, and the first one is not repeated
    assert titles_in(mail.outbox[1].body, "Listed at once", "Stored late") == ["Stored late"]


def test_a_user_with_several_due_searches_gets_one_email_of_at_most_20_jobs(user):
    # given two due searches with 15 new jobs each
    saved(user, name="Python", query={"search": "python"})
    saved(user, name="Rust", query={"search": "rust"})
    for n in range(15):
        new_job(f"Python role {n}")
        factories.job(title=f"Rust role {n}", description="Rust.", first_seen_at=timezone.now() - timedelta(hours=1))
    # when
    digests.digests_run()
    # then one email lists 10 of each (20 in all) and counts the rest
    [message] = mail.outbox
    assert message.subject == "30 new jobs for your saved searches"
    assert sum(f"- Python role {n} at " in message.body for n in range(15)) == 10
    assert sum(f"- Rust role {n} at " in message.body for n in range(15)) == 10
    assert message.body.count("... and 5 more for this search") == 2
    assert "This email lists 20 of 30 new jobs." in message.body
    # and every job is accounted for once, so none of them comes back in a later digest
    assert SavedSearchDigestItem.objects.count() == 30
    assert SavedSearchDigestItem.objects.filter(shown=True).count() == 20


def test_a_minimum_match_score_keeps_weaker_jobs_out(user):
    factories.candidate_profile(user)
    saved(user, query={}, min_match_score=60)
    new_job("Strong role")
    factories.job(factories.WEAK_JOB, title="Weak role", first_seen_at=timezone.now() - timedelta(hours=1))
    digests.digests_run()
    assert titles_in(mail.outbox[0].body, "Strong role", "Weak role") == ["Strong role"]


def test_searches_that_are_off_or_not_yet_due_send_nothing(user, other_user):
    saved(user, frequency="off")
    saved(other_user, frequency="weekly", age=timedelta(days=2))
    new_job()
    assert digests.digests_run().planned == 0
    assert mail.outbox == []
    # a week on, the weekly one is due
    digests.digests_run(now=timezone.now() + timedelta(days=6))
    assert [message.to for message in mail.outbox] == [[other_user.email]]


def test_a_due_search_with_nothing_new_sends_nothing_and_counts_from_now(user):
    search = saved(user)
    assert digests.digests_run().planned == 0
    search.refresh_from_db()
    assert mail.outbox == [] and search.last_digest_at is not None
    assert SavedSearchDigest.objects.count() == 0


def test_an_inactive_user_gets_no_digest(user):
    saved(user)
    new_job()
    user.is_active = False
    user.save(update_fields=["is_active"])
    digests.digests_run()
    assert mail.outbox == []


def test_the_beat_schedule_runs_the_task(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["jobs-send-saved-search-digests"]
    assert entry["task"] == "jobs.send_saved_search_digests"
    assert entry["schedule"] == timedelta(seconds=settings.SAVED_SEARCH_DIGEST_SECONDS)


# --- Through a real SMTP server ----------------------------------------------------------------


def test_a_digest_goes_out_over_smtp_as_text_and_html(user, smtp_server):
    saved(user)
    new_job("Senior Python Backend Engineer")
    digests.digests_run()
    [received] = smtp_server.parsed()
    assert received["To"] == user.email
    assert received.get_content_type() == "multipart/alternative"
    assert "Senior Python Backend Engineer" in received.get_body(preferencelist=("plain",)).get_content()
    assert "Senior Python Backend Engineer" in received.get_body(preferencelist=("html",)).get_content()
    assert "/unsubscribe?token=" in received["List-Unsubscribe"]


def test_a_refused_send_is_retried_later_with_the_same_jobs_and_sent_once(user, smtp_server):
    # given a digest whose first send the SMTP server refuses
    saved(user)
    new_job("First Python role")
    smtp_server.refuse(1)
    now = timezone.now()
    result = digests.digests_run(now=now)
    digest = SavedSearchDigest.objects.get()
    assert (result.planned, result.sent, smtp_server.messages) == (1, 0, [])
    assert (digest.status, digest.attempts) == ("pending", 1)
    assert "451" in digest.error
    # when another job appears and the next runs come (the first before the retry is due)
    new_job("Second Python role", seen=timedelta(minutes=1))
    assert digests.digests_run(now=now + timedelta(minutes=1)).sent == 0
    assert digests.digests_run(now=now + timedelta(minutes=6)).sent == 1
    # then the same digest went out once, with the same job, and no second digest was made meanwhile
    [received] = smtp_server.parsed()
    body = received.get_body(preferencelist=("plain",)).get_content()
    assert titles_in(body, "First Python role", "Second Python role") == ["First Python role"]
    digest.refresh_from_db()
    assert (digest.status, digest.attempts, digest.error) == ("sent", 2, "")
    assert SavedSearchDigest.objects.count() == 1
    # and the second job waits for tomorrow's digest
    digests.digests_run(now=now + timedelta(days=1))
    tomorrow = smtp_server.parsed()[1].get_body(preferencelist=("plain",)).get_content()
    assert titles_in(tomorrow, "First Python role", "Second Python role") == ["Second Python role"]


def test_a_digest_that_keeps_failing_is_given_up_and_the_next_one_is_planned(user, smtp_server):
    saved(user)
    new_job("First Python role")
    smtp_server.refuse(digests.DIGEST_MAX_ATTEMPTS)
    now = timezone.now()
    for hours in range(0, 24 * digests.DIGEST_MAX_ATTEMPTS, 6):
        digests.digests_run(now=now + timedelta(hours=hours, seconds=1))
        if SavedSearchDigest.objects.filter(status="failed").exists():
            break
    failed = SavedSearchDigest.objects.get()
    assert (failed.status, failed.attempts) == ("failed", digests.DIGEST_MAX_ATTEMPTS)
    new_job("Second Python role", seen=timedelta(minutes=1))
    digests.digests_run(now=now + timedelta(days=2))
    assert SavedSearchDigest.objects.filter(status="sent").count() == 1


@needs_postgresql()
@pytest.mark.django_db(transaction=True)
def test_two_beat_runs_at_once_send_each_user_one_email(make_user, smtp_server):
    # given three users with a due search and new jobs, committed for other connections to see
    users = [make_user() for _ in range(3)]
    for user in users:
        saved(user)
    for n in range(3):
        new_job(f"Python role {n}")
    # when two beat runs start at the same instant, each on its own database connection
    outcomes = all_at_once(digests.digests_run, 2)
    # then neither failed, and each user got exactly one email
    assert not [outcome for outcome in outcomes if isinstance(outcome, BaseException)], outcomes
    assert sorted(message["To"] for message in smtp_server.parsed()) == sorted(user.email for user in users)
    assert sum(outcome.sent for outcome in outcomes) == 3
    assert sorted(SavedSearchDigest.objects.values_list("status", flat=True)) == ["sent"] * 3
