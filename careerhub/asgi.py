"""The ASGI entry point: the API (Django) and the MCP server at /mcp (docs/agents.md).

    uvicorn careerhub.asgi:application --host 127.0.0.1 --port 8001        # make mcp
    gunicorn -c python:careerhub.gunicorn_config -k uvicorn.workers.UvicornWorker careerhub.asgi:application

The WSGI entry point (careerhub.wsgi) keeps serving the API alone; this one serves both, so a
deployment can run either. ASGI lifespan events go to the MCP app (its SDK session manager).
"""

import os
from collections.abc import Callable

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerhub.settings.base")

django_application = get_asgi_application()

# Imported once Django is set up: the MCP app reads settings and the apps' tool modules.
from careerhub.mcp.http import PATH, application_build  # noqa: E402

mcp_application = application_build()


def _is_mcp(scope: dict) -> bool:
    return scope["type"] == "lifespan" or (scope["type"] == "http" and (scope["path"] == PATH or scope["path"].startswith(f"{PATH}/")))


async def application(scope: dict, receive: Callable, send: Callable) -> None:
    if _is_mcp(scope):
        await mcp_application(scope, receive, send)
    else:
        await django_application(scope, receive, send)
