"""Fields the jobs shapes share. Work mode and employment type are stored canonically and spoken in
seed 004's spelling here (careerhub.vocabulary, dialect AGENT): `full/hybrid/onsite`,
`permanent/contract/freelance/part-time`."""

from django.core.exceptions import ValidationError as DjangoValidationError

from careerhub.api import serializers
from careerhub.vocabulary import AGENT, EMPLOYMENT_TYPES, WORK_MODES, Vocabulary
from jobs.normalize import MAX_STORED_SALARY

# What a job's salary column holds: yearly salaries in won or rupiah run to hundreds of millions.
MAX_SALARY = MAX_STORED_SALARY


# Longer than any spelling of any vocabulary (the value is refused unless it is one of them).
VOCABULARY_INPUT_MAX_LENGTH = 50


class VocabularyField(serializers.CharField):
    """A canonical value in, seed 004's spelling out; an unknown spelling is a 400 naming the allowed ones.

    Plain strings in the schema (the allowed values are in the description): the same field
    names carry other dialects' enums elsewhere in the API.
    """

    def __init__(self, vocabulary: Vocabulary, **kwargs):
        self.vocabulary = vocabulary
        kwargs.setdefault("help_text", f"One of: {', '.join(vocabulary.allowed(AGENT))}.")
        if not kwargs.get("read_only"):
            kwargs.setdefault("max_length", VOCABULARY_INPUT_MAX_LENGTH)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        try:
            return self.vocabulary.to_canonical(value, AGENT)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from None

    def to_representation(self, value):
        return self.vocabulary.from_canonical(value, AGENT)


def work_mode_field(**kwargs) -> VocabularyField:
    return VocabularyField(WORK_MODES, **kwargs)


def employment_type_field(**kwargs) -> VocabularyField:
    return VocabularyField(EMPLOYMENT_TYPES, **kwargs)


class BlankAsNullCharField(serializers.CharField):
    """Text stored as "" when unknown, shown as null (seed 004: "Company can be null")."""

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_null", True)  # so the schema says the value may be null
        super().__init__(**kwargs)

    def to_representation(self, value):
        return value or None
