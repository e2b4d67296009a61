"""The values that flow from a raw mail to a judged nomination.

Everything here is plain data: readers and parsers build it, rules read it,
the bot stores and renders it. Keeping it in one module lets every package
agree on the shape without importing each other's logic.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import numpy as np

Role = Literal["primary", "alternate", "advisor"]
Intent = Literal["nominate", "replace", "add", "withdraw"]
NomineeAction = Literal["nominate", "withdraw"]
"""What a letter does to one person: puts them in force, or takes them off the roster."""
DocumentKind = Literal["pdf", "scan", "image", "docx", "body"]
SignatureKind = Literal["handwritten", "digital", "none"]
ParticipantType = Literal["member_state", "observer"]
SenderKind = Literal["government", "public_body", "intergovernmental", "non_member_state", "private"]
"""Who a letter shows its sender to be: a government or another public body, an IGO, the
government of a state that is not an ITU Member State, or a private sender (a company, an
association, a university, a consultancy, a person)."""
Seniority = Literal["senior", "junior", "unknown"]
"""How senior a signatory's title reads; a title not recognised is 'unknown'."""


# --------------------------------------------------------------- the mail


@dataclass(frozen=True)
class Attachment:
    """One leaf part of a mail that may hold a letter (or an inline image)."""

    filename: str | None
    content_type: str
    data: bytes
    content_id: str | None = None
    inline: bool = False


@dataclass(frozen=True)
class AuthResult:
    """One method result of our own Authentication-Results header (RFC 8601)."""

    method: str  # dkim | spf | dmarc
    result: str  # pass | fail | softfail | none | ...
    domain: str | None = None


@dataclass(frozen=True)
class Submission:
    """A parsed incoming mail: who sent it, what it says, what it carries."""

    message_id: str
    sender: str | None
    sender_name: str | None
    subject: str
    date: str | None
    text_body: str
    html_body: str
    attachments: tuple[Attachment, ...]
    headers: tuple[tuple[str, str], ...]
    content_hash: str
    auth: tuple[AuthResult, ...] | None = None
    """None when no trusted Authentication-Results header was found."""
    automatic: str | None = None
    """Why this mail is machine-made (auto-reply, bounce, list ...), else None."""
    parse_error: str | None = None
    """Set when the MIME structure could not be read at all."""

    def header(self, name: str) -> str | None:
        wanted = name.lower()
        return next((v for k, v in self.headers if k.lower() == wanted), None)

    @property
    def sender_domain(self) -> str | None:
        if not self.sender or "@" not in self.sender:
            return None
        return self.sender.rsplit("@", 1)[1].lower()


# ----------------------------------------------------------- the documents


@dataclass(frozen=True)
class Word:
    """A word with its box in page points (x0, top, x1, bottom), top-left origin."""

    text: str
    box: tuple[float, float, float, float]
    confidence: float | None = None
    """Tesseract's confidence 0..1 in an OCRed word; None for a text layer's."""


GraphicKind = Literal["image", "curve", "line"]


@dataclass(frozen=True)
class Graphic:
    """A drawn object of a PDF page (picture or vector path), its box in page points, top-left origin.

    Kept so that a signature pasted as a picture or drawn as pen strokes is
    found from the page's own structure, without rendering it.
    """

    kind: GraphicKind
    box: tuple[float, float, float, float]
    path: tuple[tuple[float, float], ...] = ()
    """A path's points (top-left origin): a pen stroke has many, a rule two."""
    filled: bool = False

    @property
    def closed(self) -> bool:
        """The path ends where it starts (a ring, a box), as pen strokes rarely do."""
        if len(self.path) < 3:
            return False
        (x0, y0), (x1, y1) = self.path[0], self.path[-1]
        return abs(x0 - x1) < 0.5 and abs(y0 - y1) < 0.5


@dataclass
class Page:
    """One page of a document, its text in logical (reading) order."""

    number: int
    text: str
    tables: list[list[list[str]]] = field(default_factory=list)
    words: list[Word] = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0
    ocr_confidence: float | None = None
    """Mean Tesseract word confidence 0..1 when the page was OCRed."""
    graphics: list[Graphic] = field(default_factory=list)
    """Pictures and vector paths of a PDF page, as its file draws them (empty for images and Word files)."""
    photographed: bool = False
    """The page is a phone photo of a sheet (found against its background and flattened)."""
    image: np.ndarray | None = field(default=None, compare=False, repr=False)
    """An OCRed page's pixels (RGB) as they were read: upright, flattened, straightened, in the
    frame of its word boxes, so that ink is looked for where the words say."""
    cells: list[Word] = field(default_factory=list)
    """An OCRed page's ruled table cells, each its text read whole and its box: where a value read
    from a cell (an e-mail address wrapped over its lines) is printed, for its ink to be checked."""


@dataclass
class SignatureEvidence:
    """What the document shows of a signature, and why the reader thinks so."""

    kind: SignatureKind = "none"
    valid: bool | None = None
    placeholder: bool = False
    """The template's '[to be signed by ...]' line is still there."""
    certain: bool = True
    """False when the reader saw something it cannot call ink or no ink."""
    signer: str | None = None
    page: int | None = None
    box: tuple[float, float, float, float] | None = None
    detail: str = ""
    crop_png: bytes | None = None


@dataclass(frozen=True)
class SignatureFacts:
    """What pyHanko established of one usable signature, declared once: the verdict holds it
    and the evidence carries it."""

    kind: str
    """'signature' or 'document time stamp' (it dates the file, it signs nothing)."""
    intact: bool
    """The signed bytes are unchanged."""
    valid: bool
    """The CMS signature verifies."""
    trusted: bool
    """The certificate chains to a root the secretariat configured."""
    coverage: str
    modification: str
    """pyHanko's level of the changes made after signing."""
    signer: str
    """The certificate's subject."""
    signing_time: str | None = None


@dataclass(frozen=True)
class SignedFile:
    """pyHanko's verdict on one digital signature of one attached PDF, letter or not, so
    that the secretariat sees every signature the mail carries."""

    file: str
    field: str
    verdict: str
    """'valid', 'invalid', 'valid, but the page shows something else since signing' or
    'not a signature' (a field with no usable signature in it)."""
    facts: SignatureFacts | None = None
    """None for a field with no usable signature in it."""
    letter: bool = False
    """The letter was read from this file (the others are annexes, or no letter at all)."""
    detail: str = ""


@dataclass
class Document:
    """A readable candidate letter: an attachment or the mail body."""

    name: str
    kind: DocumentKind
    pages: list[Page]
    signature: SignatureEvidence = field(default_factory=SignatureEvidence)
    data: bytes = b""

    @property
    def text(self) -> str:
        return "\n".join(page.text for page in self.pages)

    @property
    def tables(self) -> list[list[list[str]]]:
        return [table for page in self.pages for table in page.tables]

    @property
    def ocr_confidence(self) -> float | None:
        scores = [p.ocr_confidence for p in self.pages if p.ocr_confidence is not None]
        return min(scores) if scores else None


class UnreadableDocument(Exception):
    """An attachment that should be a letter but cannot be read (corrupt, encrypted ...)."""


# -------------------------------------------------------------- the letter


@dataclass
class Person:
    """One person's Annex 2 fields, in the circular's order."""

    title: str | None = None
    """As the letter writes it ('Dr', 'Mme', 'السيد', '女士'), not translated."""
    first_name: str | None = None
    last_name: str | None = None
    """The family name, particles included ('de la Garza', 'آل سعود')."""
    job_title: str | None = None
    role: Role | None = None
    organization: str | None = None
    email: str | None = None
    """As printed; the only address a meeting link may go to."""


ANNEX2_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Person))
"""The seven Annex 2 keys of every nominee, in the circular's order."""


@dataclass
class Nominee(Person):
    """One representative with the Annex 2 fields, and how sure we are of each."""

    confidence: dict[str, float] = field(default_factory=dict)
    doubts: dict[str, str] = field(default_factory=dict)
    """Per field, why its OCR reading is not accounted for (ink the reading left out ...)."""
    blank: set[str] = field(default_factory=set)
    """Fields read empty that the scanned page shows empty too: their label alone on its line, no ink beside it."""
    accounted: set[str] = field(default_factory=set)
    """OCRed fields every witness read alike, every bit of their ink under a character read (address_ink);
    a second engine may still doubt one (doubts: address_crosscheck)."""
    action: NomineeAction = "nominate"

    def as_dict(self) -> dict[str, str | None]:
        return {key: getattr(self, key) for key in ANNEX2_FIELDS}


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-3
    name: str


@dataclass(frozen=True)
class Signatory:
    name: str | None = None
    title: str | None = None
    seniority: Seniority = "unknown"
    """What the title says of the post (extractors.seniority)."""


@dataclass(frozen=True)
class Origin:
    """Who sent a letter, as the letter and the mail show it (extractors.country), with the
    contradictions a human should see. One record, so that the nomination holds it whole."""

    country: Country | None
    participant_type: ParticipantType | None
    observer_name: str | None
    """The IGO's name when the sender is an observer."""
    sender_kind: SenderKind | None
    """Who the letter and the sender's address show the sender to be; None when they do not say."""
    conflicts: tuple[str, ...]
    """Contradictions a human should see (country of letterhead vs sender ...)."""
    confidence: float
    """0..1: how clearly the evidence points to this sender rather than another."""


NO_ORIGIN = Origin(None, None, None, None, (), 0.0)
"""Nothing known of the sender: no letter was read, or it says nothing of who wrote it."""


@dataclass
class Nomination:
    """Everything read from one submission, before any judgement."""

    language: str | None = None
    origin: Origin = NO_ORIGIN
    """Who sent the letter: its Member State or IGO, what kind of sender, what contradicts it."""
    ministry: str | None = None
    signatory: Signatory = field(default_factory=Signatory)
    signature: SignatureEvidence = field(default_factory=SignatureEvidence)
    nominees: list[Nominee] = field(default_factory=list)
    intent: Intent = "nominate"
    """'replace' with no one in `withdrawn`: the letter supersedes every earlier nomination
    (the whole team); with people in `withdrawn`: exactly they give way to the nominees."""
    withdrawn: list[Nominee] = field(default_factory=list)
    """People the letter takes off the roster (action 'withdraw'), as named: never nominees."""
    intent_doubts: list[str] = field(default_factory=list)
    """Why what the letter asks for is unclear (a withdrawal that names no one ...)."""
    letter: str | None = None
    """Which document was read as the letter, and why."""
    unreadable: list[str] = field(default_factory=list)
    """Attachments that could not be read, each with its reason."""
    signed_files: list[SignedFile] = field(default_factory=list)
    """Every digital signature of every attached PDF, the letter's and the annexes'."""
    is_letter: bool = False
    """A nomination letter was found at all."""
    relevant: bool = False
    """The mail is about GCC nominations at all (a cover note that forgot the letter is)."""
    letter_hash: str | None = None
    """Identifies the letter's content, so that a resent identical letter is recognised."""
    read_by_ocr: bool = False
    """The letter's text came from OCR, so a missing or odd field may be a misreading."""
    confidence: float = 1.0
    """0..1: how sure the reading is as a whole (OCR quality, layout fit)."""
    notes: list[str] = field(default_factory=list)
