"""Seed 003 social shapes, one module per area: input serializers validate, output serializers shape, neither saves."""
