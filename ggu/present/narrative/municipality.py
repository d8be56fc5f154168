"""The words of what one municipality pays and gets, shared by "Mijn gemeente" on the Bijdragen
page and the council brief: `row` is a row of attribution_by_municipality.sql, `items` the rows
of attribution_by_municipality_item.sql for the municipality."""
from __future__ import annotations

import pandas as pd

from ggu import i18n
from ggu.i18n import formats as fmt


def size_class_label(size_class) -> str:
    return i18n.t(f"gm.size_class.{int(size_class)}")


def used_items(items: pd.DataFrame) -> pd.DataFrame:
    """The products and services the municipality chose and uses, largest share first."""
    return items[items["is_used"] & ~items["is_for_all"]]


def not_used_items(items: pd.DataFrame) -> pd.DataFrame:
    return items[~items["is_used"]].sort_values("item_name")


def for_all_items(items: pd.DataFrame) -> pd.DataFrame:
    return items[items["is_for_all"]]


def amount(x) -> str:
    """A municipality's amounts are shown to the cent: the page, the brief and the CSV agree."""
    return fmt.eur(x, digits=2)


def contribution_recorded(row: pd.Series) -> bool:
    """Whether the data holds the municipality's contribution for the year (sheet Bijdragen):
    a year may list a municipality before its contribution is recorded."""
    return not fmt.missing(row["rate_per_inhabitant_eur"])


def use_recorded(row: pd.Series) -> bool:
    """Whether the data records, for the year, which municipalities use which products (sheet
    Gebruik). Without it everything is shared by inhabitants among all municipalities, and the
    words say so instead of counting 0 of 0 products."""
    return int(row["offered_products"]) > 0


def no_use(year: int) -> str:
    return i18n.t("gm.no_use", year=year)


def lead(row: pd.Series, year: int, as_of, is_partial: bool) -> str:
    """What it pays, what is attributed to it and from what, in two sentences."""
    spent_when = i18n.t("gm.lead_spent_partial", as_of=fmt.date(as_of)) if is_partial \
        else i18n.t("gm.lead_spent_year", year=year)
    said = dict(name=row["name"], year=year, paid=amount(row["contribution_eur"]),
                rate=fmt.eur(row["rate_per_inhabitant_eur"], digits=2), spent_when=spent_when,
                attributed=amount(row["attributed_eur"]),
                pct=fmt.pct(row["attributed_vs_paid_pct"], digits=0))
    if not contribution_recorded(row):
        return i18n.t("gm.lead_no_contribution", **said)
    if not use_recorded(row):
        return i18n.t("gm.lead_no_use", **said)
    return i18n.t("gm.lead", **said, used=amount(row["attributed_used_eur"]),
                  n_used=int(row["used_products"]),
                  for_all=amount(row["attributed_for_all_eur"]))


def attributed_delta(row: pd.Series) -> str:
    return i18n.t("gm.kpi_attributed_delta", pct=fmt.pct(row["attributed_vs_paid_pct"], digits=0))


def products_value(row: pd.Series) -> str:
    if not use_recorded(row):
        return i18n.t("gm.kpi_products_none")
    return i18n.t("gm.kpi_products_value", used=int(row["used_products"]),
                  offered=int(row["offered_products"]))


def not_used_none(row: pd.Series) -> str:
    return i18n.t("gm.not_used_none", name=row["name"], n=int(row["offered_products"]))


def for_all_title(row: pd.Series) -> str:
    return i18n.t("gm.for_all_title", amount=amount(row["attributed_for_all_eur"]))


def for_all_caption(items: pd.DataFrame) -> str:
    common = for_all_items(items)
    municipalities = int(common["user_municipalities"].max()) if len(common) else 0
    return i18n.t("gm.for_all_caption", n=len(common), m=municipalities)


def comparison(row: pd.Series) -> pd.DataFrame:
    """The municipality beside its CBS size class and its province, as text for a table (three
    columns: it reads on a phone; the rate is the same for all, so per inhabitant says it)."""
    groups = [
        (i18n.t("gm.compare_this", name=row["name"]), row["used_products"],
         row["attributed_per_inhabitant_eur"]),
        (i18n.t("gm.compare_class", label=size_class_label(row["size_class"]),
                n=int(row["class_municipalities"])),
         row["class_used_products"], row["class_attributed_per_inhabitant_eur"]),
        (i18n.t("gm.compare_province", province=row["province"],
                n=int(row["province_municipalities"])),
         row["province_used_products"], row["province_attributed_per_inhabitant_eur"]),
    ]
    table = pd.DataFrame({
        i18n.t("col.group"): [g[0] for g in groups],
        i18n.t("col.used_products"): [fmt.number(g[1], digits=1) for g in groups],
        i18n.t("col.attributed_per_inhabitant_eur"): [fmt.eur(g[2], digits=2) for g in groups],
    })
    return table if use_recorded(row) else table.drop(columns=i18n.t("col.used_products"))


def comparison_sentence(row: pd.Series) -> str:
    """The comparison in one sentence, for the brief."""
    said = dict(
        name=row["name"], per_inh=fmt.eur(row["attributed_per_inhabitant_eur"], digits=2),
        size_label=size_class_label(row["size_class"]), n_class=int(row["class_municipalities"]),
        class_per_inh=fmt.eur(row["class_attributed_per_inhabitant_eur"], digits=2),
        province=row["province"], n_province=int(row["province_municipalities"]),
        province_per_inh=fmt.eur(row["province_attributed_per_inhabitant_eur"], digits=2))
    if not use_recorded(row):
        return i18n.t("rb.compare_no_use", **said)
    return i18n.t("rb.compare", **said, used=int(row["used_products"]),
                  class_used=fmt.number(row["class_used_products"], digits=1),
                  province_used=fmt.number(row["province_used_products"], digits=1))


def method() -> str:
    return i18n.t("gm.method")
