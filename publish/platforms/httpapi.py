"""One platform's HTTP API over httpx, as the adapters without an SDK share it.

Every failure becomes a PlatformError that says whether trying again may help, how long the
platform asked us to wait, and whether the request surely never took effect (which is what a
platform that cannot be searched needs to know before sending again). Credentials are removed
from every message, including URLs that carry them (Telegram's bot token).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any

from publish.platforms.base import Context, PlatformError
from publish.secrets import redact

if TYPE_CHECKING:
    import httpx

#: Headers that say when a rate limit resets, as seconds from now or as a Unix time.
RESET_HEADERS = ("x-rate-limit-reset", "x-ratelimit-reset", "ratelimit-reset")


def json_body(response: httpx.Response) -> dict[str, Any]:
    """The answer's JSON object, or {} when it has none (a proxy's HTML error page)."""
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def same_text(found: str | None, sent: str) -> bool:
    """A post's text as the platform gives it back is the text we sent (platforms rewrap whitespace)."""
    return "".join((found or "").split()) == "".join(sent.split())


def wait_asked(response: httpx.Response) -> float | None:
    """How long the platform asked us to wait: Retry-After, a reset header, or Telegram's retry_after."""
    retry_after = response.headers.get("retry-after")
    if retry_after:
        try:
            return max(0.0, float(retry_after))
        except ValueError:
            return max(0.0, parsedate_to_datetime(retry_after).timestamp() - time.time())
    for name in RESET_HEADERS:
        value = response.headers.get(name)
        if value and value.isdigit():
            number = float(value)
            return max(0.0, number - time.time()) if number > 1_000_000_000 else number
    retry_after = json_body(response).get("parameters", {}).get("retry_after")
    return float(retry_after) if isinstance(retry_after, (int, float)) else None


def _exhausted(response: httpx.Response) -> bool:
    """The response says no request is left in the current rate-limit window."""
    remaining = response.headers.get("x-rate-limit-remaining") or response.headers.get("x-ratelimit-remaining")
    return remaining == "0"


class HttpApi:
    """httpx configured once for one platform: base address, timeout, headers, and the error rules."""

    def __init__(self, platform: str, base_url: str, context: Context, *, headers: dict[str, str] | None = None,
                 auth: Callable[[httpx.Request], httpx.Request] | None = None, describe: Callable[[httpx.Response], str] | None = None,
                 rate_limited: Callable[[httpx.Response], bool] | None = None) -> None:
        self.platform = platform
        self.env = context.env
        self.max_wait = float(context.settings["CROSSPOST_MAX_WAIT_SECONDS"])
        self.describe = describe or (lambda r: r.text[:300])
        self.rate_limited = rate_limited or (lambda r: r.status_code == 429)
        self._client_options = {"base_url": base_url.rstrip("/") + "/", "timeout": context.timeout, "auth": auth,
                                "headers": {"User-Agent": "Noticeboard", **(headers or {})}}
        self._client: httpx.Client | None = None
        #: When a response said the rate-limit window was used up: wait until this time.
        self.resume_at = 0.0

    @property
    def client(self) -> httpx.Client:
        """The httpx client, made (and httpx imported) at the first request: a publish with nothing new
        never loads it."""
        if self._client is None:
            import httpx

            self._client = httpx.Client(**self._client_options)
        return self._client

    def request(self, method: str, path: str, **options: Any) -> httpx.Response:
        """Send one request; any answer but 2xx raises PlatformError, with secrets removed."""
        import httpx

        pause = self.resume_at - time.time()
        if pause > 0:
            time.sleep(min(pause, self.max_wait))
        try:
            response = self.client.request(method, path.lstrip("/"), **options)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            raise self.error(f"could not connect ({type(exc).__name__}: {exc})", True, unsent=True) from None
        except httpx.TransportError as exc:
            raise self.error(f"no answer ({type(exc).__name__}: {exc or 'timed out'})", True) from None
        if _exhausted(response):
            self.resume_at = time.time() + (wait_asked(response) or 0.0)
        if response.is_success:
            return response
        reason = f"HTTP {response.status_code} {response.reason_phrase}: {self.describe(response)}"
        if self.rate_limited(response):
            raise self.error(f"rate limited ({reason})", True, retry_after=wait_asked(response), unsent=True)
        if response.status_code >= 500:
            raise self.error(reason, True)
        raise self.error(reason, False, unsent=True)

    def json(self, method: str, path: str, **options: Any) -> Any:
        """The answer's JSON. An answer that cannot be read may still mean the request took effect: the
        error is retryable, and a retry looks for the post first."""
        response = self.request(method, path, **options)
        try:
            return response.json()
        except ValueError:
            raise self.error(f"HTTP {response.status_code}: the answer is not JSON ({response.text[:100]!r})",
                             True) from None

    def error(self, message: str, retryable: bool, *, retry_after: float | None = None,
              unsent: bool = False) -> PlatformError:
        return PlatformError(self.platform, redact(message, self.env), retryable, retry_after, unsent)
