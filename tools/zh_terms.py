"""The product's Chinese as data, re-applied to both zh_CN catalogues.

Both catalogues (keyaccounts/locale/zh_CN/LC_MESSAGES/keyaccounts.po for the core and
the CLI, ui/resources/i18n/keyaccounts_zh_CN.ts for the desktop app) change every time
someone adds a string, so the vocabulary and the rewritten strings live here, where a
merge cannot lose them:

* TERMS — one word for each thing (docs/zh_CN-glossary.md lists them), replaced in
  every translation, so a string someone adds tomorrow with 互动 still reads 接触;
* punctuation — Chinese text takes full-width ：，；（）, never ": " or ", ";
* PO / QT — whole strings rewritten, by English source (a QT key may carry its
  context, "Context|source"); they win over TERMS.

Run after tools/update-translations.sh has merged the sources, then run that script
again to compile:

    bash tools/update-translations.sh && python3 tools/zh_terms.py \\
        && bash tools/update-translations.sh

``--check`` changes nothing and exits 1 if a catalogue is not as this file says.
"""

from __future__ import annotations

import ast
import html
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PO_FILE = ROOT / "keyaccounts/locale/zh_CN/LC_MESSAGES/keyaccounts.po"
TS_FILE = ROOT / "ui/resources/i18n/keyaccounts_zh_CN.ts"

# (pattern, replacement): regular expressions, applied in order to every translation.
TERMS: list[tuple[str, str]] = [
    # an interaction is a 接触; its record 接触记录; the chain of them the 跟进链
    (r"互动", "接触"),
    (r"(?:连续的?)?接触记录链", "跟进链"),
    # the kinds of contact: 高层座谈 (DOMAIN.md's 高层座谈会), 技术交流
    (r"高层会谈", "高层座谈"),
    (r"技术同步会", "技术交流"),
    # champion: 内部支持者 (支持者 alone clashes with the attitude 支持)
    (r"(?<!内部)支持者", "内部支持者"),
    # tiers: A 级 / B 级 / C 级, never A 类
    (r"([ABC]|\{tier\}|%1) ?类(?!型|别)", r"\1 级"),
    # health bands are traffic lights
    (r"绿色", "绿灯"), (r"黄色", "黄灯"), (r"红色", "红灯"),
    # encryption at rest
    (r"静态加密", "数据库加密"),
    # a key contact who works against us: 反对者 (the sales word)
    (r"阻碍者", "反对者"),
    # one wording for the endings of refusals and cancellations
    (r"没有(写入|保存|导入)任何内容", r"未\1任何内容"),
    (r"未做任何(?:修改|更改)", "未做任何改动"),
    (r"给空值则", "留空则"),
]

# Full-width punctuation inside Chinese text. Parentheses stay half-width around an
# accelerator (&N) and in file-dialog filters (*.png), which Qt parses.
PUNCTUATION: list[tuple[str, str]] = [
    (r"(?<=\S): ", "："),
    (r"(?<=\S), ", "，"),
    (r"(?<=\S); ", "；"),
    (r" ?\((?![&*])([^()]*)\)", r"（\1）"),
    # one minus sign, CLDR's: ASCII "-" (never U+2212)
    ("\u2212", "-"),
]

CJK = re.compile(r"[\u3400-\u9fff]")

# Whole strings of the core and the CLI, by msgid ("context|msgid" for one context only).
PO: dict[str, str] = {
    # relative days, dates and money (keyaccounts.domain.formats)
    "today": "今天",
    "tomorrow": "明天",
    "yesterday": "昨天",
    "in {n} days": "还有 {n} 天",
    "{n} days ago": "{n} 天前",
    "in about {n} months": "约 {n} 个月后",
    "about {n} months ago": "约 {n} 个月前",
    "in over a year": "1 年多后",
    "over a year ago": "1 年多前",
    "in over {n} years": "{n} 年多后",
    "over {n} years ago": "{n} 年多前",
    "resolved the same day": "当天解决",
    "resolved the next day": "次日解决",
    "resolved in {n} days": "{n} 天解决",
    "{date} ({weekday})": "{date}（{weekday}）",
    "{date} ({lunar})": "{date}（{lunar}）",
    "{name}, {day}": "{name}，{day}",
    # festivals and care (keyaccounts.domain.festivals)
    "{festival}: New Year greetings to key contacts from New Year's Eve to {end}":
        "{festival}：除夕至 {end}（初七）向关键联系人拜年",
    "New Year visits to key accounts until the Lantern Festival ({end})":
        "拜年走访：元宵节（{end}）前走访重点客户",
    "{festival}: customers are away; plan no visits": "{festival}：客户多休假外出，不宜安排拜访",
    "{account}: {years} years of partnership": "{account}：合作 {years} 周年",
    "New Year visits": "拜年走访",
    "Women's Day": "妇女节",
    "Labour Day": "劳动节",
    "Winter Solstice": "冬至",
    "Qixi Festival": "七夕节",
    "expected on or off": "应为 on 或 off",
    "optional greetings: 七夕, 冬至, 妇女节 and the partnership's anniversary (合作周年, from the first order)":
        "可选的问候：七夕、冬至、妇女节和合作周年（自首笔订单起算）",
    "{amount} ten-thousand yuan": "{amount} 万元",
    "{amount} yuan": "{amount} 元",
    ", ": "、",
    "{name}: {value}": "{name}：{value}",
    # the measures of a quarter (services.metrics)
    "accounts at the start": "期初客户数",
    "accounts churned": "流失客户数",
    "retention rate": "客户留存率",
    "accounts that ordered": "下单客户数",
    "repeat purchase rate": "复购率",
    "revenue": "收入",
    "revenue, previous quarter": "上季度收入",
    "order growth on the previous quarter": "订单额环比增长",
    "complaints resolved": "已解决投诉数",
    "average days to resolve a complaint": "投诉平均解决天数",
    "value-added services": "增值服务次数",
    "accounts given value-added services": "获得增值服务的客户数",
    "value-added services by account": "各客户增值服务次数",
    "recoveries closed": "已结束的挽回次数",
    "recovery success rate": "挽回成功率",
    "value recovered": "挽回的年价值",
    "recovery cost": "挽回成本",
    "value recovered per yuan spent": "每元挽回成本换回的年价值",
    "lifetime value recovered": "挽回的终身价值",
    "lifetime value recovered per yuan spent": "每元挽回成本换回的终身价值",
    # the wrong everyday strings
    "title": "名称",
    "full name": "姓名",
    "job title": "职务",
    "what": "事项",
    "{n} tiers changed": "已调整 {n} 个客户的等级",
    "{account}: churned ({reason}); win-back {decision}": "{account}：已流失（{reason}），{decision}",
    "pursued": "争取挽回",
    "not pursued": "放弃挽回",
    "Contract renewal on {day} ({when})": "合同 {day} 到期续约（{when}）",
    "last contact {when}; the cadence asks for every {ideal} days, at most {max}":
        "上次接触：{when}；联系节奏要求每 {ideal} 天一次，最长不超过 {max} 天",
    "last executive-level contact {when} (tier {tier}: within {good} days)":
        "上次高层接触：{when}（{tier} 级客户应在 {good} 天内）",
    "a complaint passed its response deadline unanswered: {summary}":
        "“{summary}”已过答复期限",
    "Answer the customer today, senior person, with a date for the fix":
        "请于今日由主管领导答复客户，并承诺解决时间",
    "{engaged} of {total} key contacts met in 90 days; {dms} of {all_dms} decision makers":
        "近 90 天见过 {engaged}/{total} 位关键联系人，其中决策者 {dms}/{all_dms} 位",
    "{n} follow-ups past due with nothing logged, the oldest due {day}":
        "{n} 项跟进已逾期，至今无跟进记录，最早一项 {day} 到期",
    "Contact recency": "接触及时性",
    "Executive coverage": "高层覆盖",
    "Breadth of contacts": "关键人覆盖面",
    "Commercial trend": "业务趋势",
    "Value delivered": "增值服务",
    "Contact-history chain": "跟进链",
    "Sentiment": "客户情绪",
    "Key-people changes": "关键人变动",
    "orders {change:+.0%} on the year before ({recent:,} against {earlier:,})":
        "订单额同比 {change:+.0%}（{recent:,}，上年同期 {earlier:,}）",
    "NPS {score}/10 on {day}": "净推荐值（NPS）{score}/10（{day}）",
    "CSAT {score}/5 on {day}": "客户满意度（CSAT）{score}/5（{day}）",
    "record an NPS or CSAT result": "记录净推荐值（NPS）或客户满意度（CSAT）调查结果",
    "no satisfaction survey in a year (neutral)": "近一年无满意度调查（按中性计）",
    "no revenue history to compare (neutral)": "无可比较的收入记录（按中性计）",
    "no contact logged yet": "尚无接触记录",
    "no executive-level contact on record": "尚无高层接触记录",
    "no current key contacts recorded": "尚未登记在职的关键联系人",
    "no interactions in the last year to judge": "近一年无接触记录，无法判断",
    "average sentiment {avg:+.1f} over the last {n} interactions":
        "最近 {n} 次接触的平均情绪为 {avg:+.1f}",
    "; falling from {avg:+.1f} before": "，低于此前的 {avg:+.1f}",
    "no follow-up past its date": "无逾期跟进",
    "no open complaint": "无未解决的投诉",
    "{n} open complaints, {late} past the response deadline; the oldest received {day}":
        "{n} 项投诉未解决，其中 {late} 项已过答复期限；最早一项 {day} 收到",
    "no decision-maker change left without a relationship": "决策者变动后均已建立关系",
    "{n} value-added services in six months, the latest on {day}":
        "近六个月提供增值服务 {n} 次，最近一次为 {day}",
    "no executive-level contact for {days} days (tier {tier}: {good})":
        "已 {days} 天无高层接触（{tier} 级客户应在 {good} 天内）",
    "Arrange an executive meeting: our senior leader with theirs":
        "请安排高层座谈：由我方领导对接客户高层",
    "decision maker {name} left and no successor was met within 30 days":
        "决策者 {name} 已离职，30 天内仍未与接任者会面",
    "new decision maker {name} not met within 30 days of joining":
        "新任决策者 {name} 到任已 30 天，仍未会面",
    "Meet {name}'s successor and build the relationship": "请与 {name} 的接任者会面，建立关系",
    "Meet {name}, the new decision maker": "请与新任决策者 {name} 会面",
    "Settle or carry the overdue follow-ups and tell the customer":
        "请完成或顺延逾期的跟进，并告知客户",
    "sentiment fell over the last three interactions ({a:+d}, {b:+d}, {c:+d})":
        "最近三次接触的客户情绪持续下降（{a:+d}、{b:+d}、{c:+d}）",
    "Call the main contact: ask what is going wrong": "请致电主要联系人，了解问题所在",
    "renewal on {day} while health is {band} ({score})": "{day} 续约，健康度仍为{band}（{score} 分）",
    "Plan the renewal with the decision maker; address what lowers the health":
        "请与决策者商定续约安排，并解决拉低健康度的问题",
    "no value-added service in six months (comfort-zone decline)":
        "近六个月无增值服务（有“舒适区”衰退风险）",
    "Bring something new: an insight, a proposal or an introduction":
        "请带去新价值：一份行业洞察、一个方案或一次引荐",
    "customer-value segment fell from {before} to {after} within a quarter":
        "客户价值分群一个季度内从“{before}”降为“{after}”",
    "Review the account's orders with its decision maker: what changed?":
        "请与客户决策者一起回顾订单：发生了什么变化？",
    "has been handled already": "已处理",
    "say why the alert is dismissed": "请说明忽略该预警的原因",
    "no such open alert": "未找到该条未处理的预警",
    # 未找到… rather than 没有这个…
    "no such account": "未找到该客户",
    "no such contact": "未找到该联系人",
    "no such contact in account {account}": "客户 {account} 中未找到该联系人",
    "no such follow-up": "未找到该跟进",
    "no such interaction": "未找到该接触记录",
    "no such complaint": "未找到该投诉",
    "no such cadence": "未找到该联系节奏",
    "no such need": "未找到该需求",
    "no such agenda item": "未找到该日程事项",
    "no such file": "未找到该文件",
    "no such setting; known: {keys}": "未找到该设置项；可用的有：{keys}",
    "no such sheet; the workbook has: {names}": "未找到该工作表；工作簿中有：{names}",
    "no such interaction kind": "未找到该接触类型",
    "no such date": "日期不存在",
    "no such time of day": "时间无效",
    "{path}: no such database": "{path}：未找到数据库",
    "--encoding {name}: no such encoding (for example utf-8, gb18030, big5, shift_jis, latin-1)":
        "--encoding {name}：不支持该编码（可用 utf-8、gb18030、big5、shift_jis、latin-1 等）",
    "no vCard found": "未找到 vCard 名片",
    "no duplicate to merge into": "未找到可合并的重复项",
    "unknown; known: {names}": "未知项；可用的有：{names}",
    "is the contact who left": "即离职的联系人本人",
    "is already {status}": "已{status}",
    "The follow-up {id} has been acted on since; it stays.": "跟进 {id} 此后已有处理，予以保留。",
    "Build a relationship with {name} ({title}), who takes over from {old}":
        "与接替 {old} 的 {name}（{title}）建立关系",
    "Find out who takes over from {old} ({title}) and meet them":
        "了解由谁接替 {old}（{title}），并与其会面",
    "interaction {id}": "接触记录 {id}",
    "expected an interaction id (a number)": "应为接触记录编号（数字）",
    "interaction {id} changed; the follow-ups it opened and closed stay linked to it":
        "已修改接触记录 {id}；其创建和关闭的跟进仍与之关联",
    "interaction {id} deleted": "已删除接触记录 {id}",
    "follow-up {id} is open again (it had been settled or carried by this interaction)":
        "跟进 {id} 已恢复为未完成（原由该接触记录完成或顺延）",
    "follow-up {id} kept (it was opened by this interaction; its origin is noted)":
        "保留跟进 {id}（由该接触记录创建，已注明来源）",
    "log an interaction and move the chain on": "记录一次接触，推进跟进链",
    "change or delete a logged interaction": "修改或删除接触记录",
    "change an interaction; its links to follow-ups stay": "修改接触记录；与跟进的关联保持不变",
    "delete an interaction; its follow-ups are reopened or kept, never lost":
        "删除接触记录；相关跟进会恢复或保留，不会丢失",
    "an account's contact-history chain": "客户的跟进链",
    "our participants": "我方参与人",
    "replaces the people met; an empty value clears them": "替换参与人；留空则清除",
    "from the deleted {kind} of {day}: {summary}": "来自已删除的 {day} {kind}：{summary}",
    "how often to contact an account, by kind": "按接触类型设定联系客户的频率",
    "kinds": "接触类型",
    "name at least one kind of contact": "请至少指定一种接触类型",
    "the level of the people met; empty for any": "参与人的层级；留空表示不限",
    "value-added services given to accounts": "为客户提供的增值服务",
    "expected kind: amount pairs": "应为“类型：金额”对",
    "cost of one interaction of a kind": "每类接触的单次成本",
    "Demo portfolio written to {path}: {accounts} accounts, {contacts} contacts, "
    "{interactions} interactions, {followups} follow-ups.":
        "演示数据已写入 {path}：{accounts} 个客户、{contacts} 位联系人、"
        "{interactions} 条接触记录、{followups} 项跟进。",
    "Building the benchmark portfolio ({path})…": "正在生成基准测试数据（{path}）…",
    "fill an empty database with a demo portfolio": "向空数据库写入演示数据",
    "measure speed and memory on a large portfolio": "用大量客户数据测量速度和内存",
    "the database is not empty; the demo needs an empty one": "数据库非空；演示数据只能写入空数据库",
    "the portfolio's settings: list, get or set": "设置：列出、查看或修改",
    "the user's own festivals, solar or lunar, greeted like the public ones":
        "自定义节日（公历或农历），与法定节日一样提醒送上祝福",
    "how many days ahead birthdays, work anniversaries, festivals and renewals show on the agenda":
        "生日、入职周年、节日和续约提前几天显示在日程中",
    "the lowest score of the green and of the amber band": "绿灯和黄灯的最低分",
    "the points each part of the health score can give": "健康度各构成项的分值",
    "{festival}: greetings to key contacts": "{festival}：向关键联系人致以节日祝福",
    "{name}: {years} years at the company": "{name}：入职 {years} 周年",
    "Executive meeting each quarter": "每季度高层座谈",
    "Call every six months": "每半年电话联系一次",
    "contribution (12 months) {total:,} = revenue {revenue:,} - cost of goods {goods:,} "
    "(margin {margin:.0%}, {source}) - contact effort {effort:,}":
        "边际贡献（近 12 个月）{total:,} = 收入 {revenue:,} - 商品成本 {goods:,}"
        "（毛利率 {margin:.0%}，{source}）- 联络投入 {effort:,}",
    "the portfolio's": "全部客户的",
    "the portfolio: {kept} of {present} accounts of a year ago still active":
        "全部客户：一年前的 {present} 个客户中仍有 {kept} 个在合作",
    "applies to the portfolio: use --portfolio": "适用于全部客户：请用 --portfolio",
    "not in the active portfolio on {day}: ranked with it": "{day} 不在在营客户之列：仍参与排名",
    # the domain's words (keyaccounts.domain.vocabulary.WORDS)
    "revenue rank": "收入排名", "strategic fit": "战略契合", "growth potential": "成长潜力",
    "stability": "稳定性", "industry influence": "行业影响力",
    "active": "正常", "at risk": "有风险", "churned": "已流失",
    "executive": "高层", "management": "中层", "operational": "基层",
    "visit": "拜访", "call": "电话", "email": "邮件", "message": "消息",
    "executive meeting": "高层座谈", "technical meeting": "技术交流",
    "business review": "业务回顾", "care": "关怀", "complaint": "投诉",
    "value-added service": "增值服务", "other": "其他",
    "low": "低", "medium": "中", "high": "高", "critical": "紧急",
    "awaiting an answer": "待答复", "overdue, not answered": "已逾期，未答复",
    "answered": "已答复", "resolved": "已解决",
    "follow-up": "跟进", "birthday": "生日", "anniversary": "周年", "festival": "节日",
    "renewal": "续约", "complaint deadline": "投诉答复期限",
    "complaint unanswered": "投诉未答复", "executive contact beyond its cadence": "高层接触超期",
    "key person changed": "关键人变动", "broken chain": "跟进链断开",
    "sentiment falling": "客户情绪下滑", "renewal at risk": "续约有风险",
    "no value added": "近期无增值服务", "value segment falling": "客户价值分群下降",
    # the PDF reports
    "Quarterly review {period}: {account}": "{account} {period}回顾",
    "{received} {severity}: {summary} — {state}{days}":
        "{received}（{severity}）{summary} — {state}{days}",
    "Portfolio review {period}": "客户总览 {period}回顾",
    "Tier {tier} ({basis}) · owner {owner} · status {status} · renewal {renewal}":
        "{tier} 级（{basis}）· 负责人 {owner} · 状态 {status} · 续约 {renewal}",
    "Health {score} ({band}) on {day}": "健康度 {score} 分（{band}，{day}）",
    "Contact coverage by level": "各层级接触覆盖",
    "{level}: {met} of {n} met this quarter": "{level}：本季度见过 {met}/{n} 位",
    "No contact logged in the quarter.": "本季度无接触记录。",
    "Nothing open.": "无未完成事项。",
    "No complaint recorded.": "无投诉记录。",
    "Needs": "需求档案",
    "No needs recorded for the quarter.": "本季度无需求记录。",
    "No survey recorded.": "无满意度调查记录。",
    "No account is amber or red.": "无黄灯或红灯客户。",
    "Customer value: segment × tier": "客户价值：分群 × 等级",
    "{n} accounts: {green} green, {amber} amber, {red} red":
        "共 {n} 个客户：绿灯 {green}，黄灯 {amber}，红灯 {red}",
    "Still unmet since {period}: {concern}": "自 {period} 起仍未满足：{concern}",
    # the CLI's wording
    "a new name": "新名称",
    "why the tier, when set by hand": "手动定级的理由",
    "cadence {id} stopped (kept, inactive, so the history explains itself)":
        "已停用联系节奏 {id}（保留记录，便于追溯历史）",
    "days late before a scheduled contact counts as missed": "计划接触逾期几天后视为错过",
    "active cadences": "生效中的联系节奏",
    "e.g. WeChat, WeCom, DingTalk": "如微信、企业微信、钉钉",
    "show what would happen": "仅预览，不写入",
    "what was given to a key contact": "送给关键联系人的礼品记录",
    "a key contact left; plan meeting the successor": "关键联系人离职；安排与接任者会面",
    "since": "开始日期",
    "{title}: snoozed until {day}": "{title}：{day} 再提醒",
    "hide a follow-up or an agenda item for some days": "将跟进或日程事项推迟几天提醒",
    "lifetime value at the churn date {value:,}": "流失时的客户终身价值 {value:,}",
    "the recovery plan as follow-ups on the chain": "把挽回计划作为跟进加入跟进链",
    "is ambiguous: commas only between groups of three digits (1,500), or none":
        "有歧义：逗号只能用作千位分隔符（如 1,500），或不用逗号",
    "must be between {first} and {last}": "须在 {first} 至 {last} 之间",
    "{path}: is the database itself": "{path}：这是数据库本身",
    "open, yet closed or carried": "状态为未完成，但已关闭或顺延",
    "settled, yet carried": "已完成，但又被顺延",
    "Key-account relationship maintenance.": "客户关系维护。",
    "replace FILE if it exists": "FILE 已存在时覆盖",
    "the account's retention rate set by hand (none: the portfolio's history); needs --reason":
        "手工设定该客户的留存率（none 表示按全部客户的历史计算）；须附 --reason",
    "the text is neither UTF-8 nor Chinese GB18030 (byte 0x{byte:02X}); say which encoding "
    "it is in with --encoding, for example latin-1, big5 or shift_jis":
        "文本既不是 UTF-8，也不是中文 GB18030（字节 0x{byte:02X}）；请用 --encoding "
        "指明编码，例如 latin-1、big5 或 shift_jis",
    "no such contact in account {account}; the manager is not linked":
        "客户“{account}”中未找到该联系人，未关联直属上级",
    "The interaction cannot move to {day}: it closes follow-up {id}, which was opened on "
    "{opened}.": "该接触记录不能改到 {day}：其关闭的跟进 {id} 创建于 {opened}。",
    "The interaction cannot move to {day}: follow-up {id}, which it opened, was closed on "
    "{closed}.": "该接触记录不能改到 {day}：其创建的跟进 {id} 已于 {closed} 关闭。",
    "The interaction cannot move to {day}: follow-up {id}, which it opened, is due on {due}.":
        "该接触记录不能改到 {day}：其创建的跟进 {id} 于 {due} 到期。",
    "{source}: not encrypted, while the database is: restoring it would leave the data "
    "unencrypted; decrypt the database first (then encrypt it again); nothing was changed":
        "{source}：该文件未加密，而数据库已加密，恢复后数据将不再加密；请先解密数据库"
        "（之后再重新加密）；未做任何改动",
    "{path}: encrypted (or its first bytes are damaged); give its passphrase "
    "(KEYACCOUNTS_PASSPHRASE) to restore over it, or restore one of its own backups; "
    "nothing was changed":
        "{path}：已加密（或文件开头已损坏）；请提供其密码（KEYACCOUNTS_PASSPHRASE）后再恢复，"
        "或恢复其自身的某个备份；未做任何改动",
    # argparse's own words (keyaccounts/cli/argparse_words.py)
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "未知命令 %(parser_name)r（可选：%(choices)s）",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "此选项不接受值，已忽略 %r",
    "the following arguments are required: %s": "缺少必填参数：%s",
    "one of the arguments %s is required": "须指定以下参数之一：%s",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多只能给一个值",
    "expected at least one argument": "至少需要一个值",
    "ambiguous option: %(option)s could match %(matches)s":
        "选项 %(option)s 不明确，可能是：%(matches)s",
    "unexpected option string: %s": "此处不应出现选项：%s",
    "invalid %(type)s value: %(value)r": "%(value)r 不是有效的 %(type)s 值",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "无效的值 %(value)r（可选：%(choices)s）",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    # second read (issue 23): register, errors, the words of the CLI
    "an empty value clears it": "留空则清除",
    "replaces every email; an empty value clears them": "替换全部邮箱；留空则清除",
    "replaces every phone; an empty value clears them": "替换全部电话；留空则清除",
    "set a setting; an empty value restores the default": "修改设置；留空则恢复默认值",
    "{count} events written to {path}": "已将 {count} 条日程写入 {path}",
    "what is overdue, due and coming": "已逾期、已到期和近期的事项",
    "give either --every or --rule, not both": "--every 和 --rule 只能二选一",
    "the schedule's first day": "固定日程的开始日期",
    'expected "TEXT@YYYY-MM-DD"': "格式应为“内容@YYYY-MM-DD”",
    "follow-up {id} removed (the successor of a carry that is undone)": "已移除跟进 {id}（由已撤销的顺延生成）",
    "list value-added services, newest first": "列出增值服务（按时间倒序）",
    "run as if today were this day": "以指定日期作为“今天”运行",
    "--lunar and --leap need --birthday": "使用 --lunar 或 --leap 时须同时给出 --birthday",
    "in a leap month (闰月)": "生日在闰月",
    "must be 1 or more": "须不小于 1",
    "only open ones": "只列出未完成的",
    "a follow-up that no interaction opened": "添加跟进（不关联接触记录）",
    "not available for a JSON export": "导出 JSON 时不支持此选项",
    "… and {n} more": "……另有 {n} 项",
    "Nothing was imported.": "未导入任何内容。",
    "Dry run: nothing was written.": "试运行：未写入任何内容。",
    "give either --account NAME or --portfolio": "请指定 --account 客户名 或 --portfolio（二选一）",
    "put every contact in this account": "将所有联系人归入该客户",
    "(if it is encrypted, set KEYACCOUNTS_PASSPHRASE)": "（如已加密，请设置 KEYACCOUNTS_PASSPHRASE）",
    "standard input gave no password": "未从标准输入读到密码",
    "the agenda in your own calendar (CalDAV)": "将日程同步到个人日历（CalDAV）",
    "write the agenda into a CalDAV calendar: added, moved and removed as it changes; events the app did not write are left alone":
        "将日程写入 CalDAV 日历，随日程变化新增、移动或删除；非本软件写入的事件不受影响",
    "deadline": "答复期限",
    "received": "收到日期",
    "complaint {id}: {state}, deadline {deadline}": "投诉 {id}：{state}，答复期限 {deadline}",
    "complaints with their deadline state": "投诉及其答复期限状态",
    "only unresolved ones": "只列出未解决的",
    "resolve, with root cause and what changed": "解决投诉，并填写根本原因和改进措施",
    "against a recovery cost of {cost:,} ({ratio:.1f}×)": "为挽回成本 {cost:,} 的 {ratio:.1f} 倍",
    "estimated value (default: its lifetime value at the churn date)": "预估价值（默认：流失当日的客户终身价值）",
    "why, when going against the default for the reason": "与该流失原因的默认决定不一致时，请说明理由",
    "what ranks the accounts": "客户排名依据",
    "won back or lost, with value and cost": "记录挽回结果（成功或失败）及价值、成本",
    "what the recovery cost": "实际挽回成本",
    "The database as it was is kept in {kept}.": "原数据库已保留在 {kept}。",
    "copy the database safely, even while in use": "安全地备份数据库（使用中也可进行）",
    "replace the database with a checked backup": "用校验通过的备份替换数据库",
    "find accounts, contacts and interactions by text": "按关键词搜索客户、联系人和接触记录",
    "key": "设置项",
    "a number, NAME=NUMBER pairs separated by commas, or festivals": "数字、以逗号分隔的“名称=数字”，或节日",
    "{login} can no longer log in; what they wrote is kept": "已停用 {login}；其录入的记录全部保留",
    "stop sharing an account with a person": "取消与某成员共享客户",
    "add a person: a login of the server": "添加成员（对应服务器上的一个登录名）",
    "gross margin rate, e.g. 0.3: the account's own with --account (none: the portfolio's), the portfolio's with --portfolio":
        "毛利率，如 0.3：配合 --account 设定该客户的毛利率（none 表示沿用全部客户的），配合 --portfolio 设定全部客户的毛利率",
    "RFM {r}-{f}-{m}: {segment} (recency: {recency}; frequency: {orders} orders in 12 months; monetary: {amount:,}; among {n} accounts)":
        "RFM {r}-{f}-{m}：{segment}（最近下单：{recency}；频次：近 12 个月 {orders} 笔订单；金额：{amount:,}；在 {n} 个客户中排名）",
    "the account's own": "该客户单独设定的",
    "lunar years {first} to {last} are supported": "仅支持农历 {first} 年至 {last} 年",
    "lunar year {year} has no leap month {month}": "农历 {year} 年无闰{month}月",
    "cancelled; nothing was written": "已取消，未写入任何内容",
    "must be a whole number, 0 or more": "须为不小于 0 的整数",
    "must be a table of {names}": "应为包含以下各项的表：{names}",
    "must be a number from 0 to {most}": "须为 0 到 {most} 之间的数字",
    "expected a name, a month and a day": "应包含名称、月和日",
    "the most a single gift may be worth (none: no limit)": "单件礼品的价值上限（留空表示不设上限）",
    "days to answer a complaint, by its severity": "按严重程度设定的投诉答复期限（天）",
    # the RFM segments (a context of their own: the status "at risk" is 有风险)
    "champions": "核心客户",
    "needs attention": "需关注客户",
    "RFM segment|at risk": "流失风险客户",
    "blocker": "反对者",
    "missing, or not an object": "缺失或不是对象",
    "{file}: imported {new}, merged {merged}, skipped as duplicates {skipped}, warnings {warnings}, new accounts {accounts}":
        "{file}：导入 {new} 位联系人，合并 {merged} 位，跳过重复 {skipped} 位，警告 {warnings} 条，新建客户 {accounts} 个",
    "must not be empty (or give --account)": "不能为空（或用 --account 指定客户）",
    "no name/姓名 column among: {headers}": "未找到姓名（name）列；现有列：{headers}",
    "no account/客户 column; give --account": "未找到客户（account）列；请用 --account 指定客户",
    "a quoted field that starts in this record is never closed": "该记录中有字段以引号开头，但缺少结束引号",
    "its quotes do not pair up ({reason})": "引号不成对（{reason}）",
    "the file is empty": "文件为空",
    "{n} fields where the header has {m}": "该行有 {n} 个字段，与表头的 {m} 个不符",
    "same name in the same account": "同一客户下已有同名联系人",
    "same email {email}": "邮箱相同：{email}",
    "too many refused files beside it": "原文件旁的未导入记录文件过多",
    "cancelled; the calendar is partly updated: publish again to finish": "已取消；日历仅部分更新，请重新发布以完成",
    "no calendar at this address (give the calendar's own address, or the server's and a calendar name)":
        "该地址下未找到日历（请给出日历本身的地址，或服务器地址加日历名称）",
    "the server refused: {what}": "服务器拒绝了请求：{what}",
    "unknown; known: {kinds}": "未知类型；可选：{kinds}",
    "no system keyring to keep the password in ({what})": "未找到可保存密码的系统钥匙串（{what}）",
    "Open items and next steps": "未完成事项及下一步计划",
    "END:VCARD without a BEGIN:VCARD before it": "缺少与 END:VCARD 对应的 BEGIN:VCARD",
    "text outside any BEGIN:VCARD … END:VCARD": "该段文字位于 BEGIN:VCARD … END:VCARD 之外",
    "the card is not closed with END:VCARD": "该名片缺少结尾的 END:VCARD",
    "unknown CHARSET {charset}": "未知字符集（CHARSET）{charset}",
    "the card cannot be read: {reason}": "无法读取该名片：{reason}",
    "the card has no organisation; give --account": "该名片未填写单位；请用 --account 指定客户",
    "not a date; kept in the contact's notes": "不是有效日期，已保存到联系人备注",
    "not an Excel workbook (.xlsx) that can be read: {reason}": "不是可读取的 Excel 工作簿（.xlsx）：{reason}",
    "no header row with a name/姓名 column in its first {n} rows": "前 {n} 行中未找到含姓名（name）列的表头行",
    "no sheet has a header row with a name/姓名 column (sheets: {names})":
        "所有工作表中均未找到含姓名（name）列的表头行（工作表：{names}）",
    "a schedule needs a start date": "固定日程须指定开始日期",
    "must be 0 or more": "须不小于 0",
    "is above the gift limit of {limit} set in Settings": "超过设置中的礼品限额 {limit}",
    "the new due date is in the past": "新的到期日早于今天",
    "going against the default for this reason needs a written justification":
        "与该流失原因的默认决定不一致，须填写理由",
    "before the account was won back on {day}": "早于客户挽回日期 {day}",
    "is not marked as churned": "未标记为流失",
    "belongs to account {other}, not {account}": "属于客户 {other}，不属于 {account}",
    "is resolved already": "已解决",
    "not an email address": "不是有效的邮箱地址",
    "not a phone number": "不是有效的电话号码",
    "would make a reporting loop": "会形成循环的汇报关系",
    "has already left": "已离职",
    "cannot be moved": "无法改期",
    "these columns are missing": "缺少以下列",
    "{kind} scores run from {low} to {high}": "{kind} 得分范围为 {low} 至 {high}",
    "a single-user KeyAccounts database, not a team database; nothing was changed":
        "该数据库为单用户的 KeyAccounts 数据库，并非团队数据库；未做任何改动",
    "no such person": "未找到该成员",
    "only its owner or a lead of the owner's team hands an account over": "只有客户负责人或其团队负责人才能移交客户",
    "is encrypted already": "已加密",
    "{path}: not encrypted, yet a passphrase was given; unset KEYACCOUNTS_PASSPHRASE to open it":
        "{path}：该数据库未加密，但提供了密码；请取消设置 KEYACCOUNTS_PASSPHRASE 后再打开",
    "no permission to write there; nothing was saved": "无写入权限；未保存任何内容",
    "a plain SQLite connection": "原生 SQLite 连接",
    "{path}: another program kept the database busy; nothing was saved, try again":
        "{path}：数据库被其他程序占用；未保存任何内容，请重试",
    "{path}: not a regular file, so not a database": "{path}：不是普通文件，无法作为数据库",
    "{path}: an empty database, with no KeyAccounts schema": "{path}：空数据库，不含 KeyAccounts 表结构",
    "is a folder; give a file name": "是文件夹，请指定文件名",
    "closed without a date": "已关闭但缺少关闭日期",
    "closed before it was opened": "关闭日期早于创建日期",
    "carried to no successor": "已顺延但缺少后续跟进",
    "carried to another account": "顺延到了其他客户名下",
    "its successor opened on another day than the carry": "后续跟进的创建日期与顺延日期不一致",
    "linked to an interaction of another account": "关联了其他客户的接触记录",
    "its date differs from its interaction's": "日期与所关联接触记录的日期不一致",
    # one wording for nothing changed; the parser's 农历
    "churned already on {day} ({reason}); nothing was changed": "已于 {day} 标记为流失（{reason}）；未做任何改动",
    "this database holds other tables, not KeyAccounts; nothing was changed":
        "该数据库含有其他表，不是 KeyAccounts 数据库；未做任何改动",
    "only if the account is still at this version (`accounts --json` shows it); else nothing changes":
        "仅当客户仍为此版本时才修改（`accounts --json` 可查看版本号）；否则不做任何改动",
    "No change since the latest backup, {path}: nothing to do.": "自最近一次备份（{path}）以来无改动，无需再备份。",
    "the folder {folder} is read-only, and KeyAccounts writes beside the database (its journal); nothing was saved: make the folder writable, or copy the database to one that is":
        "文件夹 {folder} 为只读，而 KeyAccounts 需要在数据库旁写入日志文件；未保存任何内容：请为该文件夹开启写入权限，或将数据库复制到可写的文件夹",
    "expected NAME MM-DD or NAME lunar MM-DD": "格式应为“名称 MM-DD”或“名称 农历 MM-DD”",
    # the team's people table (cli/team.py)
    "can log in": "可登录",
    # where an import problem is: file, line, field (formats.located)
    "{where}, {part}": "{where}，{part}",
    # what a JSON load counted, by table (cli/io.py)
    "accounts": "客户", "key contacts": "关键联系人", "interactions": "接触记录",
    "private notes": "私人备注", "cadences": "联系节奏", "follow-ups": "跟进",
    "settings": "设置", "agenda marks": "日程标记", "alert states": "预警状态",
    "churns": "流失记录", "complaints": "投诉", "surveys": "满意度调查", "needs": "需求",
    "orders": "订单", "people": "人员", "hand-overs": "交接记录", "shares": "共享",
    # "this" is 该; contacts are counted in 位
    "only these agenda kinds (follow-up, visit, birthday, festival, …)":
        "只发布以下日程类型（follow-up、visit、birthday、festival 等）",
    "{path}: encrypted, or not a SQLite database; not backed up without its passphrase":
        "{path}：已加密，或不是 SQLite 数据库；未提供密码，无法备份",
}

# Whole strings of the desktop app, by source ("Context|source" for one context only).
QT: dict[str, str] = {
    # the wrong everyday strings
    "%1 days ahead": "提前 %1 天",
    "month %1": "%1 月",
    "day %1": "%1 日",
    "Sentiment falling": "客户情绪下滑",
    "Qixi": "七夕",
    "Winter Solstice": "冬至",
    "Women's Day": "妇女节",
    "Partnership anniversary": "合作周年",
    "Also greet on:": "可选问候：",
    "Agenda|Anniversary": "周年",
    "ContactDialog|&Name:": "姓名(&N)：",
    "CadenceDialog|&Title:": "名称(&T)：",
    "Change %1 tiers to follow revenue (80/20)? Tiers set for another reason stay.":
        "按收入（80/20）调整 %1 个客户的等级？因其他原因定级的客户保持不变。",
    "Churned on %1 (%2); win-back: %3": "%1 流失（%2），%3",
    "pursued": "争取挽回",
    "not pursued": "放弃挽回",
    "Renewal %1 (%2)": "%1 续约（%2）",
    "Next birthday: %1, %2": "下次生日：%1，%2",
    "%1 (%2)": "%1（%2）",
    "%1: %2": "%1：%2",
    "%1 — %2, %3": "%1 — %2，%3",
    "%1 — %2 (%3): %4": "%1 — %2（%3）：%4",
    "Today — %1": "今天：%1",
    # vocabulary
    "Portfolio": "客户总览",
    "Quarterly review of the &portfolio (PDF)…": "客户总览季度回顾（PDF）(&P)…",
    "Kind": "类型",
    "&Kind:": "类型(&K)：",
    "Kind:": "类型：",
    "AccountView|Met": "参与层级",
    "&With:": "参与人(&W)：",
    "Counts as contact:": "计为接触的类型：",
    "Interactions by kind": "按类型统计的接触",
    "Interactions by level": "按层级统计的接触",
    "Interactions": "接触次数",
    "Interaction": "接触记录",
    "Edit interaction…": "编辑接触记录…",
    "Delete interaction…": "删除接触记录…",
    "Edit interaction": "编辑接触记录",
    "Delete interaction": "删除接触记录",
    "Log an interaction (Ctrl+L)": "记录接触（Ctrl+L）",
    "opened by the interaction of %1": "由 %1 的接触记录创建",
    "Needs": "需求档案",
    "Satisfaction (NPS, CSAT)": "净推荐值（NPS）与客户满意度（CSAT）",
    "Encryption at rest": "数据库加密",
    "Encryption at rest:": "数据库加密：",
    "Sentiment": "客户情绪",
    "Sentiment, -2 to +2": "客户情绪，-2 至 +2",
    "S&entiment:": "客户情绪(&E)：",
    "-2 very negative": "-2 很不满意",
    "-1 negative": "-1 不满意",
    "0 neutral": "0 一般",
    "+1 positive": "+1 满意",
    "+2 very positive": "+2 很满意",
    "Tier %1 — %2": "%1 — %2",
    "Tier %1 (%2)": "%1（%2）",
    "Charts|Tier %1": "%1 级",
    "A · key": "A 级 · 重点",
    "B · important": "B 级 · 重要",
    "C · ordinary": "C 级 · 普通",
    "%1 accounts: %2 green, %3 amber, %4 red": "共 %1 个客户：绿灯 %2，黄灯 %3，红灯 %4",
    # natural strings
    "% of the scale": "得分率（%）",
    "Answered by:": "受访人：",
    "Comment:": "客户意见：",
    "One a line, e.g.\nCompany day 06-18\n妈祖诞 lunar 03-23":
        "每行一个，例如：\n司庆日 06-18\n妈祖诞 农历 03-23",
    "Reports &to:": "直属上级(&T)：",
    "&Joined:": "入职日期(&J)：",
    "What happened, what was agreed": "沟通要点及达成的共识",
    "Mark answered": "标记已答复",
    "Mark met": "标记已满足",
    "RecordsView|Met": "已满足",
    "Contact recency": "接触及时性",
    "Chain broken: “%1” was due %2 and nothing is logged": "跟进链断开：“%1”应于 %2 完成，但至今无跟进记录",
    "Chain broken: “%1” was due %2, acted on only %3": "跟进链断开：“%1”应于 %2 完成，%3 才处理",
    "Overdue: the chain breaks here unless it is settled or carried":
        "已逾期：如不完成或顺延，跟进链将在此断开",
    "Not met for too long for a tier %1 account": "已超出 %1 级客户的见面周期",
    "Nothing open. Log a contact with Ctrl+L.": "无未完成的跟进。按 Ctrl+L 记录接触。",
    "No contact logged yet. Press Ctrl+L after your next visit or call.":
        "尚无接触记录。下次拜访或通话后，请按 Ctrl+L 记录。",
    "Notes about this account…": "客户备注…",
    "Open follow-up": "未完成的跟进",
    "Last met": "上次见面",
    "How often, and at what level, to be in touch": "联系频率与对接层级",
    "Nothing is due. Log each visit or call with Ctrl+L and leave next steps with due dates; planned visits, birthdays, festivals and renewals appear here too.":
        "暂无到期事项。每次拜访或通话后请按 Ctrl+L 记录，并写明下一步及到期日；计划拜访、生日、节日和续约也会显示在这里。",
    "No accounts yet. Add your first key account with New account (Ctrl+N), or bring your contacts in with File › Import contacts (Ctrl+I); then log each visit or call with Ctrl+L.":
        "尚无客户。请用“新建客户”（Ctrl+N）添加第一个重点客户，或用“文件 › 导入联系人”（Ctrl+I）导入联系人；之后每次拜访或通话都按 Ctrl+L 记录。",
    "No accounts yet.\nAdd one with Ctrl+N, or import your contacts.":
        "尚无客户。\n请按 Ctrl+N 添加，或导入联系人。",
    "No history yet": "尚无历史记录",
    "No survey recorded": "无满意度调查记录",
    "Nothing open from before.": "此前无未完成的跟进。",
    "Nothing given before.": "此前未送过礼品。",
    "Given before:": "此前送过：",
    "Gift or gesture": "礼品或心意",
    "no such page: %1 (today, accounts, calendar or portfolio)":
        "未找到页面：%1（可选 today、accounts、calendar 或 portfolio）",
    "%1 of %2 accounts": "%1/%2 个客户",
    "%1 now, %2 thirty days ago": "当前 %1 分，30 天前 %2 分",
    "Why? (kept with the account)": "忽略原因（随客户保存）",
    "Dismiss…": "忽略…",
    "Risk alerts (%1)": "风险预警（%1）",
    "Executive contact beyond its cadence": "高层接触超期",
    "No value added": "近期无增值服务",
    "Renewal at risk": "续约有风险",
    "Since": "开始日期",
    "Delete the %1 of %2?": "删除 %2 的%1记录？",
    "%n follow-up(s) it settled or carried will be open again.":
        "由其完成或顺延的 %n 项跟进将恢复为未完成。",
    "%n follow-up(s) it opened stay on the chain, marked as coming from a deleted interaction.":
        "由其创建的 %n 项跟进保留在跟进链中，并注明来自已删除的接触记录。",
    "The latest good backup is %1. Restoring it keeps the current file beside it, untouched.":
        "最近一个完好的备份是 %1。恢复时，当前文件会原样保留在旁边。",
    "Protects the database and its backups if the laptop or the files are lost or copied. It does not protect exported files, nor anything while the app is open. A forgotten passphrase cannot be recovered.":
        "笔记本电脑或文件丢失、被复制时，保护数据库及其备份。导出的文件以及程序打开期间的数据不受保护。密码遗忘后无法找回。",
    "A new person in a key role needs a relationship within weeks. A follow-up to build it is added to the chain, due in 30 days.":
        "关键岗位换人后，需在几周内建立关系。将在跟进链中添加一项建立关系的跟进，30 天后到期。",
    "This account follows the defaults of its tier. Customize them to change them for this account only.":
        "该客户沿用其等级的默认联系节奏。自定义后仅对该客户生效。",
    "This account's own rhythm of contact.": "该客户专属的联系节奏。",
    "By the account's cadence, the next %1 is due on %2.": "按该客户的联系节奏，下次%1应在 %2 前完成。",
    "Family, hobbies… only what helps the relationship; kept private.":
        "家庭、爱好……只记录有助于维护关系的内容，仅负责人可见。",
    "Met if within:": "允许偏差：",
    "Why this tier, in a few words": "简述定级理由",
    "Log it (Enter)": "记录（Enter）",
    "Move to another day (R)": "改期（R）",
    "Hide for a day (S)": "明天再提醒（S）",
    "Snooze": "稍后提醒",
    "Snooze a day": "明天再提醒",
    "Snoozed until %1.": "将于 %1 再提醒。",
    "Mark done (D)": "标记为完成（D）",
    "Save (Ctrl+Enter)": "保存（Ctrl+Enter）",
    "Previous (Page Up)": "上一页（Page Up）",
    "Next (Page Down)": "下一页（Page Down）",
    "Edit the account (Ctrl+E)": "编辑客户（Ctrl+E）",
    "Add a key contact (Ctrl+Shift+N)": "添加关键联系人（Ctrl+Shift+N）",
    "Search accounts, contacts, notes… (Ctrl+F)": "搜索客户、联系人、备注…（Ctrl+F）",
    "Title": "职务",
    "Who": "相关人员",
    "Severity": "严重程度",
    "What changed:": "改进措施：",
    "From:": "投诉人：",
    "nobody in particular": "未指定",
    "Yearly value:": "年价值：",
    "Whole amount": "整数金额",
    "Whole amount per year": "每年金额（整数）",
    "Value": "金额",
    "Champion": "内部支持者",
    "(the %1 longest of %2)": "（共 %2 个，列出最久的 %1 个）",
    "Days past the planned contact": "超出计划接触的天数",
    "Accounts beyond their cadence": "超出联系节奏的客户",
    "Every account is within its cadence": "所有客户均在联系节奏之内",
    "Average of the last five": "最近五次平均",
    "Accounts by risk": "按风险统计的客户",
    "Click a bar or a point to open the accounts behind it.": "点击柱形或数据点，查看对应的客户。",
    "KeyAccounts desktop app": "KeyAccounts 客户关系维护",
    "Each column of the file, with its first values: choose what it holds.":
        "文件中的每一列及其前几个值：请选择对应的字段。",
    # second read (issue 23): vocabulary, register, the app's words
    "AccountView|Value": "客户价值",
    "ValueView|Value": "数值",
    "ImportWizard|Email": "邮箱",
    "Blocker": "反对者",
    "Skeptical": "存疑",
    "Keep in touch": "固定间隔",
    "deadline %1": "答复期限 %1",
    "Score:": "得分：",
    "SVG image (*.svg)": "SVG 矢量图 (*.svg)",
    "RFM %1-%2-%3: recency, frequency and monetary value, each scored 1 to 5":
        "RFM %1-%2-%3：最近下单、下单频次、下单金额，各按 1–5 分评分",
    "Recency (R)": "最近下单（R）",
    "never ordered: the least recent": "从未下单：R 得分最低",
    "Frequency (F)": "下单频次（F）",
    "Monetary (M)": "下单金额（M）",
    "recency %1 (at least %2) and the mean of frequency and monetary %3 (at least %4): the first row of the segment table that fits":
        "R 得分 %1（不低于 %2），F 与 M 平均分 %3（不低于 %4）：取分群表中第一个符合条件的分群",
    "empty: the portfolio's (e.g. 0.25 or 25%)": "留空：沿用全部客户的设置（如 0.25 或 25%）",
    "ValueView|the portfolio's": "全部客户统一设定",
    "a portfolio setting (Settings)": "全部客户统一设置（见设置）",
    "attracted by a better offer": "被吸引（竞争对手条件更优）",
    "left dissatisfied": "主动离开（因不满）",
    "given up on purpose": "主动放弃",
    "forced away (moved, changed business)": "被迫离开（搬迁、转行）",
    "bought by improper inducements": "被收买（不正当利益）",
    "Nothing will be written to it. The latest verified backup is %1; restoring it keeps the damaged file as a backup.":
        "将不再写入该文件。最近一次验证通过的备份为 %1；恢复时，损坏的文件将作为备份保留。",
    "Nothing will be written to it, and it has no verified backup.": "将不再写入该文件；该文件无验证通过的备份。",
    "No birthday": "未填写",
    "on day": "按日期",
    "Starting:": "开始日期：",
    "%n account(s) from the chart — click to show all": "图表中选中的 %n 个客户（点击显示全部）",
    "Follow-ups, planned visits and meetings, birthdays, festivals, renewals and complaint deadlines of the next 90 days go into this calendar (CalDAV: iCloud, Nextcloud, DingTalk, WeCom, Radicale…), moved and removed as they change. Events you add there yourself are never touched. With the password remembered (or none needed), the app updates the calendar after each change.":
        "未来 90 天的跟进、计划拜访和会议、生日、节日、续约和投诉答复期限都会写入该日历（CalDAV：iCloud、Nextcloud、钉钉、企业微信、Radicale 等），并随变化移动或删除。您在该日历中自行添加的事件不受影响。记住密码后（或无需密码时），每次修改后软件会自动更新日历。",
    "Type a name, Enter to add": "输入姓名，按回车添加",
    "Import the valid records and put the refused ones in a file beside this one":
        "导入有效的记录，未通过检查的记录另存到此文件旁的新文件中",
    "Put all in &account:": "全部归入客户(&A)：",
    "Imported %1 contacts (%2 merged, %3 skipped); %4 new accounts.":
        "已导入 %1 位联系人（合并 %2 位，跳过 %3 位）；新建客户 %4 个。",
    "Cancelled; nothing was written.": "已取消，未写入任何内容。",
    "Every tier already follows revenue (80/20).": "所有客户的等级均已与收入排名（80/20）一致。",
    "Restored. The previous database is kept in %1.": "已恢复。原数据库已保留在 %1。",
    "%1 accounts · %2 overdue · %3 due today · %4": "%1 个客户 · 逾期 %2 项 · 今天到期 %3 项 · %4",
    "<b>KeyAccounts %1</b><br>客户关系维护 — keeps relationships with key accounts alive.<br><br>Database: %2":
        "<b>KeyAccounts %1</b><br>客户关系维护 — 持续经营重点客户关系。<br><br>数据库：%2",
    '%1: the window cannot open: Qt\'s "%2" platform plugin needs system libraries that are not installed (%3).':
        "%1：窗口无法打开：Qt 的“%2”平台插件所需的系统库未安装（%3）。",
    '%1: the window cannot open: Qt\'s "%2" platform plugin could not be loaded; its system libraries are probably missing.':
        "%1：窗口无法打开：Qt 的“%2”平台插件加载失败，可能缺少所需的系统库。",
    "Install them, then start again:": "请安装以下软件包后重新启动：",
    "%1: the window cannot open: there is no display to show it on (%2). Start the app from a desktop session; for a screenshot without a screen, set QT_QPA_PLATFORM=offscreen.":
        "%1：窗口无法打开：未找到可用的显示器（%2）。请在桌面环境中启动；如需在无显示器的机器上截图，请设置 QT_QPA_PLATFORM=offscreen。",
    "DISPLAY and WAYLAND_DISPLAY are not set": "未设置 DISPLAY 和 WAYLAND_DISPLAY",
    "cannot connect to %1": "无法连接 %1",
    '%1: the window cannot open: Qt has no platform plugin "%2" (QT_QPA_PLATFORM); available: %3.':
        "%1：窗口无法打开：未找到名为“%2”的 Qt 平台插件（QT_QPA_PLATFORM）；可用的有：%3。",
    "Accounts by customer-value segment and tier: click a number to open them":
        "按客户价值分群和等级统计的客户数：点击数字查看对应客户",
    "Leave open": "暂不处理",
    "Next step, promise or question": "下一步、承诺或待回复的问题",
    "Still unmet from an earlier quarter": "以往季度遗留，仍未满足",
    "empty: its lifetime value today, %1": "留空：按今日的终身价值 %1 计",
    "Needed when going against the default": "与默认决定不一致时必填",
    "Agenda: reschedule the item": "日程：为该事项改期",
    "Agenda: snooze the item a day": "日程：将该事项推迟一天提醒",
    "How": "计算方式",
    "no interaction in the last 12 months": "近 12 个月无接触",
    "the whole portfolio (no tier-%1 account a year ago): %2 of %3 still active":
        "全部客户（一年前无 %1 级客户）：%3 个中仍有 %2 个在合作",
    "no year of history yet: the default": "历史数据不足一年：采用默认值",
    # accelerators last; the tray as the status bar
    "Quarterly &review of the account (PDF)…": "客户季度回顾（PDF）(&R)…",
    "%1 overdue, %2 due today": "逾期 %1 项，今天到期 %2 项",
    # the year spin box when the year is not known
    "year?": "年份不详",
}


def chinese(text: str, table: dict[str, str], *keys: str) -> str:
    """The translation of the first of *keys* found in *table*, else *text* with the
    terms and the punctuation applied."""
    for key in keys:
        if key in table:
            return table[key]
    if not CJK.search(text):
        return text
    for pattern, replacement in TERMS + PUNCTUATION:
        text = re.sub(pattern, replacement, text)
    return text


# --- the .po file -------------------------------------------------------------------

def _po_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def rewrite_po(source: str) -> str:
    blocks, out = source.split("\n\n"), []
    for block in blocks:
        lines = block.split("\n")
        msgid, msgstr_at, key = None, None, None
        parts: dict[str, str] = {}
        for n, line in enumerate(lines):
            if line.startswith(("msgctxt ", "msgid ", "msgstr ")):
                key, _, rest = line.partition(" ")
                parts[key] = ast.literal_eval(rest)
                if key == "msgstr":
                    msgstr_at = n
            elif line.startswith('"') and key:
                parts[key] += ast.literal_eval(line)
        msgid = parts.get("msgid")
        keys = (f"{parts['msgctxt']}|{msgid}", msgid) if "msgctxt" in parts else (msgid,)
        if msgid and (parts.get("msgstr") or any(k in PO for k in keys)) and \
                msgstr_at is not None and not any(line.startswith("#~") for line in lines):
            new = chinese(parts["msgstr"], PO, *keys)
            lines = lines[:msgstr_at] + [f"msgstr {_po_string(new)}"]
        out.append("\n".join(lines))
    return "\n\n".join(out)


# --- the .ts file -------------------------------------------------------------------

_CONTEXT = re.compile(r"<context>\s*<name>(.*?)</name>(.*?)</context>", re.S)
_MESSAGE = re.compile(r"(<message[^>]*>.*?<source>(.*?)</source>.*?)"
                      r"(<translation[^>]*>)(.*?)(</translation>)", re.S)
_FORM = re.compile(r"(<numerusform>)(.*?)(</numerusform>)", re.S)


def _xml(text: str) -> str:
    return html.escape(text, quote=False).replace('"', "&quot;").replace("'", "&apos;")


def rewrite_ts(source: str) -> str:
    def context(m: re.Match) -> str:
        name = html.unescape(m.group(1))

        def message(mm: re.Match) -> str:
            english = html.unescape(mm.group(2))
            keys = (f"{name}|{english}", english)

            def one(text: str) -> str:
                if not text and not any(k in QT for k in keys):
                    return text  # untranslated: for the translator (and the test) to see
                return _xml(chinese(html.unescape(text), QT, *keys))

            body = mm.group(4)
            if "<numerusform>" in body:
                body = _FORM.sub(lambda f: f.group(1) + one(f.group(2)) + f.group(3), body)
            else:
                body = one(body)
            opening = mm.group(3)
            if any(k in QT for k in keys):  # translated here: finished
                opening = opening.replace(' type="unfinished"', "")
            return mm.group(1) + opening + body + mm.group(5)

        return m.group(0)[:m.start(2) - m.start(0)] + _MESSAGE.sub(message, m.group(2)) \
            + "</context>"

    return _CONTEXT.sub(context, source)


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for path, rewrite in ((PO_FILE, rewrite_po), (TS_FILE, rewrite_ts)):
        old = path.read_text(encoding="utf-8")
        new = rewrite(old)
        if new != old:
            stale.append(path.relative_to(ROOT))
            if not check:
                path.write_text(new, encoding="utf-8")
    if check and stale:
        print("not as tools/zh_terms.py says: " + ", ".join(map(str, stale)), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
