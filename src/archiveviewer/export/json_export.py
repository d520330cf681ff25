"""JSON export of any export dict or list (UTF-8, Chinese kept as is, indented) and its reader."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path, PurePath
from typing import Any

from .errors import ExportError
from .files import atomic_output
from .i18n import Export


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        # Amounts in yuan are whole numbers in practice; keep them integers in JSON.
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if isinstance(value, PurePath):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=_default) + "\n"


def export_json(data: Any, out: Path, *, overwrite: bool = False) -> None:
    """Writes `data` as indented UTF-8 JSON (no BOM; Decimal, dates and dataclasses converted)."""
    try:
        payload = dumps(data)
    except (TypeError, ValueError) as exc:
        raise ExportError(Export.tr("The data cannot be written as JSON: {reason}").format(reason=exc)) from exc
    with atomic_output(Path(out), overwrite) as tmp:
        tmp.write_text(payload, encoding="utf-8")


def read_json(path: Path) -> Any:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ExportError(
            Export.tr("Cannot read {path}: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from exc
    except ValueError as exc:
        raise ExportError(Export.tr("{path} is not valid JSON: {reason}").format(path=path, reason=exc)) from exc
