"""`gcc-bot run`: APScheduler jobs that never overlap, and a clean stop on SIGTERM."""

from __future__ import annotations

import datetime as dt
import logging
import signal
import threading
from collections.abc import Callable
from types import FrameType

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger

from bot.digest import digest_due
from bot.flow import Flow
from bot.runtime import open_flow
from bot.settings import Settings
from bot.transports.base import Mailbox

log = logging.getLogger(__name__)

REVIEW_SECONDS = 5
"""How soon a decision written in the review folder is applied (between polls)."""


def run_daemon(settings: Settings) -> None:
    """Poll every `poll_seconds`, apply review decisions every few seconds, send the digest
    daily at [digest] at; until SIGTERM/SIGINT (the work in hand is finished)."""
    stop = threading.Event()

    def _stop(signum: int, _frame: FrameType | None) -> None:
        log.info("signal %s received: finishing the message in hand, then stopping", signum)
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    with open_flow(settings) as flow:
        scheduler = _scheduler(settings, flow)
        scheduler.start()
        log.info("gcc-bot running: polling every %ss", settings.schedule.poll_seconds)
        watcher = _watch_mailbox(flow.mailbox, scheduler, stop, settings.schedule.poll_seconds)
        stop.wait()
        flow.stop_requested.set()
        scheduler.shutdown(wait=True)
        watcher.join(timeout=5)
    log.info("gcc-bot stopped")


def _scheduler(settings: Settings, flow: Flow) -> BackgroundScheduler:
    """The three jobs, sharing the flow's transports one at a time."""
    busy = threading.Lock()

    def job(work: Callable[[], None], failure: str) -> Callable[[], None]:
        def run() -> None:
            try:
                with busy:
                    work()
            except Exception:  # a failed job must not end the daemon; its next tick retries
                log.exception(failure)
        return run

    def poll() -> None:
        report = flow.poll()
        if report.fetched or report.sent:
            log.info("poll: %s", report)

    def review() -> None:
        if flow.review is not None and flow.review.apply_ready():
            flow.send_pending()

    def digest() -> None:
        if digest_due(settings, flow.sessions, _now()):
            flow.send_digest()
            log.info("daily digest sent to %s", ", ".join(settings.digest.to))

    poll_job = job(poll, "poll failed; retrying at the next tick")
    review_job = job(review, "applying review decisions failed; retrying at the next tick")
    digest_job = job(digest, "the daily digest failed; the next start or day retries")
    scheduler = BackgroundScheduler(job_defaults={"coalesce": True, "max_instances": 1})
    scheduler.add_job(poll_job, "interval", seconds=settings.schedule.poll_seconds,
                      id="poll", next_run_time=_now())
    scheduler.add_job(review_job, "interval", seconds=REVIEW_SECONDS, id="review")
    at = settings.digest.at
    scheduler.add_job(digest_job, CronTrigger(hour=at.hour, minute=at.minute,
                                              timezone=settings.digest.timezone),
                      id="digest", misfire_grace_time=3600)
    scheduler.add_job(digest_job, id="digest-catch-up")  # started after the hour: send now
    return scheduler


def _watch_mailbox(mailbox: Mailbox, scheduler: BackgroundScheduler, stop: threading.Event,
                   poll_seconds: int) -> threading.Thread:
    """New mail (IMAP IDLE, a new file in the local inbox) triggers a poll within seconds;
    the scheduled poll stays the safety net."""

    def watch() -> None:
        while not stop.is_set():
            try:
                if mailbox.wait_for_new(min(poll_seconds, 300)):
                    scheduler.modify_job("poll", next_run_time=_now())
            except Exception as exc:  # the server went away: the scheduled poll carries on
                log.warning("IDLE watch interrupted (%s); retrying in 30s", exc)
                stop.wait(30)

    thread = threading.Thread(target=watch, name="imap-idle", daemon=True)
    thread.start()
    return thread


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)
