"""Private CSV files edited by hand in a spreadsheet still read, or fail with a clear message."""

import pytest

from migration_course.certificates.register import RegisterEntry, read_register, write_register
from migration_course.core.csvfiles import RecordFileError

ENTRY = RegisterEntry("RCM-MPT-2020-7KQ2-M9XH", "GTM-01", "Íñigo Peña", "Guatemala",
                      "2020-08-21", "GTM-01.pdf")


def test_round_trip_and_atomic_replace(tmp_path):
    path = tmp_path / "register.csv"
    write_register([ENTRY], path)
    assert read_register(path) == [ENTRY]
    assert not list(tmp_path.glob("*.tmp"))


def test_a_spanish_excel_save_with_bom_and_semicolons_still_reads(tmp_path):
    path = tmp_path / "register.csv"
    rows = ["code;participant;full_name;country;issued_on;file;status",
            f"{ENTRY.code};GTM-01;Íñigo Peña;Guatemala;2020-08-21;GTM-01.pdf;revoked",
            ";;;;;;",
            "RCM-MPT-2020-AAAA-BBBC;GTM-02;Ana Díaz;Guatemala;2020-08-21;GTM-02.pdf;"]
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(rows).encode("utf-8"))
    first, second = read_register(path)
    assert first.full_name == "Íñigo Peña" and first.status == "revoked"
    assert second.status == "issued"  # a blank cell takes the default


def test_a_missing_column_names_the_file_and_the_columns(tmp_path):
    path = tmp_path / "register.csv"
    path.write_text("code,participant,name\nX,GTM-01,Ana\n", encoding="utf-8")
    with pytest.raises(RecordFileError, match=r"register.csv: no column full_name, country"):
        read_register(path)
