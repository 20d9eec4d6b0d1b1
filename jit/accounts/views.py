"""Web pages of the accounts concept: sign-in, dashboard, teams, profile. Thin: parse, call the
service, render."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse

from jit.accounts import service
from jit.accounts.models import TeamRole
from jit.accounts.roles import role_label
from jit.web import context
from jit.web.panels import panels_for

bp = Blueprint("accounts", __name__)


def _safe_next(target: str | None) -> str:
    # Only local paths: an open redirect after login is a phishing aid.
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("accounts.dashboard")


@bp.route("/login", methods=["GET", "POST"])
def login() -> BaseResponse | str | tuple[str, int]:
    settings = context.settings()
    lang = request.args.get("lang")
    if lang in settings.supported_locales:
        session["lang"] = lang
    if request.method == "GET":
        if context.g_actor() is not None:
            return redirect(url_for("accounts.dashboard"))
        return render_template("accounts/login.html", next=request.args.get("next", ""))
    username = request.form.get("username", "")
    password = request.form.get("password", "")
    outcome = service.authenticate(context.db(), settings, username, password)
    context.db().commit()
    if outcome.throttled:
        return render_template(
            "accounts/login.html",
            error=_(
                "Too many failed attempts. Try again in %(minutes)d minutes.",
                minutes=max(1, outcome.retry_after // 60),
            ),
            next=request.form.get("next", ""),
        ), 429
    if outcome.user is None:
        # One generic message: no hint whether the account exists (ASVS 6.3.8).
        return render_template(
            "accounts/login.html",
            error=_("The username or password is not correct."),
            next=request.form.get("next", ""),
        ), 401
    lang_choice = session.get("lang")
    session.clear()
    session.regenerate()  # type: ignore[attr-defined]
    session["user_id"] = outcome.user.id
    if lang_choice:
        session["lang"] = lang_choice
    return redirect(_safe_next(request.form.get("next")))


@bp.route("/logout", methods=["POST"])
def logout() -> BaseResponse:
    session.end()  # type: ignore[attr-defined]
    flash(_("You have signed out."))
    return redirect(url_for("accounts.login"))


@bp.route("/")
def dashboard() -> str:
    actor = context.actor()
    teams = service.teams_for(context.db(), actor)
    roles = {team.id: sorted(actor.roles_in(team.id or 0)) for team in teams}
    return render_template(
        "accounts/dashboard.html",
        panels=panels_for(current_app, context.db(), actor),
        teams=teams,
        roles=roles,
        role_label=role_label,
        is_dpo=actor.has_role_anywhere(TeamRole.DATA_PROTECTION_OFFICER),
    )


@bp.route("/teams/<int:team_id>")
def team(team_id: int) -> str:
    actor = context.actor()
    team = service.get_team(context.db(), actor, team_id)
    members = service.team_members(context.db(), actor, team_id)
    organisations = service.organisations_of(context.db(), team_id)
    return render_template(
        "accounts/team.html",
        team=team,
        members=members,
        organisations=organisations,
        role_label=role_label,
    )


@bp.route("/profile", methods=["GET", "POST"])
def profile() -> BaseResponse | str:
    actor = context.actor()
    if request.method == "POST":
        try:
            service.set_language(
                context.db(), context.settings(), actor, request.form.get("language", "")
            )
        except service.UnsupportedLanguage:
            abort(400)
        context.db().commit()
        flash(_("Your language has been saved."))
        return redirect(url_for("accounts.profile"))
    return render_template("accounts/profile.html")


@bp.route("/language", methods=["POST"])
def set_language() -> BaseResponse:
    """The switcher in the page header: saved on the profile of a signed-in user."""
    actor = context.actor()
    try:
        service.set_language(
            context.db(), context.settings(), actor, request.form.get("language", "")
        )
    except service.UnsupportedLanguage:
        abort(400)
    context.db().commit()
    return redirect(_safe_next(request.form.get("next")))
