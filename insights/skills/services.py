"""Custom skills (seed 004 `POST /skills/custom`)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F

from accounts.models import User
from careerhub.cache import safe_delete
from careerhub.skills import canonical_skill, dedupe_skills, skill_key
from insights.cache_keys import POPULAR_SKILLS_KEY
from insights.models import CustomSkill
from profiles.services.profile import lock_profile, profile_update


@transaction.atomic
def custom_skill_add(*, user: User, skill: str) -> CustomSkill:
    """Record a skill users know (one row per skill however it is spelled), count one more use of it,
    and add it to the user's profile skills through the profile service (so matching and every
    profile face see it).

    The popular-skills cache is dropped once this commits, so the new count shows at once.
    """
    name = canonical_skill(skill)
    key = skill_key(name)
    if not CustomSkill.objects.filter(skill_key=key).update(usage_count=F("usage_count") + 1):
        try:
            with transaction.atomic():
                CustomSkill.objects.create(skill=name, skill_key=key, usage_count=1)
        except IntegrityError:
            # Created meanwhile by a concurrent request: count this use on that row.
            CustomSkill.objects.filter(skill_key=key).update(usage_count=F("usage_count") + 1)
    profile = lock_profile(user)
    if key not in {skill_key(existing) for existing in profile.skills}:
        profile_update(user=user, data={"skills": dedupe_skills([*profile.skills, name])})
    transaction.on_commit(lambda: safe_delete(POPULAR_SKILLS_KEY))
    return CustomSkill.objects.get(skill_key=key)
