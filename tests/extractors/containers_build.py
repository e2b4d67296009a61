"""Builders of the containers ministries send, written per their specifications.

No maintained Python library writes Outlook .msg files or TNEF (winmail.dat),
so these build them from the published formats: [MS-CFB] compound files
holding [MS-OXMSG] property streams, and [MS-OXTNEF] attribute streams. The
bot reads them with extract-msg and tnefparse, which makes every test here a
check against an independent reader too.
"""

from __future__ import annotations

import io
import struct
import zipfile

FREE, END, FAT_SECTOR, NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
SECTOR, MINI_SECTOR, CUTOFF = 512, 64, 4096

Tree = dict[str, "bytes | Tree"]


def _chain(table: list[int], start: int, count: int) -> None:
    for offset in range(count):
        table[start + offset] = start + offset + 1 if offset < count - 1 else END


def _entry(name: str, kind: int, child: int = NO_STREAM, right: int = NO_STREAM,
           start: int = END, size: int = 0) -> bytes:
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    return (encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", NO_STREAM, right, child) + b"\0" * 36
            + struct.pack("<IQ", start, size))


def compound_file(tree: Tree) -> bytes:
    """An [MS-CFB] version 3 file of `tree` (storages are dicts, streams are bytes)."""
    entries: list[dict[str, object]] = [{"name": "Root Entry", "kind": 5, "child": NO_STREAM}]

    def add(storage: Tree, parent: int) -> None:
        previous = None
        for name, value in storage.items():
            index = len(entries)
            entries.append({"name": name, "kind": 1 if isinstance(value, dict) else 2,
                            "child": NO_STREAM, "right": NO_STREAM, "data": value})
            if previous is None:
                entries[parent]["child"] = index
            else:
                entries[previous]["right"] = index
            previous = index
            if isinstance(value, dict):
                add(value, index)

    add(tree, 0)
    mini, mini_fat, big = bytearray(), [], []
    for entry in entries:
        data = entry.get("data")
        if not isinstance(data, bytes) or not data:
            continue
        if len(data) < CUTOFF:
            entry["mini_start"] = len(mini) // MINI_SECTOR
            count = -(-len(data) // MINI_SECTOR)
            mini_fat.extend([0] * count)
            _chain(mini_fat, entry["mini_start"], count)  # type: ignore[arg-type]
            mini += data.ljust(count * MINI_SECTOR, b"\0")
        else:
            big.append(entry)
    sectors = lambda size: -(-size // SECTOR)  # noqa: E731
    data_sectors = sum(sectors(len(e["data"])) for e in big)  # type: ignore[arg-type]
    layout = [data_sectors, sectors(len(mini)), sectors(len(mini_fat) * 4),
              sectors(len(entries) * 128)]
    fat_count = 1
    while fat_count * (SECTOR // 4) < fat_count + sum(layout):
        fat_count += 1
    fat = [FREE] * (fat_count * SECTOR // 4)
    fat[:fat_count] = [FAT_SECTOR] * fat_count
    body = bytearray()
    position = fat_count
    for entry in big:
        data = entry["data"]
        entry["start"] = position
        _chain(fat, position, sectors(len(data)))  # type: ignore[arg-type]
        body += data.ljust(sectors(len(data)) * SECTOR, b"\0")  # type: ignore[union-attr]
        position += sectors(len(data))  # type: ignore[arg-type]
    starts = []
    for blob in (bytes(mini), b"".join(struct.pack("<I", n) for n in mini_fat)):
        starts.append(position if blob else END)
        _chain(fat, position, sectors(len(blob)))
        body += blob.ljust(sectors(len(blob)) * SECTOR, b"\0")
        position += sectors(len(blob))
    mini_start, mini_fat_start = starts
    directory = bytearray()
    for entry in entries:
        data = entry.get("data")
        if entry["kind"] == 5:
            start, size = mini_start, len(mini)
        elif isinstance(data, bytes) and data:
            start = entry.get("start", entry.get("mini_start"))  # type: ignore[assignment]
            size = len(data)
        else:
            start, size = END, 0
        directory += _entry(str(entry["name"]), int(entry["kind"]),  # type: ignore[call-overload]
                            entry["child"], entry.get("right", NO_STREAM), start, size)
    directory_start = position
    _chain(fat, position, sectors(len(directory)))
    body += bytes(directory).ljust(sectors(len(directory)) * SECTOR, b"\0")
    difat = list(range(fat_count)) + [FREE] * (109 - fat_count)
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<IIIIIIIII", 0, fat_count, directory_start, 0, CUTOFF,
                            mini_fat_start, sectors(len(mini_fat) * 4), END, 0)
              + b"".join(struct.pack("<I", n) for n in difat))
    fat_bytes = b"".join(struct.pack("<I", n) for n in fat)
    return header + fat_bytes + bytes(body)


def _text(value: str) -> bytes:
    return value.encode("utf-16-le")


def _properties(header: bytes, fixed: dict[int, int]) -> bytes:
    """A property stream: its header, then one 16-byte entry per fixed-size property."""
    return header + b"".join(struct.pack("<IIQ", tag, 6, value) for tag, value in fixed.items())


def _message(subject: str, body: str, files: list[tuple[str, bytes | Tree]],
             top: bool) -> Tree:
    header_counts = struct.pack("<IIII", 0, len(files), 0, len(files))
    header = b"\0" * 8 + header_counts + (b"\0" * 8 if top else b"")
    tree: Tree = {
        "__properties_version1.0": _properties(header, {}),
        "__substg1.0_001A001F": _text("IPM.Note"),
        "__substg1.0_0037001F": _text(subject),
        "__substg1.0_1000001F": _text(body),
    }
    if top:
        tree["__nameid_version1.0"] = {"__substg1.0_00020102": b"",
                                       "__substg1.0_00030102": b"",
                                       "__substg1.0_00040102": b""}
    for number, (name, content) in enumerate(files):
        embedded = isinstance(content, dict)
        attachment: Tree = {
            "__properties_version1.0": _properties(b"\0" * 8, {
                0x37050003: 5 if embedded else 1, 0x0E210003: number}),
            "__substg1.0_3707001F": _text(name),
            "__substg1.0_3704001F": _text(name[:12]),
            "__substg1.0_3001001F": _text(name),
        }
        if embedded:
            attachment["__substg1.0_3701000D"] = content  # type: ignore[assignment]
        else:
            attachment["__substg1.0_37010102"] = content  # type: ignore[assignment]
        tree[f"__attach_version1.0_#{number:08X}"] = attachment
    return tree


def outlook_message(files: list[tuple[str, bytes]], subject: str = "Nomination",
                    body: str = "Please find the letter attached.",
                    forwarded: list[tuple[str, bytes]] | None = None) -> bytes:
    """An Outlook .msg ([MS-OXMSG]) carrying `files`, and optionally a forwarded message
    (an embedded .msg) carrying `forwarded`."""
    items: list[tuple[str, bytes | Tree]] = list(files)
    if forwarded is not None:
        items.append(("Fwd: letter", _message("Fwd", "forwarded", list(forwarded), top=False)))
    return compound_file(_message(subject, body, items, top=True))


def _attribute(level: int, name: int, kind: int, data: bytes) -> bytes:
    return (struct.pack("<BHHI", level, name, kind, len(data)) + data
            + struct.pack("<H", sum(data) & 0xFFFF))


def tnef(files: list[tuple[str, bytes]]) -> bytes:
    """A winmail.dat ([MS-OXTNEF]) carrying `files` as attachments."""
    out = struct.pack("<IH", 0x223E9F78, 0x0001)
    out += _attribute(1, 0x9006, 0x0008, struct.pack("<I", 0x00010000))  # attTnefVersion
    out += _attribute(1, 0x9007, 0x0006, struct.pack("<II", 1252, 0))  # attOemCodepage
    out += _attribute(1, 0x8008, 0x0007, b"IPM.Microsoft Mail.Note\0")  # attMessageClass
    for name, data in files:
        out += _attribute(2, 0x9002, 0x0006, struct.pack("<HIHHI", 1, 0xFFFFFFFF, 1, 1, 0))
        out += _attribute(2, 0x8010, 0x0001, name.encode("utf-8") + b"\0")  # attAttachTitle
        out += _attribute(2, 0x800F, 0x0006, data)  # attAttachData
    return out


def zip_of(files: list[tuple[str, bytes]], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in files:
            archive.writestr(name, data)
    return buffer.getvalue()
