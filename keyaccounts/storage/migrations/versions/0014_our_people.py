"""our people (who meet customers, with their level), interactions linked to them, and a
key contact's successor

On a team database the team's people who have a level become our people (with their
login). The free text of ``interaction.our_participants`` stays as typed; every name in
it that is exactly the name of one of our people links the interaction to that person
(:func:`keyaccounts.domain.relmap.match_participants`), the others stay text. ``login``
will tie a colleague to a team login (the team's ``person`` table), no foreign key yet.
``our_person`` rows are written by people: they carry who wrote them and a version like
the account rows of 0013 (on PostgreSQL the server's ``ka_audit`` trigger fills them).
``interaction_our_person`` hangs off an interaction: ``team init`` gives it the same
row-level security as ``interaction_contact`` (keyaccounts.storage.team).

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

from keyaccounts.storage import snapshot

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

LOGIN = 63
AUDITED = ("our_person",)


def _audit_columns() -> list[sa.Column]:
    return [sa.Column("created_by", sa.String(LOGIN), nullable=False, server_default=""),
            sa.Column("updated_by", sa.String(LOGIN), nullable=False, server_default=""),
            sa.Column("version", sa.Integer(), nullable=False, server_default="1")]


def upgrade() -> None:
    op.create_table(
        "our_person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("level", sa.Enum("exec", "mgmt", "ops", name="level", native_enum=False,
                                   length=20), nullable=False),
        sa.Column("login", sa.String(length=LOGIN), nullable=True),
        sa.Column("archived", sa.Boolean(), nullable=False),
        *_audit_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_our_person")),
        sa.UniqueConstraint("name", name=op.f("uq_our_person_name")),
    )
    op.create_table(
        "interaction_our_person",
        sa.Column("interaction_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["interaction_id"], ["interaction.id"],
                                name=op.f("fk_interaction_our_person_interaction_id_interaction"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["our_person.id"],
                                name=op.f("fk_interaction_our_person_person_id_our_person")),
        sa.PrimaryKeyConstraint("interaction_id", "person_id",
                                name=op.f("pk_interaction_our_person")),
    )
    op.create_index(op.f("ix_interaction_our_person_person_id"), "interaction_our_person",
                    ["person_id"])
    # A plain ADD COLUMN with its reference (SQLite allows it for a nullable column): the
    # contact table, referred to by many, is not rebuilt.
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE contact ADD COLUMN successor_id INTEGER CONSTRAINT"
                   " fk_contact_successor_id_contact REFERENCES contact (id)")
    else:
        op.add_column("contact", sa.Column("successor_id", sa.Integer(), nullable=True))
        op.create_foreign_key(op.f("fk_contact_successor_id_contact"), "contact", "contact",
                              ["successor_id"], ["id"])
    seed_from_team(op.get_bind())
    link_participants(op.get_bind())
    if op.get_bind().dialect.name == "sqlite":
        snapshot.install_triggers(op.get_bind().exec_driver_sql)
    else:  # the audit function is 0013's
        for table in AUDITED:
            op.execute(f"CREATE TRIGGER ka_audit BEFORE INSERT OR UPDATE ON {table}"
                       " FOR EACH ROW EXECUTE FUNCTION ka_audit()")


def seed_from_team(bind) -> None:
    """On a team database, the team's people with a level are our people too (tied by
    their login); a name met twice is kept once."""
    rows, names = [], set()
    for login, name, level in bind.execute(sa.text(
            "SELECT login, name, level FROM person WHERE level IS NOT NULL ORDER BY login")):
        if name.strip() and name.strip() not in names:
            names.add(name.strip())
            rows.append({"name": name.strip(), "title": "", "level": level, "login": login,
                         "archived": False})
    if rows:
        people = sa.table("our_person", *(sa.column(c) for c in rows[0]))
        bind.execute(sa.insert(people), rows)


def link_participants(bind) -> None:
    """Link each interaction to the people of ours its free text names exactly."""
    from keyaccounts.domain.names import name_key
    from keyaccounts.domain.relmap import match_participants

    people = {name_key(name): pid for pid, name in bind.execute(
        sa.text("SELECT id, name FROM our_person"))}
    if not people:
        return
    links = sa.table("interaction_our_person", sa.column("interaction_id"),
                     sa.column("person_id"))
    rows = [{"interaction_id": iid, "person_id": pid}
            for iid, text in bind.execute(sa.text(
                "SELECT id, our_participants FROM interaction WHERE our_participants <> ''"))
            for pid in match_participants(text, people)]
    if rows:
        bind.execute(sa.insert(links), rows)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        snapshot.drop_triggers(op.get_bind().exec_driver_sql)
    else:
        for table in AUDITED:
            op.execute(f"DROP TRIGGER IF EXISTS ka_audit ON {table}")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE contact DROP COLUMN successor_id")
    else:
        op.drop_constraint(op.f("fk_contact_successor_id_contact"), "contact",
                           type_="foreignkey")
        op.drop_column("contact", "successor_id")
    op.drop_index(op.f("ix_interaction_our_person_person_id"), "interaction_our_person")
    op.drop_table("interaction_our_person")
    op.drop_table("our_person")
    if op.get_bind().dialect.name == "sqlite":
        snapshot.install_triggers(op.get_bind().exec_driver_sql)
