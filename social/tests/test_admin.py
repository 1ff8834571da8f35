import pytest
from django.test import Client

from social.tests.factories import follow, make_group, make_post, react

pytestmark = pytest.mark.django_db


def test_operators_can_browse_every_social_table(staff_user, user, other_user):
    group = make_group(user, members=[other_user])
    react(other_user, make_post(user, group=group))
    follow(user, other_user)
    client = Client()
    client.force_login(staff_user)
    for model in ("group", "groupinvitation", "post", "reaction", "follow"):
        assert client.get(f"/admin/social/{model}/").status_code == 200, model
    assert client.get(f"/admin/social/group/{group.pk}/change/").status_code == 200
