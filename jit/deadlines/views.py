"""Deadline pages: dashboard, detail with every explanation step, "start a deadline", met/extend,
calendar feeds. Thin: parse, call the service, commit, render."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response as BaseResponse

from jit.deadlines import clock, dashboards, display, feeds, ical, reminders, service
from jit.deadlines.access import scope_of
from jit.deadlines.catalog import all_rules
from jit.deadlines.errors import DeadlineError
from jit.deadlines.jurisdictions import ALL_JURISDICTIONS
from jit.deadlines.models import DeadlineStatus
from jit.deadlines.status import bucket, effective_status
from jit.security.policy import Action, may, require, visible_team_ids
from jit.web import context
from jit.web.errors import handle_http

bp = Blueprint("deadlines", __name__, url_prefix="/deadlines")


@bp.errorhandler(service.DeadlineNotFound)
@bp.errorhandler(feeds.FeedNotFound)
def _not_found(_exc: LookupError) -> BaseResponse | tuple[str, int]:
    return handle_http(NotFound())


def _helpers() -> dict[str, Any]:
    now = clock.now()
    return {
        "now": now,
        "in_zone": display.in_zone,
        "status_of": lambda d: effective_status(d.status, d.due, now),
        "bucket_of": lambda d: bucket(d.status, d.due, now),
        "status_label": lambda s: display.STATUS_LABELS[s],
        "source_label": lambda s: display.SOURCE_LABELS[s],
        "kind_label": lambda k: display.KIND_LABELS.get(k, k),
        "owed_label": display.owed_label,
        "viewer_zone": context.actor().timezone,
    }


def _int_arg(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        abort(400)


@bp.route("/")
def dashboard() -> str:
    actor = context.actor()
    owed = request.args.get("owed", "all")
    country = request.args.get("country", "").strip().upper()[:2] or None
    filters = dashboards.Filters(
        team_id=_int_arg(request.args.get("team")),
        country=country,
        owed=owed if owed in dashboards.OWED_CHOICES else "all",
        mine=request.args.get("mine") == "1",
    )
    helpers = _helpers()
    board = dashboards.dashboard(context.db(), actor, filters, now=helpers["now"])
    return render_template(
        "deadlines/dashboard.html",
        board=board,
        filters=filters,
        title_of=lambda d: display.title_of(d, board.teams),
        can_start=bool(visible_team_ids(actor, Action.DEADLINE_MANAGE)),
        **helpers,
    )


@bp.route("/<int:deadline_id>")
def detail(deadline_id: int) -> str:
    actor = context.actor()
    db = context.db()
    deadline = service.get_deadline(db, actor, deadline_id)
    teams = dashboards.visible_teams(db, scope_of(actor))
    successor = service.successor_of(db, deadline)
    return render_template(
        "deadlines/detail.html",
        deadline=deadline,
        team=teams.get(deadline.team_id),
        steps=service.steps_of(deadline),
        title_of=lambda d: display.title_of(d, teams),
        successor=successor,
        can_manage=may(actor, Action.DEADLINE_MANAGE, deadline.team_id)
        and deadline.status == DeadlineStatus.OPEN,
        extension=service.extension_rules().get(deadline.rule),
        **_helpers(),
    )


@bp.route("/new", methods=["GET", "POST"])
def new() -> BaseResponse | str | tuple[str, int]:
    actor = context.actor()
    team_ids = visible_team_ids(actor, Action.DEADLINE_MANAGE)
    if not team_ids:
        require(actor, Action.DEADLINE_MANAGE, None)  # 403: no team where the role may
    form = request.form if request.method == "POST" else request.args
    errors: dict[str, str] = {}
    if request.method == "POST":
        team_id = _int_arg(form.get("team_id"))
        start_date = form.get("start_date", "").strip()
        start_time = form.get("start_time", "").strip()
        if team_id is None:
            errors["team_id"] = _("Choose the JIT.")
        if not start_date:
            errors["start"] = _("Give the day of the event that starts the deadline.")
        if not errors and team_id is not None:
            given = service.DeadlineInput(
                team_id=team_id,
                rule=form.get("rule", "").strip(),
                start=f"{start_date}T{start_time}" if start_time else start_date,
                jurisdiction=form.get("jurisdiction", "").strip(),
                subdivision=form.get("subdivision", "").strip() or None,
                length=form.get("length", "").strip() or None,
                owed_by=form.get("owed_by", "").strip() or None,
                title=form.get("title", ""),
            )
            try:
                created = service.create_deadline(
                    context.db(), actor, given, now=clock.now(), audit_key=context.audit_key()
                )
            except DeadlineError as exc:
                field, message = display.error_message(exc)
                errors[field or "form"] = message
            else:
                context.db().commit()
                flash(_("The deadline has been started."))
                return redirect(url_for("deadlines.detail", deadline_id=created.id), code=303)
    teams = dashboards.visible_teams(context.db(), scope_of(actor))
    page = render_template(
        "deadlines/new.html",
        form=form,
        errors=errors,
        teams=[teams[t] for t in sorted(team_ids) if t in teams],
        rules=list(all_rules().values()),
        jurisdictions=sorted(ALL_JURISDICTIONS),
    )
    return (page, 400) if errors else page


def _close(deadline_id: int, action: str) -> BaseResponse:
    actor = context.actor()
    try:
        if action == "met":
            service.mark_met(
                context.db(), actor, deadline_id, now=clock.now(), audit_key=context.audit_key()
            )
            target = deadline_id
            message = _("The deadline has been marked as met.")
        else:
            longer = service.extend(
                context.db(), actor, deadline_id, now=clock.now(), audit_key=context.audit_key()
            )
            target = longer.id or deadline_id
            message = _("The deadline has been extended.")
    except DeadlineError as exc:
        context.db().rollback()
        flash(display.error_message(exc)[1])
        return redirect(url_for("deadlines.detail", deadline_id=deadline_id), code=303)
    context.db().commit()
    flash(message)
    return redirect(url_for("deadlines.detail", deadline_id=target), code=303)


@bp.route("/<int:deadline_id>/met", methods=["POST"])
def met(deadline_id: int) -> BaseResponse:
    return _close(deadline_id, "met")


@bp.route("/<int:deadline_id>/extend", methods=["POST"])
def extend(deadline_id: int) -> BaseResponse:
    return _close(deadline_id, "extend")


@bp.route("/notifications/read", methods=["POST"])
def notifications_read() -> BaseResponse:
    actor = context.actor()
    if actor.user_id is not None:
        reminders.mark_read(context.db(), actor.user_id, now=clock.now())
        context.db().commit()
    return redirect(url_for("deadlines.dashboard"), code=303)


def _feeds_page(new_url: str = "") -> str:
    actor = context.actor()
    teams = dashboards.visible_teams(context.db(), scope_of(actor))
    return render_template(
        "deadlines/feeds.html",
        feeds=feeds.feeds_of(context.db(), actor),
        teams=teams,
        new_url=new_url,
        **_helpers(),
    )


@bp.route("/feeds", methods=["GET", "POST"])
def feeds_page() -> str:
    if request.method == "GET":
        return _feeds_page()
    team_id = _int_arg(request.form.get("team_id"))
    _feed, token = feeds.create_feed(
        context.db(), context.actor(), team_id, now=clock.now(), audit_key=context.audit_key()
    )
    context.db().commit()
    # Shown once, never flashed (the flash would sit in the server-side session store).
    return _feeds_page(url_for("deadlines.feed", token=token, _external=True))


@bp.route("/feeds/<int:feed_id>/revoke", methods=["POST"])
def revoke_feed(feed_id: int) -> BaseResponse:
    feeds.revoke_feed(
        context.db(), context.actor(), feed_id, now=clock.now(), audit_key=context.audit_key()
    )
    context.db().commit()
    flash(_("The calendar link has been revoked; subscriptions using it stop working now."))
    return redirect(url_for("deadlines.feeds_page"), code=303)


@bp.route("/feed/<token>.ics")
def feed(token: str) -> Response:
    """Public in the gate (jit.web.gate.PUBLIC): the token authenticates (jit.deadlines.feeds)."""
    now = clock.now()
    opened = feeds.open_feed(context.db(), token, now=now)
    context.db().commit()  # last_used_at
    name = f"JIT {opened.team.reference}" if opened.team else "JIT deadlines"
    body = ical.build_calendar(
        name,
        opened.deadlines,
        opened.teams,
        now=now,
        uid_domain=request.host.split(":")[0] or "jit",
        link=url_for("deadlines.dashboard", _external=True),
    )
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = 'inline; filename="deadlines.ics"'
    return response
