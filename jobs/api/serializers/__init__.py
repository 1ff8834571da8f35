"""Input serializers validate and translate seed 004's spelling into canonical Job fields; output
serializers shape jobs, matches and generated material. Neither saves. One module per area."""
