"""The public address a published site gets: set by the council, else the Pages address of the CI
service that builds it, so a fork published from GitHub or GitLab links to itself out of the box."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT

CI_VARIABLES = ("GITHUB_ACTIONS", "GITHUB_REPOSITORY", "CI_PAGES_URL", "NOTICEBOARD_SITEURL")


def site_url(**env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if k not in CI_VARIABLES}
    result = subprocess.run(
        [sys.executable, "-c", "from publish.config import load_config; print(load_config('publishconf.py')['SITEURL'])"],
        cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, check=True)
    return result.stdout.strip()


@pytest.mark.parametrize(("env", "expected"), [
    ({}, "https://www.riverford.example"),
    ({"NOTICEBOARD_SITEURL": ""}, "https://www.riverford.example"),
    ({"GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "RiverfordDC/noticeboard"}, "https://riverforddc.github.io/noticeboard"),
    ({"GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "riverforddc/riverforddc.github.io"}, "https://riverforddc.github.io"),
    ({"CI_PAGES_URL": "https://riverford.gitlab.io/site"}, "https://riverford.gitlab.io/site"),
    ({"GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "RiverfordDC/noticeboard",
      "NOTICEBOARD_SITEURL": "https://www.riverford.gov.uk"}, "https://www.riverford.gov.uk"),
])
def test_the_site_address_comes_from_the_council_then_the_pages_service(env, expected):
    assert site_url(**env) == expected
