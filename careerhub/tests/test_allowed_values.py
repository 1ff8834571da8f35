"""A refused choice names the allowed values (DESIGN §3), in bodies and in query filters alike."""

import pytest

from careerhub.api import serializers

pytestmark = pytest.mark.django_db


class Choosing(serializers.Serializer):
    colour = serializers.ChoiceField(choices=["red", "green"])
    colours = serializers.MultipleChoiceField(choices=["red", "green"], required=False)
    country = serializers.ChoiceField(choices=[f"C{n}" for n in range(serializers.MAX_CHOICES_NAMED + 1)], required=False)


def test_a_refused_choice_names_the_allowed_values():
    data = Choosing(data={"colour": "blue", "colours": ["red", "pink"]})

    assert not data.is_valid()
    assert data.errors["colour"] == ["'blue' is not a valid choice. Allowed values: red, green."]
    assert data.errors["colours"] == ["'pink' is not a valid choice. Allowed values: red, green."]


def test_a_long_list_of_choices_is_pointed_to_rather_than_listed():
    data = Choosing(data={"colour": "red", "country": "XX"})

    assert not data.is_valid()
    assert data.errors["country"] == ["'XX' is not a valid choice. Allowed values: one of 41 (listed in the API schema)."]


def test_a_model_choice_field_names_its_values(auth_client):
    response = auth_client.put("/api/v1/users/me", {"profile_visibility": "everyone"}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "profile_visibility": ["'everyone' is not a valid choice. Allowed values: private, followers, groups, public."]
    }


@pytest.mark.parametrize(
    "url, parameter, allowed",
    [
        ("/api/v1/applications?status=Bogus", "status", "Saved, Applied, Interviewing, Offer, Accepted, Rejected, Withdrawn"),
        ("/api/v1/reminders?reminder_type=Bogus", "reminder_type", "Follow-up, Deadline, Interview, General"),
        ("/api/v1/contacts?contact_type=Bogus", "contact_type", "Recruiter, Hiring Manager, Referral, HR, Peer, Other"),
    ],
)
def test_a_filter_with_an_unknown_value_is_a_400_naming_the_allowed_ones(auth_client, url, parameter, allowed):
    response = auth_client.get(url)

    assert response.status_code == 400
    name = parameter.replace("_", " ")
    assert response.json()["errors"] == {parameter: [f"'Bogus' is not a valid {name}. Allowed values: {allowed}."]}
