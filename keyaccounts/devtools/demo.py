"""A realistic, deterministic demo portfolio (``keyaccounts demo``).

Same seed, size and ``today`` give the same database.  It has Chinese and
English company and person names, revenue that follows 80/20 and tiers from
it, key contacts at every level with solar and lunar birthdays, cadences by
tier, and years of interactions whose chains are mostly kept and sometimes
broken.  Two accounts tell DOMAIN.md's stories:

* case B, *drifting*: a long, successful tier-A account whose proposals stopped
  being new, whose executive contact faded to working-level calls, and whose
  new marketing director — no tie to us — arrived months ago and was never met;
* case A, *rescued*: an account that was slipping away after unresolved
  complaints, then won back with a monthly executive meeting and a technical
  sync every two weeks.

Orders over the years give every customer-value segment (RFM) some members: steady
buyers, new ones still ramping up, some lapsing, some fading after big years, some
dormant; case B's account slides from champions to at risk over its last year. They
come from a random source of their own, so the rest of the demo is as it was.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select

from keyaccounts.storage.db import Database
from keyaccounts.domain.errors import ValidationError
from keyaccounts.i18n import _
from keyaccounts.storage.model import (
    Account,
    AccountStatus,
    Attitude,
    Cadence,
    CadenceMode,
    Complaint,
    ComplaintCategory,
    Contact,
    FollowUp,
    FollowUpStatus,
    Interaction,
    InteractionKind as K,
    Level,
    Order,
    Role,
    Severity,
    Tier,
    TierBasis,
)
from keyaccounts.domain import clock

CN_PLACES = ["华信", "远航", "京华", "海鸿", "中联", "瑞丰", "天成", "金桥", "新元", "恒泰",
             "东方", "广汇", "长城", "宏图", "蓝海", "星河", "正道", "博远", "嘉禾", "万通"]
CN_TRADES = [("精密制造", "制造业"), ("物流", "物流"), ("医药", "医药"), ("电子", "电子"),
             ("能源", "能源"), ("食品", "食品"), ("零售", "零售"), ("银行", "金融"),
             ("汽车零部件", "汽车"), ("化工", "化工")]
EN_NAMES = ["Northwind", "Bluepeak", "Harbor Line", "Silverleaf", "Crestmont", "Redwood",
            "Lakeshore", "Ironbridge", "Summit", "Brightwater", "Oakhurst", "Westgate"]
EN_TRADES = [("Logistics", "Logistics"), ("Foods", "Food"), ("Retail Group", "Retail"),
             ("Pharmaceuticals", "Pharma"), ("Components", "Electronics"),
             ("Energy", "Energy"), ("Motors", "Automotive"), ("Bank", "Banking")]
CN_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
CN_GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰",
            "涛", "明", "超", "秀英", "建华", "志强", "海燕", "晓东", "雪梅", "国庆", "丹"]
EN_FIRST = ["Emma", "Liam", "Olivia", "Noah", "Ava", "James", "Sophia", "Lucas", "Mia",
            "Ethan", "Grace", "Daniel", "Chloe", "Henry", "Lily", "Jack"]
EN_LAST = ["Smith", "Brown", "Taylor", "Wilson", "Davies", "Evans", "Walker", "Wright",
           "Hughes", "Green", "Hall", "Clarke"]
TITLES = {
    Level.EXECUTIVE: [("总经理", "CEO"), ("副总裁", "VP Operations"), ("采购总监", "CPO"),
                      ("市场总监", "Marketing Director")],
    Level.MANAGEMENT: [("采购经理", "Purchasing Manager"), ("技术经理", "Engineering Manager"),
                       ("项目经理", "Project Manager"), ("质量经理", "Quality Manager")],
    Level.OPERATIONAL: [("采购专员", "Buyer"), ("工程师", "Engineer"),
                        ("计划员", "Planner"), ("仓库主管", "Warehouse Lead")],
}
PRIVATE_NOTES = [("喜欢喝普洱茶", "Enjoys pu-erh tea"), ("女儿明年高考", "Daughter sits exams next year"),
                 ("周末打羽毛球", "Plays badminton at weekends"), ("不喝酒", "Does not drink")]
OWNERS = ["Li Na", "Chen Hao", "Wang Fang"]
SUMMARIES = {
    K.VISIT: [("季度拜访，讨论交付计划", "Quarterly visit: delivery plan for next quarter"),
              ("现场走访产线，了解新需求", "Plant walk-through; new requirements noted")],
    K.CALL: [("电话确认订单进度", "Call to confirm order progress"),
             ("电话沟通价格调整", "Call about the price adjustment")],
    K.EMAIL: [("邮件发送报价", "Sent the quotation by email")],
    K.MESSAGE: [("微信沟通发货时间", "WeChat: agreed the shipping date")],
    K.EXEC_MEETING: [("高层座谈会：明年合作方向", "Executive meeting: direction for next year"),
                     ("高层会谈：战略合作", "Executive meeting: strategic partnership")],
    K.TECH_MEETING: [("技术对接会：接口问题", "Technical sync: interface issues"),
                     ("技术交流：新工艺", "Technical sync: new process")],
    K.REVIEW: [("季度业务回顾", "Quarterly business review")],
    K.CARE: [("节日问候并送上礼品", "Festival greetings with a small gift"),
             ("生日祝福", "Birthday wishes")],
    K.COMPLAINT: [("客户投诉交货延迟", "Complaint: late delivery"),
                  ("客户投诉质量问题", "Complaint: quality issue")],
    K.VALUE_ADD: [("分享行业洞察报告", "Shared an industry insight report"),
                  ("提出降本方案", "Proposed a cost-down plan")],
}
STEPS = [("发送报价", "Send the quotation"), ("安排技术交流", "Arrange a technical session"),
         ("确认样品测试结果", "Confirm sample test results"), ("回复价格问题", "Answer the pricing question"),
         ("提交改进方案", "Submit the improvement plan"), ("预约下次拜访", "Book the next visit")]
# Birth years whose lunar calendar has a leap month of the given number.
LEAP_BIRTHS = [(1982, 4), (1984, 10), (1987, 6), (1990, 5), (1993, 3), (1995, 8)]
CADENCE_BY_TIER = {  # titles as (Chinese, English), like the rest of the demo's data
    Tier.A: [dict(title=("每月拜访", "Monthly visit"), kinds=["visit", "review"], level=None,
                  ideal=30, max=45),
             dict(title=("季度高层会谈", "Quarterly executive meeting"), kinds=["exec-meeting"],
                  level="exec", rrule="FREQ=MONTHLY;INTERVAL=3;BYDAY=1TU", tolerance=14)],
    Tier.B: [dict(title=("季度拜访", "Quarterly visit"), kinds=["visit", "review"], level=None,
                  ideal=90, max=120)],
    Tier.C: [dict(title=("半年一次电话", "Half-yearly call"), kinds=["call", "visit"], level=None,
                  ideal=180, max=240)],
}


@dataclass
class _Plan:
    account: Account
    chinese: bool
    contacts: list[Contact] = field(default_factory=list)
    story: str = ""  # "", "drifting" (case B) or "rescued" (case A)
    open_followups: list[FollowUp] = field(default_factory=list)


def _pick(rng: random.Random, pair: tuple[str, str], chinese: bool) -> str:
    return pair[0] if chinese else pair[1]


class _Builder:
    def __init__(self, session, rng: random.Random, today: date, years: int):
        self.s = session
        self.rng = rng
        self.today = today
        self.start = today - timedelta(days=365 * years)
        self.counts = dict(accounts=0, contacts=0, interactions=0, followups=0)

    # -- people --------------------------------------------------------------------
    def person(self, chinese: bool, used: set[str]) -> str:
        for _attempt in range(50):
            if chinese:
                name = self.rng.choice(CN_SURNAMES) + self.rng.choice(CN_GIVEN)
            else:
                name = f"{self.rng.choice(EN_FIRST)} {self.rng.choice(EN_LAST)}"
            if name not in used:
                used.add(name)
                return name
        return name + str(len(used))

    def contact(self, plan: _Plan, level: Level, role: Role, used: set[str], *,
                title: tuple[str, str] | None = None, joined: date | None = None) -> Contact:
        rng = self.rng
        c = Contact(account=plan.account, name=self.person(plan.chinese, used),
                    title=_pick(rng, title or rng.choice(TITLES[level]), plan.chinese),
                    level=level, role=role,
                    attitude=rng.choice([Attitude.SUPPORTIVE, Attitude.SUPPORTIVE,
                                         Attitude.NEUTRAL, Attitude.SKEPTICAL]),
                    emails=[], phones=[], joined_on=joined)
        slug = f"c{len(used)}.{plan.account.id or 0}"
        if rng.random() < 0.8:
            c.emails = [f"{slug}@example.com"]
        if rng.random() < 0.7:
            c.phones = [f"+86 138 {rng.randrange(1000, 9999)} {rng.randrange(1000, 9999)}"]
        if rng.random() < 0.7:
            lunar = plan.chinese and rng.random() < 0.45
            if lunar and rng.random() < 0.15:
                year, month = rng.choice(LEAP_BIRTHS)
                c.birthday_year, c.birthday_month, c.birthday_day = year, month, rng.randint(1, 29)
                c.birthday_leap = True
            else:
                c.birthday_month, c.birthday_day = rng.randint(1, 12), rng.randint(1, 28)
                c.birthday_year = rng.choice([None, rng.randint(1962, 1995)])
            c.birthday_lunar = lunar
        if rng.random() < 0.25:
            c.private_notes = _pick(rng, rng.choice(PRIVATE_NOTES), plan.chinese)
        plan.contacts.append(c)
        self.s.add(c)
        self.counts["contacts"] += 1
        return c

    # -- the chain -----------------------------------------------------------------
    def log(self, plan: _Plan, day: date, kind: K, level: Level | None, sentiment: int,
            open_steps: int, *, keep_chain: float = 0.9, summary: str | None = None,
            horizon: int = 30, resolved_on: date | None = None):
        rng = self.rng
        when = datetime.combine(day, time(rng.randint(9, 17), rng.choice([0, 15, 30, 45])))
        pool = [c for c in plan.contacts
                if (level is None or c.level == level)
                and (c.joined_on is None or c.joined_on <= day)
                and (c.left_on is None or c.left_on > day)]
        met = rng.sample(pool, min(len(pool), rng.randint(1, 2))) if pool else []
        i = Interaction(account=plan.account, kind=kind, occurred_at=when,
                        summary=summary or _pick(rng, rng.choice(SUMMARIES[kind]), plan.chinese),
                        sentiment=max(-2, min(2, sentiment)), contacts=met,
                        our_participants=plan.account.owner, created_at=when)
        self.s.add(i)
        self.counts["interactions"] += 1
        if kind == K.COMPLAINT:  # recorded as the app records it, with its deadline
            resolved = resolved_on and resolved_on <= self.today
            self.s.add(Complaint(
                account=plan.account, contact=met[0] if met else None, summary=i.summary,
                category=ComplaintCategory.DELIVERY, severity=Severity.MEDIUM, received_on=day,
                deadline=day + timedelta(days=7),
                first_response_on=resolved_on - timedelta(days=5) if resolved else None,
                resolved_on=resolved_on if resolved else None,
                root_cause=_pick(rng, ("排产计划未同步", "Production plan not shared"),
                                 plan.chinese) if resolved else "",
                what_changed=_pick(rng, ("每周同步交付计划", "Weekly delivery-plan sync"),
                                   plan.chinese) if resolved else "",
                customer_informed=bool(resolved), interaction=i))
        for f in list(self.open_of(plan)):
            if f.opened_on > day or rng.random() > keep_chain:
                continue  # left open: if its date passes, the chain is broken
            f.closed_by, f.closed_on = i, day
            if f.due < day - timedelta(days=21) or rng.random() < 0.8:
                f.status = FollowUpStatus.SETTLED
            else:
                f.status = FollowUpStatus.CARRIED
                self.followup(plan, f.text, day + timedelta(days=rng.randint(7, 21)), day, i,
                              carried_from=f)
        for _n in range(open_steps):
            text = _pick(rng, rng.choice(STEPS), plan.chinese)
            due = day + timedelta(days=rng.randint(max(3, horizon * 2 // 3),
                                                   max(5, horizon * 3 // 2)))
            self.followup(plan, text, due, day, i)
        return i

    def followup(self, plan: _Plan, text: str, due: date, opened: date, by: Interaction | None,
                 carried_from: FollowUp | None = None, origin: str = "") -> FollowUp:
        f = FollowUp(account=plan.account, text=text, due=due, opened_on=opened, opened_by=by,
                     owner=plan.account.owner, carried_from=carried_from, origin=origin,
                     status=FollowUpStatus.OPEN)
        self.s.add(f)
        plan.open_followups.append(f)
        self.counts["followups"] += 1
        return f

    def open_of(self, plan: _Plan):
        plan.open_followups = [f for f in plan.open_followups if f.status == FollowUpStatus.OPEN]
        return plan.open_followups

    def routine(self, plan: _Plan, start: date, end: date, gap_days: int, *,
                exec_share: float, sentiment: tuple[int, int], value_add: float = 0.1,
                keep_chain: float = 0.9, kinds: list[K] | None = None,
                keep_cadence: float = 0.0) -> None:
        """Ad-hoc contacts every *gap_days* or so, merged in time with the contacts that
        keep the tier's cadences (each kept with probability *keep_cadence*)."""
        rng = self.rng
        events: list[tuple[date, K, Level]] = []
        day = start + timedelta(days=rng.randint(0, max(1, gap_days // 2)))
        while day <= end:
            roll = rng.random()
            if roll < exec_share:
                kind, level = K.EXEC_MEETING, Level.EXECUTIVE
            elif roll < exec_share + value_add:
                kind, level = K.VALUE_ADD, Level.MANAGEMENT
            else:
                kind = rng.choice(kinds or [K.VISIT, K.CALL, K.CALL, K.MESSAGE, K.EMAIL,
                                            K.TECH_MEETING])
                level = {K.TECH_MEETING: Level.OPERATIONAL}.get(kind, rng.choice(list(Level)))
            events.append((day, kind, level))
            day += timedelta(days=max(1, int(gap_days * rng.uniform(0.6, 1.4))))
        if keep_cadence:
            events += self.cadence_events(plan, start, end, keep_cadence)
        for day, kind, level in sorted(events, key=lambda e: e[0]):
            self.log(plan, day, kind, level, rng.randint(*sentiment),
                     open_steps=rng.choice([0, 1, 1, 2]), keep_chain=keep_chain,
                     horizon=gap_days)

    def cadence_events(self, plan: _Plan, start: date, end: date, keep: float):
        from dateutil.rrule import rrulestr

        rng = self.rng
        out = []
        for spec in CADENCE_BY_TIER[plan.account.tier]:
            kind = K(spec["kinds"][0])
            level = Level(spec["level"]) if spec["level"] else None
            if "rrule" in spec:
                rule = rrulestr(spec["rrule"], dtstart=datetime.combine(start, time()))
                for o in rule.between(datetime.combine(start, time()),
                                      datetime.combine(end, time())):
                    day = o.date() + timedelta(days=rng.randint(-4, 6))
                    if rng.random() < keep and start <= day < end:
                        out.append((day, kind, level or Level.EXECUTIVE))
                continue
            day = start + timedelta(days=rng.randint(1, spec["ideal"]))
            while day < end:
                if rng.random() < keep:
                    out.append((day, kind, level or rng.choice(list(Level))))
                day += timedelta(days=int(spec["ideal"] * rng.uniform(0.75, 1.1)))
        # Visible new value now and then (DOMAIN.md §9): more often for bigger accounts.
        every = {Tier.A: 90, Tier.B: 130, Tier.C: 200}[plan.account.tier]
        day = start + timedelta(days=rng.randint(10, every))
        while day < end:
            if rng.random() < keep:
                out.append((day, K.VALUE_ADD, Level.MANAGEMENT))
            day += timedelta(days=int(every * rng.uniform(0.7, 1.2)))
        return out

    def care(self, plan: _Plan, until: date | None = None) -> None:
        """A festival greeting each Spring Festival and Mid-Autumn for executives."""
        until = until or self.today
        from keyaccounts.domain.dates import Birthday

        for festival in (Birthday(1, 1, lunar=True), Birthday(8, 15, lunar=True)):
            day = self.start
            while (day := festival.next_after(day)) and day <= until:
                self.log(plan, day - timedelta(days=2), K.CARE, Level.EXECUTIVE, 1, 0,
                         keep_chain=0.0)
                day += timedelta(days=1)

    def cadences(self, plan: _Plan) -> None:
        for spec in CADENCE_BY_TIER[plan.account.tier]:
            self.add_cadence(plan, spec)

    def add_cadence(self, plan: _Plan, spec: dict) -> None:
        title = _pick(self.rng, spec["title"], plan.chinese)
        if "rrule" in spec:
            c = Cadence(account=plan.account, title=title, kinds=spec["kinds"],
                        level=Level(spec["level"]) if spec["level"] else None,
                        mode=CadenceMode.SCHEDULE, rrule=spec["rrule"],
                        starts_on=spec.get("starts_on", self.start),
                        tolerance_days=spec.get("tolerance", 7))
        else:
            c = Cadence(account=plan.account, title=title, kinds=spec["kinds"],
                        level=Level(spec["level"]) if spec["level"] else None,
                        mode=CadenceMode.INTERVAL, ideal_days=spec["ideal"],
                        max_days=spec["max"], tolerance_days=7)
        self.s.add(c)


def _account_names(rng: random.Random, n: int) -> list[tuple[str, str, bool]]:
    """(name, industry, chinese) for *n* distinct companies."""
    combos = [(p + t, ind, True) for p in CN_PLACES for t, ind in CN_TRADES]
    combos += [(f"{p} {t}", ind, False) for p in EN_NAMES for t, ind in EN_TRADES]
    rng.shuffle(combos)
    return [(name if k < len(combos) else f"{name} {k // len(combos) + 1}", ind, chinese)
            for k in range(n) for name, ind, chinese in [combos[k % len(combos)]]]


def build_demo(db: Database, *, accounts: int = 40, years: int = 3, seed: int = 7,
               today: date | None = None) -> dict[str, int]:
    """Fill an empty database; refuse one that holds any account."""
    today = today or clock.today()
    rng = random.Random(seed)
    with db.transaction() as s:
        if s.scalar(select(func.count()).select_from(Account)):
            raise ValidationError("db", db.location, _("the database is not empty; the demo "
                                                   "needs an empty one"))
        b = _Builder(s, rng, today, years)
        # Revenue by a Zipf-like law: the top fifth of accounts brings about 80 %.
        revenues = sorted((int(30_000_000 * (rank + 1) ** -1.4 * rng.uniform(0.85, 1.15))
                           for rank in range(accounts)), reverse=True)
        total, running = sum(revenues), 0
        plans: list[_Plan] = []
        for (name, industry, chinese), revenue in zip(_account_names(rng, accounts), revenues):
            share_before = running / total
            running += revenue
            tier = Tier.A if share_before < 0.8 else Tier.B if share_before < 0.95 else Tier.C
            account = Account(name=name, industry=industry, tier=tier,
                              tier_basis=TierBasis.REVENUE, tier_note="", owner=rng.choice(OWNERS),
                              status=AccountStatus.ACTIVE, annual_revenue=revenue,
                              renewal_date=today + timedelta(days=rng.randint(-20, 360)),
                              notes="", created_at=datetime.combine(b.start, time(9)))
            s.add(account)
            plans.append(_Plan(account, chinese))
            b.counts["accounts"] += 1
        s.flush()
        # The two stories: the largest account drifts (B), the fourth is rescued (A).
        if accounts >= 4:
            plans[0].story = "drifting"
            plans[3].story = "rescued"
            plans[3].account.tier = Tier.A
            plans[3].account.tier_basis = TierBasis.STRATEGIC_FIT
            plans[3].account.tier_note = _pick(rng, ("战略客户：行业标杆",
                                                      "Strategic: a reference customer in its industry"),
                                               plans[3].chinese)
        for plan in plans:
            used: set[str] = set()
            b.contact(plan, Level.EXECUTIVE, Role.DECISION_MAKER, used)
            if plan.account.tier != Tier.C or rng.random() < 0.5:
                b.contact(plan, Level.EXECUTIVE, rng.choice([Role.INFLUENCER, Role.DECISION_MAKER]), used)
            b.contact(plan, Level.MANAGEMENT, Role.CHAMPION, used)
            b.contact(plan, Level.MANAGEMENT, rng.choice([Role.INFLUENCER, Role.BLOCKER]), used)
            for _n in range(rng.randint(1, 3)):
                b.contact(plan, Level.OPERATIONAL, Role.USER, used)
            s.flush()
            if plan.story == "drifting":
                _drifting(b, plan, used)
            elif plan.story == "rescued":
                _rescued(b, plan)
            else:
                gap = {Tier.A: 16, Tier.B: 45, Tier.C: 90}[plan.account.tier]
                b.routine(plan, b.start, today - timedelta(days=1), gap,
                          exec_share=0.05 if plan.account.tier == Tier.A else 0.03,
                          sentiment=(-1, 2), keep_chain=rng.choice([0.97, 0.9, 0.8]),
                          keep_cadence=rng.choice([0.97, 0.95, 0.9, 0.75]))
                b.cadences(plan)
            if plan.account.tier == Tier.A:  # the drifting account's care stopped too
                b.care(plan, today - timedelta(days=365) if plan.story == "drifting" else None)
        _orders(s, plans, random.Random(seed * 7919 + 1), b.start, today)
        _our_people(s)
        return b.counts


# Our side (issue 20): the owners (management), our general manager at every
# executive-level contact, our engineer at the technical meetings. No random draw: the
# rest of the demo is as it was, and case B's executive tie fades with its exec meetings.
OUR_EXEC, OUR_ENGINEER = ("Zhou Jian", "General manager"), ("Sun Lei", "Solutions engineer")


def _our_people(s) -> None:
    from sqlalchemy.orm import selectinload

    from keyaccounts.storage.model import OurPerson

    s.flush()
    people = {name: OurPerson(name=name, title="Account manager", level=Level.MANAGEMENT,
                              archived=False) for name in OWNERS}
    people[OUR_EXEC[0]] = OurPerson(name=OUR_EXEC[0], title=OUR_EXEC[1],
                                    level=Level.EXECUTIVE, archived=False)
    people[OUR_ENGINEER[0]] = OurPerson(name=OUR_ENGINEER[0], title=OUR_ENGINEER[1],
                                        level=Level.OPERATIONAL, archived=False)
    s.add_all(people.values())
    for i in s.scalars(select(Interaction).options(selectinload(Interaction.contacts))):
        names = [i.our_participants] if i.our_participants else []
        if i.kind == K.EXEC_MEETING or any(c.level == Level.EXECUTIVE for c in i.contacts):
            names.append(OUR_EXEC[0])
        if i.kind == K.TECH_MEETING:
            names.append(OUR_ENGINEER[0])
        i.our_participants = ", ".join(names)
        i.our_people = [people[n] for n in names if n in people]


ORDER_PATTERNS = ("steady", "steady", "new", "steady", "lapsing", "steady", "fading",
                  "dormant")


def _orders(s, plans: list[_Plan], rng: random.Random, start: date, today: date) -> None:
    """Orders over the years, by a pattern per account (see the module's docstring)."""
    def run(plan: _Plan, first: date, last: date, gap: int, scale: float = 1.0) -> None:
        yearly = plan.account.annual_revenue or 0
        day = first + timedelta(days=rng.randint(0, gap // 2))
        while day <= min(last, today):
            amount = int(yearly * gap / 365 * scale * rng.uniform(0.7, 1.3))
            s.add(Order(account_id=plan.account.id, ordered_on=day, amount=max(amount, 1), note=""))
            day += timedelta(days=max(7, gap + rng.randint(-gap // 4, gap // 4)))

    ago = lambda days: today - timedelta(days=days)  # noqa: E731
    for k, plan in enumerate(plans):
        gap = {Tier.A: 30, Tier.B: 60, Tier.C: 90}[plan.account.tier]
        pattern = ORDER_PATTERNS[k % len(ORDER_PATTERNS)]
        if plan.story == "drifting":  # champions until a year ago, then thinning out
            run(plan, start, ago(365), 20)
            yearly = plan.account.annual_revenue or 0
            for days, scale in ((330, 0.12), (290, 0.1), (245, 0.08), (200, 0.06)):
                s.add(Order(account_id=plan.account.id, ordered_on=ago(days),
                            amount=int(yearly * scale), note=""))
        elif plan.story == "rescued":  # no orders while the complaints went unanswered
            run(plan, start, ago(420), gap)
            run(plan, ago(290), today, gap)
        elif pattern == "new":
            run(plan, ago(rng.randint(100, 160)), today, 45, 0.3)
        elif pattern == "lapsing":
            run(plan, ago(400), ago(rng.randint(45, 90)), gap * 2, 0.3)
        elif pattern == "fading":
            run(plan, start, ago(rng.randint(200, 260)), gap, 1.2)
        elif pattern == "dormant":
            run(plan, start, ago(rng.randint(400, 500)), gap * 2, 0.3)
        else:
            run(plan, start, ago(rng.randint(1, 20)), gap)


def _drifting(b: _Builder, plan: _Plan, used: set[str]) -> None:
    """Case B: long and successful, then comfort-zone decline and a new decision maker."""
    year_ago = b.today - timedelta(days=365)
    plan.account.tier_note = _pick(b.rng, ("合作八年的最大客户", "Largest account, eight years together"),
                                   plan.chinese)
    b.routine(plan, b.start, year_ago, 10, exec_share=0.15, value_add=0.15, sentiment=(1, 2),
              keep_chain=0.97)
    # The last year: working-level calls only, no new ideas, sentiment sliding.
    day = year_ago
    while day <= b.today - timedelta(days=3):
        slide = 1 - (day - year_ago).days // 120  # 1, 0, -1, -2 over the year
        b.log(plan, day, b.rng.choice([K.CALL, K.MESSAGE, K.EMAIL]), Level.OPERATIONAL,
              slide + b.rng.choice([0, 0, -1]), open_steps=b.rng.choice([0, 1]),
              keep_chain=0.3)
        day += timedelta(days=b.rng.randint(18, 30))
    # Feedback filtered out: complaints from the working level, left unanswered.
    for ago, text in ((40, ("交付延迟，运营团队不满", "Late deliveries; the operations team is unhappy")),
                      (12, ("再次投诉：问题仍未解决", "Complaint again: still not resolved"))):
        b.log(plan, b.today - timedelta(days=ago), K.COMPLAINT, Level.OPERATIONAL, -2, 1,
              keep_chain=0.0, summary=_pick(b.rng, text, plan.chinese), horizon=10)
    # The old marketing director left; the new one has no tie to us.
    old = next(c for c in plan.contacts if c.level == Level.EXECUTIVE)
    old.left_on = b.today - timedelta(days=150)
    old.role = Role.DECISION_MAKER
    b.contact(plan, Level.EXECUTIVE, Role.DECISION_MAKER, used,
              title=("新任市场总监", "New Marketing Director"),
              joined=b.today - timedelta(days=140))
    b.cadences(plan)


def _rescued(b: _Builder, plan: _Plan) -> None:
    """Case A: slipping after unresolved complaints, then won back with a firm rhythm."""
    rescue = b.today - timedelta(days=300)
    b.routine(plan, b.start, rescue - timedelta(days=120), 30, exec_share=0.05,
              sentiment=(-1, 1), keep_chain=0.8)
    day = rescue - timedelta(days=120)
    for _n in range(4):  # complaints, left unresolved until the rescue, sentiment negative
        b.log(plan, day, K.COMPLAINT, Level.MANAGEMENT, -2, 1, keep_chain=0.2,
              resolved_on=rescue + timedelta(days=30))
        day += timedelta(days=30)
    plan.account.status = AccountStatus.ACTIVE
    # The rescue: monthly executive meeting plus a technical sync every two weeks.
    day, fortnight = rescue, 0
    while day <= b.today - timedelta(days=2):
        progress = (day - rescue).days / 300
        fortnight += 1
        if fortnight % 2:
            b.log(plan, day, K.EXEC_MEETING, Level.EXECUTIVE, round(-1 + 3 * progress), 1,
                  keep_chain=1.0)
        b.log(plan, day + timedelta(days=1), K.TECH_MEETING, Level.OPERATIONAL,
              round(-1 + 3 * progress), b.rng.choice([0, 1]), keep_chain=1.0)
        if b.rng.random() < 0.2:
            b.log(plan, day + timedelta(days=3), K.VALUE_ADD, Level.MANAGEMENT, 1, 0)
        day += timedelta(days=14)
    for spec in (
        dict(title=("每月高层会谈", "Monthly executive meeting"), kinds=["exec-meeting"],
             level="exec", rrule="FREQ=MONTHLY;BYDAY=1TU", starts_on=rescue, tolerance=7),
        dict(title=("每两周技术同步", "Technical sync every two weeks"), kinds=["tech-meeting"],
             level="ops", rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=WE", starts_on=rescue, tolerance=3),
    ):
        b.add_cadence(plan, spec)
