"""Planning next year's begroting: scenarios (rate, indexation, proposals, changes) kept as
versioned files beside the snapshots, and their figures from the schema's plan macros.

    scenario   a scenario as data, its checks and its JSON
    storage    the saved versions on disk: crash-safe, and a second save of one version refused
    figures    a scenario's lines, fund, room and split per plan year, the comparison, the JSON
               of `plan show`
    export     a scenario as a workbook in the template's form, for `ggu import`

May import ggu.ingest, ggu.store, ggu.i18n and ggu.config; not present, report, web or cli.
"""
from ggu.plan.scenario import BASIS, Change, PlanError, Scenario
from ggu.plan.storage import Conflict, Plans

__all__ = ["BASIS", "Change", "Conflict", "PlanError", "Plans", "Scenario"]
