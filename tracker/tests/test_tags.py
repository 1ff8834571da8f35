import pytest

from tracker.models import ApplicationTag, Tag
from tracker.tests import factories

pytestmark = pytest.mark.django_db


def test_a_tag_gets_the_default_colour(auth_client, user):
    response = auth_client.post("/api/v1/tags/", {"name": "remote"}, format="json")
    assert response.status_code == 201
    assert response.json()["color"] == "#6366f1"
    assert set(response.json()) == {"id", "user_id", "name", "color", "created_at"}


@pytest.mark.parametrize("color", ["red", "#12345", "#1234567", "123456", "#ggg000"])
def test_a_colour_that_is_not_hex_is_400(auth_client, color):
    response = auth_client.post("/api/v1/tags", {"name": "x", "color": color}, format="json")
    assert response.status_code == 400
    assert "color" in response.json()["errors"]


@pytest.mark.parametrize("color", ["#22C55E", "#abc"])
def test_hex_colours_are_stored_lower_case(auth_client, color):
    assert auth_client.post("/api/v1/tags", {"name": "x", "color": color}, format="json").json()["color"] == color.lower()


def test_a_second_tag_with_the_same_name_in_any_case_is_400(auth_client, user):
    factories.tag(user, "Remote")
    response = auth_client.post("/api/v1/tags", {"name": "remote"}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["name"] == ["A tag with this name already exists."]


def test_another_user_may_use_the_same_tag_name(auth_client, other_user):
    factories.tag(other_user, "remote")
    assert auth_client.post("/api/v1/tags", {"name": "remote"}, format="json").status_code == 201


def test_renaming_onto_an_existing_name_is_400_and_a_tag_may_keep_its_own_name(auth_client, user):
    factories.tag(user, "dream")
    tag = factories.tag(user, "remote")
    assert auth_client.put(f"/api/v1/tags/{tag.pk}", {"name": "DREAM"}, format="json").status_code == 400
    body = auth_client.put(f"/api/v1/tags/{tag.pk}", {"name": "Remote", "color": "#000000"}, format="json").json()
    assert body["name"] == "Remote" and body["color"] == "#000000"


def test_tags_are_listed_by_name(auth_client, user):
    for name in ("zeta", "alpha", "mid"):
        factories.tag(user, name)
    assert [t["name"] for t in auth_client.get("/api/v1/tags").json()] == ["alpha", "mid", "zeta"]


def test_a_tag_is_assigned_listed_and_removed(auth_client, user):
    # given
    application, tag = factories.application(user), factories.tag(user, "dream")
    # when
    response = auth_client.post(f"/api/v1/tags/application/{application.pk}/assign/{tag.pk}")
    # then
    assert response.status_code == 201
    body = response.json()
    assert body["application_id"] == str(application.pk) and body["tag_id"] == str(tag.pk)
    assert body["tag"]["name"] == "dream"
    listed = auth_client.get(f"/api/v1/tags/application/{application.pk}").json()
    assert [a["tag"]["name"] for a in listed] == ["dream"]
    assert [t["name"] for t in auth_client.get(f"/api/v1/applications/{application.pk}").json()["tags"]] == ["dream"]
    removed = auth_client.delete(f"/api/v1/tags/application/{application.pk}/remove/{tag.pk}")
    assert removed.json() == {"detail": "Tag removed from application"}
    assert not ApplicationTag.objects.exists()


def test_assigning_twice_is_400_and_removing_an_unassigned_tag_is_404(auth_client, user):
    application, tag = factories.application(user), factories.tag(user)
    auth_client.post(f"/api/v1/tags/application/{application.pk}/assign/{tag.pk}")
    assert auth_client.post(f"/api/v1/tags/application/{application.pk}/assign/{tag.pk}").status_code == 400
    auth_client.delete(f"/api/v1/tags/application/{application.pk}/remove/{tag.pk}")
    assert auth_client.delete(f"/api/v1/tags/application/{application.pk}/remove/{tag.pk}").status_code == 404


def test_someone_elses_tag_cannot_be_put_on_my_application(auth_client, user, other_user):
    application, theirs = factories.application(user), factories.tag(other_user)
    assert auth_client.post(f"/api/v1/tags/application/{application.pk}/assign/{theirs.pk}").status_code == 404
    assert not ApplicationTag.objects.exists()


def test_deleting_a_tag_removes_it_from_every_application(auth_client, user):
    tag = factories.tag(user)
    for _ in range(3):
        factories.assign(factories.application(user), tag)
    assert auth_client.delete(f"/api/v1/tags/{tag.pk}").json() == {"detail": "Tag deleted"}
    assert not Tag.objects.exists() and not ApplicationTag.objects.exists()
