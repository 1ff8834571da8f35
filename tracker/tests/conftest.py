import pytest

from profiles.models import ResumeVersion


@pytest.fixture
def resume(user):
    return ResumeVersion.objects.create(user=user, version_name="v1")
