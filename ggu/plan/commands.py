"""`python -m ggu plan ...`: list, create, show, publish and export scenarios from the command
line (wired into ggu/cli.py). A refused command raises PlanError: one line, exit code 2."""
from __future__ import annotations

import argparse
import io
import json
import sys
from decimal import Decimal

from ggu import config, store
from ggu.i18n import formats as fmt
from ggu.i18n import t
from ggu.plan import export, figures
from ggu.plan.scenario import BASIS, Change, PlanError, check_name, is_basis
from ggu.plan.storage import Plans
from ggu.store import files


def _query(args):
    return lambda name, **p: store.query(name, args.data_dir, **p)


def cmd_list(args) -> int:
    q, plans = _query(args), Plans(args.data_dir)
    saved, damaged = plans.scan()
    for scenario in damaged:   # one line each; the others are listed as usual
        print(f"ggu: let op: {scenario.message()}", file=sys.stderr)
    rows = [figures.basis(q), *saved]
    if args.json:
        print(json.dumps([s.to_dict() for s in rows], ensure_ascii=False, indent=2))
        return 0
    for s in rows:
        when = f"versie {s.version}, {s.saved_by}, {s.saved_at}" if s.version else "altijd"
        print(f"{s.name:<24}{s.status:<14}{fmt.eur(s.rate_per_inhabitant_eur, digits=4):>14}"
              f"{fmt.pct(s.indexation_pct, digits=2):>10}  {len(s.proposals)} voorstel(len)"
              f"  ({when})")
    return 0


def _drops(text: str | None) -> tuple[Change, ...]:
    out = []
    for part in filter(None, (p.strip() for p in (text or "").split(","))):
        item, _, year = part.partition(":")
        if year and not year.isdigit():
            raise PlanError(t("plan.err.drop", value=part))
        out.append(Change(item, from_year=int(year) if year else None))
    return tuple(out)


def cmd_new(args) -> int:
    q, plans = _query(args), Plans(args.data_dir)
    name = check_name(args.name)   # normalised: NFKC, trimmed
    if plans.exists(name):
        raise PlanError(t("plan.err.exists", name=name))
    source = figures.resolve(args.source, plans, q)
    first = int(figures.base(q)["first_plan_year"])
    drops = tuple(Change(c.line_id, from_year=c.from_year or first) for c in _drops(args.drop))
    proposals = [p.strip() for p in (args.include or "").split(",") if p.strip()]
    scenario = source.replace(
        name=name, status="concept", version=0, saved_by=None, saved_at=None,
        description="",
        rate_per_inhabitant_eur=source.rate_per_inhabitant_eur if args.rate is None
        else args.rate,
        indexation_pct=source.indexation_pct if args.indexation is None else args.indexation,
        proposals=tuple(dict.fromkeys([*source.proposals, *proposals])),
        changes=tuple(c for c in source.changes
                      if not (c.kind == "drop" and c.line_id in {d.line_id for d in drops}))
        + drops)
    figures.check(scenario, q)
    saved = plans.save(scenario, config.setting("user"))
    print(t("plan.cli_saved", name=saved.name, version=saved.version))
    return 0


def cmd_show(args) -> int:
    q = _query(args)
    scenario = figures.resolve(args.name, Plans(args.data_dir), q)
    data = figures.show(scenario, q)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(f"{data['name']} ({data['status']}), basisjaar {data['base_year']}, "
          f"tarief {fmt.eur(data['rate_per_inhabitant_eur'], digits=4)}, "
          f"indexatie {fmt.pct(data['indexation_pct'], digits=2)}")
    print(f"  {'Jaar':<6}{'Tarief':>10}{'Fonds':>20}{'Begroting':>20}{'Uit fonds':>20}"
          f"{'Ruimte':>20}")
    for y in data["years"]:
        print(f"  {y['year']:<6}{fmt.eur(y['rate_per_inhabitant_eur'], digits=4):>10}"
              f"{fmt.eur(y['fund_eur'], digits=2):>20}{fmt.eur(y['budget_eur'], digits=2):>20}"
              f"{fmt.eur(y['fonds_budget_eur'], digits=2):>20}"
              f"{fmt.eur(y['room_eur'], digits=2):>20}")
    return 0


def cmd_publish(args) -> int:
    plans, q = Plans(args.data_dir), _query(args)
    if is_basis(args.name):
        raise PlanError(t("plan.err.basis"))
    scenario = figures.resolve(args.name, plans, q)
    if scenario.is_published:
        print(t("plan.cli_already", name=scenario.name))
        return 0
    try:   # against today's data: a proposal or item a later import removed
        figures.check(scenario, q)
    except PlanError as error:
        raise PlanError(t("plan.err.publish", name=scenario.name, reason=error)) from None
    saved = plans.save(scenario.replace(status="gepubliceerd"), config.setting("user"))
    print(t("plan.cli_published", name=saved.name, version=saved.version))
    return 0


def cmd_export(args) -> int:
    q = _query(args)
    if not args.out.lower().endswith(".xlsx"):
        raise PlanError(t("plan.err.xlsx", out=args.out))
    scenario = figures.resolve(args.name, Plans(args.data_dir), q)
    buffer = io.BytesIO()
    counts = export.export(scenario, q, buffer)
    files.write_bytes(args.out, buffer.getvalue())
    print(t("plan.cli_exported", name=scenario.name, out=args.out, budget=counts["budget"],
            items=counts["item"]))
    return 0


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text.replace(",", "."))
    except ArithmeticError:
        raise argparse.ArgumentTypeError(f"'{text}' is geen getal") from None


def add_parser(sub, common) -> None:
    """The `plan` command and its subcommands."""
    plan = sub.add_parser("plan", help="scenario's voor de begroting van de komende jaren")
    cmds = plan.add_subparsers(dest="plan_command", required=True, metavar="ACTIE",
                               parser_class=type(plan))
    p = cmds.add_parser("list", parents=[common], help="alle scenario's")
    p.add_argument("--json", action="store_true", help="uitvoer als JSON")
    p.set_defaults(func=cmd_list)
    p = cmds.add_parser("new", parents=[common], help="maak een scenario (kopie van een ander)")
    p.add_argument("name", metavar="NAAM")
    p.add_argument("--from", dest="source", default=BASIS, metavar="SCENARIO")
    p.add_argument("--rate", type=_decimal, metavar="EURO", help="tarief per inwoner, jaar 1")
    p.add_argument("--indexation", type=_decimal, metavar="PCT", help="indexatie per jaar (%%)")
    p.add_argument("--include", metavar="V1,V2", help="voorstellen die meedoen")
    p.add_argument("--drop", metavar="PROJECT[:JAAR],...", help="projecten die stoppen")
    p.set_defaults(func=cmd_new)
    p = cmds.add_parser("show", parents=[common], help="de cijfers van een scenario per jaar")
    p.add_argument("name", metavar="NAAM")
    p.add_argument("--json", action="store_true", help="uitvoer als JSON")
    p.set_defaults(func=cmd_show)
    p = cmds.add_parser("publish", parents=[common], help="publiceer een scenario (voor iedereen)")
    p.add_argument("name", metavar="NAAM")
    p.set_defaults(func=cmd_publish)
    p = cmds.add_parser("export", parents=[common], help="schrijf het als importbestand (.xlsx)")
    p.add_argument("name", metavar="NAAM")
    p.add_argument("--out", required=True, metavar="BESTAND.xlsx")
    p.set_defaults(func=cmd_export)
