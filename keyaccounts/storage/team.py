"""A team database on a PostgreSQL server: its people's group role, and the row-level
security policies that decide, in the server, who reads and writes what (issue 16).

Each person is a PostgreSQL login role (named as their ``person.login``) and a member
of the database's group role (:func:`group_role`), which holds the table privileges.
The policies rest on a few ``SECURITY DEFINER`` functions that read ``person``,
``account`` and ``account_share`` with the owner's rights (a policy on ``account``
that read ``account_share`` under its own policy would recurse). Each returns a set
(the account ids the current user reads, or writes, …) that a policy tests as
``account_id IN (SELECT ka_readable_accounts(current_user))``: computed once per query
and probed as a hash, where a function called for each row read cost ~0.2 ms a row
(a ``SECURITY DEFINER`` function is never inlined: 13.8 s for a manager's Today page
at 4,000 accounts). What they decide:

* a manager reads and writes the accounts they own, or that are shared with them
  (to read, or also to write), and every row that hangs off them;
* a lead reads every account whose owner is in the lead's team, and writes them too
  (a lead hands accounts over, re-assigning their follow-ups);
* an admin manages people (creates login roles) and sees what they own, no more;
* a contact's private notes (``contact_private``) only the account's owner reads;
* only the owner, or a lead of the owner's team, changes an account's owner, and only
  to an active person (a trigger); the login that wrote a row is recorded by the
  triggers of migration 0013.

The app's own checks are a courtesy; the server is the protection. Everything here is
idempotent: ``team init`` runs it again after each upgrade.
"""

from __future__ import annotations

ROLES = ("manager", "lead", "admin")

# Tables whose rows belong to an account (column account_id).
ACCOUNT_CHILDREN = ("contact", "interaction", "follow_up", "cadence", "complaint", "survey",
                    "order_line", "need", "alert_state", "owner_history", "churn_event")


def group_role(database: str) -> str:
    """The group role of a team database's people (roles are the whole server's; one
    server may hold several team databases)."""
    return f"keyaccounts_{database}"[:63]


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION ka_person_role(who name) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT role FROM person WHERE login = who AND active $$;

CREATE OR REPLACE FUNCTION ka_leads(owner_login text, who name) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT EXISTS (SELECT 1 FROM person me JOIN person o ON o.team = me.team
                   WHERE me.login = who AND me.active AND me.role = 'lead'
                     AND o.login = owner_login) $$;

CREATE OR REPLACE FUNCTION ka_led_logins(who name) RETURNS SETOF text
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public ROWS 20 AS $$
BEGIN
    RETURN QUERY SELECT o.login::text FROM person me JOIN person o ON o.team = me.team
        WHERE me.login = who AND me.active AND me.role = 'lead';
END $$;

CREATE OR REPLACE FUNCTION ka_readable_accounts(who name) RETURNS SETOF integer
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public ROWS 500 AS $$
BEGIN
    RETURN QUERY SELECT a.id FROM account a
        WHERE a.owner = who OR a.owner IN (SELECT ka_led_logins(who))
        UNION SELECT s.account_id FROM account_share s WHERE s.login = who;
END $$;

CREATE OR REPLACE FUNCTION ka_writable_accounts(who name) RETURNS SETOF integer
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public ROWS 500 AS $$
BEGIN
    RETURN QUERY SELECT a.id FROM account a
        WHERE a.owner = who OR a.owner IN (SELECT ka_led_logins(who))
        UNION SELECT s.account_id FROM account_share s WHERE s.login = who AND s.can_write;
END $$;

CREATE OR REPLACE FUNCTION ka_sharing_accounts(who name) RETURNS SETOF integer
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public ROWS 500 AS $$
BEGIN
    RETURN QUERY SELECT a.id FROM account a
        WHERE a.owner = who OR a.owner IN (SELECT ka_led_logins(who));
END $$;

CREATE OR REPLACE FUNCTION ka_owned_contacts(who name) RETURNS SETOF integer
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public ROWS 1000 AS $$
BEGIN
    RETURN QUERY SELECT c.id FROM contact c JOIN account a ON a.id = c.account_id
        WHERE a.owner = who;
END $$;

CREATE OR REPLACE FUNCTION ka_is_person(who name) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT EXISTS (SELECT 1 FROM person WHERE login = who) $$;

CREATE OR REPLACE FUNCTION ka_account_owner() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.owner = '' AND ka_is_person(current_user) THEN
            NEW.owner := current_user;
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.owner IS DISTINCT FROM OLD.owner AND ka_is_person(current_user) THEN
        IF NOT (OLD.owner = current_user OR ka_leads(OLD.owner, current_user)) THEN
            RAISE EXCEPTION 'only the owner or a lead of their team hands an account over'
                USING ERRCODE = '42501';
        END IF;
        IF ka_person_role(NEW.owner) IS NULL THEN
            RAISE EXCEPTION USING ERRCODE = '42501',
                MESSAGE = 'the new owner ' || NEW.owner || ' is no active person of the team';
        END IF;
    END IF;
    RETURN NEW;
END $$;
"""


# The policies' sets, each computed once per query (a hashed subplan) where a function
# called for every row read cost ~0.2 ms a row: a SECURITY DEFINER function is never
# inlined. In PL/pgSQL, not SQL: a session keeps their plans (an SQL function's body is
# planned again in each query), and one call returns the whole set.
READABLE = "(SELECT ka_readable_accounts(current_user))"
WRITABLE = "(SELECT ka_writable_accounts(current_user))"
LED = "(SELECT ka_led_logins(current_user))"
OBSOLETE_FUNCTIONS = ("ka_can_read(integer, name)", "ka_can_write(integer, name)",
                      "ka_owns(integer, name)", "ka_owns_contact(integer, name)")


def install_sql(database: str) -> list[str]:
    """The statements that make (or bring up to date) a team database's roles and
    policies; run as the database's owner, in one transaction."""
    group = quote_ident(group_role(database))
    db = quote_ident(database)
    statements = [
        f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = "
        f"'{group_role(database)}') THEN CREATE ROLE {group} NOLOGIN; END IF; END $$",
        f"REVOKE ALL ON DATABASE {db} FROM PUBLIC",
        f"GRANT CONNECT, TEMPORARY ON DATABASE {db} TO {group}",
        # The policies' subplans raise the planner's cost of the app's short queries over
        # jit_above_cost: compiling them took 40-50 ms a query, more than they run.
        f"ALTER DATABASE {db} SET jit = off",
        "REVOKE ALL ON SCHEMA public FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA public TO {group}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {group}",
        f"REVOKE INSERT, UPDATE, DELETE ON person, alembic_version, account_stamp FROM {group}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {group}",
        *(f.strip() for f in FUNCTIONS.split("\n\n") if f.strip()),
        "DROP TRIGGER IF EXISTS ka_account_owner ON account",
        "CREATE TRIGGER ka_account_owner BEFORE INSERT OR UPDATE ON account "
        "FOR EACH ROW EXECUTE FUNCTION ka_account_owner()",
    ]
    policies: dict[str, list[str]] = {
        "account": [
            # On the row itself first (not only through the readable set): a row being
            # inserted, which INSERT … RETURNING must be allowed to read, is not visible
            # to a function yet.
            "CREATE POLICY ka_read ON account FOR SELECT USING (owner = current_user OR "
            f"owner IN {LED} OR id IN {READABLE})",
            "CREATE POLICY ka_insert ON account FOR INSERT WITH CHECK (owner = current_user "
            "OR ka_person_role(current_user) = 'lead' AND ka_leads(owner, current_user))",
            f"CREATE POLICY ka_update ON account FOR UPDATE USING (id IN {WRITABLE}) "
            "WITH CHECK (true)",
            "CREATE POLICY ka_delete ON account FOR DELETE USING (owner = current_user)",
        ],
        "account_share": [
            "CREATE POLICY ka_read ON account_share FOR SELECT USING "
            f"(login = current_user OR account_id IN {READABLE})",
            *_writes("account_share", "account_id IN (SELECT ka_sharing_accounts(current_user))"),
        ],
        "contact_private": [
            "CREATE POLICY ka_owner ON contact_private FOR ALL USING "
            "(contact_id IN (SELECT ka_owned_contacts(current_user)))",
        ],
        # The ids of the outbox entries a server applied (issue 17): each person's own.
        "applied_change": [
            "CREATE POLICY ka_owner ON applied_change FOR ALL USING (login = current_user) "
            "WITH CHECK (login = current_user)",
        ],
    }
    # The per-account cache (keyaccounts.storage.cache) is the account's: read by who
    # reads the account (under the account's own policy: one hashed pass over the
    # accounts, where a function per row cost a lead a second at 4,000 accounts), kept
    # by who writes it (no FOR ALL policy: it would be checked on every row read too);
    # the stamps only triggers write (no write policy, no privilege).
    policies["account_cache"] = [
        "CREATE POLICY ka_read ON account_cache FOR SELECT USING "
        "(account_id IN (SELECT id FROM account))",
        *_writes("account_cache", f"account_id IN {WRITABLE}"),
    ]
    policies["account_stamp"] = [
        "CREATE POLICY ka_read ON account_stamp FOR SELECT USING "
        "(account_id = 0 OR account_id IN (SELECT id FROM account))",
    ]
    # Links of an interaction (its contacts, our people at it) follow the interaction;
    # our_person itself is the team's shared list (no row-level security).
    for table in ("interaction_contact", "interaction_our_person"):
        policies[table] = [
            f"CREATE POLICY ka_read ON {table} FOR SELECT USING (EXISTS "
            "(SELECT 1 FROM interaction i WHERE i.id = interaction_id))",
            *_writes(table, "EXISTS (SELECT 1 FROM interaction i WHERE i.id = interaction_id "
                            f"AND i.account_id IN {WRITABLE})"),
        ]
    for table in ACCOUNT_CHILDREN:
        policies[table] = [
            f"CREATE POLICY ka_read ON {table} FOR SELECT USING (account_id IN {READABLE})",
            *_writes(table, f"account_id IN {WRITABLE}"),
        ]
    for table, creates in policies.items():
        statements.append(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        for name in ("ka_read", "ka_insert", "ka_update", "ka_delete", "ka_write", "ka_owner"):
            statements.append(f"DROP POLICY IF EXISTS {name} ON {table}")
        statements += creates
    # What the policies called once per row before (a database made by an older version).
    statements += [f"DROP FUNCTION IF EXISTS {f}" for f in OBSOLETE_FUNCTIONS]
    return statements


def _writes(table: str, allowed: str) -> list[str]:
    """The policies that let a person insert, update and delete the rows *allowed* says.
    Not one ``FOR ALL`` policy: that one would also apply to each row read, tested
    besides the read policy (what one writes one reads: it never widens a read)."""
    return [f"CREATE POLICY ka_insert ON {table} FOR INSERT WITH CHECK ({allowed})",
            f"CREATE POLICY ka_update ON {table} FOR UPDATE USING ({allowed})",
            f"CREATE POLICY ka_delete ON {table} FOR DELETE USING ({allowed})"]


def is_team_database(connection) -> bool:
    """Whether the database a DB-API (or SQLAlchemy) *connection* is on was made a team
    database (row-level security on its accounts)."""
    row = _scalar(connection, "SELECT relrowsecurity FROM pg_class WHERE relname = 'account' "
                              "AND relnamespace = 'public'::regnamespace")
    return bool(row)


def _scalar(connection, sql: str):
    run = getattr(connection, "exec_driver_sql", None) or connection.execute
    row = run(sql).fetchone()
    return row[0] if row else None
