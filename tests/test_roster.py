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


# -- issue 11, item 7: a roster that keeps everyone ------------------------------------------------
def _xlsx(path, rows, title="Datos"):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _by_email(result):
    return {p.email: p for p in result.participants}


def test_split_name_columns_are_joined_given_names_then_surnames(tmp_path):
    guatemala = _xlsx(tmp_path / "guatemala.xlsx", [
        ["Lista de participantes – Guatemala"],
        [],
        ["No.", "Nombres", "Primer apellido", "Segundo apellido",
         "Correo electrónico institucional", "País", "Institución", "Puesto"],
        [1, "ANA MARÍA", "GARCÍA", "LÓPEZ", "ana.garcia@example.org", "Guatemala", "IGM",
         "Analista"],
        [2, "José", "Núñez", None, "jose.nunez@example.org", "Guatemala", "SEGEPLAN", "Jefe"],
    ])
    canada = _csv(tmp_path / "canada.csv", [["Françoise", "Lefèvre", "f.lefevre@example.org",
                                             "Canada", "IRCC", "Officer"]],
                  header=("First name", "Last name", "Email", "Country", "Organization",
                          "Job title"))
    # surnames before the given names in the file: still joined given names first
    mexico = _csv(tmp_path / "mexico.csv", [["Peña Núñez", "Íñigo", "inigo@example.org", "MEX"]],
                  header=("Apellidos", "Nombre", "Correo", "País"))
    peru_style = _csv(tmp_path / "hnd.csv", [["Ordóñez Paz, Begoña", "begona@example.org", "HN"],
                                             ["Sin Coma Rosa", "rosa@example.org", "HN"]],
                      header=("Apellidos y nombres", "E-mail", "País"))
    result = import_lists([guatemala, canada, mexico, peru_style])
    assert result.problems == []
    names = {e: p.full_name for e, p in _by_email(result).items()}
    assert names == {"ana.garcia@example.org": "Ana María García López",
                     "jose.nunez@example.org": "José Núñez",
                     "f.lefevre@example.org": "Françoise Lefèvre",
                     "inigo@example.org": "Íñigo Peña Núñez",
                     "begona@example.org": "Begoña Ordóñez Paz",
                     "rosa@example.org": "Sin Coma Rosa"}
    assert any("hnd.csv row 3" in n and "surnames first without a comma" in n
               for n in result.notes)


def test_header_below_title_rows_and_rows_numbered_as_in_the_file(tmp_path):
    path = tmp_path / "salvador.csv"
    path.write_text("Lista de participantes – El Salvador\n"
                    "Taller regional, 2020\n"
                    ";;;\n"
                    "Nombre completo;Correo;País;Institución;Cargo\n"
                    "Ana Gómez;ana@example.org;El Salvador;DGME;Analista\n"
                    "Luis Díaz;luis@;El Salvador;DGME;Analista\n"
                    "Rosa Cruz;rosa@example.org;SLV;RREE;Cónsul\n", encoding="utf-8")
    result = import_lists([path])
    assert [p.id for p in result.participants] == ["SLV-01", "SLV-02"]
    assert [(p.file, p.row, p.field) for p in result.problems] == [("salvador.csv", 6, "email")]
    assert any("header found in row 4" in n for n in result.notes)


def test_xlsx_header_found_on_a_later_sheet(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Instrucciones: complete la hoja Participantes"])
    sheet = book.create_sheet("Participantes")
    sheet.append(["Nombre y apellidos", "E-mail", "País"])
    sheet.append(["Ana Gómez", "ana@example.org", "Panamá"])
    book.save(tmp_path / "pan.xlsx")
    result = import_lists([tmp_path / "pan.xlsx"])
    assert [p.id for p in result.participants] == ["PAN-01"]
    assert any("sheet 'Participantes'" in n for n in result.notes)


def test_utf16_tab_separated_unicode_text_from_excel(tmp_path):
    text = ("Lista de participantes – Honduras\t\t\t\t\n"
            "Nombre\tApellidos\tE-mail\tPaís\tEntidad\tCargo\n"
            "Begoña\tOrdóñez\tbegona@example.org\tHonduras\tINM, Honduras\tDirectora\n"
            "Iñaki\tPeña\tinaki@example.org\tHND\tSRE\tAnalista\n")
    (tmp_path / "honduras.txt").write_bytes(text.encode("utf-16"))  # with BOM, as Excel saves
    (tmp_path / "belize.csv").write_bytes(text.replace("Honduras", "Belice").replace("HND", "BZ")
                                          .replace("@", "@bz.").encode("utf-16-le"))  # no BOM
    result = import_lists([tmp_path / "honduras.txt", tmp_path / "belize.csv"])
    assert result.problems == []
    people = _by_email(result)
    assert people["begona@example.org"] == Participant(
        "HND-01", "Begoña Ordóñez", "begona@example.org", "HND", "INM, Honduras", "Directora")
    assert people["inaki@bz.example.org"].id == "BLZ-02"
    assert sum("read as UTF-16" in n for n in result.notes) == 2


def test_the_separator_is_the_one_that_finds_the_header(tmp_path):
    # a semicolon list whose cells hold more commas than the file has semicolons
    path = tmp_path / "cri.csv"
    path.write_text("Nombre completo;Correo;País;Institución\n"
                    "Ana Gómez;ana@example.org;Costa Rica;Ministerio de Planificación, MIDEPLAN, "
                    "área de desarrollo, sede central, San José, Costa Rica\n", encoding="utf-8")
    result = import_lists([path])
    assert [p.id for p in result.participants] == ["CRI-01"]
    assert result.participants[0].institution.startswith("Ministerio de Planificación, MIDEPLAN")


def test_spanish_header_wordings(tmp_path):
    path = _csv(tmp_path / "nic.csv", [["rosa cruz", "ROSA@EXAMPLE.ORG", "Nicaragua", "DGME",
                                        "Analista"]],
                header=("Nombre y apellidos", "Correo electrónico institucional", "País",
                        "Entidad", "Puesto"))
    result = import_lists([path])
    assert result.participants == [Participant("NIC-01", "Rosa Cruz", "rosa@example.org", "NIC",
                                               "DGME", "Analista")]


def test_a_missing_column_names_the_headers_found_and_accepted(tmp_path):
    path = tmp_path / "dom.csv"
    path.write_text("Participantes – República Dominicana\n"
                    "Nombre y apellidos,Teléfono,País\n"
                    "Ana Gómez,809 555 0101,RD\n", encoding="utf-8")
    result = import_lists([path])
    assert result.participants == []
    (problem,) = result.problems
    assert (problem.file, problem.field) == ("dom.csv", "file")
    assert "no column for email" in problem.reason
    assert "Row 2, the likeliest header, has: 'Nombre y apellidos', 'Teléfono', 'País'" \
        in problem.reason
    assert "correo electrónico institucional" in problem.reason


def test_observers_and_civil_society_enrolled_with_their_own_ids(tmp_path):
    with_category = _csv(tmp_path / "invitados.csv", [
        ["Ana Gómez", "ana@example.org", "Miembro", "Guatemala", "IGM"],
        ["Paul Martin", "pmartin@example.org", "Observador", "", "OIM"],
        ["Lucía Ríos", "lrios@example.org", "País observador", "Colombia", "Cancillería"],
        ["Juan Pérez", "jperez@example.org", "Sociedad civil", "", "RROCM – Honduras"],
        ["Eva Solís", "esolis@example.org", "Invitada", "", "X"],       # unknown category
        ["Raúl Vega", "rvega@example.org", "Observador", "", ""],        # no organisation
        ["Inés Mora", "imora@example.org", "", "Guatemala", "SEGEPLAN"],  # blank: member
    ], header=("Nombre completo", "Correo", "Tipo de participante", "País", "Institución"))
    in_country_cell = _csv(tmp_path / "otros.csv", [
        ["Marie Roy", "mroy@example.org", "Observadora", "ACNUR", "Oficial"],
        ["Luis Paz", "lpaz@example.org", "Sociedad civil", "Red Jesuita con Migrantes", ""],
        ["Olga Ruiz", "oruiz@example.org", "Colombia", "Migración Colombia", ""],  # no category
    ])
    result = import_lists([with_category, in_country_cell])
    got = {p.id: (p.category, p.country, p.institution) for p in result.participants}
    assert got == {
        "GTM-01": ("member", "GTM", "IGM"), "GTM-02": ("member", "GTM", "SEGEPLAN"),
        "OBS-01": ("observer", "", "Cancillería (Colombia)"),
        "OBS-02": ("observer", "", "ACNUR"), "OBS-03": ("observer", "", "OIM"),
        "CSO-01": ("civil_society", "", "RROCM – Honduras"),
        "CSO-02": ("civil_society", "", "Red Jesuita con Migrantes")}
    assert [(p.file, p.row, p.field) for p in result.problems] == [
        ("invitados.csv", 6, "category"), ("invitados.csv", 7, "institution"),
        ("otros.csv", 4, "country")]
    assert "Observador (observer)" in result.problems[0].reason
    assert "organisation" in result.problems[1].reason
    assert "Observador or Sociedad civil" in result.problems[2].reason

    roster = tmp_path / "private" / "participants.roster.csv"
    write_roster(result.participants, roster)
    assert read_roster(roster) == result.participants
    later = _csv(tmp_path / "late.csv", [["Nuevo Obs", "nuevo@example.org", "Observer", "",
                                          "UNHCR"]],
                 header=("Full name", "E-mail", "Category", "Country", "Institution"))
    again = import_lists([with_category, in_country_cell, later], read_roster(roster))
    ids = {p.email: p.id for p in again.participants}
    assert ids == {p.email: p.id for p in result.participants} | {"nuevo@example.org": "OBS-04"}


def test_a_roster_written_before_categories_is_still_read(tmp_path):
    import pytest

    from migration_course.core.csvfiles import RecordFileError

    old = tmp_path / "participants.roster.csv"
    old.write_text("id,full_name,email,country,institution,role\n"
                   "GTM-01,Ana Gómez,ana@example.org,GTM,IGM,Analista\n", encoding="utf-8")
    (ana,) = read_roster(old)
    assert ana == Participant("GTM-01", "Ana Gómez", "ana@example.org", "GTM", "IGM", "Analista")
    assert ana.category == "member" and ana.group == "GTM"
    bad = tmp_path / "edited.csv"
    bad.write_text("id,full_name,email,country,institution,role,category\n"
                   "OBS-01,Paul Martin,p@example.org,,OIM,,observador\n", encoding="utf-8")
    with pytest.raises(RecordFileError, match="OBS-01 has the category 'observador'"):
        read_roster(bad)


def test_observer_certificate_prints_the_organisation(tmp_path):
    from pypdf import PdfReader

    from migration_course.certificates.eligibility import Decision
    from migration_course.certificates.issue import issue
    from migration_course.certificates.register import read_register
    from tools.demo_course import demo_completion

    people = [Participant("OBS-01", "Paul Martin", "p@example.org", "", "OIM", "", "observer"),
              Participant("CSO-01", "Juan Pérez", "j@example.org", "", "RROCM", "",
                          "civil_society"),
              Participant("GTM-01", "Ana Gómez", "a@example.org", "GTM", "IGM", "")]
    folder = tmp_path / "certificates"
    result = issue(folder, people, [Decision(p.id, True) for p in people], demo_completion())
    assert result.failed == {} and sorted(result.new) == ["CSO-01", "GTM-01", "OBS-01"]
    shown = {e.participant: e.country for e in read_register(folder / "register.csv")}
    assert shown == {"OBS-01": "OIM", "CSO-01": "RROCM", "GTM-01": "Guatemala"}
    assert "OIM" in PdfReader(folder / "OBS-01.pdf").pages[0].extract_text()


def test_observers_and_civil_society_are_their_own_groups_in_the_report():
    from types import SimpleNamespace

    from migration_course.grading.pipeline import StudentStatus
    from migration_course.report import gain

    people = ([Participant(f"GTM-0{n}", "X", f"g{n}@example.org", "GTM", "IGM", "")
               for n in range(1, 4)]
              + [Participant(f"OBS-0{n}", "X", f"o{n}@example.org", "", "OIM", "", "observer")
                 for n in range(1, 4)]
              + [Participant(f"CSO-0{n}", "X", f"c{n}@example.org", "", "RROCM", "",
                             "civil_society") for n in range(1, 4)])

    def graded(pid, score):
        return StudentStatus(pid, "graded", score=score, item_scores={"K": score})

    bank = SimpleNamespace(knowledge=(SimpleNamespace(id="K", points=1.0),))
    cohort = gain.Cohort(tuple(people), {p.id: graded(p.id, 0.0) for p in people},
                         {p.id: graded(p.id, 1.0) for p in people}, bank)
    table = gain.by_group(cohort, "country").set_index("group")
    assert list(table.index) == ["Guatemala", "Civil society (RROCM)", "RCM observers"]
    assert (table["pairs"] == 3).all() and (table["note"] == "").all()


def test_same_name_pair_imported_warned_and_matched_by_email_only(tmp_path):
    from migration_course.attendance.match import match_rows
    from migration_course.attendance.readers import JoinRow

    gtm = _csv(tmp_path / "gtm.csv", [["Ana García", "ana.garcia@example.org", "GTM", "IGM", ""]])
    mex = _csv(tmp_path / "mex.csv", [["x", "x@example.org", "MEX", "", ""],
                                      ["ANA GARCIA", "agarcia@example.org", "MEX", "SRE", ""]])
    result = import_lists([gtm, mex])
    assert result.problems == []
    assert {p.id: p.full_name for p in result.participants} == {
        "GTM-01": "Ana García", "MEX-01": "Ana Garcia", "MEX-02": "X"}
    (note,) = [n for n in result.notes if "different people" in n]
    assert "gtm.csv row 2" in note and "mex.csv row 3" in note and "e-mail" in note

    def join(name, email=""):
        return JoinRow("zoom.csv", 2, name, email, None, None, 60.0)

    rows = [join("Ana García"), join("GARCIA, Ana"), join("Ana"), join("García Ana (Ana García)"),
            join("Ana García", "AGarcia@example.org"), join("a", "ana.garcia@example.org")]
    matched = match_rows(rows, result.participants)
    assert {pid: [r.email for r in rs] for pid, rs in matched.by_participant.items()} == {
        "MEX-01": ["AGarcia@example.org"], "GTM-01": ["ana.garcia@example.org"]}
    assert all(set(ids) == {"GTM-01", "MEX-01"} for _, ids in matched.ambiguous)
    assert len(matched.ambiguous) + len(matched.unmatched) == 4


def test_header_aliases_are_unambiguous():
    from migration_course.roster import HEADERS, NAME_OR_GIVEN, NAME_PARTS

    words = [fold(a) for aliases in (*HEADERS.values(), *NAME_PARTS, NAME_OR_GIVEN)
             for a in aliases]
    assert len(words) == len(set(words))


def test_a_broken_xlsx_is_one_problem_and_the_other_lists_are_read(tmp_path):
    broken = tmp_path / "broken.xlsx"
    broken.write_text("Nombre,Correo,País\n", encoding="utf-8")  # a CSV renamed to .xlsx
    good = _csv(tmp_path / "ok.csv", [["Ana Gómez", "ana@example.org", "CRI", "", ""]])
    result = import_lists([broken, good])
    assert [p.id for p in result.participants] == ["CRI-01"]
    assert [(p.file, p.field) for p in result.problems] == [("broken.xlsx", "file")]
    assert "not a readable XLSX file" in result.problems[0].reason
