"""Adding a job by its URL: the input (the answer is the user job, jobs.api.serializers.user_jobs)."""

from careerhub.api import serializers


class UserJobFromUrlSerializer(serializers.Serializer):
    url = serializers.CharField(
        max_length=1000,
        help_text="An http(s) link to one job posting: an ATS job link, or any page describing one job.",
    )
