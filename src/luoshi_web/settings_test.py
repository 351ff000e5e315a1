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
