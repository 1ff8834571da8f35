"""The MCP tool registry (careerhub.mcp.registry): what the apps register, checked without a server."""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator

from careerhub.api.scopes import SCOPES
from careerhub.mcp import registry


def test_every_registered_tool_has_a_valid_json_schema_and_a_known_scope():
    # given every app's tools
    tools = registry.tools_for(SCOPES)

    # then each schema is a valid JSON Schema of an object that takes nothing undeclared
    assert len(tools) == 15
    for tool in tools:
        Draft202012Validator.check_schema(tool.input_schema)
        assert tool.input_schema["type"] == "object" and tool.input_schema["additionalProperties"] is False, tool.name
        assert set(tool.input_schema.get("required", [])) <= set(tool.input_schema["properties"]), tool.name
        assert tool.scope in SCOPES


def test_a_tool_cannot_be_registered_with_an_unknown_scope():
    # given / when / then
    with pytest.raises(ValueError, match="unknown scope 'tracker:everything'"):
        registry.tool(name="nope", scope="tracker:everything", description="never registered")


def test_two_apps_cannot_register_the_same_tool_name():
    # given a name an app already registered
    def impostor(user):
        return {}

    # when / then
    with pytest.raises(ValueError, match="registered twice"):
        registry.tool(name="get_profile", scope="profile:read", description="again")(impostor)
    assert registry.tool_get("get_profile").handler.__module__ == "profiles.mcp_tools"
