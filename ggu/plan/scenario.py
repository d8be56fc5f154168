"""A planning scenario as data: its parameters, the proposals it includes and its changes to the
carried-forward portfolio; checked on creation, written as JSON for the schema's plan macros."""
from __future__ import annotations

import dataclasses
import json
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from ggu.i18n import t

BASIS = "basis"
STATUSES = ("concept", "gepubliceerd")
RATE_RANGE = (Decimal("0"), Decimal("20"))          # euro per inhabitant per year
INDEXATION_RANGE = (Decimal("-10"), Decimal("20"))  # % a year
# Case-sensitive on purpose: with re.IGNORECASE, `[a-z]` also matches the long s (ſ) and the
# Kelvin sign, which the folder name then drops. Names are normalised first (`normal_name`).
NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _.-]{0,59}")


class PlanError(ValueError):
    """A scenario that cannot be: a wrong rate, an unknown proposal, a name that exists...
    The message is one line for the user, in the current language."""


@dataclass(frozen=True)
class Change:
    """One change to a line (an item or a proposal): drop it from a year on (`from_year`),
    give it another amount in a year and funding source, or give an item another end year."""
    line_id: str
    from_year: int | None = None
    year: int | None = None
    funding_source: str | None = None
    amount_eur: Decimal | None = None
    end_year: int | None = None

    @property
    def kind(self) -> str:
        if self.amount_eur is not None:
            return "amount"
        return "end_year" if self.end_year is not None else "drop"


@dataclass(frozen=True)
class Scenario:
    name: str
    rate_per_inhabitant_eur: Decimal
    indexation_pct: Decimal = Decimal("0")
    proposals: tuple[str, ...] = ()
    changes: tuple[Change, ...] = ()
    status: str = "concept"
    version: int = 0                  # 0: never saved
    saved_by: str | None = None
    saved_at: str | None = None       # ISO time, UTC
    description: str = ""
    extra: dict = field(default_factory=dict, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "name", check_name(self.name))
        object.__setattr__(self, "rate_per_inhabitant_eur",
                           check_number(self.rate_per_inhabitant_eur, RATE_RANGE, 4, "rate"))
        object.__setattr__(self, "indexation_pct",
                           check_number(self.indexation_pct, INDEXATION_RANGE, 2, "indexation"))
        object.__setattr__(self, "proposals", tuple(sorted(set(self.proposals))))
        object.__setattr__(self, "changes", tuple(sorted(
            set(self.changes), key=lambda c: (c.line_id, c.kind, c.year or 0,
                                              c.funding_source or ""))))
        if self.status not in STATUSES:
            raise PlanError(t("plan.err.status", value=self.status))

    @property
    def is_basis(self) -> bool:
        return is_basis(self.name)

    @property
    def is_published(self) -> bool:
        return self.status == "gepubliceerd"

    def replace(self, **changes) -> Scenario:
        return dataclasses.replace(self, **changes)

    def sql_json(self) -> str:
        """The scenario as the plan macros read it (ggu/store/schema/plan.sql)."""
        by_kind: dict[str, list] = {"drop": [], "amount": [], "end_year": []}
        for c in self.changes:
            by_kind[c.kind].append(c)
        return json.dumps({
            "rate_per_inhabitant_eur": str(self.rate_per_inhabitant_eur),
            "indexation_pct": str(self.indexation_pct),
            "proposals": list(self.proposals),
            "drops": [{"line_id": c.line_id, "from_year": c.from_year} for c in by_kind["drop"]],
            "amounts": [{"line_id": c.line_id, "year": c.year,
                         "funding_source": c.funding_source, "amount_eur": str(c.amount_eur)}
                        for c in by_kind["amount"]],
            "end_years": [{"line_id": c.line_id, "end_year": c.end_year}
                          for c in by_kind["end_year"]],
        }, sort_keys=True)

    def to_dict(self) -> dict:
        return {
            "name": self.name, "status": self.status, "version": self.version,
            "rate_per_inhabitant_eur": str(self.rate_per_inhabitant_eur),
            "indexation_pct": str(self.indexation_pct), "proposals": list(self.proposals),
            "changes": [{k: (str(v) if isinstance(v, Decimal) else v)
                         for k, v in dataclasses.asdict(c).items() if v is not None}
                        for c in self.changes],
            "saved_by": self.saved_by, "saved_at": self.saved_at,
            "description": self.description,
        }

    @classmethod
    def from_dict(cls, d: dict) -> Scenario:
        changes = tuple(Change(**{**c, "amount_eur": Decimal(c["amount_eur"])}
                               if "amount_eur" in c else c) for c in d.get("changes", []))
        return cls(name=d["name"], status=d.get("status", "concept"),
                   version=int(d.get("version", 0)),
                   rate_per_inhabitant_eur=Decimal(d["rate_per_inhabitant_eur"]),
                   indexation_pct=Decimal(d.get("indexation_pct", "0")),
                   proposals=tuple(d.get("proposals", ())), changes=changes,
                   saved_by=d.get("saved_by"), saved_at=d.get("saved_at"),
                   description=d.get("description", ""))


def normal_name(name):
    """A scenario name as it is checked, stored and looked up: Unicode NFKC (the long s is an
    s, a full-width A an A), spaces around it removed. The page and the command line both get
    their names through here (via `check_name` or `Scenario`)."""
    return unicodedata.normalize("NFKC", name).strip() if isinstance(name, str) else name


def is_basis(name) -> bool:
    """Whether `name` names the fixed scenario basis (in any case or Unicode form)."""
    return isinstance(name, str) and normal_name(name).lower() == BASIS


def check_name(name: str) -> str:
    """The normalised name, or a PlanError when it is not a valid scenario name."""
    normal = normal_name(name)
    if not isinstance(normal, str) or not NAME_RE.fullmatch(normal):
        raise PlanError(t("plan.err.name", value=name))
    return normal


def slug(name: str) -> str:
    """The folder name of a scenario (names match case-insensitively)."""
    return re.sub(r"[^a-z0-9]+", "-", normal_name(name).lower()).strip("-") or "plan"


def check_number(value, bounds: tuple[Decimal, Decimal], places: int, what: str) -> Decimal:
    """`value` as a Decimal with at most `places` decimals within `bounds`, or a PlanError."""
    try:
        number = Decimal(str(value).replace(",", ".")) if not isinstance(value, Decimal) \
            else value
    except InvalidOperation:
        number = None
    low, high = bounds
    if number is None or not number.is_finite() or not low <= number <= high \
            or -int(number.as_tuple().exponent) > places:
        raise PlanError(t(f"plan.err.{what}", value=value, low=low, high=high, places=places))
    return number.quantize(Decimal(1).scaleb(-places))
