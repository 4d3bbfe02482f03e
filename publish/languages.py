"""Cross-posting in several languages: an account of its own per language, or one post in all of them.

A platform gets an account for a second language when the language's variant of each of its
variables is set: ``NOTICEBOARD_MASTODON_CY_URL`` beside ``NOTICEBOARD_MASTODON_URL`` and so on,
derived from the platform's ``required_env``, so every adapter has it without code of its own. That
account posts the translations only, under ids of their own ("cy/notices/..."), so exactly-once and
threads hold per language. The outbox, which needs no variables, writes every language.
With the CROSSPOST_BILINGUAL setting (the language to put first), each account posts once, in all
languages.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from publish.errors import ConfigError
from publish.platforms.base import Context, Platform


def language_variable(variable: str, platform: str, lang: str) -> str:
    """NOTICEBOARD_MASTODON_URL -> NOTICEBOARD_MASTODON_CY_URL (for ``lang`` "cy")."""
    code = lang.upper().replace("-", "_")
    prefix = f"NOTICEBOARD_{platform.upper().replace('-', '_')}_"
    if variable.startswith(prefix):
        return f"{prefix}{code}_{variable.removeprefix(prefix)}"
    return f"{variable}_{code}"


def language_env(env: Mapping[str, str], platform: type[Platform], lang: str) -> dict[str, str]:
    """The environment as ``platform`` sees it for its ``lang`` account: each variable's language variant."""
    prefix = f"NOTICEBOARD_{platform.name.upper().replace('-', '_')}_"
    names = {*platform.required_env, *(name for name in env if name.startswith(prefix))}
    variants = {name: env[language_variable(name, platform.name, lang)] for name in names
                if env.get(language_variable(name, platform.name, lang))}
    return {**env, **variants}


def has_language_account(platform: type[Platform], env: Mapping[str, str], lang: str) -> bool:
    return all(env.get(language_variable(name, platform.name, lang)) for name in platform.required_env)


@dataclass(frozen=True)
class SettingsInLanguage:
    """The publish settings as a language's account sees them: DEFAULT_LANG is that language."""

    settings: Any
    lang: str

    def __getitem__(self, key: str) -> Any:
        return self.lang if key == "DEFAULT_LANG" else self.settings[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.lang if key == "DEFAULT_LANG" else self.settings.get(key, default)


def language_platform(platform: type[Platform], lang: str) -> type[Platform]:
    """``platform`` for its account in ``lang``: named "<platform>-<lang>" in logs and the ledger."""

    def __init__(self, context: Context) -> None:
        platform.__init__(self, dataclasses.replace(context, env=language_env(context.env, platform, lang),
                                                    settings=SettingsInLanguage(context.settings, lang)))

    return type(f"{platform.__name__}_{lang.replace('-', '_')}", (platform,),
                {"name": f"{platform.name}-{lang.lower()}", "account_language": lang, "__init__": __init__})


def with_language_accounts(platforms: Sequence[type[Platform]], env: Mapping[str, str], languages: Sequence[str],
                           bilingual: str | None) -> list[type[Platform]]:
    """The chosen platforms, each followed by its accounts in the site's other languages (none when bilingual)."""
    if bilingual:
        if bilingual not in languages:
            raise ConfigError(f"CROSSPOST_BILINGUAL: {bilingual!r} is not one of the site's languages "
                              f"({', '.join(languages)}); set it to the language to put first, or None")
        return list(platforms)
    chosen: list[type[Platform]] = []
    for platform in platforms:
        chosen.append(platform)
        chosen += [language_platform(platform, lang) for lang in languages[1:] if has_language_account(platform, env, lang)]
    return chosen


def manifest_for(manifest: Mapping[str, Any], platform: Platform | type[Platform], bilingual: str | None) -> Mapping[str, Any]:
    """The entries as ``platform`` posts them: its language's translations, or each entry with its translations."""
    lang = platform.account_language
    entries = manifest["entries"]
    if lang:
        entries = [entry["translations"][lang] for entry in entries if lang in entry.get("translations", {})]
    elif bilingual:
        entries = [{**entry, "bilingual": list(entry.get("translations", {}).values()), "first": bilingual}
                   if entry.get("translations") else entry for entry in entries]
    return {**manifest, "entries": entries}
