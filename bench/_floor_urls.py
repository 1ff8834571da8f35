"""The project's URLs plus the floors bench/endpoints.py compares endpoints with, served by the
same gunicorn, middleware and bearer-token authentication as the API (bench only, never deployed).

* `GET /floor/<name>`: a plain Django view: authenticate the token, run the floor's one raw SQL
  query, serialise with `json` (bench/_floors.py);
* `GET|POST /floor/bare`: a bare authenticated DRF view that answers a constant.
"""

import _floors
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.urls import path
from rest_framework.response import Response
from rest_framework.views import APIView

from careerhub.api.authentication import BearerTokenAuthentication
from careerhub.urls import handler400, handler403, handler404, handler500  # noqa: F401
from careerhub.urls import urlpatterns as project_urlpatterns

_authentication = BearerTokenAuthentication()


def floor_view(request, name):
    authenticated = _authentication.authenticate(request)
    if authenticated is None or name not in _floors.SQL:
        return JsonResponse({"detail": "Not authenticated or no such floor."}, status=401)
    with connection.cursor() as cursor:
        body = _floors.fetch(cursor, name, authenticated[0].pk)
    return HttpResponse(body, content_type="application/json")


class BareView(APIView):
    def get(self, request):
        return Response({"ok": True})

    def post(self, request):
        return Response({"ok": True})


urlpatterns = [
    path("floor/bare", BareView.as_view()),
    path("floor/<str:name>", floor_view),
    *project_urlpatterns,
]
