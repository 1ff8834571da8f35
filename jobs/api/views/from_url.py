"""Adding a job by its URL (issue 17): the posting is read for the user, then stored as their job."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from careerhub.api.schema import error_response
from careerhub.api.throttles import JobParseThrottle
from jobs.api.serializers import from_url as s
from jobs.api.serializers.user_jobs import UserJobSerializer
from jobs.services.user_job_from_url import user_job_create_from_url


class UserJobFromUrlView(APIView):
    throttle_classes = [JobParseThrottle]

    @extend_schema(
        tags=["user-jobs"],
        summary="Add a job by its URL",
        description=(
            "Creates one of your jobs, as `POST /user-jobs` does, from the posting at `url`. A job link of a supported "
            "ATS (Greenhouse, Lever, Ashby, Workable, SmartRecruiters, Recruitee, Personio) is read from that ATS's API. "
            "Any other page is fetched and its schema.org `JobPosting` (JSON-LD) read; a page without one is read as "
            "text, like `POST /user-jobs/parse`, if it reads like a job posting. Only public http(s) addresses are "
            "fetched (at most 3 redirects, 10 seconds, 2 MB, HTML/JSON/XML). Shares the `job_parse` rate limit with "
            "`POST /user-jobs/parse`."
        ),
        request=s.UserJobFromUrlSerializer,
        responses={
            201: UserJobSerializer,
            400: error_response(
                "`url_refused`: careerhub does not fetch this URL (not http(s), or an address inside a network), and says "
                "why; `no_job_found`: nothing at the URL reads as a job posting; `fetch_wrong_type`: the page is not "
                "HTML, JSON or XML; `invalid`: the body is invalid, or you already added this job."
            ),
            429: error_response("Too many parse requests."),
            502: error_response(
                "`fetch_failed`: the page (or the ATS's API) could not be fetched; `fetch_too_large`: it is over 2 MB."
            ),
            503: error_response("The AI service is unavailable; try again shortly."),
        },
    )
    def post(self, request):
        data = s.UserJobFromUrlSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        job = user_job_create_from_url(user=request.user, url=data.validated_data["url"])
        return Response(UserJobSerializer(job).data, status=status.HTTP_201_CREATED)
