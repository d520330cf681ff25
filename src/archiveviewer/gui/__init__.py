"""Everything QtWidgets: the desktop window, its models, views and dialogs."""
