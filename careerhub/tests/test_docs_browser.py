"""Swagger UI and ReDoc render in a real browser, offline (their assets are served locally)."""

import pytest

from careerhub.testing import chromium_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_swagger_ui_lists_the_operations_and_redoc_renders(live_server):
    failed_requests: list[str] = []
    with chromium_page() as page:
        page.on("requestfailed", lambda request: failed_requests.append(request.url))
        # Swagger UI renders the operations that are in view: a tall window shows them all.
        page.set_viewport_size({"width": 1280, "height": 20000})
        page.goto(f"{live_server.url}/docs")
        page.wait_for_selector('.swagger-ui [data-path="/api/v1/auth/register"]', timeout=30_000)
        operations = page.locator(".swagger-ui .opblock").count()

        page.goto(f"{live_server.url}/redoc")
        page.wait_for_selector("[role=navigation], .menu-content", timeout=30_000)

    assert operations > 100, f"Swagger UI shows only {operations} operations"
    # Every asset of our own loads (ReDoc's optional web fonts and logo come from the internet).
    local_failures = [url for url in failed_requests if url.startswith(live_server.url)]
    assert local_failures == [], f"assets failed to load: {local_failures}"
