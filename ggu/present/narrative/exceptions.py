"""The points of attention in words: why an item is listed, and the active rules."""
from __future__ import annotations

import pandas as pd

from ggu import i18n
from ggu.i18n.formats import for_column, number


def exception_reasons(df: pd.DataFrame, lang: str | None = None) -> pd.Series:
    """Why each item is listed, from its broken rules (column `rules`: rule_id, metric, operator,
    threshold, metric_value): 'prognose 17,5% boven begroting (grens 5,0%); status rood'."""
    def reason(rule) -> str:
        metric = rule["metric"]
        key = f"exc.metric.{metric}"
        if key not in i18n.CATALOGUE[lang or i18n.lang()]:   # a metric without a text
            return f"{metric} {rule['operator']} {number(rule['threshold'], lang=lang)}"
        show = for_column(metric)
        return i18n.t(key, lang=lang, value=show(abs(rule["metric_value"]), lang=lang),
                      threshold=show(rule["threshold"], lang=lang))
    return pd.Series(["; ".join(reason(r) for r in rules) for rules in df["rules"]],
                     index=df.index, dtype=object)


def rules_text(rules: pd.DataFrame, lang: str | None = None) -> str:
    """The active exception rules in words (rows of exception_rules.sql): 'prognose meer dan
    5,0% boven de begroting; …'. Built from the data, so it follows any change of a rule."""
    def text(rule) -> str:
        key = f"exc.rule.{rule.metric}"
        if rule.operator not in (">", ">=") and rule.metric.startswith("forecast") \
                or key not in i18n.CATALOGUE[lang or i18n.lang()]:
            return f"{rule.metric} {rule.operator} {number(rule.threshold, digits=1, lang=lang)}"
        return i18n.t(key, lang=lang, threshold=for_column(rule.metric)(rule.threshold, lang=lang))
    return "; ".join(text(rule) for rule in rules.itertuples(index=False))
