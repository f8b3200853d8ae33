"""How the figures are counted, in plain words: shown on the page ("How to read the figures") and in the report
(marked for the catalogues: t(lang, rule) where shown)."""

from data.translation import N_

COUNTING_RULES: tuple[str, ...] = (
    N_(
        "Every figure comes from a named source. Where sources disagree, the range is shown (e.g. 15–52) and each "
        "source's own figure is listed; nothing is averaged."
    ),
    N_(
        "Dark bars: the lowest figure any source gives. Hatched bars: the range up to the highest. Dots: each source's "
        "figure, coloured by the kind of its claimant (who makes the figure: UN, government, NGO, news media, academic, "
        "the group, the Iranian state), not of its publisher."
    ),
    N_(
        "“Who says it” names the claimant and, when someone else published the text, the publisher (“Iraqi police and "
        "security sources, per Reuters”). Independent: claims of neither the group (PMOI/MEK, NCRI, supporters) nor the "
        "Iranian state (state media, aligned organisations)."
    ),
    N_(
        "Dates keep their precision. A month- or year-precise item spans its whole month or year. An item counts in the "
        "headline figures only if its whole period lies inside the selected range; items that only partly overlap are "
        "drawn faded and named under “Who reports what”."
    ),
    N_(
        "Stated totals (e.g. “more than 1,700 relocated by July 2016”) overlap the individual transfers and each other, "
        "so they are drawn separately and never added up. The headlines add up listed transfers only: moves within Iraq "
        "(Ashraf → Liberty) and departures abroad apart, so no one is counted twice."
    ),
    N_(
        "A headline range adds up every item's lowest figure and every item's highest figure. “Disputed” means sources "
        "disagree about the same figure for the same date or period; figures for different dates are change over time."
    ),
    N_(
        "Grades say how well an item's figure is supported, from its rows only: Corroborated (independent claimants of "
        "two or more kinds agree within 10% (or 2 people)), Agreeing, one kind of source, Single independent source, "
        "Contested (independent figures differ by more), Weak (independent figures only relayed by a party's site or "
        "from the acting state itself), Party claims only, No figure. “How well supported” filters by them."
    ),
    N_(
        "Seed documents are texts of the group's supporters; their claims count as the group's (unless they quote "
        "someone else) and their line numbers are kept in the project's seeds register."
    ),
)
