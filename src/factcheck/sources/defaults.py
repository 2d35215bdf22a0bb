"""Default limits of source checking, importable without asyncio or httpx (the CLI shows them in --help)."""

from __future__ import annotations

# Politeness is per host: no site ever sees more than 4 requests at once from us. The overall limit
# only bounds our own sockets and memory (at most 32 bodies of max_bytes at once); at 16, checking a
# repository that cites many sites would spend most of its time waiting on slow servers one wave at a
# time (benchmarks/bench_sources.py: 16 gives ~11x over sequential, 32 gives ~18x).
DEFAULT_CONCURRENCY = 32
DEFAULT_PER_HOST = 4
DEFAULT_TIMEOUT = 10.0  # seconds, for connecting and for each read
DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_RETRIES = 2
DEFAULT_BACKOFF = 0.5  # seconds before the first retry; doubled each time
MAX_RETRY_WAIT = 10.0  # the longest we wait before a retry, whatever Retry-After asks for
DEFAULT_DEADLINE = 60.0  # seconds for one address in all, retries included: a server dripping bytes ends here
MAX_REDIRECTS = 10


WAYBACK_URL_ENV = "FACTCHECK_WAYBACK_URL"
SAVE_URL_ENV = "FACTCHECK_SAVE_URL"
DEFAULT_WAYBACK_URL = "https://archive.org/wayback/available"
DEFAULT_SAVE_URL = "https://web.archive.org/save/"
ARCHIVE_CONCURRENCY = 4  # archive.org rate-limits hard; a few at a time is plenty
ARCHIVE_MAX_BYTES = 1_000_000  # an availability answer is a few hundred bytes (Save Page Now's page is not read)
SAVE_TIMEOUT = 120.0  # Save Page Now fetches the page itself before it answers
