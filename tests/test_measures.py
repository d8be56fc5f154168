"""Every measure defined once, with its meaning: each macro of measures.sql carries a
`-- measure: name | unit | meaning` line; the docs' measure table is generated from those lines;
no query or schema file re-derives a measure's formula (found on the parsed SQL, sqlglot), and
the presentation layers do no arithmetic on a query's measure columns (found on the Python AST)."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import sqlglot
from sqlglot import exp

from ggu.config import QUERIES_DIR
from ggu.store import measures, schema

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parent.parent


def test_every_macro_of_measures_sql_says_its_unit_and_meaning():
    described = [m.name for m in measures.definitions() if m.file == "measures"]
    assert described == measures.macro_names("measures")
    assert all(m.unit and m.meaning.endswith(".") for m in measures.definitions())


def test_the_docs_measure_table_is_generated_from_the_definitions():
    doc = (ROOT / "docs" / "data-model.md").read_text(encoding="utf-8")
    assert measures.with_table(doc) == doc, "run: python -m tools.measures"


# -- SQL: the same expression tree as a measure's body, outside its definition --------------

def _macros() -> dict[str, tuple[list[str], exp.Expression]]:
    """name -> (parameters, body) of every macro of measures.sql."""
    found = {}
    for statement in sqlglot.parse(schema.part("measures"), read="duckdb"):
        if isinstance(statement, exp.Create) and statement.args.get("kind") == "MACRO":
            udf = statement.this
            found[udf.this.name] = ([p.name for p in udf.expressions], statement.expression)
    return found


GENERIC = 3  # a body with this many nodes or fewer besides its parameters is generic


def _size(body: exp.Expression, params: list[str]) -> int:
    return sum(1 for n in body.walk() if not isinstance(n, exp.Identifier)
               and not (isinstance(n, exp.Column) and n.name in params))


def _named(node: exp.Expression, param: str) -> bool:
    """`node` is named like the parameter: a column ending in its name (`c.paid_date`,
    `budget_share_pct` for share_pct), possibly inside an aggregate (`sum(m.inhabitants)`), or a
    call of the macro of that name (`share_pct(...)`)."""
    if isinstance(node, exp.Anonymous):
        return node.name.lower() == param
    if isinstance(node, (exp.AggFunc, exp.Coalesce)):
        node = node.this
    return isinstance(node, exp.Column) and node.name.endswith(param)


def matches(name: str, node: exp.Expression) -> bool:
    """`node` is the body of measure `name` typed out: the same expression tree, each parameter
    standing for any expression. A generic body (`paid_date <= as_of_date`, `amount /
    nullif(inhabitants, 0)`) would match every comparison or ratio that way, so there at least
    one parameter must be matched by an expression named like it."""
    params, body = MACROS[name]
    named: list[bool] = []
    if not _match(body, node, set(params), named):
        return False
    return _size(body, params) > GENERIC or any(named)


def _match(pattern: exp.Expression, node: exp.Expression, params: set[str],
           named: list[bool]) -> bool:
    if isinstance(pattern, exp.Column) and pattern.name in params:
        named.append(_named(node, pattern.name))
        return True
    if type(pattern) is not type(node):
        return False
    if isinstance(pattern, (exp.Literal, exp.Identifier)):
        return pattern.this == node.this
    keys = {k for k, v in [*pattern.args.items(), *node.args.items()]
            if v not in (None, False, [])} - {"typed", "safe"}
    for key in keys:
        a, b = pattern.args.get(key), node.args.get(key)
        a, b = (a or [], b or []) if isinstance(a, list) or isinstance(b, list) else ([a], [b])
        if len(a) != len(b):
            return False
        for x, y in zip(a, b):
            if isinstance(x, exp.Expression) and isinstance(y, exp.Expression):
                if not _match(x, y, params, named):
                    return False
            elif x != y:
                return False
    return True


MACROS = _macros()


def _sql_files() -> list[Path]:
    return [*sorted(QUERIES_DIR.glob("*.sql")),
            *(schema.DIR / f"{f}.sql" for f in schema.FILES if f != "measures")]


def rederived_in_sql() -> list[str]:
    found = []
    for path in _sql_files():
        for statement in sqlglot.parse(path.read_text(encoding="utf-8"), read="duckdb"):
            for node in statement.walk() if statement else ():
                for name in MACROS:
                    if matches(name, node):
                        found.append(f"{path.name}: {node.sql('duckdb')} is {name}()")
    return sorted(set(found))


def test_no_query_or_schema_file_re_derives_a_measure():
    assert rederived_in_sql() == []


def test_the_check_finds_a_measure_typed_out():
    """The check itself: each way a measure was typed out before it had one definition."""
    def hits(sql: str) -> set[str]:
        tree = sqlglot.parse_one(sql, read="duckdb")
        return {name for node in tree.walk() for name in MACROS if matches(name, node)}

    assert "is_received" in hits(
        "select sum(c.amount_eur) filter (where c.paid_date <= a.as_of_date) from t")
    assert "is_within_tolerance" in hits(
        "select round(abs(budget_share_pct - norm_pct), 9) <= tolerance_pp from t")
    assert "per_inhabitant" in hits(
        "select sum(b.contribution_eur) / nullif(sum(m.inhabitants), 0) from t")
    assert "share_pct" in hits("select 100 * coalesce(x, 0) / nullif(y, 0) from t")
    assert "deviation_pp" in hits("select share_pct(a, b) - n.norm_pct from t")
    assert "categories" in hits("select ['structureel', 'meerjarig', 'kortcyclisch']")
    assert hits("select a.fund_eur - b.budget_eur, x <= y, w / nullif(sum(w) over (), 0)"
                " from t") == set()


# -- Python: arithmetic on a query's measure columns in the presentation layers -------------

MEASURE_COLUMN = re.compile(r"_(eur|pct|pp)$")
LAYERS = [ROOT / "ggu" / "present", ROOT / "ggu" / "report", ROOT / "ggu" / "web",
          ROOT / "pages"]
# Arithmetic that is not a measure; each with its reason.
ALLOWED: dict[str, str] = {}


def _text(node: ast.AST, names: dict[str, str]) -> str | None:
    """The column name a subscript reads: a string, an f-string's fixed end
    (f"{basis}_share_pct"), or a variable assigned one of those in the same module."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr) and node.values:
        return _text(node.values[-1], names)
    if isinstance(node, ast.Name):
        return names.get(node.id)
    return None


def _column(node: ast.AST, names: dict[str, str]) -> str | None:
    """The measure column a frame or row is read at: x["spent_eur"], x[col] or row.spent_eur."""
    name = None
    if isinstance(node, ast.Subscript):
        name = _text(node.slice, names)
    elif isinstance(node, ast.Attribute):
        name = node.attr
    return name if name and MEASURE_COLUMN.search(name) else None


def arithmetic_on_measures(source: str) -> list[str]:
    """Each place in `source` where a measure column is combined with another by + - * / (a
    measure scaled by a constant for display, e.g. to millions, is not a new measure)."""
    tree = ast.parse(source)
    names = {target.id: text for node in ast.walk(tree) if isinstance(node, ast.Assign)
             for target in node.targets if isinstance(target, ast.Name)
             if (text := _text(node.value, {})) is not None}
    return [f"{node.lineno}: {ast.unparse(node)}" for node in ast.walk(tree)
            if isinstance(node, ast.BinOp) and not isinstance(node.op, (ast.Mod, ast.MatMult))
            and _column(node.left, names) and _column(node.right, names)]


def test_the_presentation_layers_compute_no_measure():
    found = [f"{path.relative_to(ROOT)}:{hit}"
             for path in (p for layer in LAYERS for p in sorted(layer.rglob("*.py")))
             for hit in arithmetic_on_measures(path.read_text(encoding="utf-8"))
             if f"{path.relative_to(ROOT)}: {hit.split(': ', 1)[1]}" not in ALLOWED]
    assert found == []


def test_the_check_finds_python_computing_a_measure():
    """The two ways the presentation layers computed a measure before (the split's deviation
    through a column name in a variable, the funding total), and what is no measure."""
    assert len(arithmetic_on_measures(
        'share_col = f"{basis}_share_pct"\ndev = split[share_col] - split["norm_pct"]')) == 1
    assert len(arithmetic_on_measures(
        'total = mln(y["fund_eur"] + y["budget_rijk_eur"] + y["budget_overig_eur"])')) == 1
    assert len(arithmetic_on_measures("d = row.spent_eur / row.budget_eur")) == 1
    assert arithmetic_on_measures('m = y["fund_eur"] / 1e6\nn = len(y) - 1') == []
