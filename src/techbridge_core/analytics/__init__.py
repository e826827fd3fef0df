"""The platform's indicators, defined once: what each counts, in which unit, at which date.

Dashboards, exports, the API and the annual report all read these definitions; the Django
`statistics` app only counts rows by them. Pure Python: no database, no web framework.
"""

from techbridge_core.analytics.funnel import FunnelStage, funnel_stages, median_days, median_of_counts
from techbridge_core.analytics.indicators import (
    FUNNEL,
    INDICATORS,
    Indicator,
    IndicatorGroup,
    Unit,
    indicator,
)
from techbridge_core.analytics.periods import (
    MAX_YEAR,
    MIN_YEAR,
    PeriodError,
    check_year,
    monthly_counts,
    year_bounds,
    year_on_year,
)
from techbridge_core.analytics.privacy import Suppressed, suppress_small_groups

__all__ = [
    "FUNNEL",
    "INDICATORS",
    "MAX_YEAR",
    "MIN_YEAR",
    "FunnelStage",
    "Indicator",
    "IndicatorGroup",
    "PeriodError",
    "Suppressed",
    "Unit",
    "check_year",
    "funnel_stages",
    "indicator",
    "median_days",
    "median_of_counts",
    "monthly_counts",
    "suppress_small_groups",
    "year_bounds",
    "year_on_year",
]
