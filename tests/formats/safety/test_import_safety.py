"""Untrusted files: every damaged, hostile or random input imports or gives one plain sentence.

Each file import runs in a forked child process; a child that neither returns a plan nor raises
FormatError within 10 s counts as a hang and fails the test (the child is killed), so a hang can
never freeze the suite. A crash (any other exception) fails too. After each import the folder must
hold exactly the files it held before: an import leaves nothing behind.
"""

from __future__ import annotations

import io
import multiprocessing
import random
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.formats.errors import FormatError
from desktop.formats.importers import import_clipboard, import_file, import_text
from desktop.formats.legacy.sources import NOT_SHEET_MESSAGE, NOT_WORD_MESSAGE
from desktop.formats.plan_json import dumps
from desktop.formats.safety.safe_xml import DTD_MESSAGE
from desktop.formats.safety.safe_zip import BOMB_MESSAGE, LEGACY_MESSAGE
from tests.support.ooxml_build import CONTENT_TYPES, RELS, document_xml, para, write_docx
from tests.support.zip_bomb import zip_bomb_docx

HANG_SECONDS = 10.0
SAMPLES = ["laiwu-2024.docx", "laiwu-2024.xlsx", "taian-2017.docx", "taian-2017.xlsx"]
FUZZ = settings(max_examples=20, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
"""


def _child(conn: Any, path: str, kwargs: dict[str, Any]) -> None:
    try:
        plan = import_file(Path(path), **kwargs)
        plan.check_invariants()
        conn.send(("plan", dumps(plan)))
    except FormatError as error:
        conn.send(("error", str(error)))
    except BaseException as error:  # reported to the parent, which fails the test
        conn.send(("crash", f"{type(error).__name__}: {error}"))


def guarded_import(path: Path, **kwargs: Any) -> tuple[str, str]:
    """("plan", fenjie JSON) or ("error", message); fails the test on a crash, a hang or litter."""
    before = sorted(p.name for p in path.parent.iterdir())
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, str(path), kwargs))
    child.start()
    sender.close()
    try:
        if not receiver.poll(HANG_SECONDS):
            pytest.fail(f"importing {path.name} took more than {HANG_SECONDS:.0f} s (a hang)")
        outcome, detail = receiver.recv()
    except EOFError:
        pytest.fail(f"importing {path.name} killed the process (exit code {child.exitcode})")
    finally:
        if child.is_alive():
            child.kill()
        child.join()
    assert outcome != "crash", f"importing {path.name} crashed: {detail}"
    if outcome == "error":
        assert_plain_sentence(detail)
    assert sorted(p.name for p in path.parent.iterdir()) == before, "the import left files behind"
    return outcome, detail


def assert_plain_sentence(message: str) -> None:
    assert message and "\n" not in message and len(message) < 200
    assert message.endswith("。")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message)
    assert "Traceback" not in message and "Error" not in message


def _fresh(tmp_path: Path, name: str, data: bytes) -> Path:
    folder = tmp_path / f"case-{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    path = folder / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("sample", SAMPLES)
def test_the_unharmed_samples_import_in_a_child(samples_dir: Path, tmp_path: Path, sample: str) -> None:
    path = _fresh(tmp_path, sample, (samples_dir / sample).read_bytes())
    outcome, _ = guarded_import(path)
    assert outcome == "plan"


@pytest.mark.parametrize("sample", SAMPLES)
@pytest.mark.parametrize("fraction", [0.0, 0.05, 0.3, 0.5, 0.8, 0.95, 0.999])
def test_truncated_files_give_a_plain_error(samples_dir: Path, tmp_path: Path, sample: str,
                                            fraction: float) -> None:
    data = (samples_dir / sample).read_bytes()
    path = _fresh(tmp_path, sample, data[: int(len(data) * fraction)])
    outcome, _ = guarded_import(path)
    assert outcome == "error"


@pytest.mark.parametrize("sample", SAMPLES)
def test_bit_flipped_files_import_or_give_a_plain_error(samples_dir: Path, tmp_path: Path,
                                                        sample: str) -> None:
    data = (samples_dir / sample).read_bytes()

    @FUZZ
    @given(st.lists(st.tuples(st.integers(0, len(data) - 1), st.integers(0, 7)), min_size=1, max_size=6))
    def flip(flips: list[tuple[int, int]]) -> None:
        damaged = bytearray(data)
        for position, bit in flips:
            damaged[position] ^= 1 << bit
        guarded_import(_fresh(tmp_path, sample, bytes(damaged)))

    flip()


@pytest.mark.parametrize("sample", SAMPLES)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_shuffled_entries_import_the_same_plan(samples_dir: Path, tmp_path: Path, sample: str,
                                              seed: int) -> None:
    source = zipfile.ZipFile(samples_dir / sample)
    infos = source.infolist()
    random.Random(seed).shuffle(infos)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in infos:
            method = zipfile.ZIP_STORED if seed == 2 else zipfile.ZIP_DEFLATED
            target.writestr(info.filename, source.read(info.filename), compress_type=method)
    outcome, plan_json = guarded_import(_fresh(tmp_path, sample, buffer.getvalue()))
    assert outcome == "plan"
    assert plan_json == dumps(import_file(samples_dir / sample))


def test_zip_bomb_is_refused(tmp_path: Path) -> None:
    path = zip_bomb_docx(tmp_path / "bomb.docx")  # 1 GB of zeros in about 1 MB
    assert path.stat().st_size < 2_000_000
    assert guarded_import(path) == ("error", BOMB_MESSAGE)


def test_zip_bomb_with_a_lying_size_is_refused(tmp_path: Path) -> None:
    path = zip_bomb_docx(tmp_path / "liar.docx", declared_size=1000)
    outcome, _ = guarded_import(path)
    assert outcome == "error"


def test_high_ratio_entry_and_too_many_entries_are_refused(tmp_path: Path) -> None:
    ratio = zip_bomb_docx(_fresh(tmp_path, "ratio.docx", b""), size=8 << 20)
    assert guarded_import(ratio) == ("error", BOMB_MESSAGE)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", document_xml(para("x")))
        for index in range(3000):
            archive.writestr(f"word/media/empty{index}.bin", b"")
    assert guarded_import(_fresh(tmp_path, "many.docx", buffer.getvalue())) == ("error", BOMB_MESSAGE)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_billion_laughs_document_is_refused(tmp_path: Path, encoding: str) -> None:
    body = para("&lol9;")
    document = BILLION_LAUGHS.replace('<?xml version="1.0"?>', f'<?xml version="1.0" encoding="{encoding}"?>')
    text = document + document_xml(body).split("?>", 1)[1]
    path = _fresh(tmp_path, "lol.docx", b"")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", text.encode(encoding))
    assert guarded_import(path) == ("error", DTD_MESSAGE)


def test_external_entity_is_refused(tmp_path: Path) -> None:
    prolog = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    path = write_docx(_fresh(tmp_path, "xxe.docx", b""), para("&xxe;"), prolog=prolog)
    assert guarded_import(path) == ("error", DTD_MESSAGE)


def test_billion_laughs_in_an_xlsx_part_is_refused(samples_dir: Path, tmp_path: Path) -> None:
    source = zipfile.ZipFile(samples_dir / "laiwu-2024.xlsx")
    path = _fresh(tmp_path, "lol.xlsx", b"")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/sharedStrings.xml":
                data = BILLION_LAUGHS.encode() + data.split(b"?>", 1)[1]
            target.writestr(info.filename, data)
    assert guarded_import(path) == ("error", DTD_MESSAGE)


def test_docx_without_a_table_gives_the_plain_sentence(tmp_path: Path) -> None:
    path = write_docx(_fresh(tmp_path, "notable.docx", b""), para("只有一段文字。"))
    assert guarded_import(path) == ("error", "这个文件里没有找到表格。")


@pytest.mark.parametrize(("name", "message"), [
    ("old.doc", NOT_WORD_MESSAGE), ("old.xls", NOT_SHEET_MESSAGE),
    ("protected.docx", LEGACY_MESSAGE), ("protected.xlsx", LEGACY_MESSAGE)])
def test_damaged_legacy_and_password_protected_files_are_refused_plainly(tmp_path: Path, name: str,
                                                                         message: str) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096)  # a compound-file signature and nothing valid
    assert guarded_import(_fresh(tmp_path, name, ole)) == ("error", message)


def test_encrypted_zip_entry_is_refused(samples_dir: Path, tmp_path: Path) -> None:
    data = bytearray((samples_dir / "laiwu-2024.docx").read_bytes())
    name = b"word/document.xml"
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(name.decode())
    data[info.header_offset + 6] |= 0x1  # the "encrypted" flag in the local header …
    central = data.index(b"PK\x01\x02")
    while data[central + 46: central + 46 + len(name)] != name:
        central = data.index(b"PK\x01\x02", central + 4)
    data[central + 8] |= 0x1  # … and in the central directory
    assert zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(name.decode()).flag_bits & 0x1
    assert guarded_import(_fresh(tmp_path, "encrypted.docx", bytes(data))) == ("error", LEGACY_MESSAGE)


@pytest.mark.parametrize("suffix", [".docx", ".xlsx", ".txt", ".html", ".json", ".md"])
def test_random_bytes_import_or_give_a_plain_error(tmp_path: Path, suffix: str) -> None:
    @FUZZ
    @given(st.binary(max_size=4096))
    def random_file(data: bytes) -> None:
        guarded_import(_fresh(tmp_path, f"random{suffix}", data))

    random_file()


def test_missing_and_unsupported_files_give_a_plain_error(tmp_path: Path) -> None:
    for path in (tmp_path / "missing.docx", _fresh(tmp_path, "image.png", b"\x89PNG")):
        with pytest.raises(FormatError) as caught:
            import_file(path)
        assert_plain_sentence(str(caught.value))


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=2000))
def test_random_text_imports_or_gives_a_plain_error(text: str) -> None:
    for action in (lambda: import_text(text), lambda: import_clipboard(text, text),
                   lambda: import_clipboard(None, text)):
        try:
            action().check_invariants()
        except FormatError as error:
            assert_plain_sentence(str(error))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["", "一、甲", "（一）乙", "要求。", "区财政局", "序号", "具体要求",
                                          "责任单位", "1", '"引号\t', "\n"]), max_size=8), max_size=12))
def test_random_tables_paste_or_give_a_plain_error(cells: list[list[str]]) -> None:
    tsv = "\n".join("\t".join(row) for row in cells)
    html = "<table>" + "".join(
        "<tr>" + "".join(f'<td rowspan="{len(c) % 3 + 1}" colspan="{len(c) % 2 + 1}">{c}</td>' for c in row)
        + "</tr>" for row in cells) + "</table>"
    for pasted in ((None, tsv), (html, None)):
        try:
            import_clipboard(*pasted).check_invariants()
        except FormatError as error:
            assert_plain_sentence(str(error))
