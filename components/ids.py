"""Every component id of the page. Layout and callbacks import these; no id is typed anywhere else.

The values of the public ids (date-range, map, casualty-chart, relocation-chart, kpi-*, reset-button) are
stable: tests and users' own automation rely on them.
"""


class Page:
    URL = "url"
    NOTICE = "url-notice"
    VIEW = "view-store"


class Controls:
    DATE_RANGE = "date-range"
    RANGE_LABEL = "date-range-label"
    FILTER_LABEL = "filter-label"
    RESET = "reset-button"


class Kpi:
    KILLED = "kpi-killed"
    WOUNDED = "kpi-wounded"
    RELOCATED = "kpi-relocated"
    KILLED_DETAIL = "kpi-killed-detail"
    WOUNDED_DETAIL = "kpi-wounded-detail"
    RELOCATED_DETAIL = "kpi-relocated-detail"


class Charts:
    MAP = "map"
    CASUALTIES = "casualty-chart"
    RELOCATIONS = "relocation-chart"
    DISTANCE = "distance-check"
