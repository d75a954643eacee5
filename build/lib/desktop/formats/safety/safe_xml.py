"""Parsing untrusted XML: no DTDs, no entities, no network, no huge trees.

Office parts never need a document type declaration, so any part that carries one (the
"billion laughs" attack, external entities pointing at local files or URLs) is refused before it
reaches a parser. :func:`check_xml_bytes` is the pre-scan used for every part of a package,
including the parts openpyxl reads itself; :func:`parse_xml` parses with a locked-down lxml parser.
"""

from __future__ import annotations

import re

from lxml import etree

from desktop.formats.errors import FormatError

DTD_MESSAGE = "文件中含有不允许的 XML 声明（DTD/实体），可能是恶意文件，已拒绝导入。"
BROKEN_MESSAGE = "文件中的 XML 内容已损坏，无法读取。"

_FORBIDDEN = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def _as_utf8(data: bytes) -> bytes:
    """UTF-16/32 encoded XML re-encoded for the byte scan (Office parts are UTF-8 almost always)."""
    head = data[:4]
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
                       (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return data.decode(codec, errors="replace").encode("utf-8")
    if b"\x00" in data[:64]:
        codec = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
        return data.decode(codec, errors="replace").encode("utf-8")
    return data


def check_xml_bytes(data: bytes) -> None:
    """Refuse XML that declares a DOCTYPE or entities, in any encoding."""
    if _FORBIDDEN.search(data):
        raise FormatError(DTD_MESSAGE)
    converted = _as_utf8(data)
    if converted is not data and _FORBIDDEN.search(converted):
        raise FormatError(DTD_MESSAGE)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                           dtd_validation=False, remove_comments=True, remove_pis=True)


def parse_xml(data: bytes) -> etree._Element:
    """The root element of an untrusted XML part; FormatError for DTDs or broken XML."""
    check_xml_bytes(data)
    try:
        root = etree.fromstring(data, parser=_parser())
    except (etree.XMLSyntaxError, ValueError):
        raise FormatError(BROKEN_MESSAGE) from None
    if root is None:
        raise FormatError(BROKEN_MESSAGE)
    if root.getroottree().docinfo.doctype:
        raise FormatError(DTD_MESSAGE)
    return root
