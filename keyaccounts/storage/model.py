"""The domain model, in DOMAIN.md's vocabulary (:mod:`keyaccounts.domain.vocabulary`),
mapped with SQLAlchemy 2.x."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy import text as sa_text
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

from keyaccounts.domain import clock
from keyaccounts.domain.vocabulary import (  # noqa: F401  (the model's columns speak it)
    SENTIMENT_MAX,
    SENTIMENT_MIN,
    AccountStatus,
    Attitude,
    CadenceMode,
    ChurnReason,
    ComplaintCategory,
    FollowUpStatus,
    InteractionKind,
    Level,
    Role,
    Severity,
    SurveyKind,
    Tier,
    TierBasis,
)


def _enum(cls: type[enum.Enum], length: int = 20) -> Enum:
    return Enum(
        cls,
        values_callable=lambda members: [m.value for m in members],
        native_enum=False,
        length=length,
        validate_strings=True,
        create_constraint=False,
    )


naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


TEXT_LIMIT = 10_000  # free text (notes, summaries) unless its column says less


def text_limit(column) -> int:
    """The most characters *column* (a Column or a mapped attribute) takes, from any way
    in (the services, the CLI, every import): a String's length, or the ``limit`` a Text
    column declares in its ``info``, else TEXT_LIMIT. One set of limits, here."""
    column = getattr(column, "expression", column)
    return getattr(column.type, "length", None) or column.info.get("limit", TEXT_LIMIT)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=naming_convention)


LOGIN_LENGTH = 63  # a PostgreSQL role name


class Audited:
    """What a person writes carries who wrote it and a version (issue 16).

    On a PostgreSQL server, ``created_by`` and ``updated_by`` are set by the server's
    own triggers to the login that wrote (the app cannot claim another name); in a
    SQLite file (one user) they stay empty. ``version`` counts the row's edits: the ORM
    updates a row only ``WHERE version`` is the one it read, so an edit made on an
    outdated copy is refused rather than overwriting another person's (see
    services.team.check_version).
    """

    created_by: Mapped[str] = mapped_column(String(LOGIN_LENGTH), default="", server_default="")
    updated_by: Mapped[str] = mapped_column(String(LOGIN_LENGTH), default="", server_default="")
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # Set by a PostgreSQL server's trigger on each write (migration 0015), from one
    # sequence: what a local copy pulls since its last refresh. 0 in a SQLite file.
    change_seq: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0",
                                            index=True)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:
        return {"version_id_col": cls.__table__.c.version}


class Account(Audited, Base):
    __tablename__ = "account"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    tier: Mapped[Tier] = mapped_column(_enum(Tier, 1), default=Tier.C)
    tier_basis: Mapped[TierBasis] = mapped_column(_enum(TierBasis), default=TierBasis.REVENUE)
    tier_note: Mapped[str] = mapped_column(Text, default="")
    industry: Mapped[str] = mapped_column(String(100), default="")
    owner: Mapped[str] = mapped_column(String(100), default="")
    status: Mapped[AccountStatus] = mapped_column(
        _enum(AccountStatus), default=AccountStatus.ACTIVE
    )
    renewal_date: Mapped[date | None] = mapped_column(Date)
    annual_revenue: Mapped[int | None] = mapped_column(Integer)  # whole currency units
    notes: Mapped[str] = mapped_column(Text, default="")
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)
    # Churn and win-back (DOMAIN.md §12): ChurnEvent, one per loss.
    # Customer value (keyaccounts.domain.value): the account's own gross margin rate
    # (None: the portfolio's setting) and a retention rate set by hand, with its reason.
    margin_rate: Mapped[float | None] = mapped_column(Float)
    retention_override: Mapped[float | None] = mapped_column(Float)
    retention_reason: Mapped[str] = mapped_column(Text, default="", server_default="")

    contacts: Mapped[list[Contact]] = relationship(back_populates="account")
    interactions: Mapped[list[Interaction]] = relationship(back_populates="account")
    cadences: Mapped[list[Cadence]] = relationship(back_populates="account")


class Contact(Audited, Base):
    __tablename__ = "contact"
    __table_args__ = (
        CheckConstraint("birthday_month IS NULL OR birthday_month BETWEEN 1 AND 12", "month"),
        CheckConstraint("birthday_day IS NULL OR birthday_day BETWEEN 1 AND 31", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200), default="")
    level: Mapped[Level] = mapped_column(_enum(Level), default=Level.OPERATIONAL)
    role: Mapped[Role] = mapped_column(_enum(Role), default=Role.USER)
    attitude: Mapped[Attitude] = mapped_column(_enum(Attitude), default=Attitude.UNKNOWN)
    emails: Mapped[list[str]] = mapped_column(JSON, default=list)
    phones: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Birthday: solar or lunar month/day, optional year, leap-month flag (lunar only).
    birthday_month: Mapped[int | None] = mapped_column(Integer)
    birthday_day: Mapped[int | None] = mapped_column(Integer)
    birthday_year: Mapped[int | None] = mapped_column(Integer)
    birthday_lunar: Mapped[bool] = mapped_column(Boolean, default=False)
    birthday_leap: Mapped[bool] = mapped_column(Boolean, default=False)
    joined_on: Mapped[date | None] = mapped_column(Date)
    left_on: Mapped[date | None] = mapped_column(Date)
    reports_to_id: Mapped[int | None] = mapped_column(ForeignKey("contact.id", ondelete="SET NULL"))
    # Who took over when this contact left (``contact left --successor``), for the map.
    successor_id: Mapped[int | None] = mapped_column(ForeignKey("contact.id"))
    archived: Mapped[bool] = mapped_column(Boolean, default=False)

    account: Mapped[Account] = relationship(back_populates="contacts")
    reports_to: Mapped[Contact | None] = relationship(remote_side=[id],
                                                      foreign_keys=[reports_to_id])
    successor: Mapped[Contact | None] = relationship(remote_side=[id],
                                                     foreign_keys=[successor_id])
    # Loaded with the contact (one join); on a team server only the account's owner
    # reads the row (row-level security), others see no notes.
    private: Mapped[ContactPrivate | None] = relationship(
        lazy="joined", cascade="all, delete-orphan", passive_deletes=True)

    @property
    def private_notes(self) -> str:
        return self.private.notes if self.private is not None else ""

    @private_notes.setter
    def private_notes(self, notes: str) -> None:
        if self.private is None:
            if notes:
                self.private = ContactPrivate(notes=notes)
        else:
            self.private.notes = notes


class ContactPrivate(Audited, Base):
    """A contact's private personal notes, in a table of their own so that a team
    server's row-level security can keep them to the account's owner."""

    __tablename__ = "contact_private"

    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contact.id", ondelete="CASCADE"), primary_key=True)
    notes: Mapped[str] = mapped_column(Text, default="")


class OurPerson(Audited, Base):
    """One of the people on our side who meet customers (DOMAIN.md §2: level matching).

    Kept locally; ``login`` later ties a colleague to a team login (the team's ``person``
    table), without a foreign key for now.
    """

    __tablename__ = "our_person"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    level: Mapped[Level] = mapped_column(_enum(Level))
    login: Mapped[str | None] = mapped_column(String(LOGIN_LENGTH))
    archived: Mapped[bool] = mapped_column(Boolean, default=False)


interaction_our_person = Table(
    "interaction_our_person",
    Base.metadata,
    Column("interaction_id", ForeignKey("interaction.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", ForeignKey("our_person.id"), primary_key=True, index=True),
)


interaction_contact = Table(
    "interaction_contact",
    Base.metadata,
    Column("interaction_id", ForeignKey("interaction.id", ondelete="CASCADE"), primary_key=True),
    Column("contact_id", ForeignKey("contact.id"), primary_key=True, index=True),
)


class Interaction(Audited, Base):
    __tablename__ = "interaction"
    __table_args__ = (
        CheckConstraint("sentiment BETWEEN -2 AND 2", "sentiment"),
        Index("ix_interaction_account_occurred", "account_id", "occurred_at"),
        Index("ix_interaction_account_kind_occurred", "account_id", "kind", "occurred_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    kind: Mapped[InteractionKind] = mapped_column(_enum(InteractionKind))
    channel: Mapped[str] = mapped_column(String(50), default="")  # WeChat, WeCom, DingTalk …
    occurred_at: Mapped[datetime] = mapped_column(DateTime)
    our_participants: Mapped[str] = mapped_column(Text, default="", info={"limit": 1000})
    summary: Mapped[str] = mapped_column(Text, default="")
    sentiment: Mapped[int] = mapped_column(Integer, default=0)
    # Care: what was given (gift or gesture) and its value, so gifts are not repeated.
    gift: Mapped[str] = mapped_column(Text, default="", server_default="", info={"limit": 500})
    gift_value: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)

    account: Mapped[Account] = relationship(back_populates="interactions")
    contacts: Mapped[list[Contact]] = relationship(secondary=interaction_contact)
    # Our participants matched to the list of our people (the free text stays as typed).
    our_people: Mapped[list[OurPerson]] = relationship(secondary=interaction_our_person)
    opened: Mapped[list[FollowUp]] = relationship(
        foreign_keys="FollowUp.opened_by_id", back_populates="opened_by"
    )
    closed: Mapped[list[FollowUp]] = relationship(
        foreign_keys="FollowUp.closed_by_id", back_populates="closed_by"
    )


class FollowUp(Audited, Base):
    """A promise, question or next step on the chain (DOMAIN.md §3).

    Opened by an interaction (or by an action such as marking a key contact as
    left, then ``opened_by`` is empty and ``origin`` says why).  It is later
    *settled* by an interaction, or *carried*: carrying closes it and opens its
    successor with the new due date, so the history of every promise is kept.
    """

    __tablename__ = "follow_up"
    __table_args__ = (
        Index("ix_follow_up_account_status_due", "account_id", "status", "due"),
        CheckConstraint(
            "(status = 'open') = (closed_on IS NULL)", "closed"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    text: Mapped[str] = mapped_column(Text)
    due: Mapped[date] = mapped_column(Date)
    owner: Mapped[str] = mapped_column(String(100), default="")
    opened_on: Mapped[date] = mapped_column(Date)
    opened_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("interaction.id", ondelete="SET NULL"), index=True
    )
    origin: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[FollowUpStatus] = mapped_column(
        _enum(FollowUpStatus), default=FollowUpStatus.OPEN
    )
    closed_on: Mapped[date | None] = mapped_column(Date)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("interaction.id"), index=True)
    carried_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("follow_up.id"), unique=True
    )

    account: Mapped[Account] = relationship()
    opened_by: Mapped[Interaction | None] = relationship(
        foreign_keys=[opened_by_id], back_populates="opened"
    )
    closed_by: Mapped[Interaction | None] = relationship(
        foreign_keys=[closed_by_id], back_populates="closed"
    )
    carried_from: Mapped[FollowUp | None] = relationship(
        remote_side=[id], back_populates="carried_to"
    )
    carried_to: Mapped[FollowUp | None] = relationship(back_populates="carried_from")


class Cadence(Audited, Base):
    """A rhythm of contact for one account (DOMAIN.md §4).

    ``interval``: keep in touch every ``ideal_days``, never more than ``max_days``.
    ``schedule``: a fixed RFC 5545 rule (``rrule``) starting ``starts_on``; each
    occurrence is satisfied by a matching interaction within ``tolerance_days``.
    """

    __tablename__ = "cadence"
    __table_args__ = (
        CheckConstraint(
            "(mode = 'interval' AND ideal_days > 0 AND max_days >= ideal_days)"
            " OR (mode = 'schedule' AND rrule IS NOT NULL AND starts_on IS NOT NULL)",
            "mode",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    kinds: Mapped[list[str]] = mapped_column(JSON)  # interaction kinds that satisfy it
    level: Mapped[Level | None] = mapped_column(_enum(Level))  # None: any level
    mode: Mapped[CadenceMode] = mapped_column(_enum(CadenceMode))
    ideal_days: Mapped[int | None] = mapped_column(Integer)
    max_days: Mapped[int | None] = mapped_column(Integer)
    rrule: Mapped[str | None] = mapped_column(Text)
    starts_on: Mapped[date | None] = mapped_column(Date)
    tolerance_days: Mapped[int] = mapped_column(Integer, default=7)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    account: Mapped[Account] = relationship(back_populates="cadences")


class Setting(Base):
    """A preference that belongs to the portfolio, not to one machine.

    Health weights, care lead times, complaint deadlines: the CLI and the app
    must agree on them, so they live in the database (JSON values).
    """

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[object] = mapped_column(JSON, nullable=True)


class AgendaMark(Base):
    """What the user did to a planned item that is not a follow-up.

    ``key`` names the item as planned (kind, source and original date); it may be
    moved to another day, snoozed until a day, or marked done.
    """

    __tablename__ = "agenda_mark"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    moved_to: Mapped[date | None] = mapped_column(Date)
    snoozed_until: Mapped[date | None] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)
    # The item's account (None: a festival's): marking it raises only that account's
    # stamp (keyaccounts.storage.cache).
    account_id: Mapped[int | None] = mapped_column(Integer)


class AlertState(Base):
    """A risk alert the user acted on (a follow-up) or dismissed (with a reason, kept).

    An alert is one account, kind and cause since a date; once handled it is not
    raised again, while the same kind with a new cause or a new start is.
    """

    __tablename__ = "alert_state"

    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    cause: Mapped[str] = mapped_column(String(200), primary_key=True)
    since: Mapped[date] = mapped_column(Date, primary_key=True)
    handled_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    followup_id: Mapped[int | None] = mapped_column(ForeignKey("follow_up.id", ondelete="SET NULL"))


class Complaint(Audited, Base):
    """A complaint (DOMAIN.md §8): a response deadline by severity, first response,
    resolution, root cause, what changed, and whether the customer was told."""

    __tablename__ = "complaint"
    __table_args__ = (Index("ix_complaint_account_resolved", "account_id", "resolved_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contact.id", ondelete="SET NULL"))
    interaction_id: Mapped[int | None] = mapped_column(
        ForeignKey("interaction.id", ondelete="SET NULL"))
    summary: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[ComplaintCategory] = mapped_column(_enum(ComplaintCategory))
    severity: Mapped[Severity] = mapped_column(_enum(Severity))
    received_on: Mapped[date] = mapped_column(Date)
    deadline: Mapped[date] = mapped_column(Date)
    first_response_on: Mapped[date | None] = mapped_column(Date)
    resolved_on: Mapped[date | None] = mapped_column(Date)
    root_cause: Mapped[str] = mapped_column(Text, default="")
    what_changed: Mapped[str] = mapped_column(Text, default="")
    customer_informed: Mapped[bool] = mapped_column(Boolean, default=False)

    account: Mapped[Account] = relationship()
    contact: Mapped[Contact | None] = relationship()
    interaction: Mapped[Interaction | None] = relationship()


class Survey(Audited, Base):
    """A satisfaction result: NPS (0–10) or CSAT (1–5), per contact and date."""

    __tablename__ = "survey"
    __table_args__ = (Index("ix_survey_account_taken", "account_id", "taken_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contact.id", ondelete="SET NULL"))
    kind: Mapped[SurveyKind] = mapped_column(_enum(SurveyKind))
    score: Mapped[int] = mapped_column(Integer)
    taken_on: Mapped[date] = mapped_column(Date)
    comment: Mapped[str] = mapped_column(Text, default="")


class ChurnEvent(Audited, Base):
    """A loss of the account (DOMAIN.md §12) and its win-back: when and why, what it is
    worth, whether to pursue it, and how the recovery ended. An account won back may be
    lost again: each loss is an event of its own, the latest is the account's churn."""

    __tablename__ = "churn_event"
    __table_args__ = (Index("ix_churn_event_account_churned", "account_id", "churned_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    churned_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[ChurnReason | None] = mapped_column(_enum(ChurnReason))
    value: Mapped[int | None] = mapped_column(Integer)          # estimated yearly value
    recovery_cost: Mapped[int | None] = mapped_column(Integer)  # what winning back costs
    pursue: Mapped[bool | None] = mapped_column(Boolean)
    pursue_justification: Mapped[str] = mapped_column(Text, default="", server_default="")
    recovery_outcome: Mapped[str | None] = mapped_column(String(20))  # won-back | lost
    recovered_on: Mapped[date | None] = mapped_column(Date)
    recovered_value: Mapped[int | None] = mapped_column(Integer)


class Order(Audited, Base):
    """An order (or invoiced revenue) of an account on a date, in whole currency units."""

    __tablename__ = "order_line"
    __table_args__ = (Index("ix_order_line_account_ordered", "account_id", "ordered_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    ordered_on: Mapped[date] = mapped_column(Date)
    amount: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")


class Need(Audited, Base):
    """The needs profile (DOMAIN.md §7): a concern and the expectation behind it, per
    period (``2027Q1``), and whether it has been met."""

    __tablename__ = "need"
    __table_args__ = (Index("ix_need_account_period", "account_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    period: Mapped[str] = mapped_column(String(6))
    concern: Mapped[str] = mapped_column(Text)
    expectation: Mapped[str] = mapped_column(Text, default="")
    met: Mapped[bool] = mapped_column(Boolean, default=False)


class Snapshot(Base):
    """A derived view kept for a fast start (a file's Today page first screen for a
    day), never data: triggers on every other table delete all snapshots when anything
    changes, so a snapshot that exists is current. See :mod:`keyaccounts.storage.snapshot`."""

    __tablename__ = "snapshot"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    language: Mapped[str] = mapped_column(String(20))
    payload: Mapped[str] = mapped_column(Text)


class AccountStamp(Base):
    """A counter per account (0: the global one), raised by triggers whenever a row of
    the account changes: what keeps :class:`AccountCache` entries honest. See
    :mod:`keyaccounts.storage.cache`."""

    __tablename__ = "account_stamp"

    account_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    stamp: Mapped[int] = mapped_column(BigInteger)


class AccountCache(Base):
    """A derived view of one account (its agenda items, health and alerts) for one day
    and language, valid while the account's stamp and the global one are those stored:
    a cache, never data. See :mod:`keyaccounts.storage.cache`."""

    __tablename__ = "account_cache"

    account_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True, index=True)
    language: Mapped[str] = mapped_column(String(20), primary_key=True)
    generation: Mapped[str] = mapped_column(String(80))
    stamp: Mapped[int] = mapped_column(BigInteger)
    global_stamp: Mapped[int] = mapped_column(BigInteger)
    payload: Mapped[str] = mapped_column(Text)


class Person(Base):
    """A member of a team (a PostgreSQL login role of the same name): a manager owns
    accounts; a lead reads every account of the team; an admin manages people."""

    __tablename__ = "person"

    login: Mapped[str] = mapped_column(String(LOGIN_LENGTH), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(10))  # manager | lead | admin
    level: Mapped[str | None] = mapped_column(String(10))  # exec | mgmt | ops
    team: Mapped[str] = mapped_column(String(100), default="", server_default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)


class AccountShare(Base):
    """An account shared by its owner with another person, to read or also to write."""

    __tablename__ = "account_share"

    account_id: Mapped[int] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), primary_key=True)
    login: Mapped[str] = mapped_column(ForeignKey("person.login"), primary_key=True, index=True)
    can_write: Mapped[bool] = mapped_column(Boolean, default=False)


class OwnerHistory(Base):
    """A change of an account's owner: who handed it over, from whom, to whom, why and
    when (kept; shown on the account page)."""

    __tablename__ = "owner_history"
    __table_args__ = (Index("ix_owner_history_account_on", "account_id", "on_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    from_owner: Mapped[str] = mapped_column(String(100), default="")
    to_owner: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(Text, default="")
    on_date: Mapped[date] = mapped_column(Date)
    by_login: Mapped[str] = mapped_column(String(LOGIN_LENGTH), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)


class AppliedChange(Base):
    """A change sent from a person's outbox (keyaccounts.services.outbox) that the server
    applied, by the id the laptop gave it: sent again, it is not applied twice. ``result``
    holds the rows it made (their ids), for the entries after it."""

    __tablename__ = "applied_change"

    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    login: Mapped[str] = mapped_column(String(LOGIN_LENGTH), default="", server_default="")
    applied_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)
    result: Mapped[str] = mapped_column(Text, default="", server_default="")


class OutboxEntry(Base):
    """A write made offline in a local copy of a team database: the service action and its
    arguments (JSON), in order, to be replayed on the server through the same service.
    ``state``: pending (not yet sent), sent, conflict, resolved."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    action: Mapped[str] = mapped_column(String(50))
    args: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)
    state: Mapped[str] = mapped_column(String(12), index=True)
    account_id: Mapped[int | None] = mapped_column(Integer)
    context: Mapped[str] = mapped_column(Text, default="", server_default="")
    local_rows: Mapped[str] = mapped_column(Text, default="", server_default="")
    server_rows: Mapped[str] = mapped_column(Text, default="", server_default="")
    conflict: Mapped[str] = mapped_column(Text, default="", server_default="")
    resolution: Mapped[str] = mapped_column(String(12), default="", server_default="")
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)


class SyncState(Base):
    """A local copy's own bookkeeping (the last change pulled, when): never server data."""

    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class DeletedRow(Base):
    """A row deleted on a team server, numbered from the change counter (a trigger writes
    it), so that a local copy deletes it too."""

    __tablename__ = "deleted_row"

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[int] = mapped_column(Integer)
    # The server's time of the delete: entries older than the horizon are pruned
    # (keyaccounts.storage.offline.prune_deletions, migration 0017).
    deleted_at: Mapped[datetime] = mapped_column(
        DateTime, index=True, server_default=sa_text("CURRENT_TIMESTAMP"))
