import json
from pathlib import Path

from techbridge_core.scheduling import Meeting, load_problem
from techbridge_core.scheduling.loader import problem_to_dict

EVENT = {
    "name": "tiny",
    "n_participants": 3,
    "n_slots": 4,
    "n_tables": 1,
    "slot_minutes": 30,
    "sessions": [[0, 1], [2, 3]],
    "meetings": [[0, 1], [1, 2]],
    "unavailable": {"2": [0, 3]},
    "online": [2],
}


def test_load_problem_reads_eval_layout(tmp_path: Path) -> None:
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps(EVENT), encoding="utf-8")

    problem = load_problem(path)

    assert problem.meetings == (Meeting(0, 1), Meeting(1, 2))
    assert problem.sessions == ((0, 1), (2, 3))
    assert dict(problem.unavailable) == {2: frozenset({0, 3})}
    assert problem.online == frozenset({2})
    assert problem_to_dict(problem) == EVENT
