"""Create or update the standard milestones. Safe on every deploy (run by `manage.py bootstrap`).

Rows are matched by their stable `key`, so rewording a description here updates the row instead
of adding a second one. What operators change in the admin (name, criteria, order) and the
milestones they add there are left alone.
"""

from django.core.management import BaseCommand
from django.db import transaction

from careerhub.services import model_update
from insights.models import Milestone, MilestoneAction

STANDARD_MILESTONES = [
    ("getting-started", "Getting Started", "Created your account.", MilestoneAction.REGISTER, 1),
    ("first-application", "First Application", "Tracked your first application.", MilestoneAction.CREATE_APPLICATION, 1),
    ("building-momentum", "Building Momentum", "Tracked 10 applications.", MilestoneAction.CREATE_APPLICATION, 10),
    ("in-the-zone", "In the Zone", "Tracked 25 applications.", MilestoneAction.CREATE_APPLICATION, 25),
    ("self-reflective", "Self-Reflective", "Wrote your first reflection on an application.", MilestoneAction.CREATE_REFLECTION, 1),
    ("growth-mindset", "Growth Mindset", "Wrote 10 reflections.", MilestoneAction.CREATE_REFLECTION, 10),
    ("one-week-strong", "One Week Strong", "Active 7 days in a row.", MilestoneAction.STREAK, 7),
    ("thirty-day-streak", "Thirty Day Streak", "Active 30 days in a row.", MilestoneAction.STREAK, 30),
    ("connected", "Connected", "Following 5 people.", MilestoneAction.FOLLOW, 5),
    ("part-of-a-circle", "Part of a Circle", "Joined your first group.", MilestoneAction.JOIN_GROUP, 1),
    ("sharing-insights", "Sharing Insights", "Shared your first post.", MilestoneAction.CREATE_POST, 1),
    ("offer-received", "Offer Received", "Received an offer.", MilestoneAction.RECEIVE_OFFER, 1),
]


class Command(BaseCommand):
    help = "Create the 12 standard milestones, or update their descriptions (idempotent)."

    def handle(self, *args, **options):
        created = updated = 0
        for position, (key, name, description, action, count) in enumerate(STANDARD_MILESTONES, start=1):
            was_created, was_updated = _seed_one(
                key=key,
                name=name,
                description=description,
                criteria={"action": str(action), "count": count},
                position=position,
            )
            created += was_created
            updated += was_updated
        self.stdout.write(f"milestones: {created} created, {updated} updated, {len(STANDARD_MILESTONES)} total")


@transaction.atomic
def _seed_one(*, key: str, name: str, description: str, criteria: dict, position: int) -> tuple[bool, bool]:
    """One standard milestone: created whole when missing; otherwise only its description follows the code.

    Name, criteria and position of an existing row belong to the operators (the admin edits them),
    so a deploy never undoes their change. A row an operator made by hand under the same name
    before is adopted (given its key), not duplicated.
    """
    rows = Milestone.objects.select_for_update()
    milestone = rows.filter(key=key).first() or rows.filter(name=name).first()
    if milestone is None:
        # Two deploys seeding at once both find nothing; the unique key lets exactly one insert win
        # and the other carries on with the row the first one made.
        milestone, was_created = Milestone.objects.get_or_create(
            key=key, defaults={"name": name, "description": description, "criteria": criteria, "position": position}
        )
        if was_created:
            return True, False
    changed = model_update(instance=milestone, fields=("key", "description"), data={"key": key, "description": description})
    return False, bool(changed)
