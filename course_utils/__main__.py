"""``python -m course_utils``: the same as the `course` command."""
import sys

from .cli import main

sys.exit(main())
