"""A workbook that cannot be read is refused with the file's own name and translated words,
never the server's upload path or a library's English message."""

import zipfile

import pytest
from django.utils import translation

from ecosystem.exchange.tabular_reader import read_xlsx
from indicators.exchange.reading import read_xlsx as read_indicator_xlsx
from portal.kernel.problems import ImportRefused


def _broken_workbook(tmp_path):
    path = tmp_path / "upload-3f9c2a" / "stored-name.xlsx"
    path.parent.mkdir()
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")  # no workbook part at all
    return path


@pytest.mark.parametrize("reader", [read_xlsx, read_indicator_xlsx])
def test_an_unreadable_workbook_names_the_file_not_the_server_path(tmp_path, reader):
    path = _broken_workbook(tmp_path)
    with translation.override("fi"):
        with pytest.raises(ImportRefused) as refused:
            reader(path, "Kuntien palvelut.xlsx")
        text = "\n".join(refused.value.messages())
    assert "Kuntien palvelut.xlsx" in text
    assert str(tmp_path) not in text and "stored-name" not in text
    assert "XLSX-työkirjaa ei voi lukea" in text
    assert "archive" not in text and "Error" not in text  # no library English
