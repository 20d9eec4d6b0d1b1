"""Use cases of background jobs: create (input file stored under the documents directory),
progress, finish/fail, owner-only reading and download (audited).

Files live in ``<documents_dir>/jobs/<id>/``; the table keeps paths relative to documents_dir.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from jit.audit import service as audit
from jit.jobs.models import Job, JobStatus
from jit.security.actor import Actor


class UnknownJob(LookupError):
    """No such job, or not the actor's (both look the same to the caller)."""


class ResultNotReady(LookupError):
    """The job has no result (yet)."""


def _now() -> datetime:
    return datetime.now(UTC)


def job_dir(documents_dir: Path, job_id: int) -> Path:
    return documents_dir / "jobs" / str(int(job_id))


def create(
    session: Session,
    actor: Actor,
    *,
    kind: str,
    params: dict[str, Any],
    documents_dir: Path,
    input_name: str,
    input_data: bytes,
    audit_key: bytes,
    team_id: int | None = None,
) -> Job:
    """A queued job owned by `actor`, its input stored in its own directory. Audited."""
    now = _now()
    job = Job(
        kind=kind,
        owner_id=actor.user_id or 0,
        team_id=team_id,
        params=json.dumps(params, sort_keys=True),
        created_at=now,
        updated_at=now,
        message="",
    )
    session.add(job)
    session.flush()
    assert job.id is not None  # noqa: S101 - flushed
    folder = job_dir(documents_dir, job.id)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / input_name).write_bytes(input_data)
    audit.record(
        session,
        actor,
        "job.create",
        audit_key=audit_key,
        object_type="job",
        object_id=job.id,
        team_id=team_id,
        details={"kind": kind, "bytes": len(input_data)},
    )
    return job


def params_of(job: Job) -> dict[str, Any]:
    value = json.loads(job.params or "{}")
    return value if isinstance(value, dict) else {}


def owned(session: Session, actor: Actor, job_id: int) -> Job:
    job = session.get(Job, job_id)
    if job is None or actor.user_id is None or job.owner_id != actor.user_id:
        raise UnknownJob(job_id)
    return job


def set_progress(engine: Engine, job_id: int, progress: int, message: str = "") -> None:
    """Progress in its own short transaction, so the status page sees it while the job runs."""
    with Session(engine) as session:
        job = session.get(Job, job_id)
        if job is None:
            return
        job.status = JobStatus.RUNNING.value
        job.progress = max(0, min(100, progress))
        if message:
            job.message = message[:500]
        job.updated_at = _now()
        session.add(job)
        session.commit()


def finish(job: Job, *, result_path: str, result_name: str, message: str) -> None:
    job.status = JobStatus.DONE.value
    job.progress = 100
    job.result_path = result_path
    job.result_name = result_name
    job.message = message[:500]
    job.updated_at = _now()


def fail(engine: Engine, job_id: int, message: str) -> None:
    with Session(engine) as session:
        job = session.get(Job, job_id)
        if job is None:
            return
        job.status = JobStatus.FAILED.value
        job.message = message[:500]
        job.updated_at = _now()
        session.add(job)
        session.commit()


@dataclass(frozen=True)
class Download:
    path: Path
    name: str


def download(
    session: Session, actor: Actor, job_id: int, *, documents_dir: Path, audit_key: bytes
) -> Download:
    """The owner's result file; audited (who, which job)."""
    job = owned(session, actor, job_id)
    if job.status != JobStatus.DONE.value or not job.result_path:
        raise ResultNotReady(job_id)
    path = (documents_dir / job.result_path).resolve()
    if not path.is_relative_to(documents_dir.resolve()) or not path.is_file():
        raise ResultNotReady(job_id)
    audit.record(
        session,
        actor,
        "job.download",
        audit_key=audit_key,
        object_type="job",
        object_id=job_id,
        team_id=job.team_id,
        details={"kind": job.kind, "bytes": path.stat().st_size},
    )
    return Download(path, job.result_name or path.name)


def remove_files(documents_dir: Path, job_id: int) -> None:
    shutil.rmtree(job_dir(documents_dir, job_id), ignore_errors=True)
