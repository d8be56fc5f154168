"""`python -m ggu hash-password | logins | unlock`: the Beheer password and its login log."""
from __future__ import annotations

import contextlib
import sys

from ggu import config
from ggu.cli.common import UsageError
from ggu.store import DataError


@contextlib.contextmanager
def _login_log(path):
    """A login log that cannot be read or written is one line naming the file (exit code 1)."""
    from ggu import lockout
    try:
        yield
    except (lockout.Error, OSError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else \
            "beschadigd of geen SQLite-database"
        raise DataError(f"het inlogbestand {path} is niet te lezen of te schrijven ({reason}); "
                        "herstel het, of verwijder het: dan begint de telling opnieuw") from None


def cmd_hash_password(args) -> int:
    import getpass

    from ggu.passwords import hash_password

    if sys.stdin.isatty():
        password = getpass.getpass("Wachtwoord: ")
        if getpass.getpass("Nog een keer: ") != password:
            raise UsageError("de wachtwoorden zijn niet gelijk")
    else:
        password = sys.stdin.readline().rstrip("\n")
    if len(password) < 12:
        raise UsageError("kies een wachtwoord van minstens 12 tekens")
    print(hash_password(password))
    return 0


def cmd_logins(args) -> int:
    from ggu import lockout

    guard = lockout.Guard(config.data_dir(args.data_dir))
    with _login_log(guard.path):
        rows = guard.attempts(args.limit)
    if not rows:
        print("Er zijn nog geen inlogpogingen vastgelegd.")
    for row in rows:
        print(f"{row['at_utc'][:19].replace('T', ' ')} UTC  {row['outcome']:<7} "
              f"{row['account']}  {row['address']}")
    return 0


def cmd_unlock(args) -> int:
    from ggu import lockout

    account = args.account or lockout.PASSWORD_ACCOUNT
    guard = lockout.Guard(config.data_dir(args.data_dir))
    with _login_log(guard.path):
        unlocked = guard.unlock(account, by=f"cli:{config.setting('user')}")
    if unlocked:
        print(f"Het slot op {account} is opgeheven.")
    else:
        print(f"{account} was niet op slot; de telling van mislukte pogingen begint opnieuw.")
    return 0


def add_parsers(sub, common) -> None:
    p = sub.add_parser("hash-password",
                       help="maak de hash van het Beheer-wachtwoord (voor secrets.toml)")
    p.set_defaults(func=cmd_hash_password)
    p = sub.add_parser("logins", parents=[common],
                       help="de laatste inlogpogingen met het wachtwoord (tijd, uitkomst, adres)")
    p.add_argument("--limit", type=int, default=50, metavar="N")
    p.set_defaults(func=cmd_logins)
    p = sub.add_parser("unlock", parents=[common],
                       help="hef het slot op na te veel mislukte wachtwoorden (standaard: "
                            "het account beheerder)")
    p.add_argument("account", nargs="?", metavar="ACCOUNT")
    p.set_defaults(func=cmd_unlock)
