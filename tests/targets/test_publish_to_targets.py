"""``python -m publish`` as CI runs it, deploying the sample site to each remote target: the site is
served, the ledger lives in the target and stops a second run from posting again, a dry run reads
that ledger, and a publish that finds the lock taken stops with exit status 4."""

from __future__ import annotations

import pytest

from publish.config import DEFAULTS, load_config
from publish.ledger import Ledger
from tests.conftest import ROOT

SAMPLE_PAGES = ("index.html", "notices/flood-warning-river-ford/index.html", "feeds/all.atom.xml")


def posted(publisher) -> list[str]:
    return sorted(p.name for p in publisher.outbox.glob("*.json"))


def test_publish_deploys_and_the_ledger_in_the_target_prevents_reposting(place, publisher, sample_site):
    first = publisher.run(sample_site, place.env, DEPLOY_TARGET=place.url)
    assert first.returncode == 0, first.stderr
    served = place.served()
    assert all(page in served for page in SAMPLE_PAGES)
    assert "Flood warning for the River Ford" in served["notices/flood-warning-river-ford/index.html"]
    sent = posted(publisher)
    assert sent, first.stdout
    ledger = Ledger.load(place.open(), read_only=True)
    assert ledger.knows("outbox") and len(ledger.records) >= len(sent)

    dry = publisher.run(sample_site, place.env, "--dry-run", DEPLOY_TARGET=place.url)
    assert dry.returncode == 0, dry.stderr
    assert "compared with the ledger in" in dry.stdout and "outbox: would send 0 message(s)" in dry.stdout

    second = publisher.run(sample_site, place.env, DEPLOY_TARGET=place.url)
    assert second.returncode == 0, second.stderr
    assert posted(publisher) == sent


def test_a_publish_finding_the_lock_taken_stops_before_deploying(place, publisher, sample_site):
    with place.open().lock(wait_seconds=0):
        blocked = publisher.run(sample_site, place.env, DEPLOY_TARGET=place.url)
    assert blocked.returncode == 4
    assert "another publish is running" in blocked.stderr
    assert place.served() == {} and posted(publisher) == []


def test_a_dry_run_that_cannot_reach_the_target_says_so_and_shows_the_backlog_window(publisher, sample_site, tmp_path):
    unreachable = f"git+file://{tmp_path}/no-such-repository.git#gh-pages"
    dry = publisher.run(sample_site, {}, "--dry-run", DEPLOY_TARGET=unreachable)
    assert dry.returncode == 0, dry.stderr
    assert "no ledger (could not read it from git branch gh-pages" in dry.stdout
    assert "everything newer than the backlog window is shown" in dry.stdout
    assert "outbox: would send" in dry.stdout and "would send 0 message(s)" not in dry.stdout



@pytest.mark.parametrize(("setting", "message"), [
    ({"DEPLOY_CACHE_CONTROL": {"pages": "public, max-age=60"}},
     "DEPLOY_CACHE_CONTROL: expected kinds page, feed, asset with a header value each, such as "
     "{'page': 'public, max-age=300'}; got 'pages': 'public, max-age=60'"),
    ({"DEPLOY_LOCK_STALE_SECONDS": "1h"}, "DEPLOY_LOCK_STALE_SECONDS: expected a number, 0 or more, such as 3600; got '1h'"),
])
def test_a_wrong_target_setting_stops_the_publish_before_the_bucket_is_touched(s3_place, publisher, sample_site,
                                                                                setting, message):
    refused = publisher.run(sample_site, s3_place.env, DEPLOY_TARGET=s3_place.url, **setting)
    assert refused.returncode == 2
    assert f"publish: error: {message}" in refused.stderr
    assert s3_place.extra["server"].requests == [] and posted(publisher) == []


def test_without_bucket_credentials_a_dry_run_still_previews_and_a_publish_says_which_variables(
        s3_place, publisher, sample_site, tmp_path):
    # As on a pull request, which is given no deploy secrets. Nothing on this machine may stand in for them.
    nowhere = str(tmp_path / "no-such-file")
    env = {"NOTICEBOARD_S3_ENDPOINT": s3_place.env["NOTICEBOARD_S3_ENDPOINT"], "AWS_ACCESS_KEY_ID": "",
           "AWS_SECRET_ACCESS_KEY": "", "AWS_SESSION_TOKEN": "", "AWS_EC2_METADATA_DISABLED": "true",
           "AWS_SHARED_CREDENTIALS_FILE": nowhere, "AWS_CONFIG_FILE": nowhere}
    dry = publisher.run(sample_site, env, "--dry-run", DEPLOY_TARGET=s3_place.url)
    assert dry.returncode == 0, dry.stderr
    assert f"no ledger (could not read it from {s3_place.url}/" in dry.stdout
    assert "no credentials; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY" in dry.stdout
    assert "outbox: would send" in dry.stdout

    refused = publisher.run(sample_site, env, DEPLOY_TARGET=s3_place.url)
    assert refused.returncode == 1
    assert "could not take the publish lock" in refused.stderr and "no credentials; set AWS_ACCESS_KEY_ID" in refused.stderr
    assert s3_place.extra["server"].requests == [] and posted(publisher) == []


def test_the_shipped_publishconf_states_every_publish_default():
    # publishconf.py is where a council reads what it can set: its values must be the ones used when unset.
    shipped = load_config(ROOT / "publishconf.py").values
    assert {name: shipped.get(name, "(missing)") for name in DEFAULTS} == DEFAULTS
