"""export_ecosystem: formats, partner-only records, clear errors."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from tests.ecosystem.exchange.conftest import export

pytestmark = pytest.mark.django_db


def test_public_only_leaves_partner_records_out_of_hsds_and_graphml(full_register, tmp_path):
    call_command("export_ecosystem", format="hsds", output=str(tmp_path / "h"), public_only=True)
    services = json.loads((tmp_path / "h" / "services.json").read_text("utf-8"))
    assert str(full_register["service"].pk) not in {s["id"] for s in services}
    assert len(services) == 2

    call_command(
        "export_ecosystem", format="graphml", output=str(tmp_path / "g.graphml"), public_only=True
    )
    text = (tmp_path / "g.graphml").read_text("utf-8")
    assert str(full_register["service"].pk) not in text
    assert str(full_register["guidance"].pk) in text


def test_full_copies_have_no_public_only(full_register, tmp_path):
    with pytest.raises(CommandError, match="json, csv and xlsx are full copies"):
        call_command(
            "export_ecosystem", format="json", output=str(tmp_path / "a.json"), public_only=True
        )


def test_hsds_needs_a_directory(full_register, tmp_path):
    file = export("json", tmp_path / "a.json")
    with pytest.raises(CommandError, match="HSDS is written to a directory"):
        call_command("export_ecosystem", format="hsds", output=str(file))


def test_unwritable_path_is_a_clear_error(full_register, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", "utf-8")
    with pytest.raises(CommandError, match="Cannot write"):
        call_command("export_ecosystem", format="json", output=str(blocker / "sub" / "a.json"))


def test_unknown_format_is_refused_by_the_parser(db, tmp_path):
    with pytest.raises(CommandError, match="invalid choice"):
        call_command("export_ecosystem", "--format", "pdf", "-o", str(tmp_path / "a.pdf"))
