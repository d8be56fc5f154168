"""The commands of `python -m ggu`, their parser and main() (what the command line may import:
ggu/cli/__init__.py)."""
from __future__ import annotations

import argparse
import io
import json
import os
import sys

from ggu import config, store
from ggu.cli import accounts
from ggu.cli import site as site_commands
from ggu.cli.common import UsageError, _date, _Parser, _year  # noqa: F401
from ggu.i18n import formats as fmt
from ggu.plan import PlanError
from ggu.plan import commands as plan_commands
from ggu.store import DataError, Store, files
from ggu.store.snapshots import DAMAGED_POINTER


def cmd_demo(args) -> int:
    from ggu import demo

    new_id = demo.build(args.data_dir, user=config.setting("user"))
    if new_id is None:
        print(f"De voorbeelddata is al actueel (snapshot {store.snapshot_id(args.data_dir)}).")
    else:
        print(f"Voorbeelddata gebouwd als snapshot {new_id}.")
    return 0


def cmd_upgrade(args) -> int:
    data = Store(args.data_dir)
    if data.current_id() is None:
        print("Er zijn nog geen gegevens; niets bij te werken.")
        return 0
    new_id = data.upgrade(user=config.setting("user"))
    if new_id is None:
        # the snapshot read (the last good one when the pointer is damaged: stderr says so)
        print(f"De gegevens zijn al actueel (snapshot {data.readable().id}).")
    else:
        print(f"Gegevens bijgewerkt naar de huidige opbouw als snapshot {new_id}.")
    return 0


def summary(year: int, data_dir=None) -> dict:
    """The year's totals and split, as `summary --json` prints them."""
    years = store.query("years", data_dir)["year"].tolist()
    if year not in years:
        known = ", ".join(str(y) for y in sorted(years))
        raise UsageError(f"geen gegevens voor {year}; beschikbare jaren: {known}")
    meta = store.query("meta", data_dir).iloc[0]
    totals = store.query("totals_by_year", data_dir, year=year).iloc[0]
    split = store.query("split_by_category_by_year", data_dir, year=year)
    counts = store.query("status_counts_by_year", data_dir, year=year)
    return {
        "year": year,
        "budget_eur": round(float(totals["budget_eur"]), 2),
        "spent_eur": round(float(totals["spent_eur"]), 2),
        "is_demo": bool(meta["is_demo"]),
        "snapshot": str(meta["snapshot_id"]),
        # a share of nothing (no budget or no spending in the year) is null, not NaN
        "categories": [
            {
                "category": row.category,
                "budget_eur": round(float(row.budget_eur), 2),
                "spent_eur": round(float(row.spent_eur), 2),
                "budget_share_pct": _rounded(row.budget_share_pct),
                "spent_share_pct": _rounded(row.spent_share_pct),
                "norm_pct": round(float(row.norm_pct), 2),
                "deviation_pp": _rounded(row.deviation_pp),
                "within_tolerance": None if fmt.missing(row.is_within_tolerance)
                else bool(row.is_within_tolerance),
            }
            for row in split.itertuples(index=False)
        ],
        # the year's portfolio (v_portfolio_status) by status at its end (as-of date if running)
        "status_counts": {r.status: int(r.item_count) for r in counts.itertuples(index=False)},
    }


def _rounded(x) -> float | None:
    return None if fmt.missing(x) else round(float(x), 2)


def cmd_summary(args) -> int:
    data = summary(args.year, args.data_dir)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    demo = ", voorbeelddata" if data["is_demo"] else ""
    print(f"GGU-portfolio {data['year']} (snapshot {data['snapshot']}{demo})")
    print(f"  {'Begroting':<14}{fmt.eur(data['budget_eur'], digits=2):>22}")
    print(f"  {'Besteed':<14}{fmt.eur(data['spent_eur'], digits=2):>22}")
    print()
    print(f"  {'Categorie':<14}{'Begroting':>22}{'Aandeel':>10}{'Norm':>8}"
          f"{'Afwijking':>14}  Binnen marge")
    for c in data["categories"]:
        print(f"  {c['category']:<14}{fmt.eur(c['budget_eur'], digits=2):>22}"
              f"{fmt.pct(c['budget_share_pct']):>10}{fmt.pct(c['norm_pct'], digits=0):>8}"
              f"{fmt.pp(c['deviation_pp']):>14}  {fmt.yes_no(c['within_tolerance'])}")
    print()
    print("  Status " + ", ".join(f"{status} {n}" for status, n in data["status_counts"].items()))
    return 0


def backtest(data_dir=None) -> list[dict]:
    """The forecast backtest per closed year and overall (year None), as `backtest --json`."""
    rows = store.query("forecast_backtest_by_year", data_dir)
    return [{"year": None if row.is_overall else int(row.year), "items": int(row.item_count),
             "actual_eur": round(float(row.actual_eur), 2),
             "forecast_eur": round(float(row.forecast_eur), 2),
             "mae_eur": round(float(row.mae_eur), 2), "mae_pct": round(float(row.mae_pct), 2),
             "total_error_pct": round(float(row.total_error_pct), 2)}
            for row in rows.itertuples(index=False)]


def cmd_backtest(args) -> int:
    data = backtest(args.data_dir)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    month = int(store.query("meta", args.data_dir).iloc[0]["as_of_date"].month)
    print(f"Backtest van de jaarprognose vanaf het einde van maand {month} (patroon uit eerdere "
          "jaren)")
    print(f"  {'Jaar':<8}{'Projecten':>10}{'Werkelijk':>18}{'Prognose':>18}{'MAE per project':>18}"
          f"{'MAE %':>9}{'Fout totaal':>13}")
    for r in data:
        print(f"  {str(r['year'] or 'Totaal'):<8}{r['items']:>10}{fmt.eur(r['actual_eur']):>18}"
              f"{fmt.eur(r['forecast_eur']):>18}{fmt.eur(r['mae_eur']):>18}"
              f"{fmt.pct(r['mae_pct']):>9}"
              f"{('+' if r['total_error_pct'] > 0 else '') + fmt.pct(r['total_error_pct']):>13}")
    return 0


def cmd_template(args) -> int:
    from ggu.ingest import workbook

    out = files.write_bytes(_xlsx_out(args.out), workbook.template_bytes())
    print(f"Sjabloon geschreven naar {out}.")
    return 0


def cmd_export(args) -> int:
    from ggu.ingest import workbook

    snapshot, buffer = Store(args.data_dir).readable(), io.BytesIO()
    rows = workbook.export(snapshot.path, buffer)
    files.write_bytes(_xlsx_out(args.out), buffer.getvalue())
    print(f"Snapshot {snapshot.id} geëxporteerd naar {args.out}: "
          + ", ".join(f"{sheet} {n}" for sheet, n in rows.items()) + ".")
    if workbook.demo_note(snapshot.path):
        print("Let op: dit zijn voorbeelddata; het bestand zegt dat ook (blad Uitleg).")
    return 0


def _xlsx_out(out: str) -> str:
    if not out.lower().endswith(".xlsx"):
        raise UsageError(f"'{out}' moet eindigen op .xlsx")
    return out


def cmd_import(args) -> int:
    from ggu.ingest import load

    outcome = load.import_path(args.path, args.data_dir, user=config.setting("user"),
                                   as_of=args.as_of)
    stream = sys.stderr if outcome.result == "geweigerd" else sys.stdout
    print("\n".join(outcome.lines()), file=stream)
    return 1 if outcome.result == "geweigerd" else 0


def cmd_snapshots(args) -> int:
    from ggu.ingest import history

    frame = history.snapshots(args.data_dir)
    skipped = Store(args.data_dir).damaged_attempts()
    if skipped:
        print(f"ggu: let op: {skipped} regel(s) van {Store(args.data_dir).attempts_file} zijn "
              "beschadigd en overgeslagen; de rest van het logboek is gelezen.", file=sys.stderr)
    if frame.empty:
        print("Er zijn nog geen snapshots.")
        return 0
    for row in frame.to_dict("records"):
        print(("* " if row["is_current"] else "  ") + history.snapshot_label(row, lang="nl"))
    return 0


def cmd_rollback(args) -> int:
    from ggu.ingest import history

    new_id = history.rollback(args.id, args.data_dir, user=config.setting("user"))
    print(f"Teruggezet: snapshot {new_id} heeft nu de inhoud van snapshot {args.id}.")
    return 0


def cmd_empty(args) -> int:
    from ggu.ingest import history

    if not args.yes:
        raise UsageError("leegmaken verwijdert alle cijfers uit de huidige stand; "
                         "bevestig met --yes")
    new_id = history.empty(args.data_dir, user=config.setting("user"))
    print(f"Begonnen met lege gegevens: snapshot {new_id}. Eerdere snapshots blijven bewaard "
          f"(terugzetten met 'python -m ggu rollback ID').")
    return 0


def cmd_report(args) -> int:
    from ggu import report

    if (args.year is None) == (args.scenario is None):
        raise UsageError("geef --year JJJJ (het jaarrapport) of --scenario NAAM (het voorstel)")
    if args.year is not None:
        summary(args.year, args.data_dir)   # a year without data is a usage error
    suffix = "." + args.format
    if not args.out.lower().endswith(suffix):
        raise UsageError(f"'{args.out}' moet eindigen op {suffix}")
    built = report.build(args.year, args.data_dir, lang="nl") if args.scenario is None \
        else report.build_proposal(args.scenario, args.data_dir, lang="nl")
    files.write_bytes(args.out, report.render(built, args.format))
    what = f"Rapport {args.year}" if args.scenario is None else f"Voorstel {args.scenario}"
    print(f"{what} ({args.format}) geschreven naar {args.out}.")
    return 0


def cmd_raadsbrief(args) -> int:
    from ggu.report import briefs

    summary(args.year, args.data_dir)   # a year without data is a usage error
    try:
        print(briefs.run(args.year, args.gemeente, args.out, args.data_dir, lang=args.lang,
                         workers=args.workers))
    except briefs.BriefError as error:
        raise UsageError(str(error)) from None
    return 0


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument("--data-dir", metavar="DIR",
                        help="map met de gegevens (standaard: GGU_DATA_DIR, anders data/)")
    parser = _Parser(prog="python -m ggu", description="GGU Portfoliodashboard: beheer en cijfers.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser,
                                metavar="COMMANDO")
    p = sub.add_parser("demo", parents=[common], help="bouw de voorbeelddata als nieuwe snapshot")
    p.set_defaults(func=cmd_demo)
    p = sub.add_parser("upgrade", parents=[common],
                       help="werk de gegevens bij naar de opbouw van deze versie (nieuwe snapshot)")
    p.set_defaults(func=cmd_upgrade)
    p = sub.add_parser("summary", parents=[common], help="totalen en verdeling van een jaar")
    p.add_argument("--year", type=_year, required=True, metavar="JJJJ")
    p.add_argument("--json", action="store_true", help="uitvoer als JSON")
    p.set_defaults(func=cmd_summary)
    p = sub.add_parser("backtest", parents=[common],
                       help="fout van de jaarprognose in eerdere jaren (vanaf de peilmaand)")
    p.add_argument("--json", action="store_true", help="uitvoer als JSON")
    p.set_defaults(func=cmd_backtest)
    p = sub.add_parser("template", parents=[common], help="schrijf het lege Excel-sjabloon")
    p.add_argument("out", metavar="UIT.xlsx")
    p.set_defaults(func=cmd_template)
    p = sub.add_parser("export", parents=[common],
                       help="schrijf de huidige gegevens in de vorm van het sjabloon")
    p.add_argument("out", metavar="UIT.xlsx")
    p.set_defaults(func=cmd_export)
    p = sub.add_parser("import", parents=[common],
                       help="laad een .xlsx of een map met CSV-bestanden in (alles of niets)")
    p.add_argument("path", metavar="PAD")
    p.add_argument("--as-of", type=_date, metavar="JJJJ-MM-DD",
                   help="peildatum van de cijfers (standaard: de laatste boekdatum)")
    p.set_defaults(func=cmd_import)
    p = sub.add_parser("snapshots", parents=[common], help="toon alle gegevensstanden")
    p.set_defaults(func=cmd_snapshots)
    p = sub.add_parser("rollback", parents=[common],
                       help="zet de gegevens terug naar een eerdere snapshot (als nieuwe)")
    p.add_argument("id", metavar="ID")
    p.set_defaults(func=cmd_rollback)
    p = sub.add_parser("empty", parents=[common],
                       help="begin met lege gegevens (een nieuwe, lege snapshot; gelogd)")
    p.add_argument("--yes", action="store_true", help="bevestig dat alle cijfers weg mogen")
    p.set_defaults(func=cmd_empty)
    p = sub.add_parser("report", parents=[common],
                       help="het ALV-rapport van een jaar, of het voorstel van een scenario, "
                            "als PDF, PowerPoint of HTML")
    p.add_argument("--year", type=_year, metavar="JJJJ")
    p.add_argument("--scenario", metavar="NAAM", help="het ALV-voorstel van dit scenario")
    p.add_argument("--format", choices=["pdf", "pptx", "html"], required=True)
    p.add_argument("--out", required=True, metavar="BESTAND")
    p.set_defaults(func=cmd_report)
    plan_commands.add_parser(sub, common)
    p = sub.add_parser("raadsbrief", parents=[common],
                       help="de raadsbrief (één A4) van een gemeente of van alle gemeenten")
    p.add_argument("--year", type=_year, required=True, metavar="JJJJ")
    p.add_argument("--gemeente", required=True, metavar="CODE",
                   help="CBS-code (GM0363), naam, of 'alle' (één PDF per gemeente)")
    p.add_argument("--out", required=True, metavar="BESTAND",
                   help="een .pdf; bij 'alle' een map of een .zip (met een CSV van de cijfers)")
    p.add_argument("--lang", choices=["nl", "en"], default="nl", help="taal (standaard nl)")
    p.add_argument("--workers", type=int, default=2, metavar="N",
                   help="processen voor 'alle' (standaard 2)")
    p.set_defaults(func=cmd_raadsbrief)
    accounts.add_parsers(sub, common)
    site_commands.add_parser(sub, common)
    return parser


def _warn_fallback(args) -> None:
    """Say on stderr when the current snapshot is broken and the last good one is read."""
    data = Store(getattr(args, "data_dir", None))
    try:
        snapshot = data.readable() if data.current_id() else None
    except DataError:
        return   # the command itself reports it
    if snapshot is not None and snapshot.wanted == DAMAGED_POINTER:
        print(f"ggu: let op: het bestand {data.pointer} is beschadigd (geen snapshotnummer); "
              f"de nieuwste goede snapshot {snapshot.id} wordt gebruikt.", file=sys.stderr)
    elif snapshot is not None and snapshot.wanted:
        print(f"ggu: let op: de huidige snapshot {snapshot.wanted} ontbreekt of is onleesbaar; "
              f"de laatste goede snapshot {snapshot.id} wordt gebruikt.", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        if hasattr(args, "data_dir"):
            _warn_fallback(args)
        return args.func(args)
    except BrokenPipeError:   # the output piped into a command that stopped reading (head)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (UsageError, PlanError) as error:
        print(f"ggu: {error}", file=sys.stderr)
        return 2
    except DataError as error:
        print(f"ggu: {error}", file=sys.stderr)
        return 1
    except Exception as error:  # never a traceback for the user
        print(f"ggu: onverwachte fout: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
