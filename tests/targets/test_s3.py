"""The S3 target as a visitor's browser and the bucket's bill see it: headers per file, pages last,
nothing uploaded twice, nothing outside the site touched."""

from __future__ import annotations

import pytest

from publish.errors import DeployError, LockHeld
from tests.targets.sites import make_site

SITE = {
    "index.html": "<h1>Riverford</h1>",
    "theme/css/site.css": "body{}",
    "images/weir.png": "png",
    "feeds/all.atom.xml": "<feed/>",
    "calendar/all.ics": "BEGIN:VCALENDAR",
    "notices/flood/index.html": "<h1>Flood</h1>",
}


def uploads(place) -> list[str]:
    bucket = place.extra["bucket"]
    return [path.removeprefix(f"/{bucket}/www/") for method, path in place.extra["server"].requests
            if method == "PUT" and path.startswith(f"/{bucket}/www/")]


def test_every_file_is_served_with_its_type_and_how_long_to_cache_it(s3_place, tmp_path):
    s3_place.open().deploy(make_site(tmp_path / "site", SITE))
    client, bucket = s3_place.extra["client"], s3_place.extra["bucket"]

    def headers(path: str) -> tuple[str, str]:
        answer = client.head_object(Bucket=bucket, Key=f"www/{path}")
        return answer["ContentType"], answer["CacheControl"]

    assert headers("index.html") == ("text/html; charset=utf-8", "public, max-age=300")
    assert headers("theme/css/site.css") == ("text/css; charset=utf-8", "public, max-age=86400")
    assert headers("images/weir.png") == ("image/png", "public, max-age=86400")
    assert headers("feeds/all.atom.xml") == ("application/xml; charset=utf-8", "public, max-age=300")
    assert headers("calendar/all.ics") == ("text/calendar; charset=utf-8", "public, max-age=300")


def test_pages_go_up_after_everything_they_use_and_link_to(s3_place, tmp_path):
    s3_place.open().deploy(make_site(tmp_path / "site", SITE))
    site_uploads = [path for path in uploads(s3_place) if not path.startswith(".noticeboard/")]
    assert sorted(site_uploads) == sorted(SITE)
    first_page = min(i for i, path in enumerate(site_uploads) if path.endswith(".html"))
    assert site_uploads[first_page:] == ["notices/flood/index.html", "index.html"], "the notice before the home page"


def test_a_redeploy_uploads_only_what_changed(s3_place, tmp_path):
    s3_place.open().deploy(make_site(tmp_path / "v1", SITE))
    s3_place.extra["server"].requests.clear()
    s3_place.open().deploy(make_site(tmp_path / "v2", SITE))
    assert uploads(s3_place) == [".noticeboard/deployed.json"]

    s3_place.extra["server"].requests.clear()
    s3_place.open().deploy(make_site(tmp_path / "v3", {**SITE, "notices/flood/index.html": "<h1>Flood over</h1>"}))
    assert uploads(s3_place) == ["notices/flood/index.html", ".noticeboard/deployed.json"]


def test_new_cache_settings_reach_files_that_did_not_change(s3_place, tmp_path):
    s3_place.open().deploy(make_site(tmp_path / "v1", SITE))
    s3_place.extra["server"].requests.clear()
    longer = {"asset": "public, max-age=604800, immutable"}
    s3_place.open(DEPLOY_CACHE_CONTROL=longer).deploy(make_site(tmp_path / "v2", SITE))
    assert sorted(uploads(s3_place)) == sorted([".noticeboard/deployed.json", "theme/css/site.css", "images/weir.png"])
    answer = s3_place.extra["client"].head_object(Bucket=s3_place.extra["bucket"], Key="www/images/weir.png")
    assert answer["CacheControl"] == "public, max-age=604800, immutable"


def test_pages_the_site_no_longer_has_go_and_nothing_else_does(s3_place, tmp_path):
    client, bucket = s3_place.extra["client"], s3_place.extra["bucket"]
    client.put_object(Bucket=bucket, Key="archive/2019/index.html", Body=b"kept by hand")
    target = s3_place.open()
    target.deploy(make_site(tmp_path / "v1", SITE))
    target.write_state("ledger.json", b"{}")
    target.deploy(make_site(tmp_path / "v2", {"index.html": "<h1>Riverford</h1>"}))
    assert s3_place.served() == {"index.html": "<h1>Riverford</h1>"}
    assert set(s3_place.extra["objects"]()) == {"index.html", ".noticeboard/ledger.json", ".noticeboard/deployed.json"}
    assert client.get_object(Bucket=bucket, Key="archive/2019/index.html")["Body"].read() == b"kept by hand"


def test_a_store_without_conditional_writes_is_refused_with_a_reason(s3_place):
    def no_conditions(method, path, headers, body):
        if method == "PUT" and ("If-None-Match" in headers or "If-Match" in headers):
            return 501, "NotImplemented", "A header you provided implies functionality that is not implemented"
        return None

    with s3_place.extra["server"].intercepting(no_conditions):
        with pytest.raises(DeployError, match=r"does not support conditional writes \(If-None-Match\), which the "
                                              r"publish lock needs"):
            with s3_place.open().lock(wait_seconds=0):
                pass
    assert "lock" not in {key.rsplit("/", 1)[-1] for key in s3_place.extra["objects"]()}


def test_a_stale_lock_removed_just_as_it_is_taken_over_is_simply_taken(s3_place):
    client, bucket = s3_place.extra["client"], s3_place.extra["bucket"]
    died = s3_place.open().lock(wait_seconds=0)
    died.__enter__()  # and never leaves: nothing will release this lock
    taken_over = []

    def removed_by_hand_just_then(method, path, headers, body):
        if method == "PUT" and "If-Match" in headers:
            taken_over.append(path)
            client.delete_object(Bucket=bucket, Key="www/.noticeboard/lock")
        return None

    with s3_place.extra["server"].intercepting(removed_by_hand_just_then):
        with s3_place.open(DEPLOY_LOCK_STALE_SECONDS=0).lock(wait_seconds=5):
            with pytest.raises(LockHeld):
                with s3_place.open().lock(wait_seconds=0):
                    pass
    assert taken_over == [f"/{bucket}/www/.noticeboard/lock"]
