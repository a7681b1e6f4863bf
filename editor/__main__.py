"""`python -m editor` runs the command line (no subcommand opens the window)."""

import sys

from editor.cli import main

sys.exit(main())
