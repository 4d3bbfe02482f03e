"""What every platform adapter offers, and the one error type they all raise."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, ClassVar

from publish.compose import Message, Rules


@dataclass(frozen=True)
class RemotePost:
    """A post as the platform knows it: enough to link to it and to reply under it."""

    id: str
    url: str | None = None
    uri: str | None = None
    cid: str | None = None
    root_uri: str | None = None
    root_cid: str | None = None

    def as_record(self) -> dict[str, Any]:
        return {f"remote_{k}": v for k, v in asdict(self).items() if v is not None}

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> RemotePost:
        return cls(**{k.removeprefix("remote_"): v for k, v in record.items() if k.startswith("remote_")})


class PlatformError(Exception):
    """A platform refused or failed a request; ``retryable`` when trying again later may work."""

    def __init__(self, platform: str, message: str, retryable: bool, retry_after: float | None = None,
                 unsent: bool = False) -> None:
        super().__init__(f"{platform}: {message}")
        self.platform = platform
        self.reason = message
        self.retryable = retryable
        self.retry_after = retry_after
        #: The platform surely did not act on the request (refused before it, or it never arrived):
        #: a platform that cannot be searched may safely send it again.
        self.unsent = unsent


@dataclass(frozen=True)
class Context:
    """What an adapter may need beyond its message: the environment, the settings, the built site."""

    env: Mapping[str, str]
    settings: Mapping[str, Any]
    site: Path
    site_url: str
    project: Path
    timeout: float = 20.0

    def local_file(self, url: str) -> Path | None:
        """The built file behind an absolute URL of the site (to upload an entry's image)."""
        prefix = self.site_url.rstrip("/") + "/"
        if not url.startswith(prefix):
            return None
        path = self.site / url[len(prefix):]
        return path if path.is_file() else None


class Platform(ABC):
    name: ClassVar[str]
    rules: ClassVar[Rules]
    #: Environment variables that must all be set for the platform to be enabled.
    required_env: ClassVar[tuple[str, ...]] = ()
    #: ``find`` can tell whether a post was made (exactly once); False for platforms that keep no
    #: history we can read (Telegram, Apprise), where a post whose answer was lost stays unknown.
    searchable: ClassVar[bool] = True
    #: Follow-ups go under the entry's post; False where they can only be new messages naming the entry.
    threads: ClassVar[bool] = True
    #: The language of the account when it posts only one of the site's languages (publish/languages.py).
    account_language: ClassVar[str | None] = None

    @abstractmethod
    def __init__(self, context: Context) -> None:
        """Set up the client; no network until the first post or lookup (a dry run makes none)."""

    @abstractmethod
    def post(self, message: Message, reply_to: RemotePost | None = None) -> RemotePost:
        """Publish ``message`` (as a reply when ``reply_to`` is given), using its key to stay idempotent."""

    def find(self, message: Message, reply_to: RemotePost | None = None) -> RemotePost | None:
        """The post of ``message`` if the platform already has it (after a run died mid-post).

        Searchable platforms override this; the others cannot tell, and never find anything.
        """
        return None
