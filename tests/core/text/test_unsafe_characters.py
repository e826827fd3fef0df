from hypothesis import given
from hypothesis import strategies as st

from techbridge_core.market.spreadsheet import Problem, read_csv
from techbridge_core.text.unsafe import describe_character, first_unsafe_character


def test_nul_controls_and_unpaired_surrogates_are_unsafe() -> None:
    found = [first_unsafe_character(text) for text in ("a\x00", "\x07", "x\ud800", "\udfff")]

    assert found == ["\x00", "\x07", "\ud800", "\udfff"]
    assert describe_character("\x00") == "U+0000"


def test_tabs_newlines_and_every_script_are_safe() -> None:
    assert first_unsafe_character("line\n\tnext\r\n中文 Árvíztűrő 😀") is None


@given(st.text())  # Hypothesis' text never holds surrogates: anything it finds is a control
def test_whatever_is_found_is_a_control_character(text: str) -> None:
    found = first_unsafe_character(text)

    assert found is None or (ord(found) < 0x20 and found not in "\t\n\r")


def test_a_csv_cell_with_a_nul_is_reported_and_dropped() -> None:
    table = read_csv(b"external_ref,title_en\nL1,Batt\x00ery\n")

    assert table.rows[0].problems == (("title_en", Problem.UNSAFE_CHARACTER),)
    assert table.rows[0].values["title_en"] == ""
