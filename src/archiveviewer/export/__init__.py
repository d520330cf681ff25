"""PDF, CSV and JSON export (QtGui only, never QtWidgets)."""
