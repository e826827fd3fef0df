# ruff: noqa: T201 - the load reports each attempt on stdout for the test to read
"""Load for the database-restart test: enqueue jobs like web requests do until `stop` exists.

Prints one line per attempt: `ok <start time> <task id>` once the write is acknowledged, or
`error <start time> <message>`. Each attempt starts as a request does (`close_old_connections`).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import django

django.setup()

from django.db import close_old_connections  # noqa: E402

from techbridge.common.jobs import registered_job  # noqa: E402

stop = Path(sys.argv[1])
while not stop.exists():
    started = time.time()  # an attempt is dated by when it began, like a request
    close_old_connections()
    try:
        result = registered_job("events.expire_meeting_requests").enqueue()
    except Exception as error:
        print(f"error {started:.3f} {type(error).__name__}: {error}".replace("\n", " "), flush=True)
    else:
        print(f"ok {started:.3f} {result.id}", flush=True)
    time.sleep(0.05)
