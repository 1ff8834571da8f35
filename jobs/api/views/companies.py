"""Companies a user follows by their careers page (issue 17): watch, list, unwatch."""

from django.conf import settings
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from careerhub.api.pagination import envelope
from careerhub.api.views import OwnedObjectView
from jobs import selectors
from jobs.api.serializers import companies as s
from jobs.services import company_boards


class CompanyWatchListView(APIView):
    pagination_class = envelope("companies", 50)

    @extend_schema(
        tags=["companies"],
        summary="List the companies you follow",
        description=(
            "Newest first. Each is a company's board on an ATS, with when careerhub last read it (`last_scraped_at`, "
            "null until the first read) and how many of its jobs careerhub holds (`job_count`); those jobs are in "
            "`GET /jobs` like every scraped job."
        ),
        responses={200: s.CompanyWatchSerializer(many=True)},
    )
    def get(self, request):
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(selectors.company_watch_list(user=request.user), request, view=self)
        return paginator.get_paginated_response(s.CompanyWatchSerializer(page, many=True).data)

    @extend_schema(
        tags=["companies"],
        summary="Follow a company by its careers page",
        description=(
            "The ATS and the board are recognised from the URL alone (nothing is fetched): `boards.greenhouse.io/{token}`, "
            "`job-boards.greenhouse.io/{token}`, `jobs.lever.co/{site}`, `jobs.ashbyhq.com/{board}`, "
            "`apply.workable.com/{account}`, `jobs.smartrecruiters.com/{company}`, `{company}.recruitee.com`, "
            "`{company}.jobs.personio.de` (or `.com`). careerhub reads the board soon after (when it has not lately) and "
            "then with every scheduled scrape, while anyone follows it. An unrecognised URL is a 400 naming the supported "
            f"forms; you can follow at most {settings.COMPANY_WATCH_MAX_PER_USER} companies (400 `watch_limit_reached`). "
            "Following a company you already follow answers 200 with it."
        ),
        request=s.CompanyWatchInputSerializer,
        responses={
            201: s.CompanyWatchSerializer,
            200: OpenApiResponse(s.CompanyWatchSerializer, description="You already follow this company."),
        },
    )
    def post(self, request):
        data = s.CompanyWatchInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        watch, created = company_boards.company_watch_create(user=request.user, url=data.validated_data["url"])
        watch = selectors.company_watch_get(user=request.user, watch_id=watch.pk)
        return Response(s.CompanyWatchSerializer(watch).data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


class CompanyWatchDetailView(OwnedObjectView):
    lookup_url_kwarg = "watch_id"
    not_found = "Company not found."

    def get_queryset(self):
        return selectors.company_watch_list(user=self.request.user)

    @extend_schema(
        tags=["companies"],
        summary="Stop following a company",
        description="Its jobs already scraped stay in the listing; with no one following it, its board is no longer read.",
        responses={204: None},
    )
    def delete(self, request, watch_id):
        company_boards.company_watch_delete(watch=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)
