"""Deploy to S3-compatible object storage (AWS S3, Cloudflare R2, MinIO, a CDN's origin bucket).

A bucket has no rename, so a deploy is ordered to keep every page working while it runs: new and
changed assets (pictures, CSS, feeds, calendars) go up first, then the HTML pages, and only when all
of them are in do keys the new site no longer has get deleted. A deploy that fails leaves every old
page in place and serving; assets it already replaced are the new ones (the same path, so an
unchanged page still finds them).

Files whose content and headers are unchanged are not uploaded again: the object's ETag (the MD5 of
a single-part upload) and the headers recorded at the last deploy are compared first. The others go
up several at a time, one step of the order above after the other.

Publish state lives under ``<prefix>/.noticeboard/``, beside the site (the ledger holds only public
post addresses). The lock is the object ``.noticeboard/lock``, created with ``If-None-Match: *``, so
of two publishes starting together exactly one gets it; a stale lock is taken over with ``If-Match``
on the lock it saw. Credentials come from the standard AWS variables or the machine's role.
"""

from __future__ import annotations

import hashlib
import json
import mimetypes
import uuid
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from datetime import UTC, datetime
from itertools import groupby
from pathlib import Path
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

from publish.errors import DeployError
from publish.faults import fault
from publish.targets.base import STALE_LOCK_SECONDS, STATE_DIR, HeldLock, Target, lock_owner, wait_for_lock

#: What the last deploy uploaded: key -> the digest of its content and headers.
DEPLOYED = "deployed.json"
#: Uploads in flight at once: a bucket answers each in tens of milliseconds, so one at a time is slow.
UPLOADS_AT_ONCE = 8
#: Types that mimetypes does not know, or knows under a name feed readers and browsers do not expect.
CONTENT_TYPES = {".xml": "application/xml", ".ics": "text/calendar",
                 ".json": "application/json", ".opml": "text/x-opml", ".webmanifest": "application/manifest+json",
                 ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm"}
FEED_SUFFIXES = (".xml", ".ics", ".json", ".opml")
TEXT_TYPES = ("text/", "application/xml", "application/atom+xml", "application/json", "application/manifest+json")


def content_type(path: str) -> str:
    suffix = Path(path).suffix.lower()
    kind = CONTENT_TYPES.get(suffix) or mimetypes.guess_type(path)[0] or "application/octet-stream"
    return f"{kind}; charset=utf-8" if kind.startswith(TEXT_TYPES) else kind


def upload_phase(path: str) -> tuple[int, int]:
    """When a file goes up: assets first, then pages, deeper pages (a notice) before the lists and the
    home page that link to them, so no new page points at something not there yet."""
    return (1, -path.count("/")) if cache_kind(path) == "page" else (0, 0)


def cache_kind(path: str) -> str:
    """Which DEPLOY_CACHE_CONTROL entry a file takes: ``page``, ``feed`` or ``asset``."""
    if path.endswith(".html"):
        return "page"
    return "feed" if path.endswith(FEED_SUFFIXES) else "asset"


class S3Target(Target):
    name = "s3"

    def __init__(self, bucket: str, prefix: str, env: Mapping[str, str], *, cache_control: Mapping[str, str],
                 stale_after: float = STALE_LOCK_SECONDS) -> None:
        self.bucket = bucket
        self.prefix = f"{prefix.strip('/')}/" if prefix.strip("/") else ""
        self.stale_after = stale_after
        self.cache_control = cache_control
        self.endpoint = env.get("NOTICEBOARD_S3_ENDPOINT") or None
        session = boto3.session.Session(
            aws_access_key_id=env.get("AWS_ACCESS_KEY_ID") or None,
            aws_secret_access_key=env.get("AWS_SECRET_ACCESS_KEY") or None,
            aws_session_token=env.get("AWS_SESSION_TOKEN") or None,
            region_name=env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION") or "us-east-1",
        )
        # Checksums only where required: stores other than AWS reject the newer default trailers.
        config = Config(connect_timeout=20, read_timeout=60, retries={"mode": "standard", "max_attempts": 4},
                        max_pool_connections=UPLOADS_AT_ONCE,
                        request_checksum_calculation="when_required", response_checksum_validation="when_required")
        self.client = session.client("s3", endpoint_url=self.endpoint, config=config)

    def describe(self) -> str:
        where = f" at {self.endpoint}" if self.endpoint else ""
        return f"s3://{self.bucket}/{self.prefix}{where}"

    def _state_key(self, name: str) -> str:
        return f"{self.prefix}{STATE_DIR}/{name}"

    @contextmanager
    def _talking(self, doing: str) -> Iterator[None]:
        """Turn the store's refusal into a DeployError that says what we were doing and why."""
        try:
            yield
        except ClientError as exc:
            error = exc.response.get("Error", {})
            raise DeployError(f"could not {doing} ({self.describe()}): {error.get('Code', 'error')} "
                              f"{error.get('Message', '')}".rstrip()) from None
        except NoCredentialsError:
            raise DeployError(f"could not {doing} ({self.describe()}): no credentials; set AWS_ACCESS_KEY_ID and "
                              "AWS_SECRET_ACCESS_KEY (with AWS_SESSION_TOKEN for temporary keys) in the environment, "
                              "see docs/deploy.md") from None
        except BotoCoreError as exc:
            raise DeployError(f"could not {doing} ({self.describe()}): {exc}") from None

    # -- the site ---------------------------------------------------------------------------

    def deploy(self, site: Path) -> None:
        site = Path(site)
        files = {path: p for p in sorted(site.rglob("*"))
                 if p.is_file() and not (path := p.relative_to(site).as_posix()).startswith(f"{STATE_DIR}/")}
        try:
            with self._talking("list what the bucket holds"):
                served = self._served_etags()
            before = json.loads(self.read_state(DEPLOYED) or b"{}")
            after: dict[str, str] = {}
            changed = []
            for path, file in files.items():
                with open(file, "rb") as handle:
                    md5 = hashlib.file_digest(handle, "md5").hexdigest()
                after[path] = hashlib.sha256(json.dumps([md5, self._headers(path)], sort_keys=True).encode()).hexdigest()
                if served.get(path) != md5 or before.get(path) != after[path]:
                    changed.append(path)
            for _, batch in groupby(sorted(changed, key=lambda path: (upload_phase(path), path)), key=upload_phase):
                self._upload_all({path: files[path] for path in batch}, len(changed))
                fault("mid-deploy", self.name)
            self.progress.finish()
        except DeployError as exc:
            raise DeployError(f"{exc}; the previous site is still served: nothing was deleted, and pages uploaded "
                              "before the failure are already the new ones. The next publish completes it") from exc
        stale = [self.prefix + path for path in served if path not in files]
        with self._talking("delete pages the new site no longer has"):
            refused = self._delete_keys(stale)
        if refused:
            raise DeployError(f"could not delete {refused}; the new site is up, with old pages left beside it")
        self.write_state(DEPLOYED, json.dumps(after, indent=0, sort_keys=True).encode())

    def _headers(self, path: str) -> dict[str, str]:
        return {"ContentType": content_type(path), "CacheControl": self.cache_control[cache_kind(path)]}

    def _upload_all(self, batch: Mapping[str, Path], total: int) -> None:
        """Upload a batch, several files at once; on the first failure, start no more and raise it."""
        with ThreadPoolExecutor(max_workers=UPLOADS_AT_ONCE) as pool:
            uploads = [pool.submit(self._upload, path, file) for path, file in batch.items()]
            try:
                for done in as_completed(uploads):
                    done.result()
                    self.progress.add("uploads done", total=total)
            except DeployError:
                for upload in uploads:
                    upload.cancel()
                raise  # once the uploads already under way have ended (leaving the pool waits for them)

    def _upload(self, path: str, file: Path) -> None:
        body = file.read_bytes()
        with self._talking(f"upload {path}"):
            self.client.put_object(Bucket=self.bucket, Key=self.prefix + path, Body=body, **self._headers(path))

    def _served_etags(self) -> dict[str, str]:
        """Every site object under the prefix (not the publish state), with its ETag."""
        found: dict[str, str] = {}
        for page in self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=self.prefix):
            for item in page.get("Contents", []):
                path = item["Key"][len(self.prefix):]
                if not path.startswith(f"{STATE_DIR}/"):
                    found[path] = item["ETag"].strip('"')
        return found

    # -- state --------------------------------------------------------------------------------

    def read_state(self, name: str) -> bytes | None:
        with self._talking(f"read {name}"):
            try:
                return self.client.get_object(Bucket=self.bucket, Key=self._state_key(name))["Body"].read()
            except ClientError as exc:
                if exc.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
                    return None
                raise

    def write_state(self, name: str, data: bytes) -> None:
        # One PUT replaces an object whole: readers see the old bytes or the new, never a mix.
        with self._talking(f"save {name}"):
            self.client.put_object(Bucket=self.bucket, Key=self._state_key(name), Body=data,
                                   ContentType="application/json", CacheControl="no-store")

    def read_state_folder(self, folder: str) -> dict[str, bytes]:
        # A bucket cannot hand over many objects at once: list them, then fetch several at a time.
        with self._talking(f"list {folder}"):
            names = [item["Key"].removeprefix(self._state_key("")) for page in
                     self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket,
                                                                           Prefix=self._state_key(f"{folder}/"))
                     for item in page.get("Contents", [])]
        with ThreadPoolExecutor(max_workers=UPLOADS_AT_ONCE) as pool:
            found = dict(zip(names, pool.map(self.read_state, names), strict=True))
        return {name: data for name, data in found.items() if data is not None}

    def delete_states(self, names: Sequence[str]) -> None:
        with self._talking("remove old publish state"):
            refused = self._delete_keys([self._state_key(name) for name in names])
        if refused:
            raise DeployError(f"could not remove old publish state {refused}")

    def _delete_keys(self, keys: Sequence[str]) -> str | None:
        """Delete ``keys``, a thousand a request (the most one takes); the first one refused and why, or None."""
        for start in range(0, len(keys), 1000):
            answer = self.client.delete_objects(Bucket=self.bucket, Delete={
                "Objects": [{"Key": key} for key in keys[start:start + 1000]], "Quiet": True})
            if answer.get("Errors"):
                first = answer["Errors"][0]
                return f"{first.get('Key')} ({self.describe()}): {first.get('Code')} {first.get('Message')}"
        return None

    # -- the lock -----------------------------------------------------------------------------

    def _put_lock(self, token: str, **condition: Any) -> bool:
        """Write the lock on ``condition``; False when the store says the lock is not as expected: another
        publish got there first, or (``IfMatch``) the lock we meant to replace is gone."""
        try:
            self.client.put_object(Bucket=self.bucket, Key=self._state_key("lock"), Body=token.encode(),
                                   CacheControl="no-store", **condition)
            return True
        except ClientError as exc:
            code = exc.response.get("Error", {}).get("Code")
            if code in ("PreconditionFailed", "ConditionalRequestConflict", "NoSuchKey"):
                return False
            if code == "NotImplemented":
                raise DeployError(f"{self.describe()} does not support conditional writes (If-None-Match), "
                                  "which the publish lock needs; use a store that does (AWS S3, R2, MinIO)") from None
            raise

    def _current_lock(self) -> tuple[str, str, float] | None:
        """The lock's holder, ETag and age in seconds, or None when there is no lock."""
        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=self._state_key("lock"))
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
                return None
            raise
        age = (datetime.now(UTC) - answer["LastModified"]).total_seconds()
        return answer["Body"].read().decode(errors="replace"), answer["ETag"], age

    @contextmanager
    def lock(self, wait_seconds: float) -> Iterator[None]:
        token = f"{lock_owner()}\nnonce {uuid.uuid4()}"

        def look() -> HeldLock | None:
            held = self._current_lock()
            if held is None:
                return None
            holder, etag, age = held
            # Replaces exactly the lock we saw: another publish taking it over first makes ours fail.
            return HeldLock(holder.partition("\n")[0], age, lambda: self._put_lock(token, IfMatch=etag))

        with self._talking("take the publish lock"):
            wait_for_lock(lambda: self._put_lock(token, IfNoneMatch="*"), look, wait_seconds=wait_seconds,
                          stale_after=self.stale_after, where=self.describe(),
                          if_it_died=f"delete the object {self._state_key('lock')}.")
        try:
            yield
        finally:
            with self._talking("release the publish lock"):
                held = self._current_lock()
                if held and held[0] == token:
                    self.client.delete_object(Bucket=self.bucket, Key=self._state_key("lock"))
