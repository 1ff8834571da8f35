import pytest

from social.models import Group, GroupInvitation, GroupMember
from social.tests.factories import make_group, make_post

pytestmark = pytest.mark.django_db


def test_creating_a_group_makes_the_creator_its_admin(auth_client, user):
    response = auth_client.post("/api/v1/social/groups", {"name": "Backend folks", "description": "Hiring talk"})
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"id", "name", "description", "created_by", "is_public", "member_count", "created_at", "updated_at"}
    assert (body["created_by"], body["is_public"], body["member_count"]) == (str(user.pk), True, 1)
    assert GroupMember.objects.get(group_id=body["id"]).role == "admin"


def test_a_group_needs_a_name(auth_client):
    response = auth_client.post("/api/v1/social/groups", {"description": "no name"})
    assert response.status_code == 400
    assert "name" in response.json()["errors"]


def test_the_group_list_shows_public_groups_only(auth_client, other_user):
    make_group(other_user, name="Open")
    make_group(other_user, name="Closed", is_public=False)
    assert [g["name"] for g in auth_client.get("/api/v1/social/groups").json()] == ["Open"]


def test_mine_lists_the_groups_i_belong_to_with_their_member_counts(auth_client, user, other_user):
    make_group(other_user, name="Not mine")
    make_group(other_user, name="Joined", is_public=False, members=[user])
    make_group(user, name="Created")
    body = auth_client.get("/api/v1/social/groups/mine").json()
    assert {g["name"]: g["member_count"] for g in body} == {"Joined": 2, "Created": 1}


def test_a_private_group_is_404_to_outsiders_and_visible_to_members(auth_client, other_client, user, other_user):
    group = make_group(other_user, is_public=False)
    assert auth_client.get(f"/api/v1/social/groups/{group.pk}").status_code == 404
    GroupMember.objects.create(group=group, user=user)
    body = auth_client.get(f"/api/v1/social/groups/{group.pk}").json()
    assert body["member_count"] == 2


def test_only_the_creator_updates_a_group(auth_client, other_client, user, other_user):
    group = make_group(user, name="Old", members=[other_user])
    assert other_client.put(f"/api/v1/social/groups/{group.pk}", {"name": "Hijacked"}).status_code == 403
    response = auth_client.put(f"/api/v1/social/groups/{group.pk}", {"name": "New", "is_public": False})
    assert response.status_code == 200
    assert (response.json()["name"], response.json()["is_public"], response.json()["member_count"]) == ("New", False, 2)


def test_only_the_creator_deletes_a_group_and_its_posts_go_with_it(auth_client, other_client, user, other_user):
    group = make_group(user, members=[other_user])
    make_post(user, group=group)
    assert other_client.delete(f"/api/v1/social/groups/{group.pk}").status_code == 403
    response = auth_client.delete(f"/api/v1/social/groups/{group.pk}")
    assert (response.status_code, response.json()) == (200, {"detail": "Group deleted"})
    assert not Group.objects.exists()


def test_joining_a_public_group(auth_client, user, other_user):
    group = make_group(other_user)
    response = auth_client.post(f"/api/v1/social/groups/{group.pk}/join")
    assert response.status_code == 201
    assert set(response.json()) == {"id", "group_id", "user_id", "role", "joined_at"}
    assert response.json()["role"] == "member"


def test_it_rejects_joining_a_group_twice(auth_client, user, other_user):
    group = make_group(other_user, members=[user])
    response = auth_client.post(f"/api/v1/social/groups/{group.pk}/join")
    assert response.status_code == 400
    assert response.json()["detail"] == "You are already a member of this group."


def test_a_private_group_cannot_be_joined_without_an_invitation(auth_client, other_client, user, other_user):
    group = make_group(other_user, is_public=False)
    assert auth_client.post(f"/api/v1/social/groups/{group.pk}/join").status_code == 404
    # when its admin invites me
    invited = other_client.post(f"/api/v1/social/groups/{group.pk}/invite/{user.pk}")
    assert invited.status_code == 201
    assert set(invited.json()) == {"id", "group_id", "user_id", "invited_by", "created_at"}
    # then I can see it and join it, which uses the invitation up
    assert auth_client.get(f"/api/v1/social/groups/{group.pk}").status_code == 200
    assert auth_client.post(f"/api/v1/social/groups/{group.pk}/join").status_code == 201
    assert not GroupInvitation.objects.exists()


def test_only_a_group_admin_can_invite(client_for, user, other_user, make_user):
    group = make_group(other_user, is_public=False, members=[user])
    response = client_for(user).post(f"/api/v1/social/groups/{group.pk}/invite/{make_user().pk}")
    assert response.status_code == 403


def test_inviting_a_member_or_inviting_twice_is_400(other_client, user, other_user, make_user):
    group = make_group(other_user, is_public=False, members=[user])
    assert other_client.post(f"/api/v1/social/groups/{group.pk}/invite/{user.pk}").status_code == 400
    newcomer = make_user()
    assert other_client.post(f"/api/v1/social/groups/{group.pk}/invite/{newcomer.pk}").status_code == 201
    assert other_client.post(f"/api/v1/social/groups/{group.pk}/invite/{newcomer.pk}").status_code == 400


def test_inviting_an_unknown_user_is_404(other_client, other_user):
    group = make_group(other_user, is_public=False)
    response = other_client.post(f"/api/v1/social/groups/{group.pk}/invite/00000000-0000-0000-0000-000000000000")
    assert response.status_code == 404


def test_a_member_leaves_a_group(auth_client, user, other_user):
    group = make_group(other_user, members=[user])
    response = auth_client.delete(f"/api/v1/social/groups/{group.pk}/leave")
    assert (response.status_code, response.json()) == (200, {"detail": "Left group successfully"})
    assert not GroupMember.objects.filter(group=group, user=user).exists()


def test_leaving_a_group_you_are_not_in_is_404(auth_client, other_user):
    group = make_group(other_user)
    assert auth_client.delete(f"/api/v1/social/groups/{group.pk}/leave").status_code == 404


def test_the_last_admin_cannot_leave_while_others_remain(auth_client, user, other_user):
    group = make_group(user, members=[other_user])
    response = auth_client.delete(f"/api/v1/social/groups/{group.pk}/leave")
    assert response.status_code == 400
    assert "last admin" in response.json()["detail"]
    # alone, the admin may leave
    GroupMember.objects.filter(group=group, user=other_user).delete()
    assert auth_client.delete(f"/api/v1/social/groups/{group.pk}/leave").status_code == 200


def test_an_admin_may_leave_when_another_admin_remains(auth_client, user, other_user):
    group = make_group(user, members=[other_user])
    GroupMember.objects.filter(group=group, user=other_user).update(role="admin")
    assert auth_client.delete(f"/api/v1/social/groups/{group.pk}/leave").status_code == 200


def test_a_private_groups_members_are_for_its_members_only(auth_client, other_client, client_for, user, other_user, make_user):
    group = make_group(other_user, is_public=False, members=[user])
    assert len(auth_client.get(f"/api/v1/social/groups/{group.pk}/members").json()) == 2
    outsider = make_user()
    assert client_for(outsider).get(f"/api/v1/social/groups/{group.pk}/members").status_code == 404
    # an invited non-member sees the group but not who is in it
    GroupInvitation.objects.create(group=group, user=outsider, invited_by=other_user)
    assert client_for(outsider).get(f"/api/v1/social/groups/{group.pk}/members").status_code == 403


def test_anyone_signed_in_sees_a_public_groups_members(auth_client, other_user):
    group = make_group(other_user)
    body = auth_client.get(f"/api/v1/social/groups/{group.pk}/members").json()
    assert [(m["user_id"], m["role"]) for m in body] == [(str(other_user.pk), "admin")]


@pytest.mark.parametrize("is_public", [True, False])
def test_the_members_list_costs_the_same_queries_for_1_and_50_members(
    client_for, make_user, django_assert_num_queries, is_public
):
    admin = make_user()
    group = make_group(admin, is_public=is_public)
    client = client_for(admin)
    # 1 the request's user, 2 the group (scoped to what the viewer may see),
    # 3 (private groups only) the viewer's membership, 4 the page of members
    expected = 3 if is_public else 4
    with django_assert_num_queries(expected):
        assert len(client.get(f"/api/v1/social/groups/{group.pk}/members").json()) == 1
    GroupMember.objects.bulk_create([GroupMember(group=group, user=make_user()) for _ in range(49)])
    with django_assert_num_queries(expected):
        assert len(client.get(f"/api/v1/social/groups/{group.pk}/members").json()) == 50


def test_the_group_lists_cost_the_same_queries_for_1_and_50_groups(auth_client, user, django_assert_num_queries):
    make_group(user)
    # 1 the request's user, 2 the page of groups with their member counts
    with django_assert_num_queries(2):
        auth_client.get("/api/v1/social/groups")
    with django_assert_num_queries(2):
        auth_client.get("/api/v1/social/groups/mine")
    for n in range(49):
        make_group(user, name=f"g{n}")
    with django_assert_num_queries(2):
        assert len(auth_client.get("/api/v1/social/groups").json()) == 50
    with django_assert_num_queries(2):
        assert len(auth_client.get("/api/v1/social/groups/mine").json()) == 50


def test_group_endpoints_need_a_signed_in_user(api_client, user):
    group = make_group(user)
    assert api_client.get("/api/v1/social/groups").status_code == 401
    assert api_client.post(f"/api/v1/social/groups/{group.pk}/join").status_code == 401
    assert api_client.get(f"/api/v1/social/groups/{group.pk}/members").status_code == 401
