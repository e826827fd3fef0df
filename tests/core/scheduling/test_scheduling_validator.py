from scheduling_factories import make_problem

from techbridge_core.scheduling import (
    Meeting,
    Placement,
    Problem,
    Violation,
    ViolationKind,
    find_violations,
)


def _kinds(violations: list[Violation]) -> list[ViolationKind]:
    return [violation.kind for violation in violations]


def test_find_violations_valid_schedule_is_empty() -> None:
    problem = make_problem([(0, 1), (1, 2)], n_slots=2, n_tables=1)

    assert find_violations(problem, (Placement(0, 0), Placement(1, 0))) == []


def test_find_violations_double_booking_names_participant_and_slot() -> None:
    problem = make_problem([(0, 1), (1, 2)], n_slots=2)

    violations = find_violations(problem, (Placement(0, 0), Placement(0, 1)))

    assert violations == [
        Violation(
            ViolationKind.DOUBLE_BOOKED,
            "participant 1 is in meetings 0 and 1 in slot 0",
            meeting=1,
            participant=1,
            slot=0,
        )
    ]


def test_find_violations_unavailable_participant() -> None:
    problem = make_problem([(0, 1)], n_slots=2, unavailable={1: frozenset({1})})

    violations = find_violations(problem, (Placement(1, 0),))

    assert [(v.kind, v.participant, v.slot) for v in violations] == [(ViolationKind.UNAVAILABLE, 1, 1)]


def test_find_violations_too_many_table_meetings_in_slot() -> None:
    problem = make_problem([(0, 1), (2, 3)], n_slots=1, n_tables=1)

    violations = find_violations(problem, (Placement(0, 0), Placement(0, 1)))

    assert _kinds(violations) == [ViolationKind.TABLE_OUT_OF_RANGE, ViolationKind.TOO_MANY_TABLES]


def test_find_violations_shared_table() -> None:
    problem = make_problem([(0, 1), (2, 3)], n_slots=1, n_tables=2)

    assert _kinds(find_violations(problem, (Placement(0, 1), Placement(0, 1)))) == [
        ViolationKind.TABLE_SHARED
    ]


def test_find_violations_table_missing_and_table_for_online() -> None:
    problem = make_problem([(0, 1), (2, 3)], n_slots=1, online=frozenset({3}))

    violations = find_violations(problem, (Placement(0, None), Placement(0, 0)))

    assert _kinds(violations) == [ViolationKind.TABLE_MISSING, ViolationKind.TABLE_FOR_ONLINE]


def test_find_violations_slot_out_of_range() -> None:
    problem = make_problem([(0, 1)], n_slots=2)

    assert _kinds(find_violations(problem, (Placement(5, 0),))) == [ViolationKind.SLOT_OUT_OF_RANGE]


def test_find_violations_pin_ignored_and_required_unscheduled() -> None:
    problem = Problem(
        n_participants=4,
        n_slots=3,
        n_tables=2,
        sessions=((0, 2),),
        meetings=(Meeting(0, 1, pinned_slot=2), Meeting(2, 3, required=True)),
    )

    violations = find_violations(problem, (Placement(0, 0), None))

    assert _kinds(violations) == [ViolationKind.PIN_IGNORED, ViolationKind.REQUIRED_UNSCHEDULED]


def test_find_violations_wrong_length() -> None:
    problem = make_problem([(0, 1)], n_slots=2)

    assert _kinds(find_violations(problem, ())) == [ViolationKind.WRONG_LENGTH]
