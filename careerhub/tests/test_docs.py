"""The README and docs/ stand on their own, and docs/api.md names only routes that exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
MARKDOWN_LINK = re.compile(r"\]\(([^)\s]+)\)")
CODE_SPAN = re.compile(r"`([^`]+)`")
API_PATH = re.compile(r"/api/v1/[\w\-/{}.]*")


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_a_page_points_nowhere_outside_the_repository(page):
    text = page.read_text()
    assert "../shared" not in text
    for target in MARKDOWN_LINK.findall(text):
        if target.startswith(("http://", "https://", "#", "mailto:")):
            continue
        resolved = (page.parent / target.split("#")[0]).resolve()
        assert resolved.is_relative_to(ROOT), f"{page.name} links outside the repository: {target}"
        assert resolved.exists(), f"{page.name} links to a missing file: {target}"


def _shape(path: str) -> str:
    return re.sub(r"\{[^}]*\}", "{}", path.rstrip("/")) or "/"


@pytest.mark.django_db
def test_every_route_the_api_contract_names_is_in_the_schema(api_client):
    schema_paths = {_shape(path) for path in api_client.get("/api/schema/", {"format": "json"}).json()["paths"]}
    named = {
        match.rstrip(".")
        for span in CODE_SPAN.findall((ROOT / "docs" / "api.md").read_text())
        for match in API_PATH.findall(span)
    }

    def known(path: str) -> bool:
        if path.endswith("/") and path != "/api/v1/":  # a prefix: `/api/v1/profile/...`
            return any(schema.startswith(path) for schema in schema_paths)
        return _shape(path) in schema_paths or _shape(path) + "/" in schema_paths

    assert len(named) > 40
    assert sorted(path for path in named if not known(path)) == []


def test_the_api_contract_covers_every_seed_and_points_to_the_schema():
    text = (ROOT / "docs" / "api.md").read_text()
    assert [f"## Seed 00{n}" in text for n in range(5)] == [True] * 5
    assert "/api/schema/" in text
