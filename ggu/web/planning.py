"""The Planning page's session glue: which scenarios a visitor may see, the scenario being
edited (kept in the session, so a refused save leaves the edits on screen), the editable table
with translated labels, and saving, copying and publishing."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ggu import i18n
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
    """basis, then the saved scenarios the visitor may see: published ones for every reader,
    concepts too for a logged-in user."""
    return [figures.basis(data.query)] + [s for s in plans().current()
                                          if can_see_concepts or s.is_published]


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
    frame.insert(5, "line_label", [f"{i} · {n}" for i, n in zip(frame["line_id"], frame["name"])])
    frame.insert(6, "category_label", [i18n.value("category", c) for c in frame["category"]])
    frame.insert(7, "source_label", [i18n.value("funding_source", c)
                                     for c in frame["funding_source"]])
    return frame


def editor_columns(frame: pd.DataFrame) -> tuple[list[str], dict]:
    """The columns the table shows, in order, and their configuration."""
    years = edits.year_columns(frame)
    config = {
        "include": st.column_config.CheckboxColumn(t("plan.col_include")),
        "kind_label": st.column_config.TextColumn(t("plan.col_kind"), disabled=True),
        "line_label": st.column_config.TextColumn(t("plan.col_line"), disabled=True,
                                                  width="large"),
        "category_label": st.column_config.TextColumn(t("plan.col_category"), disabled=True),
        "source_label": st.column_config.TextColumn(t("plan.col_source"), disabled=True),
        "end_year": st.column_config.NumberColumn(t("plan.col_end"), min_value=2000,
                                                  max_value=2100, step=1, format="%d"),
        **{y: st.column_config.NumberColumn(y, min_value=0, step=0.01, format="localized")
           for y in years},
    }
    return ["include", "kind_label", "line_label", "category_label", "source_label",
            "end_year", *years], config


def original_end_years() -> dict[str, int | None]:
    items = data.query("items")
    return {i: None if pd.isna(e) else int(e) for i, e in zip(items["item_id"], items["end_year"])}


def draft(origin: Scenario, lines: pd.DataFrame, edited: pd.DataFrame | None, rate,
          indexation) -> Scenario:
    """The scenario as edited on screen: `origin` with the table's edits, rate and indexation.
    A wrong rate or indexation raises PlanError."""
    scenario = origin if edited is None else edits.apply(origin, lines, edited,
                                                         original_end_years())
    return scenario.replace(rate_per_inhabitant_eur=str(round(float(rate), 4)),
                            indexation_pct=str(round(float(indexation), 2)))   # checked anew


def save(scenario: Scenario, user: str, **changes) -> Scenario:
    """Save and open the saved version (PlanError, e.g. Conflict, for the page to show)."""
    figures.check(scenario, data.query)
    saved = plans().save(scenario.replace(**changes), user)
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


__all__ = ["PlanError", "copy", "damaged", "draft", "editor", "editor_columns", "editor_frame",
           "label", "opened", "original_end_years", "pin", "reopen", "save", "visible"]
