"""Overzicht: does the money go where the ALV agreed? Headline figures, the split against the
norm, budget against spending per category, the trend, and the points of attention."""
import streamlit as st

from ggu.i18n import formats as fmt
from ggu.i18n import t
from ggu.present import narrative
from ggu.present.tables import display_frame
from ggu.present.text import msg
from ggu.web import blocks, charts, data, parts, status

blocks.frame_guard()

year = blocks.year()
meta = data.query("meta").iloc[0]
totals_all = data.query("totals_by_year")
totals = totals_all[totals_all["year"] == year].iloc[0]
split = data.query("split_by_category_by_year", year=year)
exceptions = data.query("exceptions_by_item", year=year)

st.title(t("ov.title", year=year), anchor=False)
st.markdown(t("ov.lead"))
if totals["is_partial_year"]:
    st.info(t("ov.partial", year=year, as_of=fmt.date(meta["as_of_date"])),
            icon=":material/event:")

spent_label = (t("kpi.spent_to_date", as_of=fmt.date(meta["as_of_date"]))
               if totals["is_partial_year"] else t("kpi.spent"))
k1, k2, k3, k4 = st.columns(4)
k1.metric(t("kpi.budget"), fmt.eur_mln(totals["budget_eur"]), border=True,
          help=t("kpi.budget_sources", fonds=fmt.eur_mln(totals["budget_fonds_eur"])))
k2.metric(spent_label, fmt.eur_mln(totals["spent_eur"]), border=True)
k3.metric(t("kpi.realised"), fmt.pct(totals["realised_pct"]), border=True,
          help=t("kpi.realised_help"))
k4.metric(t("kpi.contributions"), fmt.eur_mln(totals["contributions_received_eur"]),
          border=True,
          delta=t("kpi.contributions_delta", due=fmt.eur_mln(totals["fund_eur"])),
          delta_color="off", delta_arrow="off")



@parts.fragment   # the switch reruns only the split
def split_block():
    basis = st.segmented_control(t("filter.basis"), ["budget", "spent"], default="budget",
                                 format_func=lambda b: t(f"basis.{b}"), key="basis",
                                 required=True)
    blocks.chart(charts.split_vs_norm(split, basis), key="split",
                 title=narrative.split_title(split, year, basis),
                 summary=narrative.split_summary(split, year, basis), table=split,
                 columns=["category", "budget_eur", "budget_share_pct", "spent_eur",
                          "spent_share_pct", "norm_pct", "deviation_pp", "spent_deviation_pp",
                          "is_within_tolerance"])


split_block()

left, right = st.columns(2)
with left:
    blocks.chart(charts.budget_vs_spent(split, "category"), key="bvs",
                 title=narrative.budget_vs_spent_title(split, year),
                 summary=narrative.budget_vs_spent_summary(split),
                 table=split, columns=["category", "budget_eur", "spent_eur"])
with right:
    partial = t("trend.partial", as_of=fmt.date(meta["as_of_date"], short=True))
    marked = data.query("decisions") if status.markers_toggle("ov_markers") else None
    blocks.chart(charts.with_decisions(charts.budget_vs_spent(totals_all, "year", partial),
                                       marked, charts.year_positions(marked, totals_all, partial)),
                 key="trend", title=narrative.trend_title(totals_all),
                 summary=narrative.trend_summary(totals_all),
                 table=totals_all, columns=["year", "budget_eur", "spent_eur", "realised_pct",
                                            "fund_eur", "is_partial_year"],
                 decisions=marked)
    counts = data.query("status_counts_by_year")
    blocks.chart(charts.status_counts(counts, partial), key="status_counts",
                 title=narrative.status_counts_title(counts, year),
                 summary=narrative.status_counts_summary(counts, year, meta["as_of_date"]),
                 table=counts, columns=["year", "status", "item_count", "is_partial_year"])

st.header(t("exc.title", year=year), anchor=False)
st.caption(msg("exc.lead", rules=narrative.rules_text(data.query("exception_rules"))))
if exceptions.empty:
    st.success(t("exc.none"))
else:
    blocks.text_table(display_frame(
        status.readable(exceptions.assign(reason=narrative.exception_reasons(exceptions))),
        ["name", "reason", "status", "budget_eur", "spent_eur", "forecast_eur",
         "forecast_deviation_eur", "status_reason"]))
