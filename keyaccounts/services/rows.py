"""From stored rows to the domain's views: the one place that reads an ORM row (of
keyaccounts.storage.model) into a record of keyaccounts.domain.views.

The views know nothing of storage; each service hands out views made here, inside its
unit of work (a view outlives it and can cross threads).
"""

from __future__ import annotations

from keyaccounts.domain.dates import Birthday
from keyaccounts.domain.views import (
    AccountView,
    CadenceView,
    ComplaintView,
    ContactView,
    FollowUpView,
    InteractionView,
    PersonView,
)
from keyaccounts.storage.model import (
    Account,
    Cadence,
    Complaint,
    Contact,
    FollowUp,
    Interaction,
    Person,
)


def account_view(a: Account) -> AccountView:
    return AccountView(a.id, a.name, a.tier.value, a.tier_basis.value, a.tier_note,
                       a.industry, a.owner, a.status.value, a.renewal_date, a.annual_revenue,
                       a.notes, a.archived, a.version)


def contact_view(c: Contact) -> ContactView:
    birthday = None
    if c.birthday_month is not None and c.birthday_day is not None:
        birthday = Birthday(c.birthday_month, c.birthday_day, c.birthday_year,
                            c.birthday_lunar, c.birthday_leap)
    return ContactView(c.id, c.account.name, c.account_id, c.name, c.title, c.level.value,
                       c.role.value, c.attitude.value, tuple(c.emails or ()),
                       tuple(c.phones or ()), birthday, c.private_notes, c.joined_on,
                       c.left_on, c.reports_to.name if c.reports_to else None, c.archived)


def followup_view(f: FollowUp) -> FollowUpView:
    return FollowUpView(f.id, f.account.name if f.account else "", f.text, f.due, f.owner,
                        f.status.value, f.opened_on, f.opened_by_id, f.origin, f.closed_on,
                        f.closed_by_id, f.carried_from_id,
                        f.carried_to.id if f.carried_to else None)


def interaction_view(i: Interaction, with_chain: bool = False) -> InteractionView:
    """*i*, and with *with_chain* the follow-ups it opened, settled and carried."""
    opened = settled = carried = ()
    if with_chain:
        opened = tuple(followup_view(f) for f in sorted(i.opened, key=lambda f: f.id))
        closed = sorted(i.closed, key=lambda f: f.id)
        settled = tuple(followup_view(f) for f in closed if f.status.value == "settled")
        carried = tuple(followup_view(f) for f in closed if f.status.value == "carried")
    contacts = sorted(i.contacts, key=lambda c: c.id)
    return InteractionView(i.id, i.account.name, i.occurred_at.date(),
                           i.occurred_at.strftime("%H:%M"), i.kind.value, i.channel,
                           i.summary, i.sentiment, tuple(c.name for c in contacts),
                           tuple(sorted({c.level.value for c in contacts})),
                           i.our_participants, i.gift, i.gift_value, opened, settled, carried,
                           i.created_by or "")


def cadence_view(c: Cadence) -> CadenceView:
    return CadenceView(c.id, c.account.name, c.title, tuple(c.kinds),
                       c.level.value if c.level else None, c.mode.value, c.ideal_days,
                       c.max_days, c.rrule, c.starts_on, c.tolerance_days, c.active)


def complaint_view(c: Complaint) -> ComplaintView:
    return ComplaintView(c.id, c.account.name, c.account_id,
                         c.contact.name if c.contact else None, c.summary, c.category.value,
                         c.severity.value, c.received_on, c.deadline, c.first_response_on,
                         c.resolved_on, c.root_cause, c.what_changed, c.customer_informed)


def person_view(p: Person) -> PersonView:
    return PersonView(p.login, p.name, p.role, p.level, p.team, p.active)
