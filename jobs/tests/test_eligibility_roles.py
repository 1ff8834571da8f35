"""Role families and seniority read from titles (jobs/eligibility/data/families.json, seniority.json)."""

import pytest

from jobs.eligibility import roles


@pytest.mark.parametrize(
    ("title", "family", "specialism"),
    [
        ("Software Engineer, Backend", "software_engineering", "backend"),
        ("Software Engineer, Machine Learning", "data_science_ml", "ml_engineering"),
        ("Software Engineer - Site Reliability", "devops_sre_platform", ""),
        ("Software Engineer, Analytics", "software_engineering", ""),
        ("Senior AI Engineer (LLMs)", "data_science_ml", "ml_engineering"),
        ("Senior MLOps Engineer", "data_science_ml", "mlops"),
        ("Power BI Developer", "data_analytics", "bi"),
        ("Payroll Analyst", "finance", ""),
        ("Data Entry Clerk", "administration", ""),
        ("Executive Assistant", "administration", ""),
        ("Senior Python Developer", "software_engineering", "backend"),
        ("Frontend Developer (m/f/d)", "software_engineering", "frontend"),
        ("UI Engineer", "software_engineering", "frontend"),
        ("Full Stack Developer (React/Node)", "software_engineering", "fullstack"),
        ("iOS Engineer", "software_engineering", "mobile"),
        ("Growth Engineer", "software_engineering", ""),
        ("Software Engineer, Energy Platform", "software_engineering", ""),
        ("DevOps Engineer (Contract)", "devops_sre_platform", ""),
        ("Site Reliability Engineer (SRE)", "devops_sre_platform", ""),
        ("Platform Engineer", "devops_sre_platform", ""),
        ("Security Engineer", "security", ""),
        ("QA Automation Engineer", "qa", ""),
        ("Software Engineer in Test", "qa", ""),
        ("Data Engineer", "data_engineering", ""),
        ("Analytics Engineer", "data_engineering", ""),
        ("Graduate Data Scientist", "data_science_ml", "data_science"),
        ("Machine Learning Engineer", "data_science_ml", "ml_engineering"),
        ("Applied Scientist", "data_science_ml", "ml_engineering"),
        ("Senior Data Analyst", "data_analytics", ""),
        ("UI Designer", "design", "product"),
        ("Product Designer", "design", "product"),
        ("UX Researcher", "design", "research"),
        ("Graphic Designer", "design", "brand"),
        ("Product Manager", "product_management", ""),
        ("Product Owner", "product_management", ""),
        ("Engineering Manager", "engineering_management", ""),
        ("Director, Engineering", "engineering_management", ""),
        ("Head of Engineering", "engineering_management", ""),
        ("Manager, Software Engineering", "engineering_management", ""),
        ("Engineering Manager, Manufacturing Software", "engineering_management", ""),
        ("Technical Program Manager", "program_project_management", ""),
        ("Account Executive, Developer Platform", "sales", ""),
        ("Sales Engineer", "sales", ""),
        ("Solutions Architect", "sales", ""),
        ("Head of Sales", "sales", ""),
        ("Product Marketing Manager", "marketing", ""),
        ("Customer Success Manager", "customer_success", ""),
        ("Customer Success Engineer", "customer_success", ""),
        ("Technical Recruiter", "recruiting", ""),
        ("HR Business Partner", "people_hr", ""),
        ("Financial Analyst", "finance", ""),
        ("Operations Manager", "operations", ""),
        ("Warehouse Operations Associate", "operations", ""),
        ("Engineering Manager, Manufacturing", "industrial_engineering", ""),
        ("Manufacturing Engineer", "industrial_engineering", ""),
        ("Project Manager, Construction", "industrial_engineering", ""),
        ("Plant Manager", "industrial_engineering", ""),
        ("Developer Advocate", "devrel", ""),
        ("Technical Writer", "technical_writing", ""),
        ("Legal Counsel", "legal", ""),
    ],
)
def test_a_title_is_read_as_its_family_and_specialism(title, family, specialism):
    assert roles.role_of(title) == roles.Role(family, specialism)


def test_a_title_naming_no_known_role_has_no_family():
    assert roles.role_of("Wizard of Light") is None and roles.role_of("") is None


def test_adjacency_is_symmetric_and_data():
    assert roles.are_adjacent("software_engineering", "devops_sre_platform")
    assert roles.are_adjacent("devops_sre_platform", "software_engineering")
    assert not roles.are_adjacent("software_engineering", "sales")


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("Intern", 0), ("Junior Developer", 1), ("Associate Product Manager", 1), ("Associate Director", 5),
        ("Mid-level Engineer", 2), ("Senior Engineer", 3), ("Sr. Frontend Engineer", 3), ("Staff Engineer", 4), ("Lead Designer", 4),
        ("Principal Engineer", 5), ("Senior Staff Engineer", 5), ("Group Product Manager", 4), ("Head of Design", 6),
        ("VP of Product", 7), ("Chief Technology Officer", 7), ("Software Engineer II", 2), ("Business Development Manager", None),
        ("Senior Engineering Manager", 5), ("Backend Engineer", None),
    ],
)
def test_the_title_states_a_level(title, level):
    assert roles.title_level(title) == level


def test_years_and_profile_seniority_map_onto_the_same_ladder():
    assert [roles.level_from_years(y) for y in (0, 1, 2, 4, 5, 7, 8, 12)] == [1, 1, 2, 2, 3, 3, 4, 5]
    assert roles.level_from_years(None) is None
    assert (roles.profile_level("senior"), roles.profile_level("manager"), roles.profile_level("founder")) == (3, 4, None)
