"""Hand-made PDF files for hostile-input tests: objects written raw, with a correct xref table."""

from __future__ import annotations

from pathlib import Path


def write_pdf(path: Path, objects: list[bytes]) -> Path:
    """A PDF whose objects 1..n are ``objects`` (object 1 must be the catalog)."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


def stream(dictionary: bytes, data: bytes) -> bytes:
    return b"<< " + dictionary + f" /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream"


def pages_pdf(path: Path, n_pages: int) -> Path:
    """A PDF with ``n_pages`` distinct empty pages under one page tree node."""
    kids = " ".join(f"{3 + i} 0 R" for i in range(n_pages)).encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Count " + str(n_pages).encode() + b" /Kids [" + kids + b"] >>"]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * n_pages
    return write_pdf(path, objects)
