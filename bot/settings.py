"""Settings: CONTRACT.md section 6, from TOML with GCC_BOT_<SECTION>__<KEY> overrides.

Every key is validated at start so that a wrong setting stops the bot with a
message naming the key, rather than failing hours later in the middle of a poll.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tomllib
import types
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator,
                      model_validator)
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
"""No pydantic plugin serves the bot, and looking for them reads the metadata of every
installed package (a tenth of a second at each start) when the first model is built."""

DEFAULT_CONFIG = Path("gcc-bot.toml")
SECRETARIAT = "gcc-secretariat@itu.int"
ENV_PREFIX = "GCC_BOT_"
ENV_DELIMITER = "__"


class SettingsError(Exception):
    """A setting is missing, malformed or contradictory; the message names the key."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _read_secret(password: str | None, password_file: Path | None, section: str) -> str | None:
    if password_file is None:
        return password
    try:
        return password_file.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ValueError(f"{section}.password_file cannot be read: {exc.strerror}") from exc


class MailboxSettings(_Section):
    host: str
    port: int = Field(default=993, gt=0, lt=65536)
    security: Literal["ssl", "starttls", "none"] = "ssl"
    username: str
    password: str | None = Field(default=None, repr=False)
    password_file: Path | None = None
    folder: str = "INBOX"
    sent_folder: str | None = "Sent"
    done_folders: dict[str, str] = Field(default_factory=dict)
    batch_size: int = Field(default=50, gt=0)

    @model_validator(mode="after")
    def _secret(self) -> MailboxSettings:
        self.password = _read_secret(self.password, self.password_file, "mailbox")
        return self


class SmtpSettings(_Section):
    host: str
    port: int = Field(default=587, gt=0, lt=65536)
    security: Literal["ssl", "starttls", "none"] = "starttls"
    username: str | None = None
    password: str | None = Field(default=None, repr=False)
    password_file: Path | None = None
    from_: str = Field(default=SECRETARIAT, alias="from")

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    @model_validator(mode="after")
    def _secret(self) -> SmtpSettings:
        self.password = _read_secret(self.password, self.password_file, "smtp")
        return self


class DatabaseSettings(_Section):
    url: str = "sqlite:///state.db"


class MeetingSettings(_Section):
    title: str = "OpenWallet Forum GCC meeting"
    start: dt.datetime
    end: dt.datetime
    link: str

    @model_validator(mode="after")
    def _times(self) -> MeetingSettings:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError("start and end need a UTC offset, e.g. 2024-12-06T13:00:00+01:00")
        if self.end <= self.start:
            raise ValueError("end must come after start")
        if not self.link.startswith(("https://", "http://")):
            raise ValueError("link must be an http(s) URL")
        return self


class RulesSettings(_Section):
    max_nominees: int = Field(default=3, ge=1)
    deadline: dt.date | None = None


class ReviewSettings(_Section):
    folder: Path = Path("review")


class DigestSettings(_Section):
    to: list[str] = Field(default_factory=lambda: [SECRETARIAT])
    at: dt.time = dt.time(8, 0)
    timezone: str = "Europe/Zurich"

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value


class ScheduleSettings(_Section):
    poll_seconds: int = Field(default=60, ge=1)


class SecuritySettings(_Section):
    authserv_id: str | None = "mx.itu.int"
    """The secretariat's own receiving server; set to "" to leave authentication unjudged."""
    require_authentication: bool = True
    """With authserv_id set, a mail that carries no Authentication-Results from it is not
    verified (review): a mail that bypassed our MX, or an MX that stopped stamping."""
    trust_roots: list[Path] = Field(default_factory=list)
    """Certificates (PEM or DER files, or folders of them) that digital signatures of
    letters must chain to in order to count as trusted; without any, an intact signature
    still proves the letter unchanged, and the evidence says "untrusted signer"."""
    trusted_lists: list[Path] = Field(default_factory=list)
    """Trusted lists (ETSI TS 119 612 XML: an EU member state's list, a national one, or
    folders of them): the qualified CA services they grant are trust roots too."""
    replies_per_sender_per_day: int = Field(default=10, ge=1)

    @property
    def judges_authentication(self) -> bool:
        """Whether Authentication-Results are read at all (our MX is named)."""
        return bool(self.authserv_id and self.authserv_id.strip())

    @field_validator("trust_roots", "trusted_lists")
    @classmethod
    def _trust_readable(cls, value: list[Path], info: ValidationInfo) -> list[Path]:
        """A missing file, or one that holds no certificate or no trusted list, is named
        now: at start, not mid-poll."""
        from extractors.signature.digital import load_trust_roots
        from extractors.signature.trusted_lists import load_trusted_lists

        what, load = (("trust root(s)", load_trust_roots) if info.field_name == "trust_roots"
                      else ("trusted list(s)", load_trusted_lists))
        missing = [str(path) for path in value if not path.exists()]
        if missing:
            raise ValueError(f"{what} not found: {', '.join(missing)}")
        load(tuple(value))
        return value


class ParticipantsSettings(_Section):
    observers: list[str] = Field(default_factory=list)
    """IGOs accepted as observers beyond the built-in list: names as letters write them
    ("Secretaría General Iberoamericana") or their domains ("segib.org")."""


class LimitsSettings(_Section):
    """What one letter may cost; a mail beyond a limit goes to review, unread."""

    max_message_bytes: int = Field(default=40_000_000, gt=0)
    max_attachments: int = Field(default=50, gt=0)
    max_pages: int = Field(default=60, gt=0)
    """Pages of one PDF."""
    max_image_pixels: int = Field(default=80_000_000, gt=0)
    """Pixels of one image (an A4 page scanned at 600 dpi has 35 million)."""
    max_unpacked_bytes: int = Field(default=300_000_000, gt=0)
    """What the compressed parts of one attachment (PDF streams, DOCX members) unpack to."""
    letter_seconds: float = Field(default=300, gt=0)
    """Time budget for reading one letter (OCR included)."""


class LocalSettings(_Section):
    """The embedded transports used when [mailbox] or [smtp] is left out."""

    folder: Path = Path("mail")


class Settings(BaseModel):
    """The whole configuration; sections mirror CONTRACT.md section 6. Built from a file and
    the environment by `load_settings`; `Settings()` alone is the embedded defaults."""

    model_config = ConfigDict(extra="forbid", validate_default=True)

    mailbox: MailboxSettings | None = None
    smtp: SmtpSettings | None = None
    database: DatabaseSettings = DatabaseSettings()
    meeting: MeetingSettings | None = None
    meetings: list[MeetingSettings] = Field(default_factory=list)
    rules: RulesSettings = RulesSettings()
    review: ReviewSettings = ReviewSettings()
    digest: DigestSettings = DigestSettings()
    schedule: ScheduleSettings = ScheduleSettings()
    security: SecuritySettings = SecuritySettings()
    limits: LimitsSettings = LimitsSettings()
    participants: ParticipantsSettings = ParticipantsSettings()
    local: LocalSettings = LocalSettings()

    @property
    def all_meetings(self) -> list[MeetingSettings]:
        """Every configured meeting, soonest first."""
        meetings = list(self.meetings) + ([self.meeting] if self.meeting else [])
        return sorted(meetings, key=lambda m: m.start)

    def next_meeting(self, now: dt.datetime | None = None) -> MeetingSettings | None:
        """The first meeting not yet over: the one whose link confirmations carry."""
        now = now or dt.datetime.now(dt.timezone.utc)
        return next((m for m in self.all_meetings if m.end > now), None)

    @property
    def sender_address(self) -> str:
        return self.smtp.from_ if self.smtp else SECRETARIAT


def _describe(error: ErrorDetails) -> str:
    key = ".".join(str(part) for part in error["loc"])
    return f"setting {key or '(top level)'}: {error['msg']}"


def _field(model: Any, key: str) -> FieldInfo | None:
    """`model`'s field named `key` (or aliased so), None when `model` is no settings model."""
    fields: dict[str, FieldInfo] = getattr(model, "model_fields", {})
    return fields.get(key) or next((f for f in fields.values() if f.alias == key), None)


def _inner(annotation: Any) -> Any:
    """`X` of `X | None`: what a value given for an optional field is read as."""
    if get_origin(annotation) in (Union, types.UnionType):
        kept = [arg for arg in get_args(annotation) if arg is not type(None)]
        return kept[0] if len(kept) == 1 else annotation
    return annotation


def _is_structured(annotation: Any) -> bool:
    """A section, a list or a table: given in one variable, it is written as JSON."""
    annotation = _inner(annotation)
    return get_origin(annotation) in (list, dict, tuple) or (
        isinstance(annotation, type) and issubclass(annotation, (BaseModel, list, dict)))


def _target(keys: list[str]) -> Any:
    """The type a variable's value is read as, walking sections (and tables) key by key;
    None for a key no setting has."""
    annotation: Any = Settings
    for key in keys:
        annotation = _inner(annotation)
        if get_origin(annotation) is dict:
            annotation = get_args(annotation)[1]
            continue
        field = _field(annotation, key)
        if field is None:
            return None
        annotation = field.annotation
    return annotation


def _environment() -> dict[str, Any]:
    """The GCC_BOT_<SECTION>__<KEY> variables as nested values (names in any case; a
    section, a list or a table given whole is written as JSON). A variable naming no
    section is not ours to judge and is left alone; an unknown key inside one is an error."""
    found: dict[str, Any] = {}
    for name, value in sorted(os.environ.items()):
        if not name.upper().startswith(ENV_PREFIX):
            continue
        keys = name[len(ENV_PREFIX):].lower().split(ENV_DELIMITER)
        if _field(Settings, keys[0]) is None:
            continue
        read: Any = value
        if value and _is_structured(_target(keys)):
            try:
                read = json.loads(value)
            except ValueError:
                raise SettingsError(f"setting {'.'.join(keys)}: {name} is not valid JSON") from None
        for key in reversed(keys):
            read = {key: read}
        found = _merged(found, read)
    return found


def _merged(base: Any, over: Any) -> Any:
    """`over` laid on `base`, tables merged key by key (the environment over the file)."""
    if isinstance(base, dict) and isinstance(over, dict):
        return {**base, **{key: _merged(base.get(key), value) for key, value in over.items()}}
    return over


def load_settings(config: Path | None = None) -> Settings:
    """Read settings from `config` (or ./gcc-bot.toml if present) and the environment."""
    path = config if config is not None else (DEFAULT_CONFIG if DEFAULT_CONFIG.exists() else None)
    if path is not None and not path.is_file():
        raise SettingsError(f"settings file {path} does not exist")
    try:
        written = tomllib.loads(path.read_text(encoding="utf-8")) if path is not None else {}
    except (ValueError, OSError) as exc:  # TOML syntax, encoding, permissions
        raise SettingsError(f"settings file {path}: {exc}") from None
    try:
        return Settings.model_validate(_merged(written, _environment()))
    except ValidationError as exc:
        raise SettingsError("\n".join(_describe(e) for e in exc.errors())) from None
