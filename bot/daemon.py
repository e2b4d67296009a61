"""`gcc-bot run`: APScheduler jobs that never overlap, and a clean stop on SIGTERM."""

from __future__ import annotations

import logging
import signal
import threading
from types import FrameType

from apscheduler.schedulers.background import BackgroundScheduler

from bot.runtime import open_flow
from bot.settings import Settings

log = logging.getLogger(__name__)


def run_daemon(settings: Settings) -> None:
    """Poll every `poll_seconds` until SIGTERM/SIGINT; the message in hand is finished."""
    stop = threading.Event()

    def _stop(signum: int, _frame: FrameType | None) -> None:
        log.info("signal %s received: finishing the current work, then stopping", signum)
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    with open_flow(settings) as flow:
        def poll_job() -> None:
            try:
                report = flow.poll()
                if report.fetched or report.sent:
                    log.info("poll: %s", report)
            except Exception:  # a failed poll must not end the daemon; the next one retries
                log.exception("poll failed; retrying at the next tick")

        scheduler = BackgroundScheduler(job_defaults={"coalesce": True, "max_instances": 1})
        scheduler.add_job(poll_job, "interval", seconds=settings.schedule.poll_seconds,
                          id="poll", next_run_time=_now())
        scheduler.start()
        log.info("gcc-bot running: polling every %ss", settings.schedule.poll_seconds)
        stop.wait()
        scheduler.shutdown(wait=True)
    log.info("gcc-bot stopped")


def _now():  # type: ignore[no-untyped-def]
    import datetime as dt

    return dt.datetime.now(dt.timezone.utc)
