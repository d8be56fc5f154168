"""What every command of `python -m ggu` shares: the usage error (exit code 2) and the parser
that says it in one Dutch line, and the argument types."""
from __future__ import annotations

import argparse
import datetime as dt


class UsageError(Exception):
    """A wrong command line: exit code 2."""


# argparse's own messages, in Dutch.
_ARGPARSE_NL = {
    "the following arguments are required": "deze argumenten ontbreken",
    "unrecognized arguments": "onbekende argumenten",
    "invalid choice": "ongeldige keuze",
    "expected one argument": "verwacht één waarde",
    "argument ": "argument ",
    "choose from": "kies uit",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line in Dutch, no usage dump
        for english, dutch in _ARGPARSE_NL.items():
            message = message.replace(english, dutch)
        raise UsageError(f"{message} (zie 'python -m ggu --help')")


def _year(text: str) -> int:
    if not text.isdigit() or not 1900 <= int(text) <= 2100:
        raise argparse.ArgumentTypeError(f"'{text}' is geen jaartal (bijvoorbeeld 2024)")
    return int(text)


def _date(text: str) -> str:
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is geen datum (JJJJ-MM-DD)") from None
