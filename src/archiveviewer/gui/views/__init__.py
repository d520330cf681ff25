"""Views: layout only. Behaviour lives in gui/controllers."""
