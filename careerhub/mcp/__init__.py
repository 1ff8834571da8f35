"""The MCP server (docs/agents.md): AI assistants and scripts act for a user through the tools each
app registers (`<app>/mcp_tools.py`, careerhub.mcp.registry), authenticated by a personal access
token and held to its scopes. Served over streamable HTTP at /mcp (careerhub.asgi) and over stdio
(`python manage.py mcp --token chp_...`)."""
