"""Roster import: normalisation, stable pseudonymous IDs, every bad row reported."""

import csv

from migration_course.core.participants import Participant, read_roster, write_roster
from migration_course.core.textfiles import fold
from migration_course.roster import import_lists, normalise_name
from tools.synthetic_cohort import cohort, write_focal_point_lists


def _csv(path, rows, encoding="utf-8", header=("Full name", "E-mail", "Country",
                                               "Institution", "Role")):
    with path.open("w", newline="", encoding=encoding) as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


def test_names_keep_accents_and_fix_capitals():
    assert normalise_name("  JOSÉ   NÚÑEZ ") == "José Núñez"
    assert normalise_name("maría DE LA cruz") == "María de la Cruz"
    assert normalise_name("Marie McAuliffe") == "Marie McAuliffe"
    assert normalise_name("ana-lucía pérez") == "Ana-Lucía Pérez"
    assert fold("República Dominicana") == "republica dominicana"


def test_every_bad_row_reported_and_no_good_row_dropped(tmp_path):
    path = _csv(tmp_path / "gtm.csv", [
        ["JOSÉ NÚÑEZ", " Jose.Nunez@Example.org ", "Guatemala", "Instituto", "Analyst"],
        ["Ana Pérez", "ana@example.org", "Colombia", "x", "y"],          # unknown country
        ["Luis Díaz", "luis@", "GTM", "x", "y"],                         # bad e-mail
        ["", "nobody@example.org", "GTM", "x", "y"],                     # no name
        ["José Núñez", "JOSE.NUNEZ@example.org", "gt", "x", "y"],        # duplicate
        ["", "", "", "", ""],                                            # blank line: skipped
        ["Rosa Cruz", "rosa@example.org", "méxico", "SRE", "Consul"],
    ])
    result = import_lists([path])
    assert [(p.id, p.full_name, p.email) for p in result.participants] == [
        ("GTM-01", "José Núñez", "jose.nunez@example.org"),
        ("MEX-01", "Rosa Cruz", "rosa@example.org")]
    got = [(p.file, p.row, p.field) for p in result.problems]
    assert got == [("gtm.csv", 3, "country"), ("gtm.csv", 4, "email"),
                   ("gtm.csv", 5, "full_name"), ("gtm.csv", 6, "email")]
    assert "not an RCM member country" in str(result.problems[0])
    assert "duplicate of gtm.csv row 2" in str(result.problems[3])


def test_ids_are_stable_across_reimports(tmp_path):
    first = _csv(tmp_path / "a.csv", [["B One", "b@example.org", "PAN", "", ""],
                                      ["A Two", "a@example.org", "PAN", "", ""]])
    r1 = import_lists([first])
    roster = tmp_path / "private" / "participants.roster.csv"
    write_roster(r1.participants, roster)
    assert {p.email: p.id for p in r1.participants} == {"a@example.org": "PAN-01",
                                                        "b@example.org": "PAN-02"}
    later = _csv(tmp_path / "b.csv", [["Aa New", "aa@example.org", "Panamá", "", ""],
                                      ["B One", "b@example.org", "PAN", "MIGRACIÓN", ""]])
    r2 = import_lists([later], read_roster(roster))
    ids = {p.email: p.id for p in r2.participants}
    assert ids == {"a@example.org": "PAN-01", "b@example.org": "PAN-02",
                   "aa@example.org": "PAN-03"}
    assert next(p for p in r2.participants if p.id == "PAN-02").institution == "MIGRACIÓN"


def test_windows_1252_semicolon_csv_and_spanish_headers(tmp_path):
    path = tmp_path / "mx.csv"
    path.write_bytes("Nombre completo;Correo;País;Institución;Cargo\n"
                     "Óscar Peña;oscar@example.org;México;SRE;Cónsul\n".encode("cp1252"))
    result = import_lists([path])
    assert result.participants[0] == Participant("MEX-01", "Óscar Peña", "oscar@example.org",
                                                 "MEX", "SRE", "Cónsul")
    assert any("Windows-1252" in n for n in result.notes)


def test_a_bad_file_does_not_stop_the_others(tmp_path):
    bad = _csv(tmp_path / "bad.csv", [["x", "y"]], header=("Nombre", "Teléfono"))
    other = tmp_path / "list.pdf"
    other.write_text("not a list", encoding="utf-8")
    good = _csv(tmp_path / "ok.csv", [["Ana Gómez", "ana@example.org", "CRI", "", ""]])
    result = import_lists([bad, other, good])
    assert [p.id for p in result.participants] == ["CRI-01"]
    assert [(p.file, p.field) for p in result.problems] == [("bad.csv", "file"),
                                                            ("list.pdf", "file")]
    assert "no column for email, country" in result.problems[0].reason


def test_synthetic_focal_point_lists_including_xlsx(tmp_path):
    people = cohort()
    assert len(people) == 55 and all(p.email.endswith("@example.org") for p in people)
    result = import_lists(write_focal_point_lists(people, tmp_path))
    assert result.problems == []
    assert len(result.participants) == 55
    by_country = {}
    for p in result.participants:
        by_country.setdefault(p.country, []).append(p.id)
    assert all(len(v) == 5 for v in by_country.values()) and len(by_country) == 11
    assert "BLZ-05" in by_country["BLZ"]  # from the XLSX list
    names = {p.full_name for p in result.participants}
    assert names == {p.full_name for p in people}, "upper-case and padded names normalised"


def test_a_formula_in_a_list_is_imported_as_text_and_named(tmp_path):
    from migration_course.roster import import_lists

    path = tmp_path / "list.csv"
    path.write_text("Full name,E-mail,Country,Institution,Role\n"
                    "=HYPERLINK(\"x\"),ana@example.org,GTM,@Ministry,Analyst\n", encoding="utf-8")
    result = import_lists([path])
    assert [p.email for p in result.participants] == ["ana@example.org"]
    warned = [n for n in result.notes if "spreadsheet formula" in n]
    assert len(warned) == 2 and "row 2" in warned[0]
