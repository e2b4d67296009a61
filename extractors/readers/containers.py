"""Files that carry other files: a ZIP, an Outlook .msg forwarded as a file, winmail.dat.

Ministries send the letter inside them; the bot reads what is inside as if it
had been attached to the mail itself, recursively (a ZIP in a .msg in a
winmail.dat), and never unpacks more than the limits allow: the number of
files, what they unpack to, and how deep containers nest. A ZIP's sizes are
taken from its directory before anything is decompressed, and zipfile never
inflates a member beyond its declared size, so a bomb is refused unread.
"""

from __future__ import annotations

import io
import logging
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace

from extractors.model import Attachment
from extractors.readers.sniff import sniff

CONTAINERS = frozenset({"zip", "msg", "tnef"})
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class UnpackLimits:
    """What unpacking one mail's containers may cost (from [limits])."""

    max_files: int = 50
    max_unpacked_bytes: int = 300_000_000
    max_depth: int = 3
    """Containers inside containers: a ZIP in a .msg in a winmail.dat is depth 3."""
    files_used: int = 0
    bytes_used: int = 0
    """What the mail's other files already took of the limits, which hold for the whole mail."""


class ContainerUnreadable(Exception):
    """The container cannot be opened (encrypted, damaged); the message says why."""


class ContainerOverLimit(ContainerUnreadable):
    """Opening the container would break a limit; the message names the limit."""


def is_container(attachment: Attachment) -> bool:
    return sniff(attachment.data) in CONTAINERS


def _inner(outer: Attachment, name: str | None, data: bytes, content_type: str = "") -> Attachment:
    leaf = (name or "attachment").replace("\\", "/").rsplit("/", 1)[-1].replace(":", "")
    leaf = " ".join(leaf.split()) or "attachment"  # a file name never holds ':' (nor does ours)
    return Attachment(filename=f"{outer.filename or 'attachment'}/{leaf}",
                      content_type=content_type or "application/octet-stream", data=data)


def _zip_members(outer: Attachment, limits: UnpackLimits) -> list[Attachment]:
    name = outer.filename or "the ZIP archive"
    try:
        archive = zipfile.ZipFile(io.BytesIO(outer.data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise ContainerUnreadable(f"the ZIP archive is damaged ({error})") from error
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) + limits.files_used > limits.max_files:
            raise ContainerOverLimit(f"{name} holds {len(members)} files "
                                     f"(limit max_attachments = {limits.max_files})")
        declared = sum(m.file_size for m in members)
        if declared + limits.bytes_used > limits.max_unpacked_bytes:
            raise ContainerOverLimit(f"{name} unpacks to {declared:,} bytes "
                                     f"(limit max_unpacked_bytes = {limits.max_unpacked_bytes})")
        if any(m.flag_bits & 0x1 for m in members):
            raise ContainerUnreadable("the ZIP archive is password-protected (encrypted)")
        found = []
        for member in members:
            try:
                found.append(_inner(outer, member.filename, archive.read(member)))
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError,
                    RuntimeError) as error:
                raise ContainerUnreadable(f"the ZIP archive is damaged ({error})") from error
    return found


def _msg_members(outer: Attachment) -> list[Attachment]:
    import extract_msg

    try:
        message = extract_msg.openMsg(outer.data, delayAttachments=False)
    except Exception as error:  # extract-msg raises its own and olefile's errors on broken files
        raise ContainerUnreadable(f"the Outlook message is damaged ({error})") from error
    try:
        return list(_msg_attachments(outer, message))
    finally:
        message.close()


def _msg_attachments(outer: Attachment, message: object) -> Iterator[Attachment]:
    for item in getattr(message, "attachments", []):
        data = getattr(item, "data", None)
        name = getattr(item, "longFilename", None) or getattr(item, "shortFilename", None)
        if isinstance(data, bytes):
            yield _inner(outer, name, data, getattr(item, "mimetype", None) or "")
        elif data is not None and hasattr(data, "attachments"):  # an embedded Outlook message
            yield from _msg_attachments(_inner(outer, name or "message", b""), data)


def _tnef_members(outer: Attachment) -> list[Attachment]:
    from tnefparse import TNEF

    try:
        tnef = TNEF(outer.data, do_checksum=False)
    except Exception as error:  # tnefparse raises ValueError, struct.error, IndexError ...
        raise ContainerUnreadable(f"the winmail.dat (TNEF) is damaged ({error})") from error
    found = []
    for item in tnef.attachments:
        try:
            name = item.long_filename()
        except Exception:  # a name in an unknown code page: keep the file, lose the name
            name = None
        if isinstance(name, bytes):
            name = name.decode("latin-1").strip("\x00")
        if item.data:
            found.append(_inner(outer, name, bytes(item.data)))
    if not found:
        raise ContainerUnreadable("the winmail.dat (TNEF) is damaged or holds no file")
    return found


def open_container(attachment: Attachment, limits: UnpackLimits = UnpackLimits()) -> list[Attachment]:
    """The files directly inside one container; raises ContainerUnreadable or ContainerOverLimit."""
    kind = sniff(attachment.data)
    if kind == "zip":
        return _zip_members(attachment, limits)
    if kind == "msg":
        return _msg_members(attachment)
    if kind == "tnef":
        return _tnef_members(attachment)
    raise ContainerUnreadable("it is not a container")


@dataclass
class Unpacked:
    """Every file found, containers opened; the containers that could not be, and why."""

    files: list[Attachment]
    failed: list[tuple[Attachment, ContainerUnreadable]]

    @property
    def over_limit(self) -> str | None:
        return next((str(e) for _, e in self.failed if isinstance(e, ContainerOverLimit)), None)


def unpack(attachments: tuple[Attachment, ...] | list[Attachment],
           limits: UnpackLimits = UnpackLimits()) -> Unpacked:
    """The mail's files with every container replaced by what it holds, recursively.

    The limits hold for the whole mail: the files of all containers together."""
    result = Unpacked(files=[], failed=[])
    budget = limits.max_unpacked_bytes
    pending = [(attachment, 0) for attachment in attachments]
    while pending:
        attachment, depth = pending.pop(0)
        if not is_container(attachment):
            result.files.append(attachment)
            continue
        name = attachment.filename or "a container"
        if depth >= limits.max_depth:
            result.failed.append((attachment, ContainerOverLimit(
                f"{name} is nested in more than {limits.max_depth} containers "
                "(containers nest at most that deep)")))
            continue
        remaining = replace(limits, files_used=len(result.files) + len(pending),
                            bytes_used=limits.max_unpacked_bytes - budget)
        try:
            members = open_container(attachment, remaining)
        except ContainerUnreadable as error:
            result.failed.append((attachment, error))
            continue
        if len(result.files) + len(pending) + len(members) > limits.max_files:
            result.failed.append((attachment, ContainerOverLimit(
                f"{name} holds {len(members)} files, more than the mail may carry "
                f"(limit max_attachments = {limits.max_files})")))
            continue
        size = sum(len(m.data) for m in members)
        if size > budget:
            result.failed.append((attachment, ContainerOverLimit(
                f"{name} unpacks to more than {limits.max_unpacked_bytes:,} bytes "
                f"(limit max_unpacked_bytes = {limits.max_unpacked_bytes})")))
            continue
        budget -= size
        pending.extend((member, depth + 1) for member in members)
    return result
