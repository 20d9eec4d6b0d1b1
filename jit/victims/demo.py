"""Demo victims (all fictional): two children in JIT 1 and one young woman in JIT 2.

JIT 1 (forced criminality, Paris): V1 is a 13-year-old girl whose mother is her guardian and a
suspect, the lesson of the real case: the mother's consent, recorded before her role was known,
must block every disclosure relying on it. V2's age is uncertain, so child protections apply;
a DGASPC decision stands in for an absent guardian. JIT 2's victim must never be visible from
JIT 1. Statements are written with the names in several forms so the redaction shows.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session, select

from jit.accounts.models import Team, User
from jit.accounts.service import load_actor
from jit.settings import Settings
from jit.victims import service
from jit.victims.docx_write import Line, write_docx
from jit.victims.identity import Identity, RelationIdentity
from jit.victims.models import Regime, RelationKind, SubjectCategory, Victim
from jit.victims.rules import ConsentKind

FIRST = "JIT-RO-FR-2026-01"
SECOND = "JIT-RO-DE-IT-2026-02"

_V1_STATEMENT = (
    Line("Proces-verbal de audiere a minorei", bold=True, size=28),
    Line("Audiată în prezența psihologului DGASPC Iași, minora DUMITRU Alexandra-Ioana"),
    Line("(zisă „Ali”), născută la 27.09.2013, CNP 6130927220009, domiciliată în"),
    Line("Strada Lalelelor 12, Iași, declară:"),
    Line("Mama mea, Elena Dumitru, m-a dus la Paris cu mașina. Alexandra a fost învățată"),
    Line("să fure telefoane în metrou. Telefonul meu era +40 712 345 678."),
    Line("Declarația a fost citită minorei în limba română."),
)
_V2_STATEMENT = (
    "Notă de identificare (traducere din franceză)\n"
    "Băiatul s-a prezentat ca Marius Constantin STAN, poreclit Mărică, și spune că are 15 ani; "
    "nu are acte. A fost prins la Gare du Nord și reținut de poliția franceză. Marius spune că "
    "a fost obligat să fure de un bărbat pe care îl știe doar ca «Nea Costel». "
    "Contact declarat: marius.stan.2011@example.org.\n"
)
_V3_STATEMENT = (
    "Zeugenaussage (Zusammenfassung)\n"
    "Bianca-Maria Popescu, geboren am 14. März 2008, berichtet, dass sie 2025 über einen "
    "Freund nach München gebracht wurde. Biancas Telefonnummer war +40 723 456 789.\n"
)


def load(
    session: Session,
    settings: Settings,
    today: date,
    teams: dict[str, Team],
    users: dict[str, User],
) -> None:
    """Idempotent: a team that already has victims is left alone.

    Records are created interleaved (JIT 1, JIT 2, JIT 1) so that record number 2 of every
    kind belongs to JIT 2: the generic isolation test fills every id in a URL with the second
    team's id and expects 404, and must meet a real second-team object, not a first-team one.
    """
    first, second = teams.get(FIRST), teams.get(SECOND)
    fill_first = first is not None and not _has_victims(session, first)
    if fill_first and first is not None:
        _first_team_child(session, settings, today, first, users["ro.prosecutor"])
    if second is not None and not _has_victims(session, second):
        _second_team(session, settings, today, second, users["ro.prosecutor2"])
    if fill_first and first is not None:
        _first_team_uncertain_age(session, settings, today, first, users["ro.prosecutor"])


def _has_victims(session: Session, team: Team) -> bool:
    return session.exec(select(Victim).where(Victim.team_id == team.id)).first() is not None


def _first_team_child(
    session: Session, settings: Settings, today: date, team: Team, user: User
) -> None:
    actor = load_actor(session, user)
    assert actor is not None  # noqa: S101 - the demo created this user just before
    child = service.create_victim(
        session,
        settings,
        actor,
        team.id or 0,
        origin_state="RO",
        regime=Regime.LED,
        category=SubjectCategory.VICTIM,
        age_uncertain=False,
        prosecuted_abroad_under_coercion=True,
        identity=Identity(
            names=("Alexandra-Ioana DUMITRU",),
            aliases=("Ali",),
            date_of_birth=date(2013, 9, 27),
            national_id="6130927220009",
            nationality="RO",
            addresses=("Strada Lalelelor 12, Iași",),
            contacts=("+40 712 345 678",),
        ),
        today=today,
    )
    mother = service.add_relation(
        session,
        settings,
        actor,
        child.id or 0,
        kind=RelationKind.GUARDIAN,
        relationship="parent",
        involved_in_case=False,
        linked_to_suspect=False,
        identity=RelationIdentity(
            names=("Elena DUMITRU",), addresses=("Strada Lalelelor 12, Iași",)
        ),
    )
    # The mother's consent was taken at the first hearing, before the investigation showed
    # that she had taken the child to Paris; marking her as involved voids it.
    service.record_consent(
        session,
        settings,
        actor,
        child.id or 0,
        kind=ConsentKind.GUARDIAN_CONSENT,
        relation_id=mother.id,
        given_on=today - timedelta(days=60),
        scope=("jit_party", "authority", "ngo"),
        reference="PV 112/2026",
        today=today,
    )
    service.record_consent(
        session,
        settings,
        actor,
        child.id or 0,
        kind=ConsentKind.CHILD_ASSENT,
        relation_id=None,
        given_on=today - timedelta(days=60),
        scope=("jit_party", "ngo"),
        reference="PV 112/2026",
        today=today,
    )
    service.mark_relation_conflicted(session, settings, actor, mother.id or 0)
    service.add_statement(
        session,
        settings,
        actor,
        child.id or 0,
        filename="statement.docx",
        data=write_docx(_V1_STATEMENT),
        language="ro",
        nature="fact",
    )


def _first_team_uncertain_age(
    session: Session, settings: Settings, today: date, team: Team, user: User
) -> None:
    actor = load_actor(session, user)
    assert actor is not None  # noqa: S101 - the demo created this user just before
    uncertain = service.create_victim(
        session,
        settings,
        actor,
        team.id or 0,
        origin_state="RO",
        regime=Regime.LED,
        category=SubjectCategory.POSSIBLE_VICTIM,
        age_uncertain=True,
        prosecuted_abroad_under_coercion=True,
        identity=Identity(
            names=("Marius Constantin STAN",),
            aliases=("Mărică",),
            nationality="RO",
            contacts=("marius.stan.2011@example.org",),
        ),
        today=today,
    )
    service.record_consent(
        session,
        settings,
        actor,
        uncertain.id or 0,
        kind=ConsentKind.CHILD_PROTECTION_DECISION,
        relation_id=None,
        given_on=today - timedelta(days=30),
        scope=("jit_party", "authority", "ngo"),
        reference="DGASPC Iași 4512/2026",
        today=today,
    )
    service.record_consent(
        session,
        settings,
        actor,
        uncertain.id or 0,
        kind=ConsentKind.CHILD_ASSENT,
        relation_id=None,
        given_on=today - timedelta(days=30),
        scope=("jit_party", "authority", "ngo"),
        reference="PV 131/2026",
        today=today,
    )
    service.add_statement(
        session,
        settings,
        actor,
        uncertain.id or 0,
        filename="statement.txt",
        data=_V2_STATEMENT.encode("utf-8"),
        language="ro",
        nature="fact",
    )


def _second_team(session: Session, settings: Settings, today: date, team: Team, user: User) -> None:
    actor = load_actor(session, user)
    assert actor is not None  # noqa: S101 - the demo created this user just before
    victim = service.create_victim(
        session,
        settings,
        actor,
        team.id or 0,
        origin_state="RO",
        regime=Regime.LED,
        category=SubjectCategory.VICTIM,
        age_uncertain=False,
        identity=Identity(
            names=("Bianca-Maria POPESCU",),
            date_of_birth=date(2008, 3, 14),
            nationality="RO",
            contacts=("+40 723 456 789",),
        ),
        today=today,
    )
    service.add_relation(
        session,
        settings,
        actor,
        victim.id or 0,
        kind=RelationKind.RELATIVE,
        relationship="parent",
        involved_in_case=False,
        linked_to_suspect=False,
        identity=RelationIdentity(names=("Maria POPESCU",), contacts=("+40 733 111 222",)),
    )
    service.add_statement(
        session,
        settings,
        actor,
        victim.id or 0,
        filename="statement.txt",
        data=_V3_STATEMENT.encode("utf-8"),
        language="de",
        nature="fact",
    )
