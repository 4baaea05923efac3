"""Property tests of the chain: whatever is logged, edited or deleted, every
follow-up stays open, settled, or carried to exactly one successor, and no
promise is lost."""

from datetime import date, datetime, timedelta

import hypothesis.strategies as st
from hypothesis import HealthCheck, settings
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from sqlalchemy import select

from keyaccounts import services as sv
from keyaccounts.storage.db import open_database
from keyaccounts.domain.errors import ChainConflict
from keyaccounts.storage.integrity import chain_problems
from keyaccounts.storage.model import FollowUp

START = date(2026, 1, 1)


class Chain(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        import tempfile
        from pathlib import Path

        self.dir = tempfile.TemporaryDirectory()
        self.db = open_database(Path(self.dir.name) / "prop.sqlite3")
        self.day = 0
        self.promises: set[int] = set()  # follow-ups opened as new next steps
        self.successors: set[int] = set()  # follow-ups opened by carrying
        self.interactions: list[int] = []

    @initialize()
    def accounts(self):
        sv.add_account(self.db, "A")
        sv.add_account(self.db, "B")

    def open_ids(self, account, on):
        return sorted(f.id for f in sv.list_followups(self.db, account, open_only=True)
                      if f.opened_on <= on)

    @rule(data=st.data(), account=st.sampled_from(["A", "B"]), gap=st.integers(0, 20),
          new=st.lists(st.integers(0, 30), max_size=3))
    def log(self, data, account, gap, new):
        self.day += gap
        on = START + timedelta(days=self.day)
        open_ids = self.open_ids(account, on)
        chosen = data.draw(st.lists(st.sampled_from(open_ids), unique=True)) if open_ids else []
        split = data.draw(st.integers(0, len(chosen)))
        carry = {fid: on + timedelta(days=data.draw(st.integers(0, 30))) for fid in chosen[split:]}
        result = sv.log_interaction(
            self.db, account, "call", datetime.combine(on, datetime.min.time()), "x",
            settle=chosen[:split], carry=carry,
            next_steps=[(f"step {n}", on + timedelta(days=n)) for n in new])
        self.interactions.append(result.interaction_id)
        self.successors |= set(result.carried.values())
        self.promises |= set(result.opened) - set(result.carried.values())
        assert set(result.settled) == set(chosen[:split])

    @rule(data=st.data(), shift=st.integers(-15, 15))
    def edit_date(self, data, shift):
        if not self.interactions:
            return
        iid = data.draw(st.sampled_from(self.interactions))
        with self.db.session() as s:
            from keyaccounts.storage.model import Interaction

            when = s.get(Interaction, iid).occurred_at
        try:
            sv.edit_interaction(self.db, iid, occurred_at=when + timedelta(days=shift))
        except ChainConflict:
            pass

    @rule(data=st.data())
    def delete(self, data):
        if not self.interactions:
            return
        iid = data.draw(st.sampled_from(self.interactions))
        result = sv.delete_interaction(self.db, iid)
        self.interactions.remove(iid)
        assert set(result.removed_successors) <= self.successors
        self.successors -= set(result.removed_successors)

    @invariant()
    def chain_is_sound(self):
        with self.db.session() as s:
            assert chain_problems(s) == []
            ids = set(s.scalars(select(FollowUp.id)))
        # No promise is ever lost; only successors of undone carries go away.
        assert self.promises <= ids
        assert ids == self.promises | self.successors

    def teardown(self):
        self.db.close()
        self.dir.cleanup()


TestChain = Chain.TestCase
TestChain.settings = settings(max_examples=40, stateful_step_count=25, deadline=None,
                              suppress_health_check=[HealthCheck.too_slow])
