"""Settings: CONTRACT.md section 6, from TOML with GCC_BOT_<SECTION>__<KEY> overrides.

Every key is validated at start so that a wrong setting stops the bot with a
message naming the key, rather than failing hours later in the middle of a poll.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import ClassVar, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator,
                      model_validator)
from pydantic_core import ErrorDetails
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
"""No pydantic plugin serves the bot, and looking for them reads the metadata of every
installed package (a tenth of a second at each start) when the first model is built."""

DEFAULT_CONFIG = Path("gcc-bot.toml")
SECRETARIAT = "gcc-secretariat@itu.int"


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


class Settings(BaseSettings):
    """The whole configuration; sections mirror CONTRACT.md section 6."""

    model_config = SettingsConfigDict(
        env_prefix="GCC_BOT_", env_nested_delimiter="__", extra="forbid"
    )

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

    toml_file: ClassVar[Path | None] = None

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        if cls.toml_file is not None:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=cls.toml_file))
        return tuple(sources)

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


def load_settings(config: Path | None = None) -> Settings:
    """Read settings from `config` (or ./gcc-bot.toml if present) and the environment."""
    path = config if config is not None else (DEFAULT_CONFIG if DEFAULT_CONFIG.exists() else None)
    if path is not None and not path.is_file():
        raise SettingsError(f"settings file {path} does not exist")

    class _FromFile(Settings):
        toml_file = path

    try:
        loaded = _FromFile()
    except ValidationError as exc:
        raise SettingsError("\n".join(_describe(e) for e in exc.errors())) from None
    except ValueError as exc:  # TOML syntax, or a GCC_BOT_ variable that is not the JSON its setting needs
        from_environment = "EnvSettingsSource" in str(exc)
        where = "the environment's GCC_BOT_ variables" if from_environment else f"settings file {path}"
        raise SettingsError(f"{where}: {exc}") from None
    return loaded
