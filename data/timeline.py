"""The month axis of the date-range slider: month index <-> calendar month."""

from __future__ import annotations

import pandas as pd

from data.load import Bundle


def months(bundle: Bundle) -> pd.PeriodIndex:
    """Every month from the first to the last month that any event or movement touches."""
    return pd.period_range(bundle.first_month, bundle.last_month, freq="M")


def year_marks(axis: pd.PeriodIndex) -> dict[int, str]:
    """One slider mark per January (and the first month), labelled with the year."""
    return {i: str(m.year) for i, m in enumerate(axis) if m.month == 1 or i == 0}
