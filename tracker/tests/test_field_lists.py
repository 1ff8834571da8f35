"""Each editable field list is written once, in its service; the API's input serializers take exactly it.

A field added to a serializer but not to the service's list would be validated and then silently
dropped (model_update only sets the fields it is given); one added to the list but not to the
serializer could never be sent. Either way a test here fails.
"""

import pytest
from django.db import models

from tracker.api.serializers.applications import ApplicationInputSerializer
from tracker.api.serializers.records import (
    ContactInputSerializer,
    DocumentCreateInputSerializer,
    DocumentUpdateInputSerializer,
    ReminderCreateInputSerializer,
    ReminderUpdateInputSerializer,
)
from tracker.api.serializers.saved_jobs import SavedJobInputSerializer, SavedJobUpdateInputSerializer
from tracker.api.serializers.stages import OutcomeInputSerializer, ReflectionInputSerializer, StageInputSerializer
from tracker.api.serializers.tags import TagCreateInputSerializer, TagUpdateInputSerializer
from tracker.models import (
    Application,
    ApplicationStage,
    Contact,
    Document,
    Outcome,
    Reflection,
    Reminder,
    SavedJob,
    Tag,
)
from tracker.services.applications import APPLICATION_FIELDS
from tracker.services.outcomes import OUTCOME_FIELDS, REFLECTION_FIELDS
from tracker.services.records import CONTACT_FIELDS, DOCUMENT_FIELDS, REMINDER_FIELDS
from tracker.services.saved_jobs import SAVED_JOB_FIELDS, SAVED_JOB_UPDATE_FIELDS
from tracker.services.stages import STAGE_FIELDS
from tracker.services.tags import TAG_FIELDS


def api_names(model: type[models.Model], fields: tuple[str, ...]) -> set[str]:
    """The names a body uses for `fields`: a foreign key travels as its id (`application` → `application_id`)."""
    return {field.attname if field.many_to_one else field.name for field in map(model._meta.get_field, fields)}


CASES = [
    # (serializer, model, the service's list, what the body carries besides, and why)
    (ApplicationInputSerializer, Application, APPLICATION_FIELDS, set()),
    (StageInputSerializer, ApplicationStage, STAGE_FIELDS, set()),
    (OutcomeInputSerializer, Outcome, OUTCOME_FIELDS, set()),
    (ReflectionInputSerializer, Reflection, REFLECTION_FIELDS, set()),
    (ContactInputSerializer, Contact, CONTACT_FIELDS, set()),
    # A document is created under an application and never moves to another one.
    (DocumentCreateInputSerializer, Document, DOCUMENT_FIELDS, {"application_id"}),
    (DocumentUpdateInputSerializer, Document, DOCUMENT_FIELDS, set()),
    (ReminderCreateInputSerializer, Reminder, REMINDER_FIELDS, set()),
    # Completing or reopening also stamps or clears completed_at (records.reminder_update).
    (ReminderUpdateInputSerializer, Reminder, REMINDER_FIELDS, {"is_completed"}),
    (SavedJobInputSerializer, SavedJob, SAVED_JOB_FIELDS, set()),
    (SavedJobUpdateInputSerializer, SavedJob, SAVED_JOB_UPDATE_FIELDS, set()),
    (TagCreateInputSerializer, Tag, TAG_FIELDS, set()),
    (TagUpdateInputSerializer, Tag, TAG_FIELDS, set()),
]


@pytest.mark.parametrize(("serializer_class", "model", "fields", "besides"), CASES, ids=[case[0].__name__ for case in CASES])
def test_an_input_serializer_takes_exactly_the_fields_its_service_updates(serializer_class, model, fields, besides):
    # given the serializer's fields and the service's editable list
    declared = set(serializer_class().fields)
    # when the list is spelled as a body spells it
    editable = api_names(model, fields)
    # then they are the same set (plus what the service handles by itself, named in CASES)
    assert declared == editable | besides, (
        f"only in the serializer: {sorted(declared - editable - besides)}; "
        f"only in the service: {sorted(editable - declared)}"
    )

