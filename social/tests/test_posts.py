import pytest

from social.models import Post, Reaction
from social.tests.factories import make_group, make_post, react

pytestmark = pytest.mark.django_db

POST_FIELDS = {
    "id", "user_id", "group_id", "post_type", "title", "content", "is_public", "reaction_count", "created_at", "updated_at",
}


def test_creating_a_post_answers_the_seed_shape_with_defaults(auth_client, user):
    response = auth_client.post("/api/v1/social/posts", {"content": "Got a phone screen!"})
    assert response.status_code == 201
    body = response.json()
    assert set(body) == POST_FIELDS
    assert (body["post_type"], body["is_public"], body["reaction_count"], body["group_id"], body["title"]) == (
        "Update", True, 0, None, None,
    )


def test_an_unknown_post_type_is_400_naming_the_allowed_values(auth_client):
    response = auth_client.post("/api/v1/social/posts", {"content": "x", "post_type": "Rant"})
    assert response.status_code == 400
    message = response.json()["errors"]["post_type"][0]
    assert "Rant" in message and "Celebration" in message


def test_a_post_needs_content(auth_client):
    assert auth_client.post("/api/v1/social/posts", {"title": "empty"}).status_code == 400


def test_a_post_goes_only_into_a_group_you_belong_to(auth_client, user, other_user):
    foreign = make_group(other_user)
    response = auth_client.post("/api/v1/social/posts", {"content": "hi", "group_id": str(foreign.pk)})
    assert response.status_code == 400
    assert "group_id" in response.json()["errors"]
    mine = make_group(user)
    response = auth_client.post("/api/v1/social/posts", {"content": "hi", "group_id": str(mine.pk)})
    assert response.status_code == 201
    assert response.json()["group_id"] == str(mine.pk)


def test_the_feed_shows_what_the_viewer_may_read(auth_client, user, other_user, make_user):
    # given
    stranger = make_user()
    open_group = make_group(stranger, name="open")
    closed_group = make_group(stranger, name="closed", is_public=False)
    my_closed_group = make_group(other_user, name="mine", is_public=False, members=[user])
    visible = [
        make_post(other_user, content="public"),
        make_post(stranger, content="public post in a public group", group=open_group),
        make_post(user, content="my own non-public post", is_public=False),
        make_post(other_user, content="post in my private group", group=my_closed_group),
        make_post(other_user, content="non-public post in my group", group=my_closed_group, is_public=False),
    ]
    make_post(other_user, content="non-public", is_public=False)
    make_post(stranger, content="private group", group=closed_group)
    make_post(stranger, content="non-public post in a public group", group=open_group, is_public=False)
    # when
    body = auth_client.get("/api/v1/social/posts/feed").json()
    # then
    assert [p["content"] for p in body] == [post.content for post in reversed(visible)]


def test_the_feed_filters_by_group(auth_client, user, other_user):
    group = make_group(other_user)
    make_post(other_user, content="outside")
    make_post(other_user, content="inside", group=group)
    body = auth_client.get("/api/v1/social/posts/feed", {"group_id": str(group.pk)}).json()
    assert [p["content"] for p in body] == ["inside"]


def test_a_private_groups_feed_is_empty_for_outsiders(auth_client, other_user):
    group = make_group(other_user, is_public=False)
    make_post(other_user, group=group)
    assert auth_client.get("/api/v1/social/posts/feed", {"group_id": str(group.pk)}).json() == []


def test_a_malformed_group_id_is_400(auth_client):
    response = auth_client.get("/api/v1/social/posts/feed", {"group_id": "nope"})
    assert response.status_code == 400
    assert "group_id" in response.json()["errors"]


def test_the_feed_pages_with_skip_and_limit(auth_client, other_user):
    posts = [make_post(other_user, content=f"p{n}") for n in range(5)]
    body = auth_client.get("/api/v1/social/posts/feed", {"skip": 1, "limit": 2}).json()
    assert [p["content"] for p in body] == [posts[3].content, posts[2].content]


def test_every_post_carries_its_reaction_count(auth_client, user, other_user, make_user):
    post = make_post(other_user)
    for _ in range(3):
        react(make_user(), post)
    quiet = make_post(other_user, content="quiet")
    counts = {p["id"]: p["reaction_count"] for p in auth_client.get("/api/v1/social/posts/feed").json()}
    assert counts == {str(post.pk): 3, str(quiet.pk): 0}


def test_the_feed_costs_the_same_queries_for_1_and_50_posts(
    auth_client, user, other_user, make_user, django_assert_num_queries
):
    group = make_group(other_user, members=[user], is_public=False)
    post = make_post(other_user, group=group)
    react(make_user(), post)
    # 1 the request's user, 2 the page of visible posts with reaction_count annotated
    with django_assert_num_queries(2):
        assert len(auth_client.get("/api/v1/social/posts/feed").json()) == 1
    reactors = [make_user() for _ in range(3)]
    for n in range(49):
        extra = make_post(other_user, content=f"p{n}", group=group if n % 2 else None)
        for reactor in reactors:
            react(reactor, extra)
    with django_assert_num_queries(2):
        body = auth_client.get("/api/v1/social/posts/feed").json()
    assert len(body) == 50
    assert {p["reaction_count"] for p in body} == {1, 3}


def test_mine_lists_my_posts_only(auth_client, user, other_user, django_assert_num_queries):
    make_post(user, content="mine", is_public=False)
    make_post(other_user, content="theirs")
    # 1 the request's user, 2 the page of posts with reaction_count annotated
    with django_assert_num_queries(2):
        body = auth_client.get("/api/v1/social/posts/mine").json()
    assert [p["content"] for p in body] == ["mine"]


def test_only_the_author_updates_a_post(auth_client, other_client, user):
    post = make_post(user, title="Old")
    assert other_client.put(f"/api/v1/social/posts/{post.pk}", {"title": "Hijack"}).status_code == 403
    response = auth_client.put(f"/api/v1/social/posts/{post.pk}", {"content": "Edited", "is_public": False})
    assert response.status_code == 200
    assert (response.json()["content"], response.json()["is_public"], response.json()["title"]) == ("Edited", False, "Old")


def test_someone_elses_non_public_post_is_404_not_403(other_client, user):
    post = make_post(user, is_public=False)
    assert other_client.put(f"/api/v1/social/posts/{post.pk}", {"title": "x"}).status_code == 404
    assert other_client.delete(f"/api/v1/social/posts/{post.pk}").status_code == 404
    assert other_client.post(f"/api/v1/social/posts/{post.pk}/react", {}).status_code == 404


def test_only_the_author_deletes_a_post(auth_client, other_client, user):
    post = make_post(user)
    assert other_client.delete(f"/api/v1/social/posts/{post.pk}").status_code == 403
    response = auth_client.delete(f"/api/v1/social/posts/{post.pk}")
    assert (response.status_code, response.json()) == (200, {"detail": "Post deleted"})
    assert not Post.objects.exists()


def test_reacting_defaults_to_like_and_a_new_reaction_replaces_the_old(auth_client, user, other_user):
    post = make_post(other_user)
    first = auth_client.post(f"/api/v1/social/posts/{post.pk}/react", {})
    assert first.status_code == 201
    assert set(first.json()) == {"id", "post_id", "user_id", "reaction", "created_at"}
    assert first.json()["reaction"] == "Like"
    second = auth_client.post(f"/api/v1/social/posts/{post.pk}/react", {"reaction": "Celebrate"})
    assert (second.status_code, second.json()["reaction"], second.json()["id"]) == (201, "Celebrate", first.json()["id"])
    assert Reaction.objects.count() == 1


def test_an_unknown_reaction_is_400(auth_client, other_user):
    post = make_post(other_user)
    assert auth_client.post(f"/api/v1/social/posts/{post.pk}/react", {"reaction": "Angry"}).status_code == 400


def test_removing_a_reaction(auth_client, user, other_user):
    post = make_post(other_user)
    react(user, post)
    response = auth_client.delete(f"/api/v1/social/posts/{post.pk}/react")
    assert (response.status_code, response.json()) == (200, {"detail": "Reaction removed"})
    assert auth_client.delete(f"/api/v1/social/posts/{post.pk}/react").status_code == 404


def test_post_endpoints_need_a_signed_in_user(api_client, user):
    post = make_post(user)
    assert api_client.get("/api/v1/social/posts/feed").status_code == 401
    assert api_client.post("/api/v1/social/posts", {"content": "x"}).status_code == 401
    assert api_client.post(f"/api/v1/social/posts/{post.pk}/react", {}).status_code == 401
    assert api_client.delete(f"/api/v1/social/posts/{post.pk}").status_code == 401
