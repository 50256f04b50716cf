import pytest

from withness.analysis.csvio import (
    CHECKIN_COLUMNS,
    SOLITUDE_COLUMNS,
    read_journal,
    write_journal,
)
from withness.analysis.synthetic import generate

INTERACTIONS = (
    "started_at,duration_min,people,mode,initiated_by,depth,felt_safe,"
    "before_pleasant,before_energy,after_pleasant,after_energy\n"
)
GOOD_ROW = "2025-03-01T18:30:00+01:00,45,Sam; Priya,in_person,me,2,8,-1,4.5,1.5,5\n"


def write(folder, name, text):
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_it_reads_back_exactly_what_it_wrote(tmp_path):
    journal = generate(8, days=60)
    write_journal(tmp_path, journal.interactions, journal.solitude, journal.checkins)
    back = read_journal(tmp_path)
    assert back.interactions == journal.interactions
    assert back.solitude == journal.solitude
    assert back.checkins == journal.checkins


def test_people_are_split_on_semicolons_and_an_empty_cell_is_a_group(tmp_path):
    text = INTERACTIONS + GOOD_ROW + "2025-03-02T09:00:00Z,20,,online,them,0,5,0,5,,\n"
    journal = read_journal(write(tmp_path, "interactions.csv", text))
    first, second = journal.interactions
    assert first.people == ("Sam", "Priya") and first.entry_id == 1
    assert second.people == () and second.after_pleasant is None
    assert journal.solitude == () and journal.checkins == ()


def test_a_byte_order_mark_and_extra_columns_are_fine(tmp_path):
    text = "\ufeff" + INTERACTIONS.replace("\n", ",note\n") + GOOD_ROW.replace("\n", ",hello\n")
    assert len(read_journal(write(tmp_path, "interactions.csv", text)).interactions) == 1


@pytest.mark.parametrize(
    ("row", "column", "problem"),
    [
        (GOOD_ROW.replace("in_person", "skype"), "mode", "expected one of in_person"),
        (GOOD_ROW.replace("+01:00", ""), "started_at", "needs a UTC offset"),
        (GOOD_ROW.replace("2025-03-01T", "yesterday "), "started_at", "ISO 8601"),
        (GOOD_ROW.replace(",-1,", ",-7,"), "before_pleasant", "from -5 to 5"),
        (GOOD_ROW.replace(",1.5,", ",1.2,"), "after_pleasant", "multiple of 0.5"),
        (GOOD_ROW.replace(",45,", ",long,"), "duration_min", "expected a number"),
        (GOOD_ROW.replace(",45,", ",,"), "duration_min", "required"),
        (GOOD_ROW.replace(",2,8,", ",5,8,"), "depth", "from 0 to 4"),
    ],
)
def test_bad_interaction_cells_name_file_row_and_column(tmp_path, row, column, problem):
    write(tmp_path, "interactions.csv", INTERACTIONS + GOOD_ROW + row)
    with pytest.raises(ValueError) as caught:
        read_journal(tmp_path)
    message = str(caught.value)
    assert message.startswith(f"interactions.csv, row 2 (line 3), column '{column}'")
    assert problem in message


def test_a_missing_column_is_named(tmp_path):
    write(tmp_path, "solitude.csv", "started_at,duration_min,activity\n")
    with pytest.raises(ValueError, match=r"solitude\.csv: missing columns 'chosen', 'before_pl"):
        read_journal(tmp_path)


def test_bad_solitude_and_checkin_cells_are_named(tmp_path):
    header = ",".join(SOLITUDE_COLUMNS) + "\n"
    write(tmp_path, "solitude.csv", header + "2025-03-01T10:00+00:00,30,maybe,rest,0,5,1,5\n")
    with pytest.raises(
        ValueError, match=r"solitude\.csv, row 1 \(line 2\), column 'chosen': expected yes or no"
    ):
        read_journal(tmp_path)
    (tmp_path / "solitude.csv").unlink()
    header = ",".join(CHECKIN_COLUMNS) + "\n"
    write(tmp_path, "checkins.csv", header + "2025-03-01,0,5,0,3,0,0,0,7,5\n")
    with pytest.raises(
        ValueError,
        match=r"checkins\.csv, row 1 \(line 2\), column 'anxiety': expected a number from 0 to 2",
    ):
        read_journal(tmp_path)


def test_a_missing_folder_is_an_error_and_missing_files_are_empty(tmp_path):
    with pytest.raises(ValueError, match="not a folder"):
        read_journal(tmp_path / "nowhere")
    empty = read_journal(tmp_path)
    assert (empty.interactions, empty.solitude, empty.checkins) == ((), (), ())
