"""`python -m components <command>`: the curator's command line."""

import sys

from components.cli import main

sys.exit(main())
