"""`python manage.py mcp --token chp_...`: the MCP server over stdio, for a desktop assistant
(Claude Desktop and the like start it as a subprocess; docs/agents.md).

The token can also come from the CAREERHUB_TOKEN environment variable, which keeps it out of the
process list. It is checked at start (a clear error rather than a silent server) and again on
every message, so revoking it stops the assistant at once.
"""

import os

import anyio
from django.core.management.base import BaseCommand, CommandError
from mcp.server.stdio import stdio_server
from rest_framework.exceptions import APIException

from careerhub.mcp import registry
from careerhub.mcp.server import credential_or_protocol_error, error_as_body, server_build

TOKEN_VARIABLE = "CAREERHUB_TOKEN"


class Command(BaseCommand):
    help = "Serve the MCP server over stdio as the user of a personal access token (--token or $CAREERHUB_TOKEN)."

    def add_arguments(self, parser):
        parser.add_argument("--token", help=f"A personal access token (chp_...). Default: ${TOKEN_VARIABLE}.")

    def handle(self, *args, token=None, **options):
        secret = (token or os.environ.get(TOKEN_VARIABLE, "")).strip()
        if not secret:
            raise CommandError(f"Give a personal access token: --token chp_... or ${TOKEN_VARIABLE}.")
        try:
            registry.authenticate(secret)
        except APIException as exc:
            raise CommandError(error_as_body(exc)["detail"]) from None
        anyio.run(self.serve, secret)

    async def serve(self, secret: str) -> None:
        async def credential_for(ctx):
            return await credential_or_protocol_error(secret)

        server = server_build(credential_for)
        async with stdio_server() as (read_stream, write_stream):
            await server.run(read_stream, write_stream, server.create_initialization_options())
