"""`gcc-bot`: the command line of CONTRACT.md section 5."""

from __future__ import annotations

import csv
import json
import logging
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from bot.settings import Settings, SettingsError, load_settings

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Reads GCC nomination letters sent to the ITU secretariat and answers them.")

ConfigOption = Annotated[Path | None, typer.Option("--config", help="Settings file (TOML).")]


def _settings(config: Path | None) -> Settings:
    try:
        return load_settings(config)
    except SettingsError as exc:
        typer.echo(f"gcc-bot: {exc}", err=True)
        raise typer.Exit(2) from None


def _logging(verbose: bool = False) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO, stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    for noisy in ("pdfminer", "PIL", "fontTools", "pyhanko", "alembic", "apscheduler.executors"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


@app.command()
def check(
    files: Annotated[list[Path], typer.Argument(help=".eml files to decide offline.")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per file and line.")] = False,
    config: ConfigOption = None,
) -> None:
    """Decide each .eml file offline: no state written, nothing sent."""
    from bot.flow import judge

    _logging()
    logging.getLogger().setLevel(logging.WARNING)
    settings = _settings(config)
    for path in files:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            typer.echo(f"gcc-bot: {path}: {exc.strerror}", err=True)
            raise typer.Exit(1) from None
        result = judge(raw, settings, file=str(path)).result
        if as_json:
            typer.echo(json.dumps(result, ensure_ascii=False))
        else:
            issues = ", ".join(i["code"] for i in result["issues"]) or "-"
            country = (result["country"] or {}).get("code") or result.get("observer") or "-"
            typer.echo(f"{path}: {result['decision']} ({country}; issues: {issues})")


@app.command()
def poll(config: ConfigOption = None) -> None:
    """One full cycle now: fetch new mail, decide, reply; then exit."""
    from bot.runtime import open_flow

    _logging()
    with open_flow(_settings(config)) as flow:
        report = flow.poll()
    typer.echo(f"fetched {report.fetched}, decided {sum(report.decided.values())} "
               f"{dict(sorted(report.decided.items()))}, duplicates {report.duplicates}, "
               f"sent {report.sent}, send failures {report.send_failures}")


@app.command()
def run(config: ConfigOption = None) -> None:
    """The daemon: polls on the schedule; stops cleanly on SIGTERM/SIGINT."""
    from bot.daemon import run_daemon

    _logging()
    run_daemon(_settings(config))


class RosterFormat(str, Enum):
    json = "json"
    csv = "csv"


@app.command()
def roster(
    format: Annotated[RosterFormat, typer.Option("--format")] = RosterFormat.json,
    config: ConfigOption = None,
) -> None:
    """The nominees in force, per Member State and per observer IGO."""
    from bot.roster import roster_rows, roster_tree
    from bot.store import open_database

    sessions = open_database(_settings(config).database.url)
    if format is RosterFormat.json:
        typer.echo(json.dumps(roster_tree(sessions), ensure_ascii=False, indent=2))
        return
    rows = roster_rows(sessions)
    writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else _ROSTER_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)


_ROSTER_COLUMNS = ["participant_type", "party", "title", "first_name", "last_name",
                   "job_title", "role", "organization", "email"]


def main(argv: list[str] | None = None) -> Any:
    return app(argv)
