"""Each face's input serializer and the service behind it name the same editable fields, so a
field added to one side cannot be dropped by the other (the lists live in profiles.services)."""

import pytest

from profiles import services
from profiles.api.serializers import agent, career, resumes, seeker, sharing
from profiles.services import profile as profile_services
from profiles.services import resumes as resume_services

# One valid body per face, sending every field the face has (checked below, so a new field needs
# a value here, and then a place in the service's list).
FULL_BODIES = [
    (
        career.CareerProfileInputSerializer,
        {
            "currentRole": "Engineer",
            "seniority": "senior",
            "industry": "Software",
            "companySize": "startup",
            "yearsOfExperience": 5,
            "primarySkills": ["Python"],
            "skillTags": [{"name": "Python", "proficiency": "advanced"}],
            "skillsToLearn": ["Go"],
            "careerGoals": ["skill-development"],
            "timeframe": "short-term",
            "learningStyle": "hands-on",
            "availableTime": "limited",
            "budget": "moderate",
            "interests": ["Compilers"],
            "networkingGoals": ["find-mentors"],
            "preferredEventTypes": ["meetup"],
        },
        profile_services.CAREER_FIELDS,
    ),
    (
        agent.AgentProfileInputSerializer,
        {
            "full_name": "Ada Lovelace",
            "bio": "Engines.",
            "skills": ["Python"],
            "experience_years": 5,
            "preferences": {
                "target_roles": ["Backend Engineer"],
                "remote_types": ["full"],
                "remote_only": False,
                "min_salary": 100,
                "max_salary": 200,
                "salary_currency": "eur",
                "job_types": ["permanent"],
                "preferred_countries": ["FR"],
                "eligible_regions": ["EU"],
                "needs_visa_sponsorship": False,
                "citizenships": ["France"],
                "security_clearances": ["UK SC"],
                "company_culture": "async-first",
            },
        },
        profile_services.AGENT_FIELDS,
    ),
    (seeker.AvailabilityInputSerializer, {"status": "ready_to_join"}, profile_services.AVAILABILITY_FIELDS),
    (
        seeker.JobPreferencesInputSerializer,
        {"preferred_job_types": ["remote", "full-time", "other"]},
        profile_services.JOB_TYPE_FIELDS,
    ),
    (
        seeker.ContactInformationInputSerializer,
        {"email": "ada@example.com", "phone": "+44 20 7946 0958", "location": {"city": "London", "region": "", "country": "UK"}},
        profile_services.CONTACT_FIELDS,
    ),
    (seeker.SkillsInputSerializer, {"skills": ["Python"]}, profile_services.SKILLS_FIELDS),
    (seeker.SummarySerializer, {"summary": "Engines."}, profile_services.SUMMARY_FIELDS),
]


@pytest.mark.parametrize("serializer_class, body, fields", FULL_BODIES, ids=lambda value: getattr(value, "__name__", ""))
def test_a_face_sent_every_field_changes_exactly_its_service_list(serializer_class, body, fields):
    # given a body with every field of the face
    serializer = serializer_class(data=body, context={"creating": True})
    assert set(body) == set(serializer.fields), "give every field of the face a value in FULL_BODIES"
    # when it is validated and mapped onto the profile
    assert serializer.is_valid(), serializer.errors
    # then it names exactly the fields the service lists for that face
    assert set(serializer.profile_changes()) == set(fields)


def test_the_career_face_maps_every_career_field_once():
    assert sorted(career.FIELDS.values()) == sorted(profile_services.CAREER_FIELDS)


def test_profile_update_refuses_a_name_no_face_lists(user):
    # given a name outside every face's list (an unlisted field would otherwise be dropped)
    with pytest.raises(TypeError, match="share_slug"):
        # when a caller passes it anyway, then the service refuses loudly
        services.profile_update(user=user, data={"share_slug": "guessable"})


@pytest.mark.parametrize(
    "serializer_class, fields",
    [
        (sharing.SharingInputSerializer, profile_services.SHARING_FIELDS),
        (resumes.ResumeVersionCreateInputSerializer, resume_services.RESUME_VERSION_FIELDS),
        (resumes.ResumeVersionUpdateInputSerializer, resume_services.RESUME_VERSION_FIELDS),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_an_input_serializer_has_exactly_the_fields_its_service_edits(serializer_class, fields):
    assert set(serializer_class().fields) == set(fields)
