"""The role every table model answers with raw values (dates as dates, amounts as numbers) for sorting.

The big tables sort at their source (`table_filter_proxy.TableFilterProxyModel` passes the request on);
the old Python `lessThan` proxy is gone with the timeline table that was its only user.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
