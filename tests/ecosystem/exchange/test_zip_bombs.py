"""A small archive that unpacks large is refused from its directory before anything is
parsed, and an admin upload is sized by what it unpacks to (large: background task)."""

import zipfile

import pytest

from ecosystem.exchange.tabular_reader import read_xlsx
from portal.kernel import limits
from portal.kernel.problems import ImportRefused

MB = 1024 * 1024


def _archive(path, member_bytes):
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            chunk = b"<c>0</c>" * (MB // 8)
            for _ in range(member_bytes // MB):
                member.write(chunk)
    return path


def test_a_bomb_of_a_spreadsheet_is_refused_before_parsing(tmp_path, monkeypatch):
    """1 MB that unpacks to 160 MB: over the unpacked ceiling and the compression ratio."""
    import openpyxl

    def must_not_parse(*args, **kwargs):
        raise AssertionError("parsed a zip bomb")

    monkeypatch.setattr(openpyxl, "load_workbook", must_not_parse)
    path = _archive(tmp_path / "pommi.xlsx", 160 * MB)
    assert path.stat().st_size < 2 * MB
    with pytest.raises(ImportRefused) as refused:
        read_xlsx(path, "pommi.xlsx")
    assert "pommi.xlsx" in "\n".join(refused.value.messages())


def test_an_upload_is_sized_by_what_it_unpacks_to(tmp_path):
    path = _archive(tmp_path / "iso.xlsx", 5 * MB)
    assert path.stat().st_size < limits.background_bytes()  # small as uploaded
    assert limits.work_size(path) > limits.background_bytes()  # large to parse: background
    plain = tmp_path / "plain.csv"
    plain.write_text("a;b\n")
    assert limits.work_size(plain) == plain.stat().st_size


def test_the_ceilings_are_lower(settings):
    assert limits.DEFAULT_MAX_UNZIPPED_BYTES <= 150 * MB
    assert limits.DEFAULT_MAX_ZIP_RATIO <= 100
