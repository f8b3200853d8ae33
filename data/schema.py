"""Column names and allowed values of every data file (one place to change the schema)."""

from __future__ import annotations

from dataclasses import dataclass

from data.translation import N_

KINDS = ("un", "government", "ngo", "news", "academic", "group", "iran_state")
"""Who makes a claim (claimants.csv kind) and who published it (sources.csv publisher_kind): one list for both."""
KIND_LABELS = {  # marked for the catalogues (data.translation): t(lang, label) where shown
    "un": N_("UN"),
    "government": N_("Government"),
    "ngo": N_("NGO"),
    "news": N_("News media"),
    "academic": N_("Academic"),
    "group": N_("The group (PMOI/MEK, NCRI) and its supporters"),
    "iran_state": N_("Iranian state and aligned outlets"),
}
KIND_SHORT = {**KIND_LABELS, "group": N_("The group"), "iran_state": N_("Iranian state")}
PARTY_KINDS = frozenset({"group", "iran_state"})  # the two parties; every other kind is independent of both
SOURCE_KINDS, SOURCE_KIND_LABELS = KINDS, KIND_SHORT  # the names the figures and summaries use
PRECISIONS = ("day", "month", "year")
EVENT_KINDS = ("raid", "rocket_attack", "siege", "other")
EVENT_KIND_LABELS = {
    "raid": N_("Raid"),
    "rocket_attack": N_("Rocket attack"),
    "siege": N_("Siege"),
    "other": N_("Incident"),
}
PLACE_KINDS = ("camp", "country")
# How the map draws a place (places.csv's map_* columns: presentation only, no claim): plotly's text positions for
# its label at region scale, and where a camp's name sits in the Iraq detail panel.
LABEL_POSITIONS = tuple(f"{v} {h}" for v in ("top", "middle", "bottom") for h in ("left", "center", "right"))
DETAIL_LABEL_SIDES = ("above", "below")
MAX_MAP_OFFSET_DEG = 10.0
# An attack's actor (items.csv actor_state, actor_role): the state whose forces carried it out or are accused of it.
# A row whose claimant is an organ of that state (claimants.csv state) is the actor's own account of its action.
ACTOR_ROLES = ("carried_out", "accused")
ACTOR_ROLE_LABELS = {"carried_out": "whose forces carried it out", "accused": "whose forces are accused of it"}
MOVEMENT_SCOPES = ("transfer", "aggregate")
COUNT_COLUMNS = ("killed", "wounded", "abducted_or_missing")
COUNT_LABELS = {"killed": N_("Killed"), "wounded": N_("Wounded"), "abducted_or_missing": N_("Abducted or missing")}


@dataclass(frozen=True)
class FileSchema:
    """What one CSV file must hold."""

    name: str
    columns: tuple[str, ...]
    key: str
    required: tuple[str, ...]


PLACES = FileSchema(
    "places.csv",
    (
        "place_id",
        "name",
        "kind",
        "country_iso3",
        "lat",
        "lon",
        "active_from",
        "active_to",
        "coord_source_url",
        "note",
        *("map_dlon", "map_dlat", "map_apart_from", "map_label", "map_label_position", "map_detail_label"),
    ),
    key="place_id",
    required=("place_id", "name", "kind", "country_iso3", "lat", "lon", "coord_source_url"),
)
CLAIMANTS = FileSchema(
    "claimants.csv",
    ("claimant_id", "name", "kind", "state", "note"),
    key="claimant_id",
    required=("claimant_id", "name", "kind", "note"),
)
SOURCES = FileSchema(
    "sources.csv",
    ("source_id", "publisher", "title", "published", "url", "publisher_kind", "read_at", "seed_file", "note"),
    key="source_id",
    required=("source_id", "publisher", "publisher_kind"),
)
SITES = FileSchema(
    "sites.csv",
    ("site", "claimant_id", "note"),
    key="site",
    required=("site", "claimant_id", "note"),
)
"""The sites a page was read on (sources.csv read_at) that belong to a claimant, and why we say so: a row whose
figure reached us only through the site of one of the parties is marked as relayed by that party."""
ITEMS = FileSchema(
    "items.csv",
    ("item_id", "label", "summary", "actor_state", "actor_role"),
    key="item_id",
    required=("item_id", "label", "summary"),
)
EVENTS = FileSchema(
    "events.csv",
    (
        "event_id",
        "source_id",
        "claimant_id",
        "date",
        "date_precision",
        "place_id",
        "kind",
        *COUNT_COLUMNS,
        "seed_lines",
        "note",
    ),
    key="event_id",
    required=("event_id", "source_id", "claimant_id", "date", "date_precision", "place_id", "kind"),
)
MOVEMENTS = FileSchema(
    "movements.csv",
    (
        "movement_id",
        "source_id",
        "claimant_id",
        "date_start",
        "date_end",
        "date_precision",
        "origin_place_id",
        "destination_place_id",
        "people",
        "scope",
        "seed_lines",
        "note",
    ),
    key="movement_id",
    required=("movement_id", "source_id", "claimant_id", "date_start", "date_precision", "origin_place_id", "scope"),
)
POPULATIONS = FileSchema(
    "populations.csv",
    (
        "population_id",
        "source_id",
        "claimant_id",
        "date",
        "date_precision",
        "place_id",
        "people",
        "status",
        "seed_lines",
        "note",
    ),
    key="population_id",
    required=("population_id", "source_id", "claimant_id", "date", "date_precision", "place_id", "people", "status"),
)
DISTANCES = FileSchema(
    "distances.csv",
    ("claim_id", "source_id", "claimant_id", "place_id", "target", "value", "unit", "seed_lines", "note"),
    key="claim_id",
    required=("claim_id", "source_id", "claimant_id", "place_id", "target", "value", "unit"),
)
CONTEXT = FileSchema(
    "context.csv",
    ("context_id", "source_id", "claimant_id", "date", "date_precision", "category", "summary", "seed_lines", "note"),
    key="context_id",
    required=("context_id", "source_id", "claimant_id", "date", "date_precision", "category", "summary"),
)
CONFLICTS = FileSchema(
    "conflicts.csv",
    ("conflict_id", "item_ids", "summary"),
    key="conflict_id",
    required=("conflict_id", "item_ids", "summary"),
)
POPULATION_STATUSES = ("stated", "projected")  # projected: a number expected later, not a count; never drawn as one
CONTEXT_CATEGORIES = ("designation", "delisting", "protection", "agreement", "un_process", "legal", "relocation")
DISTANCE_UNITS = {"km": 1.0, "mi": 1.609344}
ALL_FILES = (PLACES, CLAIMANTS, SOURCES, SITES, ITEMS, CONFLICTS, EVENTS, MOVEMENTS, POPULATIONS, DISTANCES, CONTEXT)
