"""Accounts serializers, one module per area: input serializers validate, output serializers shape."""
