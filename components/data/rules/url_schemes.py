"""Source links are plain http(s) URLs, so nothing else (javascript:, data:) is ever linked."""

from urllib.parse import urlsplit


def check(dataset, today):
    for i, source in enumerate(dataset.sources):
        if source.url is None:
            continue
        try:
            parts = urlsplit(source.url)
        except ValueError:  # e.g. an unclosed '[' is read as a broken IPv6 host
            parts = None
        if (
            parts is None
            or parts.scheme.lower() not in ("http", "https")
            or not parts.netloc
            or any(c.isspace() for c in source.url)
        ):
            yield ("sources", i, "url"), f"url must be an http(s) address, not '{source.url[:60]}'"
