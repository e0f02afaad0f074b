"""``python -m migration_course.cli``: the same as the ``rcm-course`` script."""

import sys

from migration_course.cli import main

sys.exit(main())
