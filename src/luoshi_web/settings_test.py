"""Settings for the test suite: the real settings with a throw-away data dir.

Tests must not write a secret key or evidence files into the working tree,
and a fast password hasher keeps persona fixtures cheap. ``DATABASE_URL``
still selects PostgreSQL, so the same suite runs on both databases.
"""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("LUOSHI_DATA_DIR", tempfile.mkdtemp(prefix="luoshi-test-"))

from luoshi_web.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# pytest-django empties the database between transactional tests with ``flush``; those are not
# events worth an audit row (the registry's flush command logs every other flush).
LUOSHI_AUDIT_FLUSH = False

# On SQLite the test database is a file, as in production, not shared-cache memory: two
# threads then wait on each other's write lock (busy_timeout) instead of failing at once
# with "table is locked", so concurrency tests (two escalation workers) mean the same thing.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": os.path.join(os.environ["LUOSHI_DATA_DIR"], "test.sqlite3")}  # noqa: F405
