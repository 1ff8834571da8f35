"""A real browser drives the jobs admin: an operator scrapes one source now and reads its log."""

import pytest

from careerhub.testing import chromium_page
from jobs.models import Job, ScrapeLog

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_operator_scrapes_a_source_now_and_reads_its_log(live_server, make_user, all_boards_serving):
    # given an operator
    make_user(email="ops@example.com", username="ops", password="operator-pass-1", is_staff=True, is_superuser=True)

    with chromium_page() as page:
        # when the operator signs in, under careerhub's own title
        page.goto(f"{live_server.url}/admin/login/")
        assert "careerhub administration" in page.inner_text("#site-name")
        page.fill("input[name=username]", "ops@example.com")
        page.fill("input[name=password]", "operator-pass-1")
        page.click("input[type=submit]")
        page.wait_for_selector("#site-name")

        # goes from the scrape logs to the sources, where each board is listed
        page.goto(f"{live_server.url}/admin/jobs/scrapelog/")
        page.click("text=Sources, boards and scrape now")
        page.wait_for_selector("#sources")
        assert "greenhouse board 'acme'" in page.inner_text("#source-greenhouse")

        # and scrapes Remote OK now
        page.click("input[name=scrape-remoteok]")
        message = page.inner_text(".messagelist .success")

        # then the page says what the run did, and the run's log opens read-only
        assert message.startswith("Scraped remoteok (run #") and "3 new" in message
        page.click(".messagelist .success a")
        page.wait_for_selector("#content-main")
        assert page.query_selector("input[name=_save]") is None
        assert "remoteok" in page.inner_text("#content-main")

    run = ScrapeLog.objects.get(parent__isnull=True)
    assert (run.trigger, run.status) == ("admin", "partial")
    assert Job.objects.filter(source="remoteok").count() == 3
