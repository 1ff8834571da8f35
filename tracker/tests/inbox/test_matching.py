from datetime import UTC, date, datetime

from tracker.inbox.matching import MIN_SCORE, ApplicationCandidate, application_match
from tracker.inbox.parsing import ParsedMessage

ACME_BACKEND = ApplicationCandidate(id="acme-backend", company_name="Acme Robotics", role_title="Senior Backend Engineer")
ACME_DATA = ApplicationCandidate(id="acme-data", company_name="Acme Robotics, Inc.", role_title="Data Platform Engineer")
COBALT = ApplicationCandidate(id="cobalt", company_name="Cobalt", role_title="Frontend Engineer")
MERIDIAN = ApplicationCandidate(id="meridian", company_name="Meridian & Hale", role_title="Solutions Architect")
BRIGHTPATH = ApplicationCandidate(id="brightpath", company_name="Brightpath Logistics", role_title="Staff Software Engineer")
TESSELLATE = ApplicationCandidate(id="tessellate", company_name="Tessellate", role_title="Software Engineer")
ALL = [ACME_BACKEND, ACME_DATA, COBALT, MERIDIAN, BRIGHTPATH, TESSELLATE]


def email(**fields) -> ParsedMessage:
    return ParsedMessage(**{"from_address": "no-reply@us.greenhouse-mail.io", **fields})


def test_the_senders_domain_names_the_company():
    # when
    found = application_match(email(from_address="careers@brightpath-logistics.com"), ALL)
    # then
    assert found.application_id == "brightpath"


def test_a_domain_with_the_companys_first_word_names_it():
    # when
    found = application_match(email(from_address="hr@brightpath.com"), ALL)
    # then
    assert found.application_id == "brightpath"


def test_an_ats_address_names_the_company_in_its_local_part_or_subdomain():
    # then
    assert application_match(email(from_address="brightpath@myworkday.com"), ALL).application_id == "brightpath"
    assert application_match(email(from_address="noreply@brightpath.wd5.myworkdayjobs.com"), ALL
                             ).application_id == "brightpath"
    # ... while the ATS's own domain names nobody
    assert application_match(email(from_address="no-reply@greenhouse.io"), ALL).application_id is None


def test_the_display_name_subject_or_text_names_the_company():
    # then
    assert application_match(email(from_name="Meridian & Hale Careers"), ALL).application_id == "meridian"
    assert application_match(email(subject="Your application to Meridian and Hale"), ALL).application_id == "meridian"
    assert application_match(email(text="Thank you for your interest in Meridian & Hale."), ALL
                             ).application_id == "meridian"


def test_a_one_word_company_counts_only_with_its_capital():
    # then
    assert application_match(email(text="Thanks for applying to Cobalt!"), ALL).application_id == "cobalt"
    assert application_match(email(text="Our logo is cobalt blue."), ALL).application_id is None


def test_between_two_roles_at_one_company_the_role_decides():
    # when
    found = application_match(email(from_address="recruiting@acme-robotics.com",
                                    text="Your interview for the Data Platform Engineer role is scheduled."), ALL)
    # then
    assert found.application_id == "acme-data"


def test_two_equally_good_applications_are_never_guessed_between():
    # when
    found = application_match(email(from_address="priya@acme-robotics.com", text="Following up on your application."),
                              ALL)
    # then
    assert found.application_id is None
    assert found.ambiguous


def test_an_earlier_message_of_the_thread_decides():
    # given the user's two Acme applications, one with an earlier message of this thread
    backend = ApplicationCandidate(id="acme-backend", company_name="Acme Robotics", role_title="Senior Backend Engineer",
                                   message_ids=frozenset({"<first@acme-robotics.com>"}))
    # when
    found = application_match(email(from_address="priya@acme-robotics.com", references=("<first@acme-robotics.com>",)),
                              [backend, ACME_DATA])
    # then
    assert found.application_id == "acme-backend"
    assert "same thread (+100)" in found.reasons


def test_the_subject_of_an_earlier_message_counts_when_it_says_something():
    # given
    backend = ApplicationCandidate(id="acme-backend", company_name="Acme Robotics", role_title="Senior Backend Engineer",
                                   subjects=("Scheduling your Acme onsite loop", "Your application"))
    # then a specific subject is the thread; "Your application" is everyone's
    assert application_match(email(subject="RE: Scheduling your Acme onsite loop"), [backend, ACME_DATA]
                             ).application_id == "acme-backend"
    assert application_match(email(subject="Re: Your application"), [backend, ACME_DATA]).application_id is None


def test_a_role_title_alone_is_not_enough():
    # when an unknown company writes about a role the user also applied for elsewhere
    found = application_match(email(from_address="careers@verdantfoods.com",
                                    text="Thank you for applying for the Software Engineer II position."), ALL)
    # then
    assert found.application_id is None
    assert found.score < MIN_SCORE


def test_a_personal_mailbox_says_nothing_about_the_company():
    # then
    assert application_match(email(from_address="cobalt@gmail.com"), ALL).application_id is None


def test_an_email_older_than_the_application_counts_against_it():
    # given
    applied = ApplicationCandidate(id="cobalt", company_name="Cobalt", role_title="Frontend Engineer",
                                   applied_date=date(2026, 3, 1))
    # when
    found = application_match(email(from_address="hr@cobalt.so", date=datetime(2026, 1, 5, tzinfo=UTC)), [applied])
    # then
    assert found.application_id == "cobalt"
    assert "older than the application (-30)" in found.reasons


def test_no_applications_match_nothing():
    # then
    assert application_match(email(from_address="hr@cobalt.so"), []).application_id is None


def test_a_known_sender_names_a_company_whose_domain_does_not():
    # given Greyhaven Software writing from ghsoft.co, one of whose people is a contact of the application
    greyhaven = ApplicationCandidate(id="greyhaven", company_name="Greyhaven Software", role_title="Engineering Manager",
                                     known_senders=frozenset({"nadia.brooks@ghsoft.co"}))
    # then the contact herself, and a colleague at the same domain, are both Greyhaven
    assert application_match(email(from_address="nadia.brooks@ghsoft.co"), [greyhaven, COBALT]
                             ).application_id == "greyhaven"
    assert application_match(email(from_address="talent@ghsoft.co"), [greyhaven, COBALT]).application_id == "greyhaven"


def test_a_known_senders_mailbox_provider_or_ats_names_nobody_else():
    # given a contact who wrote from Gmail and one from Greenhouse
    cobalt = ApplicationCandidate(id="cobalt", company_name="Cobalt", role_title="Frontend Engineer",
                                  known_senders=frozenset({"lena.cobalt@gmail.com", "no-reply@greenhouse.io"}))
    # then another Gmail user, or any company's mail through the same Greenhouse address, is not Cobalt
    assert application_match(email(from_address="someone@gmail.com"), [cobalt]).application_id is None
    assert application_match(email(from_address="no-reply@greenhouse.io"), [cobalt]).application_id is None
    # ... while the recruiter's own Gmail address is
    assert application_match(email(from_address="lena.cobalt@gmail.com"), [cobalt]).application_id == "cobalt"
