"""Each editable field list is written once: the update serializers accept exactly what the services change."""

import pytest

from social import services
from social.api.serializers.groups import GroupUpdateInputSerializer
from social.api.serializers.posts import PostUpdateInputSerializer
from social.models import Group
from social.tests.factories import make_group, make_post


@pytest.mark.parametrize(
    "serializer_class, editable",
    [(GroupUpdateInputSerializer, services.GROUP_FIELDS), (PostUpdateInputSerializer, services.POST_FIELDS)],
)
def test_the_update_serializer_accepts_exactly_the_fields_the_service_changes(serializer_class, editable):
    # given the service's editable fields
    # when
    accepted = set(serializer_class().fields)
    # then a field added to one and not the other fails here instead of being silently dropped
    assert accepted == set(editable)


@pytest.mark.django_db
def test_a_null_group_name_is_kept_and_a_null_description_clears_it(auth_client, user):
    # given
    group = make_group(user, name="Backend folks")
    Group.objects.filter(pk=group.pk).update(description="Hiring talk")
    # when
    response = auth_client.put(f"/api/v1/social/groups/{group.pk}", {"name": None, "description": None}, format="json")
    # then
    assert response.status_code == 200
    assert (response.json()["name"], response.json()["description"]) == ("Backend folks", None)


@pytest.mark.django_db
def test_a_null_post_content_is_kept_and_a_null_title_clears_it(auth_client, user):
    # given
    post = make_post(user, content="Sent three applications", title="Monday")
    # when
    response = auth_client.put(f"/api/v1/social/posts/{post.pk}", {"title": None, "content": None}, format="json")
    # then
    assert response.status_code == 200
    assert (response.json()["content"], response.json()["title"]) == ("Sent three applications", None)
