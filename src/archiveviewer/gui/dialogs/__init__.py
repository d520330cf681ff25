"""Dialogs: query help, about, settings, progress of long work."""
