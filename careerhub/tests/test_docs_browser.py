"""Swagger UI and ReDoc render in a real browser, offline (their assets are served locally)."""

import pytest

from careerhub.testing import chromium_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_swagger_ui_lists_the_operations_and_redoc_renders(live_server):
    requested: list[str] = []
    failed: dict[str, str | None] = {}
    with chromium_page() as page:
        page.on("request", lambda request: requested.append(request.url))
        page.on("requestfailed", lambda request: failed.update({request.url: request.failure}))
        # Swagger UI renders the operations that are in view: a tall window shows them all.
        page.set_viewport_size({"width": 1280, "height": 20000})
        page.goto(f"{live_server.url}/docs")
        page.wait_for_selector('.swagger-ui [data-path="/api/v1/auth/register"]', timeout=30_000)
        operations = page.locator(".swagger-ui .opblock").count()

        page.goto(f"{live_server.url}/redoc")
        page.wait_for_selector("[role=navigation], .menu-content", timeout=30_000)

    assert operations > 100, f"Swagger UI shows only {operations} operations"
    # Every asset is ours and loads. Nothing goes to a third party: no web fonts, no CDN; the one
    # image ReDoc's bundle hard-codes (its logo) is stopped by the page's policy inside the browser.
    blocked_by_policy = {url for url, reason in failed.items() if reason == "csp"}
    assert {url: reason for url, reason in failed.items() if url not in blocked_by_policy} == {}
    elsewhere = [
        url for url in requested
        if not url.startswith((live_server.url, "data:", "blob:")) and url not in blocked_by_policy
    ]
    assert elsewhere == [], f"the docs pages called other hosts: {elsewhere}"
