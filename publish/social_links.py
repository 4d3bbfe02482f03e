"""The social posts of each entry, from the ledger, as the file the build reads for "Discuss this on ...".

``python -m publish.social_links --out FILE`` reads the ledger in the deploy target and writes, for
every entry, the first post of its thread on each platform that has a public address (the outbox
has none). ``invoke publish`` runs it before building, so links appear from the build after the
one that posted. A target that cannot be read leaves the previous file and is only a warning:
links are a convenience, never a reason not to publish.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from publish.config import load_config
from publish.errors import PublishError
from publish.events import ANSWER_PREFIX
from publish.ledger import Ledger
from publish.secrets import redact
from publish.targets import open_target
from publish.targets.local import atomic_write

LINKS_VERSION = 1


def social_links(ledger: Ledger) -> dict[str, list[dict[str, str]]]:
    """Entry id -> [{platform, url}], the thread's first post on each platform, in the order they were posted."""
    first: dict[tuple[str, str], dict[str, Any]] = {}
    for key, record in ledger.records.items():
        url = record.get("remote_url") or ""
        if record["state"] != "posted" or record["entry"].startswith(ANSWER_PREFIX):
            continue
        if not url.startswith(("https://", "http://")):
            continue
        place = (record["entry"], key.split(" ", 1)[0])
        if place not in first or record["sequence"] < first[place]["sequence"]:
            first[place] = record
    links: dict[str, list[dict[str, str]]] = {}
    for (entry, platform), record in sorted(first.items(), key=lambda item: item[1]["sequence"]):
        links.setdefault(entry, []).append({"platform": platform, "url": record["remote_url"]})
    return dict(sorted(links.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m publish.social_links", description=__doc__.splitlines()[0])
    parser.add_argument("--settings", type=Path, default=Path("publishconf.py"), help="settings file")
    parser.add_argument("--out", type=Path, required=True, help="the file to write (DISCUSS_LINKS_FILE)")
    args = parser.parse_args(argv)
    env = os.environ
    try:
        config = load_config(args.settings)
        target = open_target(env.get("NOTICEBOARD_DEPLOY_URL") or config["DEPLOY_TARGET"], env, config.project,
                             config.values)
        links = social_links(Ledger.load(target, read_only=True))
    except PublishError as exc:
        print(f"social links: warning: {redact(str(exc), env)}; pages keep the links of the last fetch", file=sys.stderr)
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    data = {"version": LINKS_VERSION, "entries": links}
    atomic_write(args.out, (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode())
    print(f"social links: {sum(len(v) for v in links.values())} post(s) of {len(links)} entries -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
