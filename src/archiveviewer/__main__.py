"""`python -m archiveviewer` runs the command line (the GUI by default)."""

import sys

from archiveviewer.cli import main

sys.exit(main())
