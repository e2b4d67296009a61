"""The review queue folder: where the secretariat takes over a case by hand."""

from bot.review.queue import QueueItem, ReviewQueue

__all__ = ["QueueItem", "ReviewQueue"]
