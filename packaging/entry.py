"""Entry point of the frozen (PyInstaller) app: the command line, GUI by default."""

import multiprocessing
import sys

if __name__ == "__main__":
    # Worker processes of a frozen app re-run this executable: let them become
    # workers here instead of starting another copy of the app.
    multiprocessing.freeze_support()

    from archiveviewer.frozen import prepare

    prepare()

    from archiveviewer.cli import main

    sys.exit(main())
