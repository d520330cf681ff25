"""Keeps archive text from being read as markup where Qt guesses the format (tooltips, menu mnemonics)."""

from __future__ import annotations

import html


def plain_tooltip(text: str) -> str:
    """A tooltip that shows `text` literally.

    Qt renders a tooltip as rich text when it merely looks like HTML, so a
    document containing `<a href=…>` would turn into a link: escape it and say
    explicitly that it is rich text, keeping the line breaks.
    """
    escaped = html.escape(text).replace("\n", "<br>")
    return f"<qt style='white-space:pre-wrap'>{escaped}</qt>"


def menu_text(text: str) -> str:
    """Menu item text with '&' shown as itself rather than marking a mnemonic."""
    return text.replace("&", "&&")
