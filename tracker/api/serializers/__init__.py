"""The tracker's request and response bodies, one module per area. Input serializers validate; output ones shape."""
