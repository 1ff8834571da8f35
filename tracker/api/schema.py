"""What the tracker's OpenAPI schema says beyond what drf-spectacular infers from the views."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiSerializerExtension

from careerhub.api import serializers

PARTIAL_METHOD = "PUT"


def partial_put_body(
    serializer_class: type[serializers.Serializer], *, component: str | None = None, description: str | None = None
) -> None:
    """Document `serializer_class`, validated with partial=True on PUT, as a body whose every field is optional.

    Seed 003's PUT updates only the fields it is sent, so the views validate a PUT body with the
    create serializer and `partial=True` — one definition of the fields for both. drf-spectacular
    reads partiality only from PATCH (as a `Patched<Name>` component); this gives the PUT body its own
    component, `component` (default: the serializer's own name), without a `required` list and
    described as `description` (default "<Serializer>, every field optional."). Any other method
    (the POST that creates) still sees the serializer as declared, required fields and all.
    """
    described = description or f"{serializer_class.__name__}, every field optional."

    class PartialPutBody(OpenApiSerializerExtension):
        target_class = serializer_class

        def get_name(self, auto_schema, direction):
            return component if auto_schema.method == PARTIAL_METHOD else None

        def map_serializer(self, auto_schema, direction):
            schema = super().map_serializer(auto_schema, direction)
            if auto_schema.method != PARTIAL_METHOD:
                return schema
            return {**{key: value for key, value in schema.items() if key != "required"}, "description": described}

    PartialPutBody.__name__ = PartialPutBody.__qualname__ = f"{serializer_class.__name__}PartialPutBody"
