"""``python -m luoshi``: the pipeline's command line (no Django needed)."""

import sys

from luoshi.cli import main

sys.exit(main())
