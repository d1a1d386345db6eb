"""An outline's ``date:``: an ISO 8601 calendar date to the day, the month or the year
(``2025-08-20``, ``2025-08``, ``2025``), shown as written and stamped on the artifacts."""

from __future__ import annotations

import datetime as dt
import re

DATE = r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"
DATE_HELP = "use an ISO 8601 date: YYYY-MM-DD, YYYY-MM or YYYY (e.g. 2025-08-20)"


def calendar_date(text: str) -> dt.date | None:
    """The first day ``text`` names (``2025-08`` → 1 August 2025), or None when it is not a
    date of the calendar in one of the three forms."""
    if not re.fullmatch(DATE, text.strip()):
        return None
    parts = [int(p) for p in text.strip().split("-")] + [1, 1]
    try:
        return dt.date(parts[0], parts[1], parts[2]) if parts[0] >= 1 else None
    except ValueError:
        return None
