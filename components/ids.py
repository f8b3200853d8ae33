"""The ids of the page's components that callbacks use. Layout and callbacks import these. Outside Python, the
assets' scripts (story.js: story-prev, story-next, story-panel) and the browser tests name some by value; ids that
only label markup (headings, the table element) stay beside the markup they label.

The values of the public ids (date-range, map, casualty-chart, relocation-chart, kpi-*, reset-button) are
stable: tests and users' own automation rely on them.
"""


class Page:
    URL = "url"
    NOTICE = "url-notice"
    VIEW = "view-store"
    LEDGER_DRAWN = "ledger-drawn"  # the place and lens the population and context figures were last drawn for
    COUNTING_ROWS = "counting-rows"  # the rows the browser counts a range's headline figures with
    TITLE = "view-title"  # the view's name; assets/view_title.js makes it the document's <title>
    LANGUAGES = "languages"  # the language picker (components/languages.py)


class Controls:
    DATE_RANGE = "date-range"
    RANGE_LABEL = "date-range-label"
    FILTER_LABEL = "filter-label"
    RESET = "reset-button"
    LENS = "source-lens"
    GRADE = "grade-filter"  # the grades the view shows (none chosen: every grade)
    KEY_EVENT = "key-event"  # the type of the pattern-matching ids {"type": KEY_EVENT, "index": i}
    KEY_EVENT_SPANS = "key-event-spans"
    PLACE_PICKER = "place-picker"  # choosing a place = clicking it on the map
    ATTACK_PICKER = "attack-picker"  # choosing an attack = clicking it on the map or in the casualty chart
    MOVEMENT_PICKER = "movement-picker"  # choosing a movement = clicking it on the map or in the relocation chart


class Kpi:
    KILLED = "kpi-killed"
    WOUNDED = "kpi-wounded"
    TRANSFERRED = "kpi-transferred"  # moved within Iraq (Ashraf -> Liberty)
    RELOCATED = "kpi-relocated"  # resettled abroad (left Iraq)
    KILLED_DETAIL = "kpi-killed-detail"
    WOUNDED_DETAIL = "kpi-wounded-detail"
    TRANSFERRED_DETAIL = "kpi-transferred-detail"
    RELOCATED_DETAIL = "kpi-relocated-detail"
    KILLED_CONTEXT = "kpi-killed-context"
    WOUNDED_CONTEXT = "kpi-wounded-context"
    TRANSFERRED_CONTEXT = "kpi-transferred-context"
    RELOCATED_CONTEXT = "kpi-relocated-context"


class Charts:
    MAP = "map"
    CASUALTIES = "casualty-chart"
    RELOCATIONS = "relocation-chart"
    POPULATION = "population-chart"
    CONTEXT = "context-chart"
    DISTANCE = "distance-check"
    DISTANCE_CLAIMS = "distance-check-claims"  # the stated distances the lens keeps
    MAP_SUMMARY = "map-summary"
    CASUALTIES_SUMMARY = "casualty-chart-summary"
    RELOCATIONS_SUMMARY = "relocation-chart-summary"
    POPULATION_SUMMARY = "population-chart-summary"
    CONTEXT_SUMMARY = "context-chart-summary"


class Share:
    EXPORT_MENU = "export-menu"
    LINK_TEXT = "view-link"
    COPY_LINK = "copy-link"
    COPY_LINK_STATUS = "copy-link-status"
    CITATION = "citation-text"
    COPY_CITATION = "copy-citation"
    COPY_CITATION_STATUS = "copy-citation-status"
    EMBED_CODE = "embed-code"


class Playback:
    PLAY = "play-button"
    TICK = "play-interval"
    STATUS = "play-status"


class Detail:
    PANEL = "event-detail"
    SELECTED = "selected-item"
    STEP_ITEM = "story-step-item"  # the item a story step selects ({"kind", "id"}), set with the view
    ALONG = "detail-along"  # the type of the pattern-matching ids {"type": ALONG, "id": movement id}: open it


class Table:
    TABLE = "data-table"
    SORT_COLUMN = "data-table-sort-column"
    SORT_ORDER = "data-table-sort-order"
    COUNT = "data-table-count"
    IN_VIEW = "data-table-in-view"  # set by assets/table_in_view.js: the table is (nearly) on screen


class Story:
    PANEL = "story-panel"
    TITLE = "story-title"
    TEXT = "story-text"
    STEP = "story-step"
    PREV = "story-prev"
    NEXT = "story-next"
    LEAVE = "story-leave"
    START = "story-start"
