<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccountDialog</name>
    <message>
        <source>Edit account</source>
        <translation>编辑客户</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <source>Why this tier, in a few words</source>
        <translation>简述定级理由</translation>
    </message>
    <message>
        <source>2027-06-30, +3m, 6月30日; empty if none</source>
        <translation>2027-06-30、+3m、6月30日；无则留空</translation>
    </message>
    <message>
        <source>Whole amount per year</source>
        <translation>每年金额（整数）</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Tier:</source>
        <translation>等级(&amp;T)：</translation>
    </message>
    <message>
        <source>Tier &amp;because of:</source>
        <translation>定级依据(&amp;B)：</translation>
    </message>
    <message>
        <source>Tier &amp;note:</source>
        <translation>定级说明(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Industry:</source>
        <translation>行业(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Owner:</source>
        <translation>负责人(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>状态(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Renewal date:</source>
        <translation>续约日期(&amp;R)：</translation>
    </message>
    <message>
        <source>Revenue per &amp;year:</source>
        <translation>年收入(&amp;Y)：</translation>
    </message>
    <message>
        <source>Changed meanwhile</source>
        <translation>已被他人修改</translation>
    </message>
    <message>
        <source>Reload shows the saved version here; make your changes again on it.</source>
        <translation>点“重新载入”可在此显示已保存的版本，请在其基础上重新修改。</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>重新载入(&amp;R)</translation>
    </message>
</context>
<context>
    <name>AccountValueDialog</name>
    <message>
        <source>Own margin and retention</source>
        <translation>单独设定毛利率和留存率</translation>
    </message>
    <message>
        <source>empty: the portfolio&apos;s (e.g. 0.25 or 25%)</source>
        <translation>留空：沿用全部客户的设置（如 0.25 或 25%）</translation>
    </message>
    <message>
        <source>empty: from the portfolio&apos;s history</source>
        <translation>留空：按全部客户的历史估算</translation>
    </message>
    <message>
        <source>Needed with a retention set by hand</source>
        <translation>手工设定留存率时必填</translation>
    </message>
    <message>
        <source>&amp;Margin rate:</source>
        <translation>毛利率(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Retention rate:</source>
        <translation>留存率(&amp;R)：</translation>
    </message>
    <message>
        <source>Re&amp;ason:</source>
        <translation>理由(&amp;A)：</translation>
    </message>
</context>
<context>
    <name>AccountView</name>
    <message>
        <source>Log…</source>
        <translation>记录…</translation>
    </message>
    <message>
        <source>Log an interaction (Ctrl+L)</source>
        <translation>记录接触（Ctrl+L）</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Edit the account (Ctrl+E)</source>
        <translation>编辑客户（Ctrl+E）</translation>
    </message>
    <message>
        <source>Add contact…</source>
        <translation>添加联系人…</translation>
    </message>
    <message>
        <source>Add a key contact (Ctrl+Shift+N)</source>
        <translation>添加关键联系人（Ctrl+Shift+N）</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <source>Cadences…</source>
        <translation>联系节奏…</translation>
    </message>
    <message>
        <source>How often, and at what level, to be in touch</source>
        <translation>联系频率与对接层级</translation>
    </message>
    <message>
        <source>Key contact</source>
        <translation>关键联系人</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Attitude</source>
        <translation>态度</translation>
    </message>
    <message>
        <source>Last met</source>
        <translation>上次见面</translation>
    </message>
    <message>
        <source>Edit contact…</source>
        <translation>编辑联系人…</translation>
    </message>
    <message>
        <source>Archive contact</source>
        <translation>归档联系人</translation>
    </message>
    <message>
        <source>Open follow-up</source>
        <translation>未完成的跟进</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>参与层级</translation>
    </message>
    <message>
        <source>±</source>
        <translation>±</translation>
    </message>
    <message>
        <source>Summary and chain</source>
        <translation>摘要与跟进链</translation>
    </message>
    <message>
        <source>Edit interaction…</source>
        <translation>编辑接触记录…</translation>
    </message>
    <message>
        <source>Delete interaction…</source>
        <translation>删除接触记录…</translation>
    </message>
    <message>
        <source>Notes about this account…</source>
        <translation>客户备注…</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>构成项</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Health over time</source>
        <translation>健康度走势</translation>
    </message>
    <message>
        <source>Interactions by kind</source>
        <translation>按类型统计的接触</translation>
    </message>
    <message>
        <source>Interactions by level</source>
        <translation>按层级统计的接触</translation>
    </message>
    <message>
        <source>Sentiment</source>
        <translation>客户情绪</translation>
    </message>
    <message>
        <source>Satisfaction (NPS, CSAT)</source>
        <translation>净推荐值（NPS）与客户满意度（CSAT）</translation>
    </message>
    <message>
        <source>12 months</source>
        <translation>12 个月</translation>
    </message>
    <message>
        <source>24 months</source>
        <translation>24 个月</translation>
    </message>
    <message>
        <source>Contact history</source>
        <translation>接触记录</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>健康度</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>客户价值</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>关系图</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Tier %1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Tier %1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Owner: %1</source>
        <translation>负责人：%1</translation>
    </message>
    <message>
        <source>Renewal %1 (%2)</source>
        <translation>%1 续约（%2）</translation>
    </message>
    <message>
        <source>Handed over %1 from %2 to %3 by %4: %5</source>
        <translation>%1 由 %4 从 %2 移交给 %3：%5</translation>
    </message>
    <message>
        <source>%1 · not yet sent</source>
        <translation>%1 · 尚未发送</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Revenue %1 / year</source>
        <translation>年收入 %1</translation>
    </message>
    <message>
        <source>Sentiment, -2 to +2</source>
        <translation>客户情绪，-2 至 +2</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source> (left %1)</source>
        <translation>（%1 离职）</translation>
    </message>
    <message>
        <source>Not met for too long for a tier %1 account</source>
        <translation>已超出 %1 级客户的见面周期</translation>
    </message>
    <message>
        <source>Overdue: the chain breaks here unless it is settled or carried</source>
        <translation>已逾期：如不完成或顺延，跟进链将在此断开</translation>
    </message>
    <message>
        <source>Nothing open. Log a contact with Ctrl+L.</source>
        <translation>无未完成的跟进。按 Ctrl+L 记录接触。</translation>
    </message>
    <message>
        <source>No contact logged yet. Press Ctrl+L after your next visit or call.</source>
        <translation>尚无接触记录。下次拜访或通话后，请按 Ctrl+L 记录。</translation>
    </message>
    <message>
        <source>%1 — logged by %2</source>
        <translation>%1 — 由 %2 记录</translation>
    </message>
    <message>
        <source>Settled: %1</source>
        <translation>已完成：%1</translation>
    </message>
    <message>
        <source>Carried: %1 → due %2</source>
        <translation>已顺延：%1 → %2 到期</translation>
    </message>
    <message>
        <source>Next step: %1 (due %2)</source>
        <translation>下一步：%1（%2 到期）</translation>
    </message>
    <message>
        <source>Closed without a contact on %1: %2</source>
        <translation>%1 未经接触直接完成：%2</translation>
    </message>
    <message>
        <source>Moved without a contact on %1: %2 → due %3</source>
        <translation>%1 未经接触直接顺延：%2 → %3 到期</translation>
    </message>
    <message>
        <source>Chain broken: “%1” was due %2 and nothing is logged</source>
        <translation>跟进链断开：“%1”应于 %2 完成，但至今无跟进记录</translation>
    </message>
    <message>
        <source>Chain broken: “%1” was due %2, acted on only %3</source>
        <translation>跟进链断开：“%1”应于 %2 完成，%3 才处理</translation>
    </message>
    <message>
        <source>Customer-value segment: RFM %1-%2-%3</source>
        <translation>客户价值分群：RFM %1-%2-%3</translation>
    </message>
    <message>
        <source>(%1 in 30 days)</source>
        <translation>（30 天内 %1）</translation>
    </message>
    <message>
        <source>Health %1 — %2</source>
        <translation>健康度 %1 — %2</translation>
    </message>
    <message>
        <source>Points (%1 in all)</source>
        <translation>得分（合计 %1）</translation>
    </message>
    <message>
        <source>opened by the interaction of %1</source>
        <translation>由 %1 的接触记录创建</translation>
    </message>
    <message>
        <source>closed without a contact on %1</source>
        <translation>%1 未经接触直接完成</translation>
    </message>
    <message>
        <source>moved without a contact on %1</source>
        <translation>%1 未经接触直接顺延</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%2 %1</translation>
    </message>
    <message>
        <source>open, due %1</source>
        <translation>未完成，%1 到期</translation>
    </message>
</context>
<context>
    <name>AccountsList</name>
    <message>
        <source>Filter accounts…</source>
        <translation>筛选客户…</translation>
    </message>
    <message>
        <source>All tiers</source>
        <translation>全部等级</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All owners</source>
        <translation>全部负责人</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>All segments</source>
        <translation>全部分群</translation>
    </message>
    <message>
        <source>Customer-value segment (RFM)</source>
        <translation>客户价值分群（RFM）</translation>
    </message>
    <message>
        <source>No accounts yet.
Add one with Ctrl+N, or import your contacts.</source>
        <translation>尚无客户。
请按 Ctrl+N 添加，或导入联系人。</translation>
    </message>
    <message>
        <source>No owner</source>
        <translation>无负责人</translation>
    </message>
    <message numerus="yes">
        <source>%n account(s) from the chart — click to show all</source>
        <translation>
            <numerusform>图表中选中的 %n 个客户（点击显示全部）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n account(s)</source>
        <translation>
            <numerusform>%n 个客户</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n account(s)</source>
        <translation>
            <numerusform>%1/%n 个客户</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AccountsModel</name>
    <message>
        <source>Account</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>健康度</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>分群</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Renewal</source>
        <translation>续约</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>上次接触</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>跟进</translation>
    </message>
    <message>
        <source>Contribution</source>
        <translation>边际贡献</translation>
    </message>
    <message>
        <source>CLV</source>
        <translation>终身价值</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>%1 open, %2 overdue</source>
        <translation>%1 项未完成，%2 项逾期</translation>
    </message>
    <message>
        <source>%1 open</source>
        <translation>%1 项未完成</translation>
    </message>
    <message>
        <source>%1 now, %2 thirty days ago</source>
        <translation>当前 %1 分，30 天前 %2 分</translation>
    </message>
    <message>
        <source>RFM %1-%2-%3: recency, frequency and monetary value, each scored 1 to 5</source>
        <translation>RFM %1-%2-%3：最近下单、下单频次、下单金额，各按 1–5 分评分</translation>
    </message>
    <message>
        <source>Revenue of the last 12 months less the cost of goods and the contact effort</source>
        <translation>近 12 个月收入减去商品成本和联络投入</translation>
    </message>
    <message>
        <source>Lifetime value: %1</source>
        <translation>终身价值：%1</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>Follow-up created from the alert.</source>
        <translation>已根据预警创建跟进。</translation>
    </message>
    <message>
        <source>Alert dismissed; the reason is kept.</source>
        <translation>已忽略预警，原因已保存。</translation>
    </message>
    <message>
        <source>Reschedule</source>
        <translation>改期</translation>
    </message>
    <message>
        <source>Move “%1”</source>
        <translation>改期“%1”</translation>
    </message>
    <message>
        <source>Moved to %1.</source>
        <translation>已改到 %1。</translation>
    </message>
    <message>
        <source>Snooze “%1”</source>
        <translation>稍后提醒“%1”</translation>
    </message>
    <message>
        <source>Snoozed until %1.</source>
        <translation>将于 %1 再提醒。</translation>
    </message>
    <message>
        <source>Mark “%1” done</source>
        <translation>将“%1”标为完成</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>已完成。</translation>
    </message>
    <message>
        <source>%1 Undo with Ctrl+Z.</source>
        <translation>%1按 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <source>Undone: %1.</source>
        <translation>已撤销：%1。</translation>
    </message>
    <message>
        <source>Redone: %1.</source>
        <translation>已重做：%1。</translation>
    </message>
    <message numerus="yes">
        <source>Logged. %n follow-up(s) opened.</source>
        <translation>
            <numerusform>已记录。新增 %n 项跟进。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1. Undo with Ctrl+Z.</source>
        <translation>%1。按 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <source>%1 marked as left; a follow-up to build the new relationship was added. Undo with Ctrl+Z.</source>
        <translation>%1 已标记为离职，并添加了建立新关系的跟进。按 Ctrl+Z 撤销。</translation>
    </message>
    <message numerus="yes">
        <source>%n follow-up(s) it settled or carried will be open again.</source>
        <translation>
            <numerusform>由其完成或顺延的 %n 项跟进将恢复为未完成。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n follow-up(s) it opened stay on the chain, marked as coming from a deleted interaction.</source>
        <translation>
            <numerusform>由其创建的 %n 项跟进保留在跟进链中，并注明来自已删除的接触记录。</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete interaction</source>
        <translation>删除接触记录</translation>
    </message>
    <message>
        <source>Delete the %1 of %2?</source>
        <translation>删除 %2 的%1记录？</translation>
    </message>
    <message>
        <source>This cannot be undone.</source>
        <translation>此操作无法撤销。</translation>
    </message>
</context>
<context>
    <name>Agenda</name>
    <message>
        <source>Follow-up</source>
        <translation>跟进</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>Anniversary</source>
        <translation>周年</translation>
    </message>
    <message>
        <source>Festival</source>
        <translation>节日</translation>
    </message>
    <message>
        <source>Renewal</source>
        <translation>续约</translation>
    </message>
    <message>
        <source>Complaint deadline</source>
        <translation>投诉答复期限</translation>
    </message>
</context>
<context>
    <name>AgendaModel</name>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>相关人员</translation>
    </message>
    <message>
        <source>When</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>%1 (snoozed until %2)</source>
        <translation>%1（%2 再提醒）</translation>
    </message>
    <message>
        <source>%1 · not yet sent</source>
        <translation>%1 · 尚未发送</translation>
    </message>
    <message>
        <source>Written offline: sent to the team server when it is reachable again</source>
        <translation>离线时录入：团队服务器恢复连接后自动发送</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ahead to prepare</source>
        <translation>
            <numerusform>提前 %n 天准备</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AgendaPage</name>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Nothing is due. Log each visit or call with Ctrl+L and leave next steps with due dates; planned visits, birthdays, festivals and renewals appear here too.</source>
        <translation>暂无到期事项。每次拜访或通话后请按 Ctrl+L 记录，并写明下一步及到期日；计划拜访、生日、节日和续约也会显示在这里。</translation>
    </message>
    <message>
        <source>Log…</source>
        <translation>记录…</translation>
    </message>
    <message>
        <source>Log it (Enter)</source>
        <translation>记录（Enter）</translation>
    </message>
    <message>
        <source>Reschedule…</source>
        <translation>改期…</translation>
    </message>
    <message>
        <source>Move to another day (R)</source>
        <translation>改期（R）</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>稍后提醒</translation>
    </message>
    <message>
        <source>Hide for a day (S)</source>
        <translation>明天再提醒（S）</translation>
    </message>
    <message>
        <source>No accounts yet. Add your first key account with New account (Ctrl+N), or bring your contacts in with File › Import contacts (Ctrl+I); then log each visit or call with Ctrl+L.</source>
        <translation>尚无客户。请用“新建客户”（Ctrl+N）添加第一个重点客户，或用“文件 › 导入联系人”（Ctrl+I）导入联系人；之后每次拜访或通话都按 Ctrl+L 记录。</translation>
    </message>
    <message>
        <source>One day</source>
        <translation>一天</translation>
    </message>
    <message>
        <source>Three days</source>
        <translation>三天</translation>
    </message>
    <message>
        <source>One week</source>
        <translation>一周</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Mark done (D)</source>
        <translation>标记为完成（D）</translation>
    </message>
    <message>
        <source>Open the account</source>
        <translation>打开客户</translation>
    </message>
    <message>
        <source>Snooze a day</source>
        <translation>明天再提醒</translation>
    </message>
    <message>
        <source>Reading the agenda…</source>
        <translation>正在读取日程…</translation>
    </message>
    <message>
        <source>Today — %1</source>
        <translation>今天：%1</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>以后</translation>
    </message>
</context>
<context>
    <name>Alerts</name>
    <message>
        <source>Complaint unanswered</source>
        <translation>投诉未答复</translation>
    </message>
    <message>
        <source>Executive contact beyond its cadence</source>
        <translation>高层接触超期</translation>
    </message>
    <message>
        <source>Key person changed</source>
        <translation>关键人变动</translation>
    </message>
    <message>
        <source>Broken chain</source>
        <translation>跟进链断开</translation>
    </message>
    <message>
        <source>Sentiment falling</source>
        <translation>客户情绪下滑</translation>
    </message>
    <message>
        <source>Renewal at risk</source>
        <translation>续约有风险</translation>
    </message>
    <message>
        <source>No value added</source>
        <translation>近期无增值服务</translation>
    </message>
    <message>
        <source>Value segment falling</source>
        <translation>客户价值分群下降</translation>
    </message>
    <message>
        <source>New owner, key contacts not met</source>
        <translation>新负责人未拜会关键联系人</translation>
    </message>
    <message>
        <source>Relationship coverage gap</source>
        <translation>关系覆盖缺口</translation>
    </message>
</context>
<context>
    <name>AlertsModel</name>
    <message>
        <source>Alert</source>
        <translation>预警</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>Suggested action</source>
        <translation>建议行动</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>AlertsView</name>
    <message>
        <source>Create the follow-up</source>
        <translation>创建跟进</translation>
    </message>
    <message>
        <source>Dismiss…</source>
        <translation>忽略…</translation>
    </message>
    <message>
        <source>Risk alerts (%1)</source>
        <translation>风险预警（%1）</translation>
    </message>
    <message>
        <source>Dismiss the alert</source>
        <translation>忽略预警</translation>
    </message>
    <message>
        <source>Why? (kept with the account)</source>
        <translation>忽略原因（随客户保存）</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>database file</source>
        <translation>数据库文件</translation>
    </message>
    <message>
        <source>open the demo database (created on first use)</source>
        <translation>打开演示数据库（首次使用时创建）</translation>
    </message>
    <message>
        <source>save the main window as PNG once painted, then exit</source>
        <translation>主窗口绘制完成后保存为 PNG，然后退出</translation>
    </message>
    <message>
        <source>start on this page: today, accounts, calendar or portfolio</source>
        <translation>启动时显示的页面：today、accounts、calendar 或 portfolio</translation>
    </message>
    <message>
        <source>language, e.g. en or zh_CN</source>
        <translation>语言，例如 en 或 zh_CN</translation>
    </message>
    <message>
        <source>KeyAccounts desktop app</source>
        <translation>KeyAccounts 客户关系维护</translation>
    </message>
    <message>
        <source>unexpected argument: %1</source>
        <translation>多余的参数：%1</translation>
    </message>
    <message>
        <source>no such page: %1 (today, accounts, calendar or portfolio)</source>
        <translation>未找到页面：%1（可选 today、accounts、calendar 或 portfolio）</translation>
    </message>
    <message>
        <source>Password for the team server %1:</source>
        <translation>团队服务器 %1 的密码：</translation>
    </message>
    <message>
        <source>Wrong passphrase. Try again for %1:</source>
        <translation>密码不正确。请重新输入 %1 的密码：</translation>
    </message>
    <message>
        <source>%1 is encrypted. Passphrase:</source>
        <translation>%1 已加密。密码：</translation>
    </message>
    <message>
        <source>KeyAccounts</source>
        <translation>KeyAccounts 客户关系维护</translation>
    </message>
    <message>
        <source>Connecting to the team server %1…</source>
        <translation>正在连接团队服务器 %1…</translation>
    </message>
    <message>
        <source>Team server</source>
        <translation>团队服务器</translation>
    </message>
    <message>
        <source>Try again, or work on this computer&apos;s own file meanwhile (the team&apos;s accounts are not in it).</source>
        <translation>可以重试，或先在本机文件中工作（本机文件不含团队的客户）。</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>重试(&amp;T)</translation>
    </message>
    <message>
        <source>Open this computer&apos;s &amp;file</source>
        <translation>打开本机文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Create a new database there</source>
        <translation>在此处新建数据库</translation>
    </message>
    <message>
        <source>Nothing will be written to it. The latest verified backup is %1; restoring it keeps the damaged file as a backup.</source>
        <translation>将不再写入该文件。最近一次验证通过的备份为 %1；恢复时，损坏的文件将作为备份保留。</translation>
    </message>
    <message>
        <source>Nothing will be written to it, and it has no verified backup.</source>
        <translation>将不再写入该文件；该文件无验证通过的备份。</translation>
    </message>
    <message>
        <source>The latest good backup is %1. Restoring it keeps the current file beside it, untouched.</source>
        <translation>最近一个完好的备份是 %1。恢复时，当前文件会原样保留在旁边。</translation>
    </message>
    <message>
        <source>Restore the latest backup</source>
        <translation>恢复最近的备份</translation>
    </message>
</context>
<context>
    <name>AutoPublish</name>
    <message>
        <source>Calendar not updated: %1</source>
        <translation>日历未更新：%1</translation>
    </message>
    <message>
        <source>Calendar updated: %1 added, %2 updated, %3 removed.</source>
        <translation>日历已更新：新增 %1 项，更新 %2 项，删除 %3 项。</translation>
    </message>
</context>
<context>
    <name>BirthdayEdit</name>
    <message>
        <source>No birthday</source>
        <translation>未填写</translation>
    </message>
    <message>
        <source>Solar (公历)</source>
        <translation>公历</translation>
    </message>
    <message>
        <source>Lunar (农历)</source>
        <translation>农历</translation>
    </message>
    <message>
        <source>year?</source>
        <translation>年份不详</translation>
    </message>
    <message>
        <source>Next birthday: %1, %2</source>
        <translation>下次生日：%1，%2</translation>
    </message>
    <message>
        <source>leap month (闰月)</source>
        <translation>闰月</translation>
    </message>
    <message>
        <source>month %1</source>
        <translation>%1 月</translation>
    </message>
    <message>
        <source>day %1</source>
        <translation>%1 日</translation>
    </message>
    <message>
        <source>Outside the supported lunar years</source>
        <translation>超出支持的农历年份</translation>
    </message>
</context>
<context>
    <name>CadenceDialog</name>
    <message>
        <source>Edit cadence</source>
        <translation>编辑联系节奏</translation>
    </message>
    <message>
        <source>New cadence</source>
        <translation>新建联系节奏</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>拜访</translation>
    </message>
    <message>
        <source>Executive meeting</source>
        <translation>高层座谈</translation>
    </message>
    <message>
        <source>Technical sync</source>
        <translation>技术交流</translation>
    </message>
    <message>
        <source>Business review</source>
        <translation>业务回顾</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Any level</source>
        <translation>任意层级</translation>
    </message>
    <message>
        <source>Keep in touch</source>
        <translation>固定间隔</translation>
    </message>
    <message>
        <source>Fixed schedule</source>
        <translation>固定日程</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>every</source>
        <translation>每</translation>
    </message>
    <message>
        <source>never more than</source>
        <translation>最长不超过</translation>
    </message>
    <message>
        <source>every week</source>
        <translation>每周</translation>
    </message>
    <message>
        <source>every two weeks</source>
        <translation>每两周</translation>
    </message>
    <message>
        <source>every month</source>
        <translation>每月</translation>
    </message>
    <message>
        <source>every two months</source>
        <translation>每两个月</translation>
    </message>
    <message>
        <source>every quarter</source>
        <translation>每季度</translation>
    </message>
    <message>
        <source>every half year</source>
        <translation>每半年</translation>
    </message>
    <message>
        <source>every year</source>
        <translation>每年</translation>
    </message>
    <message>
        <source>on the first</source>
        <translation>第一个</translation>
    </message>
    <message>
        <source>on the second</source>
        <translation>第二个</translation>
    </message>
    <message>
        <source>on the third</source>
        <translation>第三个</translation>
    </message>
    <message>
        <source>on the fourth</source>
        <translation>第四个</translation>
    </message>
    <message>
        <source>on the last</source>
        <translation>最后一个</translation>
    </message>
    <message>
        <source>on day</source>
        <translation>按日期</translation>
    </message>
    <message>
        <source>month %1</source>
        <translation>%1 月</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Counts as contact:</source>
        <translation>计为接触的类型：</translation>
    </message>
    <message>
        <source>At &amp;level:</source>
        <translation>层级(&amp;L)：</translation>
    </message>
    <message>
        <source>Rhythm:</source>
        <translation>节奏：</translation>
    </message>
    <message>
        <source>Starting:</source>
        <translation>开始日期：</translation>
    </message>
    <message>
        <source>Met if within:</source>
        <translation>允许偏差：</translation>
    </message>
    <message>
        <source>Rule:</source>
        <translation>规则：</translation>
    </message>
</context>
<context>
    <name>CadencesDialog</name>
    <message>
        <source>Cadences</source>
        <translation>联系节奏</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>添加(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Customize the defaults</source>
        <translation>自定义默认节奏(&amp;C)</translation>
    </message>
    <message>
        <source>any level</source>
        <translation>任意层级</translation>
    </message>
    <message>
        <source>every %1 days, at most %2</source>
        <translation>每 %1 天，最长 %2 天</translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <translation>%1，自 %2 起</translation>
    </message>
    <message>
        <source>%1 — %2 (%3): %4</source>
        <translation>%1 — %2（%3）：%4</translation>
    </message>
    <message>
        <source>This account&apos;s own rhythm of contact.</source>
        <translation>该客户专属的联系节奏。</translation>
    </message>
    <message>
        <source>This account follows the defaults of its tier. Customize them to change them for this account only.</source>
        <translation>该客户沿用其等级的默认联系节奏。自定义后仅对该客户生效。</translation>
    </message>
</context>
<context>
    <name>CalendarPage</name>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Previous (Page Up)</source>
        <translation>上一页（Page Up）</translation>
    </message>
    <message>
        <source>Next (Page Down)</source>
        <translation>下一页（Page Down）</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <source>Lunar days</source>
        <translation>显示农历</translation>
    </message>
</context>
<context>
    <name>CalendarSettings</name>
    <message>
        <source>empty: the address is the calendar&apos;s own</source>
        <translation>留空：地址即日历本身的地址</translation>
    </message>
    <message>
        <source>Calendar &amp;address:</source>
        <translation>日历地址(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>Calendar na&amp;me:</source>
        <translation>日历名称(&amp;M)：</translation>
    </message>
    <message>
        <source>Publish &amp;now</source>
        <translation>立即发布(&amp;N)</translation>
    </message>
    <message>
        <source>Follow-ups, planned visits and meetings, birthdays, festivals, renewals and complaint deadlines of the next 90 days go into this calendar (CalDAV: iCloud, Nextcloud, DingTalk, WeCom, Radicale…), moved and removed as they change. Events you add there yourself are never touched. With the password remembered (or none needed), the app updates the calendar after each change.</source>
        <translation>未来 90 天的跟进、计划拜访和会议、生日、节日、续约和投诉答复期限都会写入该日历（CalDAV：iCloud、Nextcloud、钉钉、企业微信、Radicale 等），并随变化移动或删除。您在该日历中自行添加的事件不受影响。记住密码后（或无需密码时），每次修改后软件会自动更新日历。</translation>
    </message>
    <message>
        <source>Calendar address</source>
        <translation>日历地址</translation>
    </message>
    <message>
        <source>Type the calendar&apos;s address first.</source>
        <translation>请先输入日历地址。</translation>
    </message>
    <message>
        <source>Type the password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <source>Publishing…</source>
        <translation>正在发布…</translation>
    </message>
    <message>
        <source>Published: %1 added, %2 updated, %3 removed, %4 unchanged.</source>
        <translation>已发布：新增 %1 项，更新 %2 项，删除 %3 项，%4 项未变。</translation>
    </message>
    <message>
        <source>Publishing the agenda…</source>
        <translation>正在发布日程…</translation>
    </message>
</context>
<context>
    <name>Charts</name>
    <message>
        <source>green</source>
        <translation>绿灯</translation>
    </message>
    <message>
        <source>amber</source>
        <translation>黄灯</translation>
    </message>
    <message>
        <source>red</source>
        <translation>红灯</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>As PNG image…</source>
        <translation>导出为 PNG 图片…</translation>
    </message>
    <message>
        <source>As SVG drawing…</source>
        <translation>导出为 SVG 矢量图…</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>SVG image (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>No history yet</source>
        <translation>尚无历史记录</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>健康度</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Interactions</source>
        <translation>接触次数</translation>
    </message>
    <message>
        <source>No contact logged in this period</source>
        <translation>此期间没有接触记录</translation>
    </message>
    <message>
        <source>Average of the last five</source>
        <translation>最近五次平均</translation>
    </message>
    <message>
        <source>Sentiment</source>
        <translation>客户情绪</translation>
    </message>
    <message>
        <source>No account yet</source>
        <translation>还没有客户</translation>
    </message>
    <message>
        <source>Health score</source>
        <translation>健康度得分</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Health distribution</source>
        <translation>健康度分布</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>……另有 %1 个</translation>
    </message>
    <message>
        <source>Tier %1</source>
        <translation>%1 级</translation>
    </message>
    <message>
        <source>Share of accounts (%)</source>
        <translation>客户占比（%）</translation>
    </message>
    <message>
        <source>Share of revenue (%)</source>
        <translation>收入占比（%）</translation>
    </message>
    <message>
        <source>ABC Pareto curve</source>
        <translation>ABC 帕累托曲线</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Accounts by risk</source>
        <translation>按风险统计的客户</translation>
    </message>
    <message>
        <source>Days past the planned contact</source>
        <translation>超出计划接触的天数</translation>
    </message>
    <message>
        <source>Accounts beyond their cadence</source>
        <translation>超出联系节奏的客户</translation>
    </message>
    <message>
        <source>(the %1 longest of %2)</source>
        <translation>（共 %2 个，列出最久的 %1 个）</translation>
    </message>
    <message>
        <source>Every account is within its cadence</source>
        <translation>所有客户均在联系节奏之内</translation>
    </message>
    <message>
        <source>% of the scale</source>
        <translation>得分率（%）</translation>
    </message>
    <message>
        <source>No survey recorded</source>
        <translation>无满意度调查记录</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>Archive %1</source>
        <translation>归档 %1</translation>
    </message>
    <message>
        <source>Restore %1</source>
        <translation>恢复 %1</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>%1 离职</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>Outbox</source>
        <translation>待发送队列</translation>
    </message>
    <message>
        <source>Written</source>
        <translation>录入时间</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>What you wrote</source>
        <translation>您录入的内容</translation>
    </message>
    <message>
        <source>What the server has</source>
        <translation>服务器上的情况</translation>
    </message>
    <message>
        <source>&amp;Apply anyway</source>
        <translation>强制提交(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Re-attach</source>
        <translation>重新关联(&amp;R)</translation>
    </message>
    <message>
        <source>Keep as a &amp;note</source>
        <translation>存为客户备注(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Send now</source>
        <translation>立即发送(&amp;S)</translation>
    </message>
    <message>
        <source>Apply what you wrote on the server as it is, where the rules allow it</source>
        <translation>在规则允许时，按您录入的内容原样提交到服务器</translation>
    </message>
    <message>
        <source>Apply it to what the server has now: e.g. log the interaction but leave the follow-up settled meanwhile</source>
        <translation>按服务器现状提交：例如记录这次接触，但不再处理已被他人完成的跟进</translation>
    </message>
    <message>
        <source>Keep what you wrote as a note on the account</source>
        <translation>将您录入的内容存为客户备注</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Not yet sent</source>
        <translation>尚未发送</translation>
    </message>
    <message>
        <source>Waits for entry %1</source>
        <translation>等待第 %1 条</translation>
    </message>
    <message>
        <source>Nothing waits to be sent.</source>
        <translation>没有待发送的内容。</translation>
    </message>
    <message>
        <source>%1 written offline, not yet on the server; %2 in conflict: choose for each what to do.</source>
        <translation>离线录入、尚未提交到服务器的有 %1 条；存在冲突的有 %2 条：请逐条选择处理方式。</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <source>Edit key contact</source>
        <translation>编辑关键联系人</translation>
    </message>
    <message>
        <source>New key contact</source>
        <translation>新建关键联系人</translation>
    </message>
    <message>
        <source>Separate several with commas</source>
        <translation>多个请用逗号分隔</translation>
    </message>
    <message>
        <source>(nobody)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>2019-03-01, -2y; empty if not known</source>
        <translation>2019-03-01、-2y；不详则留空</translation>
    </message>
    <message>
        <source>Family, hobbies… only what helps the relationship; kept private.</source>
        <translation>家庭、爱好……只记录有助于维护关系的内容，仅负责人可见。</translation>
    </message>
    <message>
        <source>Show private notes</source>
        <translation>显示私人备注</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>职务(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Level:</source>
        <translation>层级(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>角色(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Attitude:</source>
        <translation>态度(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Emails:</source>
        <translation>邮箱(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Phones:</source>
        <translation>电话(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Birthday:</source>
        <translation>生日(&amp;B)：</translation>
    </message>
    <message>
        <source>Reports &amp;to:</source>
        <translation>直属上级(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Joined:</source>
        <translation>入职日期(&amp;J)：</translation>
    </message>
    <message>
        <source>Private notes:</source>
        <translation>私人备注：</translation>
    </message>
    <message>
        <source>Mark as &amp;left…</source>
        <translation>标记为离职(&amp;L)…</translation>
    </message>
    <message>
        <source>Left:</source>
        <translation>离职：</translation>
    </message>
    <message>
        <source>Hide private notes</source>
        <translation>隐藏私人备注</translation>
    </message>
</context>
<context>
    <name>ContactLeftDialog</name>
    <message>
        <source>%1 has left</source>
        <translation>%1 已离职</translation>
    </message>
    <message>
        <source>today, 2026-11-20, -1w</source>
        <translation>今天、2026-11-20、-1w</translation>
    </message>
    <message>
        <source>Not known yet</source>
        <translation>尚不清楚</translation>
    </message>
    <message>
        <source>A new person in a key role needs a relationship within weeks. A follow-up to build it is added to the chain, due in 30 days.</source>
        <translation>关键岗位换人后，需在几周内建立关系。将在跟进链中添加一项建立关系的跟进，30 天后到期。</translation>
    </message>
    <message>
        <source>&amp;Left on:</source>
        <translation>离职日期(&amp;L)：</translation>
    </message>
    <message>
        <source>Who takes the role:</source>
        <translation>接任者：</translation>
    </message>
</context>
<context>
    <name>ContactPicker</name>
    <message>
        <source>Type a name, Enter to add</source>
        <translation>输入姓名，按回车添加</translation>
    </message>
    <message>
        <source>“%1” is none of this account&apos;s key contacts: add them as a key contact first, or name them in the summary.</source>
        <translation>“%1”不是该客户的关键联系人：请先添加为关键联系人，或在沟通要点中写明。</translation>
    </message>
    <message>
        <source>“%1” fits several key contacts: type more of the name.</source>
        <translation>“%1”对应多位关键联系人：请输入更完整的姓名。</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>+2w, next fri, 下周五, 2027-03-05</source>
        <translation>+2w、下周五、明天、2027-03-05</translation>
    </message>
    <message>
        <source>?</source>
        <translation>？</translation>
    </message>
</context>
<context>
    <name>DbWorker</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>KeyAccounts</source>
        <translation>KeyAccounts 客户关系维护</translation>
    </message>
</context>
<context>
    <name>EncryptionDialog</name>
    <message>
        <source>Encryption at rest</source>
        <translation>数据库加密</translation>
    </message>
    <message>
        <source>Current passphrase:</source>
        <translation>当前密码：</translation>
    </message>
    <message>
        <source>New passphrase:</source>
        <translation>新密码：</translation>
    </message>
    <message>
        <source>Repeat it:</source>
        <translation>再输入一次：</translation>
    </message>
    <message>
        <source>Remove the encryption (store in clear)</source>
        <translation>取消加密（以明文保存）</translation>
    </message>
    <message>
        <source>Protects the database and its backups if the laptop or the files are lost or copied. It does not protect exported files, nor anything while the app is open. A forgotten passphrase cannot be recovered.</source>
        <translation>笔记本电脑或文件丢失、被复制时，保护数据库及其备份。导出的文件以及程序打开期间的数据不受保护。密码遗忘后无法找回。</translation>
    </message>
    <message>
        <source>The two new passphrases differ.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
    <message>
        <source>Rewriting the database…</source>
        <translation>正在重写数据库…</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>Choose the file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>CSV (UTF-8 or GBK, comma or semicolon, English or Chinese headers), an Excel workbook (.xlsx), or vCard from Apple, Google, Outlook or Android.</source>
        <translation>CSV 文件（UTF-8 或 GBK 编码，逗号或分号分隔，中英文表头均可）、Excel 工作簿（.xlsx），或苹果、谷歌、Outlook、安卓导出的 vCard 名片。</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Skip contacts that exist already</source>
        <translation>跳过已存在的联系人</translation>
    </message>
    <message>
        <source>Merge them: add what is new</source>
        <translation>合并：补充新的信息</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <source>Import the valid records and put the refused ones in a file beside this one</source>
        <translation>导入有效的记录，未通过检查的记录另存到此文件旁的新文件中</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <source>Put all in &amp;account:</source>
        <translation>全部归入客户(&amp;A)：</translation>
    </message>
    <message>
        <source>Duplicates:</source>
        <translation>重复项：</translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation>编码(&amp;E)：</translation>
    </message>
    <message>
        <source>Problems:</source>
        <translation>有问题的记录：</translation>
    </message>
    <message>
        <source>Import contacts</source>
        <translation>导入联系人</translation>
    </message>
    <message>
        <source>Contacts (*.csv *.xlsx *.vcf *.vcard);;All files (*)</source>
        <translation>联系人 (*.csv *.xlsx *.vcf *.vcard);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>Files</name>
    <message>
        <source>Imported %1 contacts (%2 merged, %3 skipped); %4 new accounts.</source>
        <translation>已导入 %1 位联系人（合并 %2 位，跳过 %3 位）；新建客户 %4 个。</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>已导出到 %1。</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>正在导出到 %1…</translation>
    </message>
    <message>
        <source>Cancelled; nothing was written.</source>
        <translation>已取消，未写入任何内容。</translation>
    </message>
    <message>
        <source>Import orders</source>
        <translation>导入订单</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) imported.</source>
        <translation>
            <numerusform>已导入 %n 笔订单。</numerusform>
        </translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <source>Quarterly review</source>
        <translation>季度回顾</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>正在生成 %1…</translation>
    </message>
    <message>
        <source>Tiers</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Every tier already follows revenue (80/20).</source>
        <translation>所有客户的等级均已与收入排名（80/20）一致。</translation>
    </message>
    <message numerus="yes">
        <source>Change %n tier(s) to follow revenue (80/20)? Tiers set for another reason stay.</source>
        <translation>
            <numerusform>按收入（80/20）调整 %n 个客户的等级？因其他原因定级的客户保持不变。</numerusform>
        </translation>
    </message>
    <message>
        <source>Backed up to %1.</source>
        <translation>已备份到 %1。</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Replace the database with %1? The database as it is now is kept as a backup first.</source>
        <translation>用 %1 替换数据库？当前数据库会先保存为备份。</translation>
    </message>
    <message>
        <source>Restored. The previous database is kept in %1.</source>
        <translation>已恢复。原数据库已保留在 %1。</translation>
    </message>
    <message>
        <source>Restoring %1…</source>
        <translation>正在恢复 %1…</translation>
    </message>
    <message>
        <source>Encryption updated.</source>
        <translation>加密设置已更新。</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Account</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>姓</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>名</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>Calendar (solar / lunar)</source>
        <translation>历法（公历/农历）</translation>
    </message>
    <message>
        <source>Leap month</source>
        <translation>闰月</translation>
    </message>
    <message>
        <source>Import contacts</source>
        <translation>导入联系人</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Executive</source>
        <translation>高层</translation>
    </message>
    <message>
        <source>Management</source>
        <translation>中层</translation>
    </message>
    <message>
        <source>Operational</source>
        <translation>基层</translation>
    </message>
    <message>
        <source>Decision maker</source>
        <translation>决策者</translation>
    </message>
    <message>
        <source>Influencer</source>
        <translation>影响者</translation>
    </message>
    <message>
        <source>Champion</source>
        <translation>内部支持者</translation>
    </message>
    <message>
        <source>User</source>
        <translation>使用者</translation>
    </message>
    <message>
        <source>Blocker</source>
        <translation>反对者</translation>
    </message>
    <message>
        <source>Supportive</source>
        <translation>支持</translation>
    </message>
    <message>
        <source>Neutral</source>
        <translation>中立</translation>
    </message>
    <message>
        <source>Skeptical</source>
        <translation>存疑</translation>
    </message>
    <message>
        <source>Opposed</source>
        <translation>反对</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>拜访</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮件</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Executive meeting</source>
        <translation>高层座谈</translation>
    </message>
    <message>
        <source>Technical meeting</source>
        <translation>技术交流</translation>
    </message>
    <message>
        <source>Business review</source>
        <translation>业务回顾</translation>
    </message>
    <message>
        <source>Care</source>
        <translation>关怀</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Value-added service</source>
        <translation>增值服务</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>有风险</translation>
    </message>
    <message>
        <source>Churned</source>
        <translation>已流失</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>Settled</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Carried</source>
        <translation>已顺延</translation>
    </message>
    <message>
        <source>A · key</source>
        <translation>A 级 · 重点</translation>
    </message>
    <message>
        <source>B · important</source>
        <translation>B 级 · 重要</translation>
    </message>
    <message>
        <source>C · ordinary</source>
        <translation>C 级 · 普通</translation>
    </message>
    <message>
        <source>revenue rank</source>
        <translation>收入排名</translation>
    </message>
    <message>
        <source>strategic fit</source>
        <translation>战略契合</translation>
    </message>
    <message>
        <source>growth potential</source>
        <translation>成长潜力</translation>
    </message>
    <message>
        <source>stability</source>
        <translation>稳定性</translation>
    </message>
    <message>
        <source>industry influence</source>
        <translation>行业影响力</translation>
    </message>
    <message>
        <source>-2 very negative</source>
        <translation>-2 很不满意</translation>
    </message>
    <message>
        <source>-1 negative</source>
        <translation>-1 不满意</translation>
    </message>
    <message>
        <source>0 neutral</source>
        <translation>0 一般</translation>
    </message>
    <message>
        <source>+1 positive</source>
        <translation>+1 满意</translation>
    </message>
    <message>
        <source>+2 very positive</source>
        <translation>+2 很满意</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>KeyAccounts — %1</source>
        <translation>KeyAccounts 客户关系维护 — %1</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>日历</translation>
    </message>
    <message>
        <source>Portfolio</source>
        <translation>客户总览</translation>
    </message>
    <message>
        <source>%1 · %2 overdue · %3 due today · %4</source>
        <translation>%1 · %2 项逾期 · 今天到期 %3 项 · %4</translation>
    </message>
    <message numerus="yes">
        <source>%n account(s)</source>
        <translation>
            <numerusform>%n 个客户</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>Match the columns</source>
        <translation>匹配列</translation>
    </message>
    <message>
        <source>Each column of the file, with its first values: choose what it holds.</source>
        <translation>文件中的每一列及其前几个值：请选择对应的字段。</translation>
    </message>
    <message>
        <source>(ignore)</source>
        <translation>（忽略）</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Quick log…</source>
        <translation>快速记录(&amp;Q)…</translation>
    </message>
    <message>
        <source>New &amp;account…</source>
        <translation>新建客户(&amp;A)…</translation>
    </message>
    <message>
        <source>New key &amp;contact…</source>
        <translation>新建关键联系人(&amp;C)…</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>&amp;Import contacts…</source>
        <translation>导入联系人(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Contacts as CSV…</source>
        <translation>联系人导出为 CSV…</translation>
    </message>
    <message>
        <source>Contacts as vCard…</source>
        <translation>联系人导出为 vCard…</translation>
    </message>
    <message>
        <source>Everything as JSON…</source>
        <translation>全部数据导出为 JSON…</translation>
    </message>
    <message>
        <source>Agenda as iCalendar…</source>
        <translation>日程导出为 iCalendar…</translation>
    </message>
    <message>
        <source>Import &amp;orders…</source>
        <translation>导入订单(&amp;O)…</translation>
    </message>
    <message>
        <source>Quarterly &amp;review of the account (PDF)…</source>
        <translation>客户季度回顾（PDF）(&amp;R)…</translation>
    </message>
    <message>
        <source>Quarterly review of the &amp;portfolio (PDF)…</source>
        <translation>客户总览季度回顾（PDF）(&amp;P)…</translation>
    </message>
    <message>
        <source>Suggest &amp;tiers from revenue…</source>
        <translation>按收入建议等级(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Restore a backup…</source>
        <translation>恢复备份(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <source>Filter &amp;accounts</source>
        <translation>筛选客户(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Edit account…</source>
        <translation>编辑客户(&amp;E)…</translation>
    </message>
    <message>
        <source>Archive / restore account</source>
        <translation>归档/恢复客户</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About KeyAccounts</source>
        <translation>关于 KeyAccounts(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation>撤销 %1(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation>重做 %1(&amp;R)</translation>
    </message>
    <message>
        <source>About KeyAccounts</source>
        <translation>关于 KeyAccounts</translation>
    </message>
    <message>
        <source>&lt;b&gt;KeyAccounts %1&lt;/b&gt;&lt;br&gt;客户关系维护 — keeps relationships with key accounts alive.&lt;br&gt;&lt;br&gt;Database: %2</source>
        <translation>&lt;b&gt;KeyAccounts %1&lt;/b&gt;&lt;br&gt;客户关系维护 — 持续经营重点客户关系。&lt;br&gt;&lt;br&gt;数据库：%2</translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <source>Choose an account on the left to see its key contacts and its contact history.</source>
        <translation>在左侧选择一个客户，查看其关键联系人和接触记录。</translation>
    </message>
</context>
<context>
    <name>OfflineIndicator</name>
    <message>
        <source>never refreshed</source>
        <translation>从未同步</translation>
    </message>
    <message>
        <source>Offline since %1</source>
        <translation>自 %1 起离线</translation>
    </message>
    <message numerus="yes">
        <source>%n not yet sent</source>
        <translation>
            <numerusform>%n 条尚未发送</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in conflict</source>
        <translation>
            <numerusform>%n 条存在冲突</numerusform>
        </translation>
    </message>
    <message>
        <source>Changes made offline: open the outbox to send them or settle conflicts</source>
        <translation>离线时的修改：打开待发送队列以发送或处理冲突</translation>
    </message>
</context>
<context>
    <name>OurPeopleDialog</name>
    <message>
        <source>Our people</source>
        <translation>我方人员</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>名称(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Level:</source>
        <translation>层级(&amp;L)：</translation>
    </message>
</context>
<context>
    <name>Platform</name>
    <message>
        <source>%1: the window cannot open: Qt&apos;s &quot;%2&quot; platform plugin needs system libraries that are not installed (%3).</source>
        <translation>%1：窗口无法打开：Qt 的“%2”平台插件所需的系统库未安装（%3）。</translation>
    </message>
    <message>
        <source>%1: the window cannot open: Qt&apos;s &quot;%2&quot; platform plugin could not be loaded; its system libraries are probably missing.</source>
        <translation>%1：窗口无法打开：Qt 的“%2”平台插件加载失败，可能缺少所需的系统库。</translation>
    </message>
    <message>
        <source>Install them, then start again:</source>
        <translation>请安装以下软件包后重新启动：</translation>
    </message>
    <message>
        <source>%1: the window cannot open: there is no display to show it on (%2). Start the app from a desktop session; for a screenshot without a screen, set QT_QPA_PLATFORM=offscreen.</source>
        <translation>%1：窗口无法打开：未找到可用的显示器（%2）。请在桌面环境中启动；如需在无显示器的机器上截图，请设置 QT_QPA_PLATFORM=offscreen。</translation>
    </message>
    <message>
        <source>DISPLAY and WAYLAND_DISPLAY are not set</source>
        <translation>未设置 DISPLAY 和 WAYLAND_DISPLAY</translation>
    </message>
    <message>
        <source>cannot connect to %1</source>
        <translation>无法连接 %1</translation>
    </message>
    <message>
        <source>%1: the window cannot open: Qt has no platform plugin &quot;%2&quot; (QT_QPA_PLATFORM); available: %3.</source>
        <translation>%1：窗口无法打开：未找到名为“%2”的 Qt 平台插件（QT_QPA_PLATFORM）；可用的有：%3。</translation>
    </message>
    <message>
        <source>%1: the window cannot open: %2</source>
        <translation>%1：窗口无法打开：%2</translation>
    </message>
</context>
<context>
    <name>PortfolioPage</name>
    <message>
        <source>Portfolio</source>
        <translation>客户总览</translation>
    </message>
    <message>
        <source>Click a bar or a point to open the accounts behind it.</source>
        <translation>点击柱形或数据点，查看对应的客户。</translation>
    </message>
    <message>
        <source>All owners</source>
        <translation>全部负责人</translation>
    </message>
    <message>
        <source>The charts, segments and alerts of one owner&apos;s accounts</source>
        <translation>只看某位负责人名下客户的图表、分群和预警</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Accounts by customer-value segment and tier: click a number to open them</source>
        <translation>按客户价值分群和等级统计的客户数：点击数字查看对应客户</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>有风险</translation>
    </message>
    <message>
        <source>Red health, or marked at risk</source>
        <translation>健康度为红灯，或已标记为有风险</translation>
    </message>
    <message>
        <source>Neglected</source>
        <translation>疏于联系</translation>
    </message>
    <message>
        <source>No contact for longer than the cadence allows</source>
        <translation>超出联系节奏允许的最长间隔未联系</translation>
    </message>
    <message>
        <source>Follow-ups past due</source>
        <translation>逾期跟进</translation>
    </message>
    <message>
        <source>Complaints past deadline</source>
        <translation>超期投诉</translation>
    </message>
    <message>
        <source>Hand-overs in progress</source>
        <translation>交接中</translation>
    </message>
    <message>
        <source>New owners who have not yet met the key contacts</source>
        <translation>新负责人尚未见过关键联系人</translation>
    </message>
    <message>
        <source>By owner: Enter or a double-click opens the owner&apos;s accounts</source>
        <translation>按负责人统计：按回车或双击打开该负责人的客户</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>No owner</source>
        <translation>无负责人</translation>
    </message>
    <message numerus="yes">
        <source>%n account(s): %1 green, %2 amber, %3 red</source>
        <translation>
            <numerusform>共 %n 个客户：绿灯 %1，黄灯 %2，红灯 %3</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>What happens</source>
        <translation>处理方式</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) found; nothing will be imported. Fix the file and try again.</source>
        <translation>
            <numerusform>发现 %n 个问题，不会导入任何内容。请修正文件后重试。</numerusform>
        </translation>
    </message>
    <message>
        <source>new</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>merge: %1</source>
        <translation>合并：%1</translation>
    </message>
    <message>
        <source>skip: %1</source>
        <translation>跳过：%1</translation>
    </message>
</context>
<context>
    <name>QuickLogDialog</name>
    <message>
        <source>Edit interaction</source>
        <translation>编辑接触记录</translation>
    </message>
    <message>
        <source>Quick log</source>
        <translation>快速记录</translation>
    </message>
    <message>
        <source>today, yesterday, 2026-11-20</source>
        <translation>今天、昨天、2026-11-20</translation>
    </message>
    <message>
        <source>What happened, what was agreed</source>
        <translation>沟通要点及达成的共识</translation>
    </message>
    <message>
        <source>Gift or gesture</source>
        <translation>礼品或心意</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>&amp;Account:</source>
        <translation>客户(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;With:</source>
        <translation>参与人(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Ours:</source>
        <translation>我方参与人(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Summary:</source>
        <translation>摘要(&amp;S)：</translation>
    </message>
    <message>
        <source>S&amp;entiment:</source>
        <translation>客户情绪(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Gift:</source>
        <translation>礼品(&amp;G)：</translation>
    </message>
    <message>
        <source>Open follow-ups</source>
        <translation>未完成的跟进</translation>
    </message>
    <message>
        <source>Next steps</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>&amp;Plan it</source>
        <translation>加入计划(&amp;P)</translation>
    </message>
    <message>
        <source>Save (Ctrl+Enter)</source>
        <translation>保存（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Nothing open from before.</source>
        <translation>此前无未完成的跟进。</translation>
    </message>
    <message>
        <source>%1  ·  due %2</source>
        <translation>%1  ·  %2 到期</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Leave open</source>
        <translation>暂不处理</translation>
    </message>
    <message>
        <source>Settle</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Carry to…</source>
        <translation>顺延到…</translation>
    </message>
    <message>
        <source>new due date</source>
        <translation>新的到期日</translation>
    </message>
    <message>
        <source>Next step, promise or question</source>
        <translation>下一步、承诺或待回复的问题</translation>
    </message>
    <message>
        <source>By the account&apos;s cadence, the next %1 is due on %2.</source>
        <translation>按该客户的联系节奏，下次%1应在 %2 前完成。</translation>
    </message>
    <message>
        <source>Next %1</source>
        <translation>下一次%1</translation>
    </message>
    <message>
        <source>This will not count for “%1”: it needs someone at %2 level among those met (With).</source>
        <translation>这次记录不计入“%1”：参与人中需有%2层级的联系人。</translation>
    </message>
    <message>
        <source>Nothing given before.</source>
        <translation>此前未送过礼品。</translation>
    </message>
    <message>
        <source>Given before:</source>
        <translation>此前送过：</translation>
    </message>
    <message>
        <source>choose an account from the list</source>
        <translation>请从列表中选择客户</translation>
    </message>
</context>
<context>
    <name>RecordsView</name>
    <message>
        <source>Received</source>
        <translation>收到日期</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <source>Concern</source>
        <translation>关注点</translation>
    </message>
    <message>
        <source>Expectation</source>
        <translation>期望</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>已满足</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Record a complaint…</source>
        <translation>记录投诉…</translation>
    </message>
    <message>
        <source>Resolve…</source>
        <translation>解决…</translation>
    </message>
    <message>
        <source>Add a need…</source>
        <translation>添加需求…</translation>
    </message>
    <message>
        <source>Add a survey result…</source>
        <translation>添加调查结果…</translation>
    </message>
    <message>
        <source>Add an order…</source>
        <translation>添加订单…</translation>
    </message>
    <message>
        <source>Mark as churned…</source>
        <translation>标记为流失…</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Needs</source>
        <translation>需求档案</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Churned on %1 (%2); win-back: %3</source>
        <translation>%1 流失（%2），%3</translation>
    </message>
    <message>
        <source>pursued</source>
        <translation>争取挽回</translation>
    </message>
    <message>
        <source>not pursued</source>
        <translation>放弃挽回</translation>
    </message>
    <message>
        <source>open</source>
        <translation>待答复</translation>
    </message>
    <message>
        <source>overdue, not answered</source>
        <translation>已逾期，未答复</translation>
    </message>
    <message>
        <source>answered</source>
        <translation>已答复</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>deadline %1</source>
        <translation>答复期限 %1</translation>
    </message>
    <message>
        <source>%1 · not yet sent</source>
        <translation>%1 · 尚未发送</translation>
    </message>
    <message>
        <source>Still unmet from an earlier quarter</source>
        <translation>以往季度遗留，仍未满足</translation>
    </message>
    <message>
        <source>attracted by a better offer</source>
        <translation>被吸引（竞争对手条件更优）</translation>
    </message>
    <message>
        <source>left dissatisfied</source>
        <translation>主动离开（因不满）</translation>
    </message>
    <message>
        <source>other reasons (e.g. our person left)</source>
        <translation>其他原因（如我方人员离职）</translation>
    </message>
    <message>
        <source>given up on purpose</source>
        <translation>主动放弃</translation>
    </message>
    <message>
        <source>forced away (moved, changed business)</source>
        <translation>被迫离开（搬迁、转行）</translation>
    </message>
    <message>
        <source>bought by improper inducements</source>
        <translation>被收买（不正当利益）</translation>
    </message>
    <message>
        <source>empty: its lifetime value today, %1</source>
        <translation>留空：按今日的终身价值 %1 计</translation>
    </message>
    <message>
        <source>Lifetime value %1: weigh it against the cost of a recovery</source>
        <translation>终身价值 %1：请与挽回成本权衡</translation>
    </message>
    <message>
        <source>Lifetime value %1 against a recovery cost of %2: %3 recovered per 1 spent</source>
        <translation>终身价值 %1，挽回成本 %2：每投入 1 元可挽回 %3 元</translation>
    </message>
    <message>
        <source>Try to win it back</source>
        <translation>尝试挽回</translation>
    </message>
    <message>
        <source>Needed when going against the default</source>
        <translation>与默认决定不一致时必填</translation>
    </message>
    <message>
        <source>Mark as churned</source>
        <translation>标记为流失</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>Yearly value:</source>
        <translation>年价值：</translation>
    </message>
    <message>
        <source>Cost of a recovery:</source>
        <translation>挽回成本：</translation>
    </message>
    <message>
        <source>Justification:</source>
        <translation>理由：</translation>
    </message>
    <message>
        <source>low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Mark answered</source>
        <translation>标记已答复</translation>
    </message>
    <message>
        <source>Mark met</source>
        <translation>标记已满足</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>high</source>
        <translation>高</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>紧急</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>delivery</source>
        <translation>交付</translation>
    </message>
    <message>
        <source>quality</source>
        <translation>质量</translation>
    </message>
    <message>
        <source>service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Record a complaint</source>
        <translation>记录投诉</translation>
    </message>
    <message>
        <source>What:</source>
        <translation>内容：</translation>
    </message>
    <message>
        <source>Severity:</source>
        <translation>严重程度：</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>投诉人：</translation>
    </message>
    <message>
        <source>nobody in particular</source>
        <translation>未指定</translation>
    </message>
    <message>
        <source>today, yesterday, 2026-11-20</source>
        <translation>今天、昨天、2026-11-20</translation>
    </message>
    <message>
        <source>Mark the complaint answered</source>
        <translation>标记投诉已答复</translation>
    </message>
    <message>
        <source>Answered on:</source>
        <translation>答复日期：</translation>
    </message>
    <message>
        <source>The customer was told</source>
        <translation>已告知客户</translation>
    </message>
    <message>
        <source>Resolve the complaint</source>
        <translation>解决投诉</translation>
    </message>
    <message>
        <source>Root cause:</source>
        <translation>根本原因：</translation>
    </message>
    <message>
        <source>What changed:</source>
        <translation>改进措施：</translation>
    </message>
    <message>
        <source>Add a need</source>
        <translation>添加需求</translation>
    </message>
    <message>
        <source>Concern:</source>
        <translation>关注点：</translation>
    </message>
    <message>
        <source>Expectation:</source>
        <translation>期望：</translation>
    </message>
    <message>
        <source>Add a survey result</source>
        <translation>添加调查结果</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>Score:</source>
        <translation>得分：</translation>
    </message>
    <message>
        <source>Answered by:</source>
        <translation>受访人：</translation>
    </message>
    <message>
        <source>Comment:</source>
        <translation>客户意见：</translation>
    </message>
    <message>
        <source>Whole amount</source>
        <translation>整数金额</translation>
    </message>
    <message>
        <source>Add an order</source>
        <translation>添加订单</translation>
    </message>
    <message>
        <source>Amount:</source>
        <translation>金额：</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
</context>
<context>
    <name>RelationshipMap</name>
    <message>
        <source>Met by our same level</source>
        <translation>已由我方同级对接</translation>
    </message>
    <message>
        <source>Met only by our lower levels</source>
        <translation>仅由我方较低层级对接</translation>
    </message>
    <message>
        <source>Met only by our higher levels</source>
        <translation>仅由我方较高层级对接</translation>
    </message>
    <message>
        <source>Met, but by no one on our list</source>
        <translation>有接触，但我方参与人不在人员名单中</translation>
    </message>
    <message>
        <source>Not met within the tier&apos;s rhythm</source>
        <translation>未按等级节奏接触</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>已离职</translation>
    </message>
    <message>
        <source>Left — successor: %1</source>
        <translation>已离职，接任者：%1</translation>
    </message>
    <message>
        <source>Left — no successor recorded</source>
        <translation>已离职，尚未记录接任者</translation>
    </message>
    <message>
        <source>Last met %1</source>
        <translation>最近接触：%1</translation>
    </message>
    <message>
        <source>Never met</source>
        <translation>从未接触</translation>
    </message>
    <message>
        <source>Ours: %1 (%2), %3×, %4</source>
        <translation>我方：%1（%2），%3 次，%4</translation>
    </message>
    <message>
        <source>and %1 more of ours</source>
        <translation>另有我方 %1 人</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>As PNG image…</source>
        <translation>导出为 PNG 图片…</translation>
    </message>
    <message>
        <source>As SVG drawing…</source>
        <translation>导出为 SVG 矢量图…</translation>
    </message>
    <message>
        <source>Our people…</source>
        <translation>我方人员…</translation>
    </message>
    <message>
        <source>%1 of %2 current key contacts met by our same level within the tier&apos;s rhythm.</source>
        <translation>%2 位在职关键联系人中，%1 位已按等级节奏由我方同级对接。</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>SVG image (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Export the map</source>
        <translation>导出关系图</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>%1 reports to %2</source>
        <translation>%1 的直属上级设为 %2</translation>
    </message>
    <message>
        <source>%1 reports to nobody</source>
        <translation>%1 不再设直属上级</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>%1 离职</translation>
    </message>
    <message>
        <source>Edit contact…</source>
        <translation>编辑联系人…</translation>
    </message>
    <message>
        <source>Log a meeting…</source>
        <translation>记录一次接触…</translation>
    </message>
    <message>
        <source>Reports to</source>
        <translation>直属上级</translation>
    </message>
    <message>
        <source>Nobody</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Attitude</source>
        <translation>态度</translation>
    </message>
    <message>
        <source>Mark as left</source>
        <translation>标记为已离职</translation>
    </message>
    <message>
        <source>Our people who took part: type a name, comma for more</source>
        <translation>参与的我方人员：输入姓名，多人用逗号分隔</translation>
    </message>
    <message>
        <source>Add to our people…</source>
        <translation>添加到我方人员…</translation>
    </message>
    <message>
        <source>Add %1 to our people…</source>
        <translation>将 %1 添加到我方人员…</translation>
    </message>
</context>
<context>
    <name>Search</name>
    <message>
        <source>Search accounts, contacts, notes… (Ctrl+F)</source>
        <translation>搜索客户、联系人、备注…（Ctrl+F）</translation>
    </message>
    <message>
        <source>%1 · %2 — %3, %4</source>
        <translation>%1 · %2 — %3，%4</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>%1 — %2, %3</source>
        <translation>%1 — %2，%3</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
</context>
<context>
    <name>ServerSettings</name>
    <message>
        <source>&amp;Remember the password in the system keyring</source>
        <translation>在系统钥匙串中记住密码(&amp;R)</translation>
    </message>
    <message>
        <source>kept in the system keyring</source>
        <translation>已保存在系统钥匙串中</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>The server did not answer as expected: %1</source>
        <translation>服务器未按预期响应：%1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>%1 days ahead</source>
        <translation>提前 %1 天</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Remind of &amp;birthdays:</source>
        <translation>生日提醒(&amp;B)：</translation>
    </message>
    <message>
        <source>Remind of &amp;anniversaries:</source>
        <translation>周年提醒(&amp;A)：</translation>
    </message>
    <message>
        <source>Remind of &amp;festivals:</source>
        <translation>节日提醒(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Gift limit per gift:</source>
        <translation>单件礼品上限(&amp;G)：</translation>
    </message>
    <message>
        <source>Daily &amp;notification at:</source>
        <translation>每日通知时间(&amp;N)：</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>紧急</translation>
    </message>
    <message>
        <source>high</source>
        <translation>高</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>low</source>
        <translation>低</translation>
    </message>
    <message>
        <source> d</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Answer complaints within:</source>
        <translation>投诉答复期限：</translation>
    </message>
    <message>
        <source>One a line, e.g.
Company day 06-18
妈祖诞 lunar 03-23</source>
        <translation>每行一个，例如：
司庆日 06-18
妈祖诞 农历 03-23</translation>
    </message>
    <message>
        <source>Own &amp;festivals:</source>
        <translation>自定义节日(&amp;F)：</translation>
    </message>
    <message>
        <source>Qixi</source>
        <translation>七夕</translation>
    </message>
    <message>
        <source>Winter Solstice</source>
        <translation>冬至</translation>
    </message>
    <message>
        <source>Women&apos;s Day</source>
        <translation>妇女节</translation>
    </message>
    <message>
        <source>Partnership anniversary</source>
        <translation>合作周年</translation>
    </message>
    <message>
        <source>Also greet on:</source>
        <translation>可选问候：</translation>
    </message>
    <message>
        <source>North: 12th month, 23rd (腊月廿三)</source>
        <translation>北方：腊月廿三</translation>
    </message>
    <message>
        <source>South: 12th month, 24th (腊月廿四)</source>
        <translation>南方：腊月廿四</translation>
    </message>
    <message>
        <source>Little New &amp;Year (小年):</source>
        <translation>小年(&amp;Y)：</translation>
    </message>
    <message>
        <source>Gross &amp;margin (accounts without their own):</source>
        <translation>默认毛利率（未单独设定的客户）(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Discount rate of the lifetime value:</source>
        <translation>终身价值折现率(&amp;D)：</translation>
    </message>
    <message>
        <source>Cost of one contact:</source>
        <translation>每次接触的成本：</translation>
    </message>
    <message>
        <source>Change the passphrase…</source>
        <translation>修改密码…</translation>
    </message>
    <message>
        <source>Encrypt with a passphrase…</source>
        <translation>用密码加密…</translation>
    </message>
    <message>
        <source>Needs SQLCipher: pip install &apos;keyaccounts[encryption]&apos;</source>
        <translation>需要 SQLCipher：pip install &apos;keyaccounts[encryption]&apos;</translation>
    </message>
    <message>
        <source>Encryption at rest:</source>
        <translation>数据库加密：</translation>
    </message>
    <message>
        <source>A new language applies at the next start.</source>
        <translation>新语言将在下次启动时生效。</translation>
    </message>
    <message>
        <source>G&amp;eneral</source>
        <translation>常规(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Calendar</source>
        <translation>日历(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Team server</source>
        <translation>团队服务器(&amp;T)</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Save the quick log</source>
        <translation>保存快速记录</translation>
    </message>
    <message>
        <source>Agenda: log the item</source>
        <translation>日程：记录该事项</translation>
    </message>
    <message>
        <source>Agenda: reschedule the item</source>
        <translation>日程：为该事项改期</translation>
    </message>
    <message>
        <source>Agenda: snooze the item a day</source>
        <translation>日程：将该事项推迟一天提醒</translation>
    </message>
    <message>
        <source>Agenda: mark the item done</source>
        <translation>日程：将该事项标为完成</translation>
    </message>
    <message>
        <source>Agenda: open or close a group, on its heading</source>
        <translation>日程：在分组标题上展开或收起该组</translation>
    </message>
    <message>
        <source>Enter, Space</source>
        <translation>Enter、空格</translation>
    </message>
</context>
<context>
    <name>TeamSettings</name>
    <message>
        <source>Team server &amp;address:</source>
        <translation>团队服务器地址(&amp;A)：</translation>
    </message>
    <message>
        <source>Te&amp;st connection</source>
        <translation>测试连接(&amp;S)</translation>
    </message>
    <message>
        <source>With an address, the app opens the team&apos;s database on the server at its next start, as your own login, instead of this computer&apos;s file; empty, this computer&apos;s file again. Your administrator gives you the address and a first password (change it with keyaccounts team password).</source>
        <translation>填写地址后，下次启动时将以您本人的账号打开服务器上的团队数据库，而不是本机文件；留空则重新使用本机文件。地址和初始密码由管理员提供（可用 keyaccounts team password 修改密码）。</translation>
    </message>
    <message>
        <source>Type the team server&apos;s address first.</source>
        <translation>请先填写团队服务器地址。</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Connected: the team database answers.</source>
        <translation>连接成功：团队数据库已响应。</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>Show KeyAccounts</source>
        <translation>显示 KeyAccounts</translation>
    </message>
    <message>
        <source>Quick log…</source>
        <translation>快速记录…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>%1 overdue, %2 due today</source>
        <translation>逾期 %1 项，今天到期 %2 项</translation>
    </message>
    <message>
        <source>KeyAccounts — today</source>
        <translation>KeyAccounts — 今天</translation>
    </message>
</context>
<context>
    <name>ValueView</name>
    <message>
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>How</source>
        <translation>计算方式</translation>
    </message>
    <message>
        <source>Own margin and retention…</source>
        <translation>单独设定毛利率和留存率…</translation>
    </message>
    <message>
        <source>Set this account&apos;s margin rate, or its retention with the reason</source>
        <translation>为该客户单独设定毛利率，或手工设定留存率并说明理由</translation>
    </message>
    <message>
        <source>%1 · contribution %2 · lifetime value %3</source>
        <translation>%1 · 边际贡献 %2 · 终身价值 %3</translation>
    </message>
    <message>
        <source>RFM segment</source>
        <translation>RFM 分群</translation>
    </message>
    <message>
        <source>scores %1-%2-%3 among %4 accounts</source>
        <translation>在 %4 个客户中得分 %1-%2-%3</translation>
    </message>
    <message>
        <source>Recency (R)</source>
        <translation>最近下单（R）</translation>
    </message>
    <message>
        <source>never ordered: the least recent</source>
        <translation>从未下单：R 得分最低</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) since the last order</source>
        <translation>
            <numerusform>距上次下单 %n 天</numerusform>
        </translation>
    </message>
    <message>
        <source>Frequency (F)</source>
        <translation>下单频次（F）</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) in the last 12 months</source>
        <translation>
            <numerusform>近 12 个月 %n 笔订单</numerusform>
        </translation>
    </message>
    <message>
        <source>Monetary (M)</source>
        <translation>下单金额（M）</translation>
    </message>
    <message>
        <source>%1 ordered in the last 12 months</source>
        <translation>近 12 个月订单金额 %1</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>分群</translation>
    </message>
    <message>
        <source>recency %1 (at least %2) and the mean of frequency and monetary %3 (at least %4): the first row of the segment table that fits</source>
        <translation>R 得分 %1（不低于 %2），F 与 M 平均分 %3（不低于 %4）：取分群表中第一个符合条件的分群</translation>
    </message>
    <message>
        <source>Decision-maker contact</source>
        <translation>决策层接触</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>the last contact with a decision maker or an executive (shown, not scored)</source>
        <translation>最近一次与决策者或高层的接触（仅展示，不计分）</translation>
    </message>
    <message>
        <source>Contribution (12 months)</source>
        <translation>边际贡献（近 12 个月）</translation>
    </message>
    <message>
        <source>revenue - cost of goods - contact effort</source>
        <translation>收入 - 商品成本 - 联络投入</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>收入</translation>
    </message>
    <message>
        <source>orders of the last 12 months</source>
        <translation>近 12 个月的订单</translation>
    </message>
    <message>
        <source>no order yet: the recorded yearly revenue</source>
        <translation>尚无订单：按登记的年收入计</translation>
    </message>
    <message>
        <source>Cost of goods</source>
        <translation>商品成本</translation>
    </message>
    <message>
        <source>revenue × (1 - margin %1, %2)</source>
        <translation>收入 ×（1 - 毛利率 %1，%2）</translation>
    </message>
    <message>
        <source>the account&apos;s own</source>
        <translation>该客户单独设定</translation>
    </message>
    <message>
        <source>the portfolio&apos;s</source>
        <translation>全部客户统一设定</translation>
    </message>
    <message>
        <source>Contact effort</source>
        <translation>联络投入</translation>
    </message>
    <message>
        <source>interactions of the last 12 months × the cost of their kind (Settings)</source>
        <translation>近 12 个月的接触次数 × 该类型的单次成本（见设置）</translation>
    </message>
    <message>
        <source>no interaction in the last 12 months</source>
        <translation>近 12 个月无接触</translation>
    </message>
    <message>
        <source>Lifetime value (CLV)</source>
        <translation>终身价值（CLV）</translation>
    </message>
    <message>
        <source>contribution × r / (1 + d - r)</source>
        <translation>边际贡献 × r /（1 + d - r）</translation>
    </message>
    <message>
        <source>Yearly contribution</source>
        <translation>年边际贡献</translation>
    </message>
    <message>
        <source>the last 12 months&apos;</source>
        <translation>近 12 个月</translation>
    </message>
    <message>
        <source>tier %1: %2 of %3 accounts of a year ago still active</source>
        <translation>%1 级：一年前的 %3 个客户中仍有 %2 个在合作</translation>
    </message>
    <message>
        <source>the whole portfolio (no tier-%1 account a year ago): %2 of %3 still active</source>
        <translation>全部客户（一年前无 %1 级客户）：%3 个中仍有 %2 个在合作</translation>
    </message>
    <message>
        <source>no year of history yet: the default</source>
        <translation>历史数据不足一年：采用默认值</translation>
    </message>
    <message>
        <source>set by hand: %1</source>
        <translation>手工设定：%1</translation>
    </message>
    <message>
        <source>Retention (r)</source>
        <translation>留存率（r）</translation>
    </message>
    <message>
        <source>Discount rate (d)</source>
        <translation>折现率（d）</translation>
    </message>
    <message>
        <source>a portfolio setting (Settings)</source>
        <translation>全部客户统一设置（见设置）</translation>
    </message>
    <message>
        <source>Formula</source>
        <translation>公式</translation>
    </message>
</context>
</TS>
