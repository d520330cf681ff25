"""Git merge driver for Qt .ts catalogues: keeps every translated message from both sides.

Several branches add strings to the one Chinese catalogue; a line merge of
lupdate's output conflicts on every neighbouring addition. This merges by
(context, source): messages from either side are kept, a translation changed
on one side only wins over the unchanged one, and the result stays sorted the
way lupdate writes it (contexts by name). Register it once per clone:

    git config merge.qt-ts.driver "python3 scripts/merge_ts.py %O %A %B"

Usage as a driver: merge_ts.py BASE OURS THEIRS (the result replaces OURS).
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET


def _messages(path: str) -> dict[tuple[str, str], ET.Element]:
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, FileNotFoundError):
        return {}
    out = {}
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            out[(name, msg.findtext("source") or "")] = msg
    return out


def _translation(msg: ET.Element | None) -> tuple[str, str]:
    if msg is None:
        return ("", "")
    tr = msg.find("translation")
    if tr is None:
        return ("", "")
    return (tr.text or "", tr.get("type", ""))


def merge(base: str, ours: str, theirs: str) -> None:
    b, o, t = _messages(base), _messages(ours), _messages(theirs)
    root = ET.parse(ours).getroot()
    contexts = {ctx.findtext("name") or "": ctx for ctx in root.iter("context")}
    for key, msg in t.items():
        name, _source = key
        if key in o:
            if _translation(o[key]) == _translation(b.get(key)) and _translation(msg) != _translation(b.get(key)):
                ctx = contexts[name]
                ctx.remove(o[key])
                ctx.append(msg)
            continue
        if key in b:  # removed on our side on purpose
            continue
        if name not in contexts:
            ctx = ET.SubElement(root, "context")
            ET.SubElement(ctx, "name").text = name
            contexts[name] = ctx
        contexts[name].append(msg)
    for ctx in sorted(contexts.values(), key=lambda c: c.findtext("name") or ""):
        root.remove(ctx)
        root.append(ctx)
    ET.indent(root, space="    ")
    # lupdate writes <context> at column 0 under <TS>.
    body = "\n".join(line.removeprefix("    ") for line in ET.tostring(root, encoding="unicode").splitlines())
    with open(ours, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n")


if __name__ == "__main__":
    merge(*sys.argv[1:4])
