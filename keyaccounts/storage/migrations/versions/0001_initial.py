"""initial schema: accounts, contacts, interactions, follow-ups, cadences

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-27 05:32:50.572047
"""

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('account',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('tier', sa.Enum('A', 'B', 'C', name='tier', native_enum=False), nullable=False),
    sa.Column('tier_basis', sa.Enum('revenue', 'strategic-fit', 'growth', 'stability', 'influence', name='tierbasis', native_enum=False, length=20), nullable=False),
    sa.Column('tier_note', sa.Text(), nullable=False),
    sa.Column('industry', sa.String(length=100), nullable=False),
    sa.Column('owner', sa.String(length=100), nullable=False),
    sa.Column('status', sa.Enum('active', 'at-risk', 'churned', name='accountstatus', native_enum=False, length=20), nullable=False),
    sa.Column('renewal_date', sa.Date(), nullable=True),
    sa.Column('annual_revenue', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_account')),
    sa.UniqueConstraint('name', name=op.f('uq_account_name'))
    )
    op.create_table('cadence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('kinds', sa.JSON(), nullable=False),
    sa.Column('level', sa.Enum('exec', 'mgmt', 'ops', name='level', native_enum=False, length=20), nullable=True),
    sa.Column('mode', sa.Enum('interval', 'schedule', name='cadencemode', native_enum=False, length=20), nullable=False),
    sa.Column('ideal_days', sa.Integer(), nullable=True),
    sa.Column('max_days', sa.Integer(), nullable=True),
    sa.Column('rrule', sa.Text(), nullable=True),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('tolerance_days', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.CheckConstraint("(mode = 'interval' AND ideal_days > 0 AND max_days >= ideal_days) OR (mode = 'schedule' AND rrule IS NOT NULL AND starts_on IS NOT NULL)", name=op.f('ck_cadence_mode')),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], name=op.f('fk_cadence_account_id_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cadence'))
    )
    with op.batch_alter_table('cadence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cadence_account_id'), ['account_id'], unique=False)

    op.create_table('contact',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('level', sa.Enum('exec', 'mgmt', 'ops', name='level', native_enum=False, length=20), nullable=False),
    sa.Column('role', sa.Enum('decision-maker', 'influencer', 'champion', 'user', 'blocker', name='role', native_enum=False, length=20), nullable=False),
    sa.Column('attitude', sa.Enum('supportive', 'neutral', 'skeptical', 'opposed', 'unknown', name='attitude', native_enum=False, length=20), nullable=False),
    sa.Column('emails', sa.JSON(), nullable=False),
    sa.Column('phones', sa.JSON(), nullable=False),
    sa.Column('birthday_month', sa.Integer(), nullable=True),
    sa.Column('birthday_day', sa.Integer(), nullable=True),
    sa.Column('birthday_year', sa.Integer(), nullable=True),
    sa.Column('birthday_lunar', sa.Boolean(), nullable=False),
    sa.Column('birthday_leap', sa.Boolean(), nullable=False),
    sa.Column('private_notes', sa.Text(), nullable=False),
    sa.Column('joined_on', sa.Date(), nullable=True),
    sa.Column('left_on', sa.Date(), nullable=True),
    sa.Column('reports_to_id', sa.Integer(), nullable=True),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.CheckConstraint('birthday_day IS NULL OR birthday_day BETWEEN 1 AND 31', name=op.f('ck_contact_day')),
    sa.CheckConstraint('birthday_month IS NULL OR birthday_month BETWEEN 1 AND 12', name=op.f('ck_contact_month')),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], name=op.f('fk_contact_account_id_account')),
    sa.ForeignKeyConstraint(['reports_to_id'], ['contact.id'], name=op.f('fk_contact_reports_to_id_contact'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact'))
    )
    with op.batch_alter_table('contact', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_account_id'), ['account_id'], unique=False)

    op.create_table('interaction',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('visit', 'call', 'email', 'message', 'exec-meeting', 'tech-meeting', 'review', 'care', 'complaint', 'value-add', 'other', name='interactionkind', native_enum=False, length=20), nullable=False),
    sa.Column('channel', sa.String(length=50), nullable=False),
    sa.Column('occurred_at', sa.DateTime(), nullable=False),
    sa.Column('our_participants', sa.Text(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('sentiment', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('sentiment BETWEEN -2 AND 2', name=op.f('ck_interaction_sentiment')),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], name=op.f('fk_interaction_account_id_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_interaction'))
    )
    with op.batch_alter_table('interaction', schema=None) as batch_op:
        batch_op.create_index('ix_interaction_account_occurred', ['account_id', 'occurred_at'], unique=False)

    op.create_table('follow_up',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('due', sa.Date(), nullable=False),
    sa.Column('owner', sa.String(length=100), nullable=False),
    sa.Column('opened_on', sa.Date(), nullable=False),
    sa.Column('opened_by_id', sa.Integer(), nullable=True),
    sa.Column('origin', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('open', 'settled', 'carried', name='followupstatus', native_enum=False, length=20), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('closed_by_id', sa.Integer(), nullable=True),
    sa.Column('carried_from_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("(status = 'open') = (closed_on IS NULL)", name=op.f('ck_follow_up_closed')),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], name=op.f('fk_follow_up_account_id_account')),
    sa.ForeignKeyConstraint(['carried_from_id'], ['follow_up.id'], name=op.f('fk_follow_up_carried_from_id_follow_up')),
    sa.ForeignKeyConstraint(['closed_by_id'], ['interaction.id'], name=op.f('fk_follow_up_closed_by_id_interaction')),
    sa.ForeignKeyConstraint(['opened_by_id'], ['interaction.id'], name=op.f('fk_follow_up_opened_by_id_interaction'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_up')),
    sa.UniqueConstraint('carried_from_id', name=op.f('uq_follow_up_carried_from_id'))
    )
    with op.batch_alter_table('follow_up', schema=None) as batch_op:
        batch_op.create_index('ix_follow_up_account_status_due', ['account_id', 'status', 'due'], unique=False)
        batch_op.create_index(batch_op.f('ix_follow_up_closed_by_id'), ['closed_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_follow_up_opened_by_id'), ['opened_by_id'], unique=False)

    op.create_table('interaction_contact',
    sa.Column('interaction_id', sa.Integer(), nullable=False),
    sa.Column('contact_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['contact_id'], ['contact.id'], name=op.f('fk_interaction_contact_contact_id_contact')),
    sa.ForeignKeyConstraint(['interaction_id'], ['interaction.id'], name=op.f('fk_interaction_contact_interaction_id_interaction'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('interaction_id', 'contact_id', name=op.f('pk_interaction_contact'))
    )
    with op.batch_alter_table('interaction_contact', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_interaction_contact_contact_id'), ['contact_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('interaction_contact', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_interaction_contact_contact_id'))

    op.drop_table('interaction_contact')
    with op.batch_alter_table('follow_up', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_follow_up_opened_by_id'))
        batch_op.drop_index(batch_op.f('ix_follow_up_closed_by_id'))
        batch_op.drop_index('ix_follow_up_account_status_due')

    op.drop_table('follow_up')
    with op.batch_alter_table('interaction', schema=None) as batch_op:
        batch_op.drop_index('ix_interaction_account_occurred')

    op.drop_table('interaction')
    with op.batch_alter_table('contact', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_account_id'))

    op.drop_table('contact')
    with op.batch_alter_table('cadence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cadence_account_id'))

    op.drop_table('cadence')
    op.drop_table('account')
