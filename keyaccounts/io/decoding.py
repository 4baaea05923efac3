"""Bytes to text only with an encoding the import can justify.

A byte-order mark, an encoding the user names (``--encoding``), strict UTF-8, or
strict GB18030 whose text reads as Chinese (GB2312's everyday characters and
punctuation). Anything else — Latin-1, Big5, Shift-JIS read as GB18030 give
plausible-looking nonsense — is refused with a request for ``--encoding``
instead of storing "M黮ler".
"""

from __future__ import annotations

import codecs
from collections.abc import Callable

from keyaccounts.i18n import _
from keyaccounts.io.problems import ImportFailed, line_place, problem

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
         (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def reads_as_chinese(text: str) -> bool:
    """Whether GB18030-decoded *text* looks like Chinese rather than another encoding misread.

    Real Chinese text is almost entirely GB2312's first-level characters and its
    punctuation; a Latin-1, Big5 or Shift-JIS file read as GB18030 gives rare
    characters, private-use code points and four-byte sequences instead.
    """
    wide = [ch for ch in text if ord(ch) > 0x7F]
    if not wide:
        return True
    common = 0
    for ch in wide:
        try:
            lead = ch.encode("gb2312")[0]
        except UnicodeEncodeError:
            continue
        common += lead <= 0xA9 or 0xB0 <= lead <= 0xD7
    return common >= 0.8 * len(wide)


def check_encoding(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise ImportFailed([_("--encoding {name}: no such encoding (for example utf-8, gb18030, "
                              "big5, shift_jis, latin-1)").format(name=name)]) from None


def decode(data: bytes, file: str, encoding: str | None = None, *,
           line_in_file: Callable[[int], int] | None = None) -> tuple[str, str]:
    """(text, encoding used), or ImportFailed saying where the bytes do not fit: the
    line of *data*, or the file's line that *line_in_file* gives for it (when *data* is
    a sample of the file's lines)."""

    def place(position: int) -> str:
        line = _line_of(data, position)
        return line_place(line_in_file(line) if line_in_file else line)

    if encoding:
        name = check_encoding(encoding)
        if name == "utf-8" and data.startswith(codecs.BOM_UTF8):
            name = "utf-8-sig"
        try:
            return data.decode(name), name
        except UnicodeDecodeError as exc:
            raise ImportFailed([problem(file, place(exc.start), "", None,
                                        _("not valid {encoding} text (byte 0x{byte:02X})").format(
                                            encoding=encoding, byte=data[exc.start]))]) from None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise ImportFailed([problem(file, place(exc.start), "", None,
                                            _("not valid {encoding} text although it starts "
                                              "with its byte-order mark").format(
                                                encoding=name))]) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        where = place(exc.start)
        byte = data[exc.start]
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and reads_as_chinese(text):
        return text, "gb18030"
    raise ImportFailed([problem(file, where, "", None, _(
        "the text is neither UTF-8 nor Chinese GB18030 (byte 0x{byte:02X}); say which encoding "
        "it is in with --encoding, for example latin-1, big5 or shift_jis").format(byte=byte))])
