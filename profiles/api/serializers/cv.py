"""Seed 004 `parsed_cv` and the CV upload responses."""

from careerhub.api import serializers


class CvExperienceSerializer(serializers.Serializer):
    company = serializers.CharField(allow_null=True)
    title = serializers.CharField(allow_null=True)
    start_date = serializers.CharField(allow_null=True, help_text="YYYY-MM or YYYY.")
    end_date = serializers.CharField(allow_null=True, help_text='YYYY-MM, YYYY or "present".')
    description = serializers.CharField(allow_null=True)


class CvEducationSerializer(serializers.Serializer):
    institution = serializers.CharField(allow_null=True)
    degree = serializers.CharField(allow_null=True)
    field = serializers.CharField(allow_null=True)
    end_date = serializers.CharField(allow_null=True)


class ParsedCvSerializer(serializers.Serializer):
    name = serializers.CharField(allow_null=True)
    email = serializers.CharField(allow_null=True)
    phone = serializers.CharField(allow_null=True)
    summary = serializers.CharField(allow_null=True)
    skills = serializers.ListField(child=serializers.CharField())
    experience = CvExperienceSerializer(many=True)
    education = CvEducationSerializer(many=True)
    years_of_experience = serializers.IntegerField(allow_null=True)


class CvUploadInputSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="PDF, DOCX or TXT, at most 10 MB; the type is read from the content.")


class CvUploadResponseSerializer(serializers.Serializer):
    message = serializers.CharField()
    filename = serializers.CharField()
    parsed_cv = ParsedCvSerializer()
    model = serializers.CharField(help_text='The model that parsed the CV, or "heuristic" without an API key.')


class CvUploadAcceptedSerializer(serializers.Serializer):
    message = serializers.CharField()
    filename = serializers.CharField()
    status = serializers.CharField(help_text="pending or processing: the parse has not finished yet.")
    upload_id = serializers.UUIDField(help_text="This upload.")
    poll_url = serializers.CharField(
        help_text="GET it for the outcome: the same answer POST /profile/cv gives once the parse has finished."
    )
