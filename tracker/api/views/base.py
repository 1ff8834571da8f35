"""What every tracker view module shares: body validation, the delete answer, the seed 003 list."""

from __future__ import annotations

from typing import Any

from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from careerhub.api import serializers


def validated(serializer_class: type[serializers.Serializer], data: Any, *, partial: bool = False) -> dict[str, Any]:
    """The body's validated data (400 in the one error shape otherwise). `partial`: only the fields sent."""
    serializer = serializer_class(data=data, partial=partial)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def deleted(thing: str) -> Response:
    return Response({"detail": f"{thing} deleted"})


# A seed 003 list: the owner's rows, filtered by the filterset's query parameters, paged with
# skip/limit. (A comment, not a docstring: the schema would show a docstring as the description
# of every list.)
class OwnedListView(GenericAPIView):

    model: type

    def owned(self):
        raise NotImplementedError

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return self.model.objects.none()
        return self.owned()

    def page(self, serializer_class) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(serializer_class(page, many=True).data)
