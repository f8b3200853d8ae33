"""Who says a row's figure, in words: the claimant, and the publisher when someone else published it."""

from __future__ import annotations

import pandas as pd

from data import languages
from data.load import Bundle
from data.translation import N_, t


def says(claimant: str, publisher: str, lang: str = languages.DEFAULT) -> str:
    """'Iraqi police and security sources, per Reuters'; just 'UNHCR' when claimant and publisher are one body. In
    another language both names are the catalogue's (claimants.csv's and sources.csv's names are entries:
    babel.cfg): ours translated ('Blog supporting the group'), a body's own name kept as published where it has no
    established translation in the language."""
    a, b = claimant.casefold(), publisher.casefold()
    if a in b or b in a:
        return t(lang, publisher)
    return t(lang, "{claimant}, per {publisher}", claimant=t(lang, claimant), publisher=t(lang, publisher))


def who_says(bundle: Bundle, frame: pd.DataFrame, lang: str = languages.DEFAULT) -> pd.Series:
    """`says` for every row of a data frame (aligned with it)."""
    claimants = frame["claimant_id"].map(bundle.claimants["name"])
    publishers = frame["source_id"].map(bundle.sources["publisher"])
    return pd.Series([says(c, p, lang) for c, p in zip(claimants, publishers, strict=True)], index=frame.index)


def own_account_text(role: str | None, lang: str = languages.DEFAULT) -> str:
    """'the actor's own account: its state's forces carried it out' for a row whose claimant is an organ of the state
    whose forces carried out (or are accused of) the item; '' otherwise."""
    return t(lang, _OWN_ACCOUNT[role]) if role else ""


_OWN_ACCOUNT = {
    "carried_out": N_("the actor's own account: its state's forces carried it out"),
    "accused": N_("the actor's own account: its state's forces are accused of it"),
}
RELAY_WHO = {"group": "run by the group or its supporters", "iran_state": "aligned with the Iranian state"}
_RELAYED = {
    "group": N_("reached us only via {via}, run by the group or its supporters"),
    "iran_state": N_("reached us only via {via}, aligned with the Iranian state"),
}


def relay_text(party: str | None, via: str | None, lang: str = languages.DEFAULT) -> str:
    """'reached us only via habilian.ir, aligned with the Iranian state' for a row whose independent claimant's
    figure we have only from a party's site or outlet; '' otherwise."""
    if not party:
        return ""
    if party in _RELAYED:
        return t(lang, _RELAYED[party], via=t(lang, via) if via else via)
    return f"reached us only via {via}, {party}"
