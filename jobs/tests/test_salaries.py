"""Salaries as postings write them: plausible per currency, in thousands, lakh or crore, or in full."""

import pytest

from jobs.jobposting import read_job_posting
from jobs.normalize import MAX_STORED_SALARY, plausible_salary_bounds, salary_from_text, sane_salary_range
from jobs.sources.base import make_posting


@pytest.mark.parametrize(
    "text, salary",
    [
        ("Compensation is 45 to 60 lakh per annum plus ESOPs.", (4_500_000, 6_000_000, "INR")),
        ("Compensation 90 lakh to 1.2 crore per annum.", (9_000_000, 12_000_000, "INR")),
        ("Salary: 18-24 LPA, hybrid.", (1_800_000, 2_400_000, "INR")),
        ("CTC ₹45,00,000 - ₹60,00,000 a year", (4_500_000, 6_000_000, "INR")),
        ("Salary 30 to 40 lakhs, paid in AED equivalent", (3_000_000, 4_000_000, "AED")),
        ("Pay: 5,000,000 - 7,000,000 JPY per year", (5_000_000, 7_000_000, "JPY")),
        ("연봉 ₩60,000,000 - ₩80,000,000", (60_000_000, 80_000_000, "KRW")),
        ("$120-160k", (120_000, 160_000, "USD")),
        ("€50k–70k", (50_000, 70_000, "EUR")),
        ("Base salary $150,000", (150_000, None, "USD")),
        ("Salary 4.5 LPA", (450_000, None, "INR")),
        # per month: twelve a year
        ("Employment contract, 17 000–22 000 PLN gross per month", (204_000, 264_000, "PLN")),
        ("Kontrakt B2B: 19 000–24 000 PLN netto + VAT miesięcznie", (228_000, 288_000, "PLN")),
        ("Base 9 000 PLN gross monthly plus commission", (108_000, None, "PLN")),
        ("€4,000 - €5,000 per month", (48_000, 60_000, "EUR")),
        ("17 000–19 500 PLN brutto per month, annual bonus", (204_000, 234_000, "PLN")),  # the nearest period decides
        ("Salary $120,000 - $150,000 a year, paid monthly", (120_000, 150_000, "USD")),
        ("200 000–240 000 PLN brutto rocznie, full-time", (200_000, 240_000, "PLN")),
        # 万 is ten thousand, 円 is yen, 年収 a year and 月給 a month
        ("年収800万〜1,100万円", (8_000_000, 11_000_000, "JPY")),
        ("想定年収：1,000万円〜1,400万円。", (10_000_000, 14_000_000, "JPY")),
        ("月給40万〜50万円", (4_800_000, 6_000_000, "JPY")),
    ],
)
def test_a_salary_written_in_the_text_is_read_in_its_units_and_currency(text, salary):
    assert salary_from_text(text) == salary


@pytest.mark.parametrize(
    "text",
    [
        "We pay $25-30 per hour",  # an hourly rate is not a yearly salary
        "時給1,500円〜2,000円",
        "Salary 45,000,000 - 60,000,000 USD",  # dollars in the tens of millions: a typo, not a salary
        "100-200 kubernetes clusters, salary on request",  # "k" only as a unit, not the start of a word
        "Salary 12,3456",
    ],
)
def test_text_that_states_no_plausible_salary_gives_none(text):
    assert salary_from_text(text) == (None, None, "")


def test_php_the_language_is_not_taken_for_pesos():
    assert salary_from_text("Salary 80-100k, PHP and Laravel") == (80_000, 100_000, "")


def test_the_plausible_range_scales_with_the_units_a_dollar_buys():
    assert plausible_salary_bounds("USD") == plausible_salary_bounds("") == plausible_salary_bounds("EUR") == (1_000, 2_000_000)
    assert plausible_salary_bounds("inr") == (85_000, 170_000_000)
    # rupiah and dong would pass what the columns hold: capped there
    assert plausible_salary_bounds("IDR")[1] == plausible_salary_bounds("VND")[1] == MAX_STORED_SALARY
    assert sane_salary_range(4_500_000, 6_000_000, "INR") == (4_500_000, 6_000_000)
    assert sane_salary_range(4_500_000, 6_000_000, "USD") == (None, None)
    assert sane_salary_range(50_000, 60_000, "JPY") == (None, None)  # a yearly salary of 50,000 yen is not one
    assert sane_salary_range(6_000_000, 4_500_000, "INR") == (4_500_000, 6_000_000)


def test_a_boards_structured_salary_is_kept_in_its_currency():
    def posting(low, high, currency):
        return make_posting(source="greenhouse", source_id="1", title="ML Engineer", salary_min=low, salary_max=high,
                            salary_currency=currency)

    rupees = posting(4_500_000, 6_000_000, "inr")
    assert (rupees.salary_min, rupees.salary_max, rupees.salary_currency) == (4_500_000, 6_000_000, "INR")
    dollars = posting(4_500_000, 6_000_000, "USD")
    assert (dollars.salary_min, dollars.salary_max, dollars.salary_currency) == (None, None, "")


def test_a_monthly_salary_in_yen_on_a_job_page_is_kept_per_year():
    document = {
        "@context": "https://schema.org", "@type": "JobPosting", "title": "Backend Engineer",
        "hiringOrganization": {"@type": "Organization", "name": "Sakura Systems"},
        "description": "Build our payments platform.",
        "baseSalary": {"@type": "MonetaryAmount", "currency": "JPY",
                       "value": {"@type": "QuantitativeValue", "minValue": 500_000, "maxValue": 700_000, "unitText": "MONTH"}},
    }  # fmt: skip
    page = f'<script type="application/ld+json">{__import__("json").dumps(document)}</script>'
    job = read_job_posting(page)
    assert (job.salary_min, job.salary_max, job.salary_currency) == (6_000_000, 8_400_000, "JPY")


@pytest.mark.django_db
def test_a_pasted_job_and_the_job_filters_take_salaries_in_won(auth_client, api_client):
    body = {"title": "Backend Engineer", "description": "Build our payments platform.", "salary_min": 60_000_000,
            "salary_max": 80_000_000, "salary_currency": "KRW"}
    created = auth_client.post("/api/v1/user-jobs", body)
    assert created.status_code == 201, created.json()
    assert (created.json()["salary_min"], created.json()["salary_max"]) == (60_000_000, 80_000_000)
    assert api_client.get("/api/v1/jobs", {"min_salary": 60_000_000}).status_code == 200
    # past what the column holds is a 400, never a database error
    too_big = auth_client.post("/api/v1/user-jobs", {**body, "title": "Other", "salary_max": MAX_STORED_SALARY + 1})
    assert too_big.status_code == 400 and "salary_max" in too_big.json()["errors"]
