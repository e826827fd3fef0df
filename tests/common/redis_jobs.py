"""Jobs for the Redis backend tests (task functions must live at module level)."""

from django.tasks import task


@task()
def add(a: int, b: int) -> int:
    return a + b


@task()
def explode() -> None:
    raise RuntimeError("the job failed on purpose")
