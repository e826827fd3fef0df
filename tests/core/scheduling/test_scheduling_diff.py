from scheduling_factories import make_problem

from techbridge_core.scheduling import Placement, ScheduleChange, diff_schedules
from techbridge_core.scheduling.diff import ChangeKind


def test_diff_schedules_lists_each_kind_of_change() -> None:
    before_problem = make_problem([(0, 1), (0, 2), (1, 2), (2, 3)], n_slots=4)
    after_problem = make_problem([(0, 1), (0, 2), (2, 3), (1, 3)], n_slots=4)
    before = (Placement(0, 0), Placement(1, 0), Placement(2, 0), Placement(3, 0))
    after = (Placement(0, 0), Placement(3, 1), Placement(3, 0), Placement(1, 1))

    changes = diff_schedules(
        before_problem=before_problem, before=before, after_problem=after_problem, after=after
    )

    assert changes == [
        ScheduleChange((0, 2), ChangeKind.MOVED, Placement(1, 0), Placement(3, 1)),
        ScheduleChange((1, 2), ChangeKind.REMOVED, Placement(2, 0), None),
        ScheduleChange((1, 3), ChangeKind.ADDED, None, Placement(1, 1)),
    ]


def test_diff_schedules_table_only_change() -> None:
    problem = make_problem([(0, 1)], n_slots=2)

    changes = diff_schedules(
        before_problem=problem,
        before=(Placement(1, 0),),
        after_problem=problem,
        after=(Placement(1, 3),),
    )

    assert changes == [ScheduleChange((0, 1), ChangeKind.TABLE_CHANGED, Placement(1, 0), Placement(1, 3))]


def test_diff_schedules_identical_is_empty() -> None:
    problem = make_problem([(0, 1)], n_slots=2)

    assert (
        diff_schedules(
            before_problem=problem,
            before=(Placement(1, 0),),
            after_problem=problem,
            after=(Placement(1, 0),),
        )
        == []
    )
