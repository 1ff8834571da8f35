"""Create or update the standard milestones. Safe on every deploy (run by `manage.py bootstrap`).

Rows are matched by their stable `key`, so rewording a name or description here updates the
row instead of adding a second one; milestones operators added in the admin are left alone.
"""

from django.core.management import BaseCommand
from django.db import transaction

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
    help = "Create or update the 12 standard milestones (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        created = updated = 0
        for position, (key, name, description, action, count) in enumerate(STANDARD_MILESTONES, start=1):
            values = {
                "key": key,
                "name": name,
                "description": description,
                "criteria": {"action": str(action), "count": count},
                "position": position,
            }
            # By key; by name too, so a row an operator made by hand before is adopted, not duplicated.
            rows = Milestone.objects.select_for_update()
            milestone = rows.filter(key=key).first() or rows.filter(name=name).first()
            if milestone is None:
                Milestone.objects.create(**values)
                created += 1
                continue
            changed = [field for field, value in values.items() if getattr(milestone, field) != value]
            if changed:
                for field in changed:
                    setattr(milestone, field, values[field])
                milestone.save(update_fields=[*changed, "updated_at"])
                updated += 1
        self.stdout.write(f"milestones: {created} created, {updated} updated, {len(STANDARD_MILESTONES)} total")
