"""`gcc-bot`: the command line of CONTRACT.md section 5."""

from __future__ import annotations

import json
import logging
import os
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from bot.settings import Settings, SettingsError, load_settings

if TYPE_CHECKING:
    from bot.judge import CheckResult

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Reads GCC nomination letters sent to the ITU secretariat and answers them.")

ConfigOption = Annotated[Path | None, typer.Option("--config", help="Settings file (TOML).")]


@app.callback()
def _global_options(ctx: typer.Context, config: ConfigOption = None) -> None:
    """`gcc-bot --config FILE poll` as well as `gcc-bot poll --config FILE`: a file given
    before the command becomes every command's default (click's default_map)."""
    if config is not None:
        ctx.default_map = _defaults_for(ctx.command, {"config": str(config)})


def _defaults_for(command: Any, defaults: dict[str, str]) -> dict[str, Any]:
    """The same defaults for every command under `command`, groups included."""
    children = getattr(command, "commands", {})
    return {name: _defaults_for(child, defaults) if getattr(child, "commands", None) else defaults
            for name, child in children.items()}


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


def _check_file(path: Path, settings: Settings) -> CheckResult | str:
    """One file's `check` result, or why it could not be read. The letter is read in a reader
    process held to [limits] letter_seconds, as `poll` does: over it, the letter goes to review."""
    from bot.judge import judge
    from bot.reader import parsed_ahead

    try:
        raw = path.read_bytes()
    except OSError as exc:
        return f"{path}: {exc.strerror}"
    return judge(raw, settings, file=str(path), isolate=True, submission=parsed_ahead(raw)).result


@app.command()
def check(
    files: Annotated[list[Path], typer.Argument(help=".eml files to decide offline.")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per file and line.")] = False,
    config: ConfigOption = None,
) -> None:
    """Decide each .eml file offline: no state written, nothing sent.

    Files are read in parallel (one reader process per core, each reading letter after
    letter with what it loaded kept); output keeps their order. Each reader has a second
    file waiting on its own thread, already parsed, so that it starts on it the moment it
    hands back the one before, whose rules and output then run while it reads (with a
    thread per reader, a reader stood idle through them between letters). While the readers
    load, a child reads the files' PDFs ahead for them (bot/read_ahead.py)."""
    from concurrent.futures import ThreadPoolExecutor

    from bot.judge import parse_submission
    from bot.read_ahead import AheadPlan
    from bot.reader import readers

    settings = _settings(config)  # a wrong setting stops here, once, with its message
    os.environ["OMP_THREAD_LIMIT"] = "1"  # Tesseract threads would fight over the cores
    _logging()
    logging.getLogger().setLevel(logging.WARNING)
    workers = min(len(files), os.cpu_count() or 1)
    failed = False
    ahead = AheadPlan(files, lambda raw: parse_submission(raw, settings), settings.limits)
    with readers(workers, ahead), ThreadPoolExecutor(max_workers=min(len(files), 2 * workers)) as pool:
        for result in pool.map(lambda path: _check_file(path, settings), files):
            if isinstance(result, str):
                typer.echo(f"gcc-bot: {result}", err=True)
                failed = True
            elif as_json:
                typer.echo(result.as_json())
            else:
                issues = ", ".join(i.code for i in result.issues) or "-"
                origin = result.letter.origin
                country = (origin.country.code if origin.country else None) or origin.observer_name
                typer.echo(f"{result.file}: {result.decision} ({country or '-'}; issues: {issues})")
    if failed:
        raise typer.Exit(1)


@app.command()
def poll(config: ConfigOption = None) -> None:
    """One full cycle now: fetch new mail, decide, reply; then exit."""
    from bot.runtime import open_flow

    from bot.transports.base import TemporaryFailure

    _logging()
    try:
        with open_flow(_settings(config)) as flow:
            report = flow.poll()
    except TemporaryFailure as exc:  # mailbox or server unreachable: nothing was lost
        typer.echo(f"gcc-bot: poll stopped: {exc}; the next poll will retry", err=True)
        raise typer.Exit(1) from None
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
    from bot.roster import roster_csv, roster_tree
    from bot.store import open_database

    sessions = open_database(_settings(config).database.url)
    if format is RosterFormat.json:
        typer.echo(json.dumps(roster_tree(sessions), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(roster_csv(sessions))


review = typer.Typer(no_args_is_help=True,
                     help="The review queue folder: cases a person decides by hand.")
app.add_typer(review, name="review")


def _queue(config: Path | None) -> Any:
    from bot.review import ReviewQueue
    from bot.store import open_database

    settings = _settings(config)
    return ReviewQueue(settings, open_database(settings.database.url))


@review.command("list")
def review_list(config: ConfigOption = None) -> None:
    """The cases waiting in the review folder, oldest first."""
    from bot.digest import age_text, party_label
    from bot.models import utcnow

    items = _queue(config).items()
    for item in items:
        typer.echo(f"{item.case_id}  {age_text(utcnow() - item.queued_at):>11}  {item.state:<8}  "
                   f"{party_label(item.party)}  {item.sender or '-'}  "
                   f"[{', '.join(item.issues) or '-'}]")
    if not items:
        typer.echo("The review queue is empty.")


@review.command("show")
def review_show(case: Annotated[str, typer.Argument(help="Case id, e.g. GCC-0123456789.")],
                config: ConfigOption = None) -> None:
    """A case's folder: its issues, what the bot read, and any decision, error or outcome."""
    folder = _queue(config).find(case)
    if folder is None:
        typer.echo(f"gcc-bot: case {case} is not in the review folder "
                   f"(gcc-bot review reopen {case} puts it there)", err=True)
        raise typer.Exit(1)
    typer.echo(f"# {folder}")
    for name in ("outcome.txt", "error.txt", "issues.txt", "case.toml", "decision.toml"):
        path = folder / name
        if path.is_file():
            typer.echo(f"\n## {name}\n{path.read_text(encoding='utf-8', errors='replace').rstrip()}")


@review.command("reopen")
def review_reopen(case: Annotated[str, typer.Argument(help="Case id, e.g. GCC-0123456789.")],
                  config: ConfigOption = None) -> None:
    """Put a decided case back in the review queue, to decide it again."""
    try:
        folder = _queue(config).reopen(case)
    except KeyError:
        typer.echo(f"gcc-bot: no case {case}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"{case} is in the review queue: {folder}")


@app.command()
def digest(
    print_: Annotated[bool, typer.Option("--print", help="Print the text; send nothing.")] = False,
    config: ConfigOption = None,
) -> None:
    """Today's digest for the secretariat: printed, or sent (once a day) to [digest] to."""
    settings = _settings(config)
    if print_:
        from bot.digest import gather, render
        from bot.models import utcnow

        queue = _queue(config)
        text, _ = render(gather(queue.sessions, utcnow(), settings.digest.timezone, queue.items()))
        typer.echo(text, nl=False)
        return
    from bot.runtime import open_flow

    _logging()
    with open_flow(settings) as flow:
        fresh = flow.send_digest()
    typer.echo("digest queued and sent" if fresh else "today's digest was already queued")


@app.command()
def doctor(config: ConfigOption = None) -> None:
    """Check settings, database, mailbox, SMTP, review folder and Tesseract; exit 1 on a problem."""
    from bot.doctor import diagnose

    try:
        settings = load_settings(config)
    except SettingsError as exc:
        typer.echo(f"PROBLEM  settings: {exc}")
        raise typer.Exit(1) from None
    typer.echo("OK       settings: " + (str(config) if config else "defaults and environment"))
    findings = diagnose(settings)
    for finding in findings:
        typer.echo(str(finding))
    if any(f.level == "problem" for f in findings):
        raise typer.Exit(1)
