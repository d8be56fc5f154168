"""The Planning page's session glue: which scenarios a visitor may see, the scenario being
edited (kept in the session, so a refused save leaves the edits on screen), the editable table
with translated labels, and saving, copying and publishing."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ggu import i18n
from ggu.i18n import formats as fmt
from ggu.i18n import t
from ggu.plan import PlanError, Plans, Scenario, edits, figures
from ggu.plan.scenario import check_name
from ggu.web import auth, data


def editor() -> str:
    """Who saves: the logged-in address (OIDC) or the password login's account."""
    return auth.oidc_email() or auth.user() or auth.PASSWORD_ACCOUNT


def plans() -> Plans:
    return Plans()


def damaged(can_see_concepts: bool) -> list[str]:
    """One line per saved scenario whose file does not read, for those who may see concepts
    (a damaged file may hold one); nothing for other readers, whose page works as usual."""
    if not can_see_concepts:
        return []
    return [d.message(short=True) for d in plans().damaged()]


def visible(can_see_concepts: bool) -> list[Scenario]:
    """basis, then the saved scenarios the visitor may see: a logged-in user the newest
    version of each (a concept too), every other reader the newest published version (a
    concept saved on top of it stays with its editors until it is published)."""
    saved = plans().current() if can_see_concepts else plans().published()
    return [figures.basis(data.query)] + saved


def opened(scenario: Scenario) -> Scenario:
    """The version of `scenario` this session has open: the one it first saw, until it saves
    or asks for the newest (`reopen`). So a colleague's save does not replace the edits on
    screen; the next save is refused instead (storage.Conflict)."""
    pins = st.session_state.setdefault("plan_opened", {})
    version = pins.setdefault(scenario.name, scenario.version)
    if version == scenario.version:
        return scenario
    return plans().load(scenario.name, version) or scenario


def pin(scenario: Scenario) -> None:
    st.session_state.setdefault("plan_opened", {})[scenario.name] = scenario.version


def reopen(name: str) -> None:
    """Forget the version this session had open: the newest opens on the next run."""
    st.session_state.setdefault("plan_opened", {}).pop(name, None)
    st.session_state.pop("plan_conflict", None)


def label(scenario: Scenario) -> str:
    """`naam (concept)`. (Not the choices' labels: a label that changes on publishing would
    make Streamlit see a new widget and reset the choice.)"""
    return f"{scenario.name} ({t(f'plan.status.{scenario.status}')})"


def editor_frame(origin: Scenario, lines: pd.DataFrame) -> pd.DataFrame:
    """The editable table of `origin` with readable labels beside the coded columns."""
    frame = edits.table(origin, lines)
    frame.insert(4, "kind_label", [t(f"plan.kind.{k}") for k in frame["line_kind"]])
    sources = [i18n.value("funding_source", c) for c in frame["funding_source"]]
    # a line paid from two sources has two rows: its name says which is which (the source
    # column is further along)
    twice = frame["line_id"].duplicated(keep=False)
    frame.insert(5, "line_label", [f"{i} · {n}" + (f" · {s}" if d else "") for i, n, s, d
                                   in zip(frame["line_id"], frame["name"], sources, twice)])
    frame.insert(6, "category_label", [i18n.value("category", c) for c in frame["category"]])
    frame.insert(7, "source_label", sources)
    # no end year: OPEN, a value the end-year column names in words (an empty cell would read
    # "None" in Streamlit's table)
    frame["end_year"] = [OPEN if pd.isna(e) else int(e) for e in frame["end_year"]]
    # a year without a line reads € 0, not "None" (edits.apply leaves such years alone)
    years = edits.year_columns(frame)
    frame[years] = frame[years].fillna(0.0)
    return frame


OPEN = 0   # the end-year column's value for "no end year"


def editor_columns(frame: pd.DataFrame) -> tuple[list[str], dict]:
    """The columns the table shows, in order, and their configuration."""
    years = edits.year_columns(frame)
    ends = sorted({OPEN, *(int(y) for y in years), *frame["end_year"].astype(int)})
    # What can be changed comes first, beside the line's name: at 1440 px the choice, the name,
    # the end year and four years fit; what describes the line follows. No pinned column: on a
    # phone it would leave no room to scroll. Each column is as wide as its widest value
    # ("loopt door", ten millions): the width a grid guesses from its first rows cuts them.
    config = {
        "include": st.column_config.CheckboxColumn(t("plan.col_include")),
        "kind_label": st.column_config.TextColumn(t("plan.col_kind"), disabled=True),
        "line_label": st.column_config.TextColumn(t("plan.col_line"), disabled=True,
                                                  width=300),
        "category_label": st.column_config.TextColumn(t("plan.col_category"), disabled=True),
        "source_label": st.column_config.TextColumn(t("plan.col_source"), disabled=True),
        "end_year": st.column_config.SelectboxColumn(
            t("plan.col_end"), options=ends, required=True, help=t("plan.col_end_help"),
            width=110,
            format_func=lambda y: t("plan.end_open") if y == OPEN else str(y)),
        # whole euros with the page's thousands separator (`€ 2.400.000` in Dutch), whatever
        # the browser's language ("localized" would follow the browser); cents are kept and
        # shown while editing
        **{y: st.column_config.NumberColumn(y, min_value=0, step=0.01, width=105,
                                            format=t("plan.amount_format")) for y in years},
    }
    return ["include", "line_label", "end_year", *years, "kind_label", "category_label",
            "source_label"], config


def original_end_years() -> dict[str, int | None]:
    items = data.query("items")
    return {i: None if pd.isna(e) else int(e) for i, e in zip(items["item_id"], items["end_year"])}


def draft(origin: Scenario, lines: pd.DataFrame, edited: pd.DataFrame | None, rate,
          indexation) -> Scenario:
    """The scenario as edited on screen: `origin` with the table's edits, rate and indexation.
    `rate` and `indexation` as typed (`3,25` or `3.25`); a wrong one raises PlanError."""
    if edited is not None:
        edited = edited.assign(end_year=[None if e == OPEN else e for e in edited["end_year"]])
    scenario = origin if edited is None else edits.apply(origin, lines, edited,
                                                         original_end_years())
    return scenario.replace(rate_per_inhabitant_eur=str(rate).strip(),
                            indexation_pct=str(indexation).strip())   # checked anew


def number_text(value, digits: int) -> str:
    """A rate or percentage as the page's language writes it: `3,10` (nl), `3.10` (en)."""
    return fmt.number(value, digits=digits)


def save(scenario: Scenario, user: str, publish: bool = False) -> Scenario:
    """Save as a new version and open it (PlanError, e.g. Conflict, for the page to show):
    a concept, also when the version it was made from was published (what readers see changes
    only by publishing), or, with `publish`, a published version, recording who and when."""
    figures.check(scenario, data.query)
    saved = plans().save(scenario.replace(status="gepubliceerd" if publish else "concept"),
                         user)
    pin(saved)
    st.session_state.pop("plan_conflict", None)
    return saved


def copy(origin: Scenario, name: str, user: str) -> Scenario:
    """A new scenario named `name` with `origin`'s contents (basis: its carry-forward)."""
    name = check_name(name)   # normalised as on the command line: NFKC, trimmed
    if plans().exists(name):
        raise PlanError(t("plan.err.exists", name=name))
    return plans().save(Scenario.from_dict({
        **origin.to_dict(), "name": name, "status": "concept", "version": 0,
        "description": ""}), user)


def last_published(name: str) -> int | None:
    """The number of the newest published version of a saved scenario (None: never)."""
    found = [s.version for s in plans().published() if s.name == name]
    return found[0] if found else None


__all__ = ["OPEN", "PlanError", "copy", "damaged", "draft", "editor", "editor_columns",
           "editor_frame", "label", "last_published", "number_text", "opened",
           "original_end_years", "pin", "reopen", "save", "visible"]
