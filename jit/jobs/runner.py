"""Runs jobs: in a thread of the web process by default, on RQ workers over Redis when
``settings.redis_url`` (``JIT_REDIS_URL``) is set.

A job kind names its function by import path (``KINDS``); the function receives a
``JobContext`` and finishes the job itself (result file, audit entry and status in one
transaction). Any exception marks the job failed with a short message (no text of the document).

RQ: the web process enqueues ``jit.jobs.runner.run_job`` with the job id on the queue
``settings.extra["jobs_queue"]`` (default ``jit``). The worker (``rq worker --url $JIT_REDIS_URL
jit``) imports this module, creates the app from its JIT_* environment once per process and runs
the same function as the thread would.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask, current_app, has_app_context
from sqlalchemy.engine import Engine

from jit.jobs import service
from jit.settings import Settings

log = logging.getLogger(__name__)

DEFAULT_QUEUE = "jit"
JOB_TIMEOUT_SECONDS = 3600
THREADS = "jit.job_threads"

# kind -> "module:function"
KINDS: dict[str, str] = {
    "translation.docx": "jit.translation.documents:run_docx_job",
}


@dataclass
class JobContext:
    app: Flask
    job_id: int

    @property
    def settings(self) -> Settings:
        value: Settings = self.app.extensions["jit.settings"]
        return value

    @property
    def engine(self) -> Engine:
        value: Engine = self.app.extensions["jit.engine"]
        return value

    @property
    def documents_dir(self) -> Path:
        return self.settings.resolve_path(self.settings.documents_dir)

    def progress(self, percent: int, message: str = "") -> None:
        service.set_progress(self.engine, self.job_id, percent, message)


def queue_name(settings: Settings) -> str:
    return settings.extra.get("jobs_queue", DEFAULT_QUEUE)


def _function(kind: str) -> Callable[[JobContext], None]:
    module_name, _, name = KINDS[kind].partition(":")
    fn: Callable[[JobContext], None] = getattr(importlib.import_module(module_name), name)
    return fn


def execute(app: Flask, job_id: int) -> None:
    """Run one job inside `app` (thread or worker); failures are recorded on the job."""
    from sqlmodel import Session

    from jit.jobs.models import Job

    with app.app_context():
        engine: Engine = app.extensions["jit.engine"]
        with Session(engine) as session:
            job = session.get(Job, job_id)
            kind = job.kind if job is not None else ""
        if kind not in KINDS:
            service.fail(engine, job_id, f"unknown job kind {kind!r}")
            return
        try:
            service.set_progress(engine, job_id, 0)
            _function(kind)(JobContext(app, job_id))
        except Exception as exc:
            log.exception("job %s failed", job_id)
            service.fail(engine, job_id, _failure_message(exc))


def _failure_message(exc: Exception) -> str:
    from jit.documents.docx_safety import DocumentRejected
    from jit.translation.engine import TranslationUnavailable

    if isinstance(exc, DocumentRejected | TranslationUnavailable):
        return str(exc)
    return f"internal error ({type(exc).__name__})"


def submit(app: Flask, job_id: int) -> None:
    """Start a committed job: on RQ when Redis is configured, else in a thread."""
    settings: Settings = app.extensions["jit.settings"]
    if settings.redis_url:
        from redis import Redis
        from rq import Queue

        queue = Queue(queue_name(settings), connection=Redis.from_url(settings.redis_url))
        queue.enqueue("jit.jobs.runner.run_job", job_id, job_timeout=JOB_TIMEOUT_SECONDS)
        return
    thread = threading.Thread(target=execute, args=(app, job_id), daemon=True)
    app.extensions.setdefault(THREADS, []).append(thread)
    thread.start()


def wait(app: Flask, timeout: float = 60) -> None:
    """Join the in-process job threads (tests, orderly shutdown)."""
    for thread in list(app.extensions.get(THREADS, [])):
        thread.join(timeout)


_worker_app: Flask | None = None
_worker_lock = threading.Lock()


def _app_for_worker() -> Flask:
    global _worker_app
    with _worker_lock:
        if _worker_app is None:
            from jit.app import create_app

            _worker_app = create_app()  # settings from the worker's JIT_* environment
        return _worker_app


def run_job(job_id: int) -> None:
    """The RQ entry point (import path ``jit.jobs.runner.run_job``)."""
    app: Any = current_app._get_current_object() if has_app_context() else _app_for_worker()  # type: ignore[attr-defined]
    execute(app, job_id)
