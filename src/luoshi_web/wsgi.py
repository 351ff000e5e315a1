"""WSGI entry point (served by waitress in ``luoshi serve``)."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luoshi_web.settings")

application = get_wsgi_application()
