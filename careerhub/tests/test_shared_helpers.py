"""The shared write and read helpers: model_update, get_or_404 and the owned-object base view."""

import uuid

import pytest
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory, force_authenticate

from accounts.models import User
from careerhub.api.views import OwnedObjectView
from careerhub.selectors import get_or_404
from careerhub.services import model_update

pytestmark = pytest.mark.django_db


class TestModelUpdate:
    def test_it_saves_only_the_fields_that_were_sent_and_differ(self, user, django_assert_num_queries):
        # given
        before = user.updated_at
        # when
        with django_assert_num_queries(1):  # UPDATE of display_name, bio and updated_at only
            changed = model_update(
                instance=user,
                fields=["display_name", "bio", "timezone"],
                data={"display_name": "Ada King", "bio": "Mathematician", "timezone": user.timezone, "email": "x@y.z"},
            )
        # then
        assert changed == ["display_name", "bio"]
        user.refresh_from_db()
        assert (user.display_name, user.bio, user.email) == ("Ada King", "Mathematician", "ada@example.com")
        assert user.updated_at > before

    def test_nothing_sent_or_nothing_different_saves_nothing(self, user, django_assert_num_queries):
        with django_assert_num_queries(0):
            assert model_update(instance=user, fields=["display_name"], data={}) == []
            assert model_update(instance=user, fields=["display_name"], data={"display_name": user.display_name}) == []

    def test_fields_outside_the_list_are_ignored(self, user):
        assert model_update(instance=user, fields=["bio"], data={"is_staff": True}) == []
        user.refresh_from_db()
        assert user.is_staff is False

    def test_save_false_changes_the_instance_only(self, user):
        assert model_update(instance=user, fields=["bio"], data={"bio": "new"}, save=False) == ["bio"]
        assert User.objects.get(pk=user.pk).bio == ""

    def test_a_foreign_key_is_compared_by_its_id(self, user):
        from profiles.models import ResumeVersion

        resume = ResumeVersion.objects.create(user=user, version_name="CV")
        other = ResumeVersion.objects.create(user=user, version_name="CV 2")
        from tracker.models import Application

        application = Application.objects.create(user=user, company_name="Acme", resume_version=resume)
        assert model_update(instance=application, fields=["resume_version"], data={"resume_version": resume}) == []
        assert model_update(instance=application, fields=["resume_version"], data={"resume_version": other}) == ["resume_version"]
        assert Application.objects.get(pk=application.pk).resume_version_id == other.pk


class TestGetOr404:
    def test_it_finds_the_row_in_the_scoped_queryset(self, user):
        assert get_or_404(User.objects.filter(pk=user.pk), detail="User not found.", pk=user.pk) == user

    def test_a_row_outside_the_queryset_is_not_found_with_the_given_message(self, user, other_user):
        with pytest.raises(NotFound) as raised:
            get_or_404(User.objects.filter(pk=user.pk), detail="User not found.", pk=other_user.pk)
        assert str(raised.value.detail) == "User not found."

    @pytest.mark.parametrize("value", ["not-a-uuid", "", None, 12])
    def test_a_value_the_column_cannot_hold_is_not_found(self, user, value):
        with pytest.raises(NotFound):
            get_or_404(User.objects.all(), detail="User not found.", pk=value)


class OwnDisplayName(OwnedObjectView):
    lookup_url_kwarg = "user_id"
    not_found = "User not found."

    def get_queryset(self):
        return User.objects.filter(pk=self.request.user.pk)

    def get(self, request, user_id):
        return Response({"display_name": self.get_object().display_name})


def test_the_owned_object_view_finds_the_users_own_object_and_not_anyone_elses(user, other_user):
    view = OwnDisplayName.as_view()
    factory = APIRequestFactory()

    def call(user_id):
        request = factory.get("/")
        force_authenticate(request, user=user)
        return view(request, user_id=user_id)

    assert call(user.pk).data == {"display_name": "Ada Lovelace"}
    assert call(other_user.pk).status_code == 404
    assert call(uuid.uuid4()).status_code == 404
