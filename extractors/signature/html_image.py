"""Signature images in letters typed as the HTML mail body.

The signature is an <img src="cid:..."> after the closing formula that
resolves to an image part of the same mail; a typed name alone is unsigned.
"""

from __future__ import annotations

from html.parser import HTMLParser

from extractors.model import Attachment, SignatureEvidence
from extractors.signature.closing import is_closing


class _Flow(HTMLParser):
    """The body as a sequence of text runs and image sources, in reading order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[tuple[str, str]] = []

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.items.append(("text", data))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.items.append(("img", dict(attrs).get("src") or ""))


def _cid(value: str | None) -> str:
    return (value or "").strip().strip("<>").lower()


def html_signature(html: str, attachments: tuple[Attachment, ...]) -> SignatureEvidence:
    """An inline image after the closing formula: handwritten; none otherwise."""
    flow = _Flow()
    flow.feed(html)
    items = flow.items
    closing = max(
        (i for i, (kind, value) in enumerate(items) if kind == "text" and is_closing(value)),
        default=None,
    )
    images = {
        _cid(a.content_id): a for a in attachments if a.content_id and a.content_type.startswith("image/")
    }
    start = closing if closing is not None else max(0, len(items) - 6)
    for kind, src in items[start:]:
        if kind != "img":
            continue
        if src.lower().startswith("cid:") and _cid(src[4:]) in images:
            return SignatureEvidence(
                kind="handwritten",
                valid=True,
                certain=closing is not None,
                detail=f"inline signature image {src} in the signature block",
            )
        return SignatureEvidence(
            certain=False, detail=f"an image in the signature block ({src[:60]}) is not part of the mail"
        )
    return SignatureEvidence(
        kind="none", detail="the letter in the mail body carries no signature image, only a typed name"
    )
