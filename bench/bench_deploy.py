"""What a publish to an S3 bucket sends: the first deploy, the same site again, the site with one new
advisory notice, then with that notice raised to a warning (which puts a banner on every page),
against moto's S3 server on a loopback port (the tests' recording proxy counts the requests).

Prints the files in the site, the uploads (PUT) and delete requests each deploy made, and each
deploy's time as a ratio of the first one's. Uploads are what a bucket bills and what a slow link
waits for: the figures show what skipping unchanged files saves, and how many files one notice
touches (lists, topic and area pages, feeds). Then the first deploy again, with BENCH_LATENCY_MS
(default 20) added to every request as a bucket across the internet has it, uploading several files
at once (UPLOADS_AT_ONCE) against one at a time. The first of BENCH_ENTRIES (default 600) sets the size (content from corpus.py).
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from corpus import ROOT, entry_sizes, write_noticeboard_content  # beside this script

ENTRIES = entry_sizes("600")[0]

NOW = "2026-11-25T09:00:00+00:00"
LATENCY = float(os.environ.get("BENCH_LATENCY_MS", "20")) / 1000
NEW_NOTICE = """---
title: Burst water main on Station Road
date: 2026-11-25 08:40
summary: Station Road is closed at the railway bridge while a burst water main is repaired.
notice_type: road_closure
severity: advisory
starts: 2026-11-25 08:30
areas: [northgate]
---
Buses are diverted along Northgate Road.
"""


def build(content: Path, output: Path) -> None:
    override = {"PATH": str(content), "OUTPUT_PATH": str(output)}
    env = {**os.environ, "NOTICEBOARD_NOW": NOW, "PYTHONPATH": f"{ROOT}:{ROOT / 'plugins'}"}
    subprocess.run([sys.executable, "-c", "import sys; from frontmatter.build import build_site; "
                    f"sys.exit(build_site('pelicanconf.py', {override!r}))"], check=True, env=env, cwd=ROOT,
                   capture_output=True)


def first_deploy_seconds(client, server, env: dict[str, str], site: Path, uploads_at_once: int) -> float:
    """A first deploy of ``site`` to a new bucket, every request LATENCY late, ``uploads_at_once`` in flight."""
    import publish.targets.s3
    from publish.targets import open_target

    bucket = f"bench-{uuid.uuid4().hex[:8]}"
    client.create_bucket(Bucket=bucket)
    publish.targets.s3.UPLOADS_AT_ONCE = uploads_at_once
    with server.intercepting(lambda method, path, headers, body: time.sleep(LATENCY)):
        start = time.perf_counter()
        open_target(f"s3://{bucket}/www", env, ROOT).deploy(site)
        return time.perf_counter() - start


def main() -> None:
    sys.path[:0] = [str(ROOT)]
    import boto3

    import publish.targets.s3
    from publish.targets import open_target
    from tests.servers.s3 import running_s3_server

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto's server logs every request otherwise
    with tempfile.TemporaryDirectory() as scratch, running_s3_server() as server:
        content = Path(scratch) / "content"
        write_noticeboard_content(content, ENTRIES)
        build(content, Path(scratch) / "v1")
        (content / "notices" / "station-road.md").write_text(NEW_NOTICE)
        build(content, Path(scratch) / "v2")
        (content / "notices" / "station-road.md").write_text(NEW_NOTICE.replace("advisory", "warning"))
        build(content, Path(scratch) / "v3")

        env = {"AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench-secret", "AWS_REGION": "us-east-1",
               "NOTICEBOARD_S3_ENDPOINT": server.url}
        client = boto3.client("s3", endpoint_url=server.url, region_name="us-east-1", aws_access_key_id="bench",
                              aws_secret_access_key="bench-secret")
        bucket = f"bench-{uuid.uuid4().hex[:8]}"
        client.create_bucket(Bucket=bucket)
        files = sum(1 for p in (Path(scratch) / "v1").rglob("*") if p.is_file())
        print(f"deploy to S3 (moto): {ENTRIES} entries, {files} files in the site")
        first = None
        for label, site in (("first deploy", "v1"), ("same site again", "v1"), ("new advisory notice", "v2"),
                            ("raised to warning", "v3")):
            server.requests.clear()
            start = time.perf_counter()
            open_target(f"s3://{bucket}/www", env, ROOT).deploy(Path(scratch) / site)
            seconds = time.perf_counter() - start
            first = first or seconds
            puts = sum(1 for method, _ in server.requests if method == "PUT")
            deletes = sum(1 for method, path in server.requests if method == "DELETE" or path.endswith("?delete"))
            print(f"  {label:19} {puts:5} uploads, {deletes} delete requests; "
                  f"time {seconds / first:.2f}x the first deploy")
        at_once = publish.targets.s3.UPLOADS_AT_ONCE
        several = first_deploy_seconds(client, server, env, Path(scratch) / "v1", at_once)
        single = first_deploy_seconds(client, server, env, Path(scratch) / "v1", 1)
        print(f"  first deploy, {LATENCY * 1000:g} ms a request: {at_once} uploads at once take "
              f"{several / single:.2f}x the time of one at a time")


if __name__ == "__main__":
    main()

