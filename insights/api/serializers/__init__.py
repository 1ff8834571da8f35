"""Insights shapes, one module per area: input serializers validate, output serializers shape, neither saves."""
