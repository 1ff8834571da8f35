"""Saved searches: CRUD, running one now, and the no-login unsubscribe link of its digests."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from careerhub.api.pagination import envelope, limit_parameter, query_limit, query_offset
from careerhub.api.schema import DetailMessageSerializer, error_response
from careerhub.api.views import OwnedObjectView
from jobs import selectors
from jobs.api.serializers import saved_searches as s
from jobs.api.serializers.jobs import JobWithMatchSerializer
from jobs.models import SavedSearch
from jobs.services import saved_searches as services

TAGS = ["saved-searches"]
RESULTS_PAGE = 50


class SavedSearchListView(APIView):
    pagination_class = envelope("saved_searches", SavedSearch.MAX_PER_USER)

    @extend_schema(
        tags=TAGS,
        summary="Your saved searches",
        description="Every saved search you keep (at most 20), oldest first, with its query and how often it emails you.",
        responses={200: s.SavedSearchSerializer(many=True)},
    )
    def get(self, request):
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(selectors.saved_search_list(user=request.user), request, view=self)
        return paginator.get_paginated_response(s.SavedSearchSerializer(page, many=True).data)

    @extend_schema(
        tags=TAGS,
        summary="Save a search",
        description=(
            "Keep a GET /jobs query under a name. `query` takes the filters of GET /jobs (an unknown one is a 400 "
            "naming the allowed ones); `min_match_score` keeps only jobs whose match score for you reaches it; "
            "`frequency` (daily, weekly or off) is how often an email lists the jobs it finds that are new since "
            "the last one. At most 20 per user: the 21st is a 400."
        ),
        request=s.SavedSearchInputSerializer,
        responses={201: s.SavedSearchSerializer},
    )
    def post(self, request):
        data = s.SavedSearchInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        search = services.saved_search_create(user=request.user, **data.validated_data)
        return Response(s.SavedSearchSerializer(search).data, status=status.HTTP_201_CREATED)


class _SavedSearchView(OwnedObjectView):
    lookup_url_kwarg = "search_id"
    not_found = services.NOT_FOUND

    def get_queryset(self):
        return selectors.saved_search_list(user=self.request.user)


class SavedSearchDetailView(_SavedSearchView):
    @extend_schema(
        tags=TAGS,
        summary="A saved search",
        description="One of your saved searches; someone else's is a 404.",
        responses={200: s.SavedSearchSerializer},
    )
    def get(self, request, search_id):
        return Response(s.SavedSearchSerializer(self.get_object()).data)

    @extend_schema(
        tags=TAGS,
        summary="Change a saved search",
        description=(
            "Changes the fields sent and nothing else. Turning emails back on (from `off`) starts from now: "
            "the next email lists only jobs first seen after the change."
        ),
        request=s.SavedSearchInputSerializer(partial=True),
        responses={200: s.SavedSearchSerializer},
    )
    def put(self, request, search_id):
        search = self.get_object()
        data = s.SavedSearchInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        return Response(s.SavedSearchSerializer(services.saved_search_update(search=search, data=data.validated_data)).data)

    @extend_schema(
        tags=TAGS,
        summary="Delete a saved search",
        description="Deletes it and stops its emails.",
        responses={200: DetailMessageSerializer},
    )
    def delete(self, request, search_id):
        services.saved_search_delete(search=self.get_object())
        return Response({"detail": "Saved search deleted"})


class SavedSearchResultsView(_SavedSearchView):
    @extend_schema(
        tags=TAGS,
        summary="Run a saved search now",
        operation_id="saved_searches_results_list",
        description=(
            "The jobs the search's query finds now, in GET /jobs's order and shape, each with `match`, your score "
            "for it, and `total` as GET /jobs counts it (exact up to 1,000 jobs, then an estimate: "
            "`total_is_estimate`). With `min_match_score`, only jobs scoring at least that (the first 1,000 jobs of the "
            "query are scored)."
        ),
        parameters=[
            limit_parameter(RESULTS_PAGE, "Page size (values above the API's maximum page size are clamped)."),
            OpenApiParameter("offset", {"type": "integer", "minimum": 0, "default": 0}, description="Number of jobs to skip."),
        ],
        responses={200: s.SavedSearchResultsSerializer},
    )
    def get(self, request, search_id):
        search = self.get_object()
        limit, offset = query_limit(request, RESULTS_PAGE), query_offset(request)
        results = selectors.saved_search_result_list(search=search, limit=limit, offset=offset)
        jobs = JobWithMatchSerializer(results.jobs, many=True, context={"career_impacts": results.scores}).data
        return Response({
            "jobs": jobs, "total": results.total, "limit": limit, "offset": offset, "has_more": results.has_more,
            "total_is_estimate": results.total_is_estimate,
        })


class SavedSearchUnsubscribeView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        tags=TAGS,
        summary="Stop a saved search's emails (the link in each digest)",
        description=(
            "Sets the search's `frequency` to `off`. Needs no sign-in: the `token` in the link is signed for this "
            "search alone. A wrong or missing token is a 404, as a search that does not exist is."
        ),
        auth=[],
        parameters=[OpenApiParameter("token", str, required=True, description="The token from the digest's link.")],
        responses={200: DetailMessageSerializer, 404: error_response("Saved search not found.")},
    )
    def get(self, request, search_id):
        query = s.UnsubscribeQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        search = services.saved_search_unsubscribe(search_id=search_id, token=query.validated_data.get("token", ""))
        return Response({"detail": f"You will no longer get emails for the saved search '{search.name}'."})
