"""Bijdragen: what the municipalities pay into the Fonds GGU, per year, per municipality
("Mijn gemeente") and per province, and a what-if for the rate per inhabitant."""
from functools import partial

import streamlit as st

from ggu import i18n
from ggu.i18n import formats as fmt
from ggu.i18n import t
from ggu.present import choices, narrative
from ggu.present.narrative import municipality as mine_words
from ggu.present.tables import display_frame
from ggu.present.text import md, md_frame, msg
from ggu.report import brief
from ggu.store import snapshot_id
from ggu.web import blocks, charts, data, documents, frames, parts, url

blocks.frame_guard()


year = blocks.year()
meta = data.query("meta").iloc[0]
by_year = data.query("contributions_by_year")
this = frames.rows_of(by_year, "year", year)

st.title(t("bij.title", year=year), anchor=False)
st.markdown(t("bij.lead"))
if this.empty:
    st.info(t("uit.empty"))
    st.stop()
this = this.iloc[0]
if this["is_partial_year"]:
    st.info(t("bij.partial", year=year, as_of=fmt.date(meta["as_of_date"])),
            icon=":material/event:")

# Mijn gemeente: searchable; the choice lives in the URL (?gemeente=GM0363). A municipality
# chosen comes first (a councillor's link opens at its part, its brief's button near the top);
# none chosen, the section waits below the fund's figures.
MINE = "mijn-gemeente"   # the anchor of its heading
municipalities = data.query("contribution_by_municipality", year=year)
names = dict(zip(municipalities["cbs_code"], municipalities["name"]))
key = url.state("gemeente", list(names), None)
if st.session_state[key] not in names:
    st.session_state[key] = None


def mine_block() -> None:
    st.header(t("bij.mine_title"), anchor=MINE)
    blocks.go_to(MINE)
    st.selectbox(t("bij.mine_pick"), list(names), key=key, format_func=names.get,
                 placeholder=t("bij.mine_placeholder"), on_change=blocks.ask_go_to, args=(MINE,))
    code = st.session_state[key]
    url.write("gemeente", code)
    if code is None:
        st.info(t("bij.mine_none"), icon=":material/search:")
        return
    mine = frames.row_of(municipalities, "cbs_code", code)
    # What it gets: the attribution (attribution_by_municipality*.sql), as in its brief.
    attribution = data.query("attribution_by_municipality", year=year, cbs_code=code)
    with st.container(border=True):
        st.subheader(md(f"{mine['name']} · {mine['province']}"), anchor=False)
        if not attribution.empty:   # the brief first: what a councillor came for
            st.download_button(
                t("gm.download", year=year), key="mine_brief", icon=":material/download:",
                data=partial(documents.council_brief, snapshot_id(), year, code, i18n.lang()),
                file_name=brief.file_name(code, mine["name"]), mime="application/pdf",
                help=t("gm.download_help"), on_click="ignore")
        m1, m2, m3 = st.columns(3)
        m1.metric(t("bij.mine_inhabitants"), fmt.number(mine["inhabitants"]))
        # to the cent, as the brief and the attribution below
        m2.metric(t("bij.mine_contribution", year=year),
                  mine_words.amount(mine["contribution_eur"]),
                  delta=t("bij.mine_received", amount=mine_words.amount(mine["received_eur"])),
                  delta_color="off", delta_arrow="off")
        m3.metric(t("bij.mine_share"), fmt.pct(mine["fund_share_pct"], digits=2))
        left, right = st.columns(2)
        with left:
            split = data.query("municipality_contribution_by_category", year=year,
                               cbs_code=code)
            st.markdown(f"**{msg('bij.mine_category_title', name=mine['name'])}**")
            if split.empty:
                st.info(msg("rb.category_none", year=year, name=mine["name"]),
                        icon=":material/info:")
            else:
                st.table(md_frame(display_frame(split, ["category", "budget_share_pct",
                                                        "contribution_eur"])), hide_index=True)
                st.caption(t("bij.mine_category_caption", year=year))
        with right:
            trend = data.query("municipality_contribution_by_year", cbs_code=code)
            blocks.chart(charts.municipality_trend(trend), key="mine_trend", level=3,
                         title=narrative.municipality_trend_title(mine["name"], trend),
                         summary=narrative.municipality_trend_summary(trend),
                         table=trend, columns=["year", "inhabitants", "rate_per_inhabitant_eur",
                                               "contribution_eur", "fund_share_pct"])
        if not attribution.empty:
            got = attribution.iloc[0]
            items = data.query("attribution_by_municipality_item", year=year, cbs_code=code)
            # (its contribution is above, with what was received: not again here)
            g1, g2, _ = st.columns(3)
            g1.metric(t("gm.kpi_attributed", year=year), mine_words.amount(got["attributed_eur"]),
                      delta=md(mine_words.attributed_delta(got)), delta_color="off",
                      delta_arrow="off", help=t("gm.kpi_attributed_help"))
            g2.metric(t("gm.kpi_products"), md(mine_words.products_value(got)))
            st.markdown(md(mine_words.lead(got, year, meta["as_of_date"],
                                           bool(this["is_partial_year"]))))
            used, unused = mine_words.used_items(items), mine_words.not_used_items(items)
            if not mine_words.use_recorded(got):
                st.info(md(mine_words.no_use(year)), icon=":material/info:")
            else:
                st.markdown(f"**{msg('gm.used_title', name=mine['name'])}**")
                blocks.text_table(display_frame(used, ["item_name", "user_municipalities",
                                                       "attributed_eur"], eur_digits=2))
                st.markdown(f"**{msg('gm.not_used_title', name=mine['name'])}**")
                if unused.empty:
                    st.markdown(md(mine_words.not_used_none(got)))
                else:
                    blocks.text_table(display_frame(unused, ["item_name",
                                                             "user_municipalities"]))
            with st.expander(md(mine_words.for_all_title(got)), key="mine_for_all"):
                blocks.text_table(display_frame(mine_words.for_all_items(items),
                                                ["item_name", "attributed_eur"], eur_digits=2))
                st.caption(md(mine_words.for_all_caption(items)))
            st.markdown(f"**{t('gm.compare_title')}**")
            blocks.text_table(mine_words.comparison(got))
            st.caption(t("gm.compare_caption"))
            st.caption(md(mine_words.method()))
        st.caption(t("bij.cbs"))


if st.session_state[key] is not None:
    mine_block()

k1, k2, k5 = st.columns(3)
k3, k4, k6 = st.columns(3)
k1.metric(t("bij.kpi_rate"), fmt.eur(this["rate_per_inhabitant_eur"], digits=2), border=True,
          help=t("bij.kpi_rate_help"))
k2.metric(t("bij.kpi_total"), fmt.eur_mln(this["fund_eur"]), border=True,
          delta=t("bij.kpi_total_delta", n=fmt.number(this["paying_municipalities"]),
                  inh=fmt.number(this["inhabitants"])), delta_color="off", delta_arrow="off")
for col, instalment in ((k3, "january"), (k4, "july")):
    col.metric(t("bij.kpi_instalment", instalment=t(f"bij.{instalment}")),
               fmt.eur_mln(this[f"{instalment}_received_eur"]), border=True,
               delta=t("bij.kpi_instalment_delta", due=fmt.eur_mln(this[f"{instalment}_due_eur"])),
               delta_color="off", delta_arrow="off")
k5.metric(t("bij.kpi_balance"), fmt.eur_mln(this["balance_eur"]), border=True,
          help=t("bij.kpi_balance_help"),
          delta=t("bij.kpi_balance_delta", spent=fmt.eur_mln(this["fund_spent_eur"])),
          delta_color="off", delta_arrow="off")
k6.metric(t("bij.kpi_other"), fmt.eur_mln(this["budget_rijk_eur"]), border=True,
          delta=t("bij.kpi_other_delta", overig=fmt.eur_mln(this["budget_overig_eur"])),
          delta_color="off", delta_arrow="off")

blocks.chart(charts.funding_by_year(by_year), key="funding",
             title=narrative.funding_title(by_year),
             summary=narrative.funding_summary(this, year), table=by_year,
             columns=["year", "rate_per_inhabitant_eur", "inhabitants", "fund_eur",
                      "january_due_eur", "january_received_eur", "july_due_eur",
                      "july_received_eur", "budget_rijk_eur", "budget_overig_eur",
                      "fund_spent_eur", "balance_eur"])

if st.session_state[key] is None:
    mine_block()

provinces = data.query("contribution_by_province", year=year)
blocks.chart(charts.province_bars(provinces), key="provinces",
             title=narrative.province_title(provinces, year),
             summary=narrative.province_summary(provinces),
             table=provinces, columns=["province", "municipalities", "inhabitants",
                                       "contribution_eur", "per_inhabitant_eur"])

# What-if: a rate and an indexation; the arithmetic is in whatif_fund_by_category.sql.


@parts.fragment   # the rate and the indexation rerun only the what-if
def whatif_block():
    st.header(t("bij.whatif_title"), anchor=False)
    st.markdown(t("bij.whatif_lead", year=year))
    w1, w2, w3 = st.columns([3, 1, 2])
    rate = w1.select_slider(t("bij.whatif_rate"), choices.RATE_STEPS, key="whatif_rate",
                            value=choices.closest_rate_step(this["rate_per_inhabitant_eur"]),
                            format_func=lambda r: fmt.eur(r, digits=2))
    indexation = w2.number_input(t("bij.whatif_index"), min_value=0.0, max_value=10.0, value=0.0,
                                 step=0.1, format="%.1f", key="whatif_index",
                                 help=t("bij.whatif_index_help"))
    whatif = data.query("whatif_fund_by_category", year=year, rate=float(rate),
                        indexation_pct=float(indexation))
    change = fmt.eur_mln(whatif["fund_change_eur"].iloc[0])
    w3.metric(t("bij.whatif_fund"), fmt.eur_mln(whatif["whatif_fund_eur"].iloc[0]), border=True,
              delta=t("bij.whatif_fund_delta", change=change), delta_color="off",
              delta_arrow="off")
    blocks.chart(charts.whatif_envelopes(whatif, year), key="whatif", level=3,
                 title=narrative.whatif_title(whatif, rate),
                 summary=narrative.whatif_summary(whatif, year),
                 table=whatif, columns=["category", "norm_pct", "envelope_eur", "budget_fonds_eur",
                                        "gap_eur"])


whatif_block()
