"""Times the timeline chart's label placement (it runs on the GUI thread at every resize) and counts the labels shown.

Run: `QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/chart_layout_bench.py`
Prints, per number of entries and chart width (170 px high): median and worst time
of 20 layouts, and how many labels fit (none ever overlap; the rest show on hover).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def entries(n: int, seed: int = 1) -> list[dict]:
    """`n` entries over 60 days, half of them naming an amount (as the sample's do)."""
    rng = random.Random(seed)
    start = dt.date(2020, 1, 24)
    out = []
    for i in range(n):
        day = start + dt.timedelta(days=rng.randrange(60))
        amounts = [{"text": f"{rng.randrange(1, 300)}万元", "yuan": 10000}] if rng.random() < 0.5 else []
        out.append(
            {
                "id": i + 1,
                "date": day.isoformat(),
                "date_text": f"{day.month}月{day.day}日",
                "text": "…",
                "amounts": amounts,
            }
        )
    return out


def main() -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from archiveviewer.gui.main_app import register_fonts
    from archiveviewer.gui.widgets.timeline_chart import TimelineChart

    register_fonts()
    chart = TimelineChart()
    chart.show()
    for n in (14, 40, 80, 1400):
        chart.set_entries(entries(n))
        for width in (330, 600, 1000):
            chart.resize(width, 170)
            app.processEvents()
            times = []
            for _ in range(20):
                t0 = time.perf_counter()
                chart._layout()  # what every resize of the chart runs
                times.append((time.perf_counter() - t0) * 1000)
            print(
                f"{n:5d} entries, {width:4d} px: layout p50 {statistics.median(times):6.2f} ms, "
                f"max {max(times):6.2f} ms, labels shown {len(chart.label_rects()):3d}"
            )


if __name__ == "__main__":
    main()
