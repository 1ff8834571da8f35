"""Input serializers validate and translate a seed's dialect into canonical Profile fields;
output serializers shape the one profile as each seed shows it. Neither saves."""
