"""Bilingual text: every sentence chainmap says exists in Chinese and English.

A :class:`Text` holds both versions of one sentence; calling it with a language
fills in the values. Keeping both in one place stops them drifting apart.
"""

from __future__ import annotations

import locale
import os
from typing import NamedTuple

__all__ = ["LANGS", "Text", "default_lang", "check_lang", "join"]

LANGS = ("zh", "en")


class Text(NamedTuple):
    """One sentence in English and Chinese.

    >>> greet = Text("hello {name}", "你好 {name}")
    >>> greet("zh", name="周")
    '你好 周'
    """

    en: str
    zh: str

    def __call__(self, lang: str, **values: object) -> str:
        return getattr(self, lang).format(**values)


def check_lang(lang: str | None) -> str:
    """Return ``lang`` if it is supported, else the default language."""
    return lang if lang in LANGS else default_lang()


def default_lang() -> str:
    """``CHAINMAP_LANG`` if set, else Chinese when the locale is Chinese, else English."""
    env = os.environ.get("CHAINMAP_LANG", "")
    if env in LANGS:
        return env
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    code = locale.getlocale()[0] or ""
    return "zh" if code.lower().startswith("zh") else "en"


def join(lang: str, items: list[str]) -> str:
    """Join names the way each language lists them.

    >>> join("zh", ["周", "马"]), join("en", ["Zhou", "Ma"])
    ('周、马', 'Zhou, Ma')
    """
    return ("、" if lang == "zh" else ", ").join(items)
