"""`python -m ggu site build`: the public static site of the current snapshot (ggu/site)."""
from __future__ import annotations

import json
import sys


def cmd_build(args) -> int:
    from ggu.site import build

    def progress(done: int, total: int, what: str) -> None:
        if not args.quiet:   # one line per part on stderr: "3/17 municipalities" (Beheer reads it)
            print(f"{done}/{total} {what}", file=sys.stderr, flush=True)

    result = build.build(args.data_dir, out=args.out, progress=progress, workers=args.workers)
    if args.json:
        print(json.dumps({"path": str(result.path), "key": result.key, "pages": result.pages,
                          "seconds": round(result.seconds, 1),
                          "cpu_seconds": round(result.cpu_seconds, 1),
                          "skipped": result.skipped}))
    elif result.skipped:
        print(f"De site is al actueel: {result.path} (gegevens {result.key}).")
    else:
        print(f"Site gebouwd in {result.path}: {result.pages} pagina's in "
              f"{result.seconds:.1f} s, {result.cpu_seconds:.1f} CPU-seconden "
              f"(gegevens {result.key}).")
    return 0


def add_parser(sub, common) -> None:
    site = sub.add_parser("site", help="de openbare statische site met open data")
    cmds = site.add_subparsers(dest="site_command", required=True, metavar="ACTIE",
                               parser_class=type(site))
    p = cmds.add_parser("build", parents=[common],
                        help="bouw de site van de huidige gegevens (standaard in DATA/site/, "
                             "met een atomaire wissel van site/current)")
    p.add_argument("--out", metavar="MAP",
                   help="schrijf één bouw in deze (lege of nieuwe) map, bijv. voor object storage")
    p.add_argument("--workers", type=int, default=2, metavar="N",
                   help="processen voor de gemeentepagina's en raadsbrieven (standaard 2)")
    p.add_argument("--quiet", action="store_true", help="geen voortgang tonen")
    p.add_argument("--json", action="store_true", help="de uitkomst als JSON")
    p.set_defaults(func=cmd_build)
