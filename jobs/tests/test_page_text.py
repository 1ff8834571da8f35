"""The main text of a page, as the pasted-job parser reads it for "add a job by its URL"."""

from jobs.page_text import page_main_text
from jobs.tests.conftest import payload

POSTING = "We are hiring a platform engineer to run our Kubernetes clusters. " * 4


def test_the_main_element_is_read_without_the_sites_chrome_and_led_by_the_title():
    text = page_main_text(payload("page_job_text.html").decode(), 30_000)
    assert text.startswith("Backend Engineer\n\nInitrode - Remote (US only)")
    assert "- Own the billing API" in text and text.endswith("This is a full-time role.")
    for chrome in ("About us", "Blog", "Other openings", "Subscribe", "Initrode.", "font-family", "analytics"):
        assert chrome not in text


def test_a_page_without_a_main_element_is_read_whole_without_navigation_scripts_and_footers():
    page = (
        "<html><head><title>Jobs</title><script>var x = 1;</script></head><body>"
        "<nav>Home | Careers</nav><div><h1>Platform Engineer</h1><p>" + POSTING + "</p></div>"
        "<footer>Imprint</footer></body></html>"
    )
    assert page_main_text(page, 30_000) == "Platform Engineer\n\n" + POSTING.strip()


def test_an_element_with_the_main_role_counts_as_main():
    page = f'<body><div class="menu">Menu</div><div role="main"><div><h2>Platform Engineer</h2><p>{POSTING}</p></div></div></body>'
    assert page_main_text(page, 30_000) == "Platform Engineer\n\n" + POSTING.strip()


def test_a_main_element_with_next_to_nothing_in_it_is_passed_over_for_the_body():
    page = f"<body><main><p>Loading…</p></main><section><h1>Platform Engineer</h1><p>{POSTING}</p></section></body>"
    text = page_main_text(page, 30_000)
    assert text.startswith("Platform Engineer") and POSTING.strip() in text


def test_the_site_headers_title_is_not_taken_for_the_postings():
    page = f"<body><header><h1>Initrode</h1></header><main><h1>Platform Engineer</h1><p>{POSTING}</p></main></body>"
    assert page_main_text(page, 30_000).startswith("Platform Engineer\n")


def test_the_text_is_cut_at_the_limit_and_broken_markup_never_raises():
    assert 90 <= len(page_main_text(f"<main><p>{POSTING * 10}</p></main>", 100)) <= 100
    for page in ("", "<html><body><p>unclosed <b>tags <div", "<![CDATA[x", "<main></main></main></div>"):
        assert isinstance(page_main_text(page, 1000), str)
