"""`gcc-bot run`: APScheduler jobs that never overlap, and a clean stop on SIGTERM."""

from __future__ import annotations

import logging
import signal
import threading
from types import FrameType

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger

from bot.digest import digest_due, send_digest
from bot.flow import PollReport
from bot.runtime import open_flow
from bot.settings import Settings

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
    busy = threading.Lock()  # the jobs share the flow's transports: one at a time
    with open_flow(settings) as flow:
        def poll_job() -> None:
            try:
                with busy:
                    report = flow.poll()
                if report.fetched or report.sent:
                    log.info("poll: %s", report)
            except Exception:  # a failed poll must not end the daemon; the next one retries
                log.exception("poll failed; retrying at the next tick")

        def review_job() -> None:
            try:
                with busy:
                    if flow.review is not None and flow.review.apply_ready():
                        flow.send_pending(PollReport())
            except Exception:
                log.exception("applying review decisions failed; retrying at the next tick")

        def digest_job() -> None:
            try:
                with busy:
                    if digest_due(settings, flow.sessions, _now()):
                        send_digest(flow)
                        log.info("daily digest sent to %s", ", ".join(settings.digest.to))
            except Exception:
                log.exception("the daily digest failed; the next start or day retries")

        scheduler = BackgroundScheduler(job_defaults={"coalesce": True, "max_instances": 1})
        scheduler.add_job(poll_job, "interval", seconds=settings.schedule.poll_seconds,
                          id="poll", next_run_time=_now())
        scheduler.add_job(review_job, "interval", seconds=REVIEW_SECONDS, id="review")
        at = settings.digest.at
        scheduler.add_job(digest_job, CronTrigger(hour=at.hour, minute=at.minute,
                                                  timezone=settings.digest.timezone),
                          id="digest", misfire_grace_time=3600)
        scheduler.add_job(digest_job, id="digest-catch-up")  # started after the hour: send now
        scheduler.start()
        log.info("gcc-bot running: polling every %ss", settings.schedule.poll_seconds)
        watcher = _watch_mailbox(flow.mailbox, scheduler, stop, settings.schedule.poll_seconds)
        stop.wait()
        flow.stop_requested.set()
        scheduler.shutdown(wait=True)
        if watcher is not None:
            watcher.join(timeout=5)
    log.info("gcc-bot stopped")


def _watch_mailbox(mailbox: object, scheduler: BackgroundScheduler, stop: threading.Event,
                   poll_seconds: int) -> threading.Thread | None:
    """IMAP IDLE where the mailbox offers it: new mail triggers a poll within seconds; the
    scheduled poll stays the safety net."""
    wait_for_new = getattr(mailbox, "wait_for_new", None)
    if wait_for_new is None:
        return None

    def watch() -> None:
        while not stop.is_set():
            try:
                if wait_for_new(min(poll_seconds, 300)):
                    scheduler.modify_job("poll", next_run_time=_now())
            except Exception as exc:  # the server went away: the scheduled poll carries on
                log.warning("IDLE watch interrupted (%s); retrying in 30s", exc)
                stop.wait(30)

    thread = threading.Thread(target=watch, name="imap-idle", daemon=True)
    thread.start()
    return thread


def _now():  # type: ignore[no-untyped-def]
    import datetime as dt

    return dt.datetime.now(dt.timezone.utc)
