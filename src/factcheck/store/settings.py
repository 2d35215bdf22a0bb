"""A repository's publishing settings (`factcheck.yaml`): the site's address, publisher and language."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck.errors import FactcheckError
from factcheck.model import HTTP_URL_RE, LANGUAGE_RE
from factcheck.store.names import SETTINGS_FILE

REPORTS_FOLDER = "claims"  # a report is published at <site>/claims/<id>.html (as `factcheck site` writes it)
DEFAULT_LANGUAGE = "ko"


# --------------------------------------------------------------------------- settings


@dataclass(frozen=True)
class PublishSettings:
    """Where reports are published and by whom; from `claims/factcheck.yaml` and `--site`."""

    site: str = ""  # base URL, no trailing slash
    publisher: str = ""  # the publishing organisation's name
    publisher_url: str = ""
    language: str = DEFAULT_LANGUAGE  # inLanguage, and the language of the verdict label

    def report_url(self, claim_id: str) -> str:
        return f"{self.site}/{REPORTS_FOLDER}/{claim_id}.html" if self.site else ""

    @property
    def label_language(self) -> str:
        return "ko" if self.language.lower().startswith("ko") else "en"


def load_settings(repo_root: str | Path, site: str | None = None) -> PublishSettings:
    """PublishSettings from `<claims dir>/factcheck.yaml`, with `site` (the --site option) taking precedence.

    The file is optional; it may hold `site`, `publisher: {name, url}` (or just a name) and `language`.
    """
    return settings_from(settings_data(repo_root), site=site, where=str(Path(repo_root) / SETTINGS_FILE))


def settings_data(repo_root: str | Path) -> dict:
    """`<claims dir>/factcheck.yaml` as a plain mapping; empty when there is no such file."""
    path = Path(repo_root) / SETTINGS_FILE
    if not path.is_file():
        return {}
    from factcheck.store.yaml import parse_yaml, read_text

    loaded = parse_yaml(read_text(path), path)
    if loaded is not None and not isinstance(loaded, dict):
        raise FactcheckError("{path}: settings must be a mapping (site, publisher, language)", path=path)
    return loaded or {}


def settings_from(data: Any, site: str | None = None, where: str = "settings") -> PublishSettings:
    """A PublishSettings from a PublishSettings, a plain dict like factcheck.yaml's, or None."""
    if isinstance(data, PublishSettings):
        return data if site is None else PublishSettings(_site(site, "--site"), data.publisher, data.publisher_url,
                                                  data.language)
    data = data if isinstance(data, dict) else {}
    publisher = data.get("publisher") or {}
    if isinstance(publisher, str):
        publisher = {"name": publisher}
    if not isinstance(publisher, dict):
        raise FactcheckError("{where}: publisher must be a name or a mapping with name and url", where=where)
    publisher_url = str(publisher.get("url") or data.get("publisher_url") or "").strip()
    if publisher_url and not HTTP_URL_RE.match(publisher_url):
        raise FactcheckError(
            "{where}: publisher url {publisher_url!r} is not an http(s) address",
            where=where, publisher_url=publisher_url)
    language = str(data.get("language") or DEFAULT_LANGUAGE).strip()
    if not LANGUAGE_RE.match(language):
        raise FactcheckError(
            "{where}: language {language!r} is not a language code such as ko or en", where=where, language=language)
    chosen = site if site is not None else data.get("site")
    return PublishSettings(
        site=_site(chosen, "--site" if site is not None else f"{where}: site"),
        publisher=str(publisher.get("name") or data.get("publisher_name") or "").strip(),
        publisher_url=publisher_url,
        language=language,
    )


def _site(value: Any, where: str) -> str:
    text = str(value or "").strip().rstrip("/")
    if text and not HTTP_URL_RE.match(text):
        raise FactcheckError(
            "{where}: {text!r} is not an http(s) address such as https://factcheck.example.kr", where=where, text=text)
    return text
