"""Job status (refreshes itself with a meta refresh while the job runs; no script, the CSP
forbids inline scripts) and the owner's download of the result (audited)."""

from __future__ import annotations

import io

from flask import Blueprint, abort, render_template, send_file
from werkzeug.wrappers import Response as BaseResponse

from jit.jobs import service
from jit.jobs.models import JobStatus
from jit.web import context

bp = Blueprint("jobs", __name__, url_prefix="/jobs")

REFRESH_SECONDS = 2


@bp.route("/<int:job_id>")
def status(job_id: int) -> str:
    try:
        job = service.owned(context.db(), context.actor(), job_id)
    except service.UnknownJob:
        abort(404)
    running = job.status in (JobStatus.QUEUED.value, JobStatus.RUNNING.value)
    return render_template(
        "jobs/status.html",
        job=job,
        params=service.params_of(job),
        running=running,
        refresh=REFRESH_SECONDS,
    )


@bp.route("/<int:job_id>/download")
def download(job_id: int) -> BaseResponse:
    settings = context.settings()
    try:
        found = service.download(
            context.db(),
            context.actor(),
            job_id,
            documents_dir=settings.resolve_path(settings.documents_dir),
            audit_key=context.audit_key(),
        )
    except service.UnknownJob:
        abort(404)
    except service.ResultNotReady:
        abort(409)
    context.db().commit()
    response = send_file(
        io.BytesIO(found.path.read_bytes()),
        as_attachment=True,
        download_name=found.name,
        mimetype="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        max_age=0,
    )
    response.headers["Cache-Control"] = "no-store"
    return response
