"""`python -m exports export --out DIR …`: see exports.cli."""

import sys

from exports.cli import main

sys.exit(main())
