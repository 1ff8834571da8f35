"""`manage.py reextract_jobs`: every stored job read again, in batches, with its progress shown."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from jobs.models import Job
from jobs.tests import factories as f

pytestmark = pytest.mark.django_db


def stale_jobs(count: int) -> list[Job]:
    """Jobs stored before their eligibility was read (or read by an older reader)."""
    jobs = [f.job(title="Data Engineer", location="Perth WA (On-site)", description="Two to four years of experience.") for _ in range(count)]
    Job.objects.update(places=[], cities=[], eligibility={}, role_family="", seniority_level=None, required_years=None)
    return jobs


def test_it_reads_every_job_again_and_prints_a_line_per_batch_when_not_on_a_terminal():
    # given
    jobs = stale_jobs(5)
    out = StringIO()
    # when
    call_command("reextract_jobs", "--batch-size", "2", stdout=out)
    # then
    lines = out.getvalue().splitlines()
    assert [line.split("]")[1].strip() for line in lines[:3]] == ["40.0%  2/5 jobs", "80.0%  4/5 jobs", "100.0%  5/5 jobs"]
    assert lines[0].startswith("[############------------------]")
    assert lines[-1].startswith("Re-read 5 job(s) in ")
    for job in Job.objects.filter(pk__in=[j.pk for j in jobs]):
        assert (job.places, job.cities, job.role_family, job.required_years, job.seniority_level) == (["AU", "AU-WA"], ["perth"], "data_engineering", 2, 2)
        assert job.eligibility["countries"] == [{"value": "AU", "source": "location"}]


def test_running_it_twice_changes_nothing_the_second_time():
    stale_jobs(2)
    call_command("reextract_jobs", stdout=StringIO())
    first = list(Job.objects.order_by("pk").values())
    call_command("reextract_jobs", stdout=StringIO())
    assert list(Job.objects.order_by("pk").values()) == first


def test_with_no_job_it_says_so():
    out = StringIO()
    call_command("reextract_jobs", stdout=out)
    assert out.getvalue().startswith("Re-read 0 job(s) in ") and out.getvalue().count("\n") == 1


@pytest.mark.parametrize("size", ["0", "-3", "10001"])
def test_a_batch_size_out_of_range_is_refused(size):
    with pytest.raises(CommandError, match="--batch-size must be between 1 and 10000"):
        call_command("reextract_jobs", "--batch-size", size, stdout=StringIO())


def test_each_batch_costs_the_same_queries(django_assert_num_queries):
    stale_jobs(4)
    # 1: the count, then per batch of 2: the batch, savepoint, its bulk update, release (twice), then the empty batch
    with django_assert_num_queries(1 + 4 * 2 + 1):
        call_command("reextract_jobs", "--batch-size", "2", stdout=StringIO())
