"""Seed 004 "Generation": cover letter, CV highlights, regenerate, a resume tailored to the job
(issue 12), and where to poll a long one."""

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from drf_spectacular.utils import OpenApiResponse, PolymorphicProxySerializer, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from careerhub.api.errors import ServiceUnavailable
from careerhub.api.schema import error_response
from careerhub.api.throttles import GenerationThrottle
from careerhub.api.views import OwnedObjectView
from careerhub.llm import LLMUnavailable
from careerhub.selectors import get_or_404
from jobs.api.serializers import generation as s
from jobs.generation import services, state
from jobs.generation.tailoring.services import resume_tailor_from_cache
from jobs.matching import selectors
from profiles.models import ResumeVersion
from profiles.selectors import resume_version_list

SERIALIZERS = {
    state.COVER_LETTER: s.CoverLetterSerializer,
    state.CV_HIGHLIGHTS: s.HighlightsSerializer,
    state.REGENERATE: s.RegeneratedSerializer,
}
POLL_ROUTE = "match-generation"
# What a generation may answer besides its material (the standard errors come from the schema hook).
RESPONSES = {
    202: OpenApiResponse(s.GenerationPendingSerializer, description="Still generating: poll `poll_url`."),
    429: error_response("Too many generations (per user); see Retry-After."),
    503: error_response("The AI service is unreachable or rate-limited; nothing was cached. Retry after Retry-After."),
}


def _poll_url(request, match_id, generation_id: str) -> str:
    namespace = getattr(request.resolver_match, "namespace", "") or "v1"
    kwargs = {"match_id": match_id, "generation_id": generation_id}
    try:
        return reverse(f"{namespace}:{POLL_ROUTE}", kwargs=kwargs)
    except NoReverseMatch:
        return reverse(f"v1:{POLL_ROUTE}", kwargs=kwargs)


def tailored_response(request, resume: ResumeVersion, *, cached: bool) -> Response:
    return Response(s.TailoredResumeSerializer(resume, context={"request": request, "cached": cached}).data)


def generation_response(request, generation: services.Generation) -> Response:
    """200 with the material, 202 with where to poll, or the error the generation ended with."""
    if generation.status == state.COMPLETED and generation.kind == state.RESUME_TAILOR:
        resume = get_or_404(
            resume_version_list(user=request.user), detail="Resume version not found (it was deleted).", pk=generation.body["resume_id"]
        )
        return tailored_response(request, resume, cached=generation.body["cached"])
    if generation.status == state.COMPLETED:
        return Response(SERIALIZERS[generation.kind](generation.body).data)
    if generation.running:
        url = _poll_url(request, generation.match_id, generation.id)
        body = {
            "status": generation.status,
            "message": "Still generating. Poll poll_url for the result.",
            "generation_id": generation.id,
            "poll_url": url,
        }
        return Response(s.GenerationPendingSerializer(body).data, status=status.HTTP_202_ACCEPTED, headers={"Location": url})
    if generation.status == state.UNAVAILABLE:
        raise LLMUnavailable(generation.detail or None, retry_after=generation.retry_after or 30)
    if generation.code == "not_found":
        raise NotFound(generation.detail or "Match not found.")
    raise ServiceUnavailable(generation.detail or None, code="generation_failed", retry_after=5)


class _MatchView(OwnedObjectView):
    """An endpoint about one of the user's matches (someone else's is 404)."""

    lookup_url_kwarg = "match_id"
    not_found = "Match not found."

    def get_queryset(self):
        return selectors.match_owned_list(user=self.request.user)


class _GenerateView(_MatchView):
    """Answer from the cache, else generate (throttled per user: only generations count)."""

    kind: str

    def generate(self, request):
        match = self.get_object()
        body = services.material_cached(user=request.user, match=match, kind=self.kind)
        if body is not None:
            return Response(SERIALIZERS[self.kind](body).data)
        throttle = GenerationThrottle()
        if not throttle.allow_request(request, self):
            self.throttled(request, throttle.wait())
        generation = services.generation_start(
            user=request.user, match=match, kind=self.kind, wait_seconds=settings.GENERATION_WAIT_SECONDS
        )
        return generation_response(request, generation)


class CoverLetterGenerateView(_GenerateView):
    kind = state.COVER_LETTER

    @extend_schema(
        tags=["generation"],
        summary="Generate a cover letter for a match (seed 004)",
        description=(
            "Written by the writing model (Claude Sonnet) from the user's profile and parsed CV only; the job text "
            "is treated as untrusted data. Cached for 30 days under `cover_letter:{user_id}:{job_id}` and stored on "
            "the match; a cached answer (`cached: true`) calls no LLM. Without an API key a deterministic writer "
            'answers (`"model": "heuristic"`). Answers 202 with `poll_url` when generation outlasts a short wait.'
        ),
        request=None,
        responses={200: s.CoverLetterSerializer, **RESPONSES},
    )
    def post(self, request, match_id):
        return self.generate(request)


class HighlightsGenerateView(_GenerateView):
    kind = state.CV_HIGHLIGHTS

    @extend_schema(
        tags=["generation"],
        summary="Generate 3–5 CV highlights for a match (seed 004)",
        description=(
            "Chosen by the extraction model (Claude Haiku) through structured output, from the user's real "
            "experience only. Cached for 30 days under `cv_highlights:{user_id}:{job_id}` and stored on the match; "
            'a cached answer calls no LLM. Without an API key a deterministic writer answers (`"model": "heuristic"`).'
        ),
        request=None,
        responses={200: s.HighlightsSerializer, **RESPONSES},
    )
    def post(self, request, match_id):
        return self.generate(request)


class RegenerateView(_GenerateView):
    kind = state.REGENERATE

    @extend_schema(
        tags=["generation"],
        summary="Regenerate the cover letter and CV highlights of a match (seed 004)",
        description="Clears both cached results of the match, then generates both afresh.",
        request=None,
        responses={200: s.RegeneratedSerializer, **RESPONSES},
    )
    def post(self, request, match_id):
        return self.generate(request)


class TailorResumeView(_MatchView):
    @extend_schema(
        tags=["generation"],
        summary="Create a resume version tailored to a match's job",
        description=(
            "Rewrites the user's resume (their parsed CV and profile) for the match's job and saves it as a new "
            'resume version named "Tailored — {title} at {company}": a summary aimed at the role, skills ordered by '
            "what the job asks, experience highlights reordered and rephrased. Nothing is invented: every employer, "
            "job title, date, degree and school in the result is checked in code against the CV and profile, and "
            "anything else is removed before saving and listed in `removed_claims`. `keywords` lists the job's skills "
            "the resume covers, those surfaced from the CV, and the gaps (never added). The job text reaches the "
            "model as untrusted data. Without an AI provider a deterministic tailor orders, selects and surfaces "
            '(`"model": "heuristic"`). Cached for 30 days per job and exact CV: asking again answers the same '
            "version (`cached: true`), or a new one made from the cache if it was deleted. Answers 202 with "
            "`poll_url` when tailoring outlasts a short wait; throttled with the generations. Export the version "
            "with GET /api/v1/resumes/{id}/export."
        ),
        request=None,
        responses={200: s.TailoredResumeSerializer, **RESPONSES},
    )
    def post(self, request, match_id):
        match = self.get_object()
        resume = resume_tailor_from_cache(user=request.user, match=match)
        if resume is not None:
            return tailored_response(request, resume, cached=True)
        throttle = GenerationThrottle()
        if not throttle.allow_request(request, self):
            self.throttled(request, throttle.wait())
        generation = services.generation_start(
            user=request.user, match=match, kind=state.RESUME_TAILOR, wait_seconds=settings.GENERATION_WAIT_SECONDS
        )
        return generation_response(request, generation)


class GenerationStatusView(_MatchView):
    @extend_schema(
        tags=["generation"],
        summary="Poll a generation that answered 202",
        description=(
            "The same answer the generating endpoint would have given once it finishes: 200 with the material, "
            "202 while it runs, 503 + Retry-After when the AI service was unavailable. Generations can be polled "
            "for an hour."
        ),
        responses={
            200: PolymorphicProxySerializer(
                component_name="GeneratedMaterial",
                serializers=[s.CoverLetterSerializer, s.HighlightsSerializer, s.RegeneratedSerializer, s.TailoredResumeSerializer],
                resource_type_field_name=None,
            ),
            **RESPONSES,
        },
    )
    def get(self, request, match_id, generation_id):
        self.get_object()
        generation = services.generation_get(user=request.user, match_id=match_id, generation_id=str(generation_id))
        if generation is None:
            raise NotFound("Generation not found (it may have expired).")
        return generation_response(request, generation)
