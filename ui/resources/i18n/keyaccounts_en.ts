<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AccountsList</name>
    <message numerus="yes">
        <source>%n account(s) from the chart — click to show all</source>
        <translation>
            <numerusform>%n account from the chart — click to show all</numerusform><numerusform>%n accounts from the chart — click to show all</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n account(s)</source>
        <translation>
            <numerusform>%n account</numerusform><numerusform>%n accounts</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n account(s)</source>
        <translation>
            <numerusform>%1 of %n account</numerusform><numerusform>%1 of %n accounts</numerusform></translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message numerus="yes">
        <source>Logged. %n follow-up(s) opened.</source>
        <translation>
            <numerusform>Logged. %n follow-up opened.</numerusform><numerusform>Logged. %n follow-ups opened.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n follow-up(s) it settled or carried will be open again.</source>
        <translation>
            <numerusform>%n follow-up it settled or carried will be open again.</numerusform><numerusform>%n follow-ups it settled or carried will be open again.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n follow-up(s) it opened stay on the chain, marked as coming from a deleted interaction.</source>
        <translation>
            <numerusform>%n follow-up it opened stay on the chain, marked as coming from a deleted interaction.</numerusform><numerusform>%n follow-ups it opened stay on the chain, marked as coming from a deleted interaction.</numerusform></translation>
    </message>
</context>
<context>
    <name>AgendaModel</name>
    <message numerus="yes">
        <source>%n day(s) ahead to prepare</source>
        <translation>
            <numerusform>%n day ahead to prepare</numerusform><numerusform>%n days ahead to prepare</numerusform></translation>
    </message>
</context>
<context>
    <name>Files</name>
    <message numerus="yes">
        <source>%n order(s) imported.</source>
        <translation>
            <numerusform>%n order imported.</numerusform><numerusform>%n orders imported.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Change %n tier(s) to follow revenue (80/20)? Tiers set for another reason stay.</source>
        <translation>
            <numerusform>Change %n tier to follow revenue (80/20)? Tiers set for another reason stay.</numerusform><numerusform>Change %n tiers to follow revenue (80/20)? Tiers set for another reason stay.</numerusform></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n account(s)</source>
        <translation>
            <numerusform>%n account</numerusform><numerusform>%n accounts</numerusform></translation>
    </message>
</context>
<context>
    <name>OfflineIndicator</name>
    <message numerus="yes">
        <source>%n not yet sent</source>
        <translation>
            <numerusform>%n not yet sent</numerusform><numerusform>%n not yet sent</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n in conflict</source>
        <translation>
            <numerusform>%n in conflict</numerusform><numerusform>%n in conflict</numerusform></translation>
    </message>
</context>
<context>
    <name>PortfolioPage</name>
    <message numerus="yes">
        <source>%n account(s): %1 green, %2 amber, %3 red</source>
        <translation>
            <numerusform>%n account: %1 green, %2 amber, %3 red</numerusform><numerusform>%n accounts: %1 green, %2 amber, %3 red</numerusform></translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message numerus="yes">
        <source>%n problem(s) found; nothing will be imported. Fix the file and try again.</source>
        <translation>
            <numerusform>%n problem found; nothing will be imported. Fix the file and try again.</numerusform><numerusform>%n problems found; nothing will be imported. Fix the file and try again.</numerusform></translation>
    </message>
</context>
<context>
    <name>ValueView</name>
    <message numerus="yes">
        <source>%n day(s) since the last order</source>
        <translation>
            <numerusform>%n day since the last order</numerusform><numerusform>%n days since the last order</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) in the last 12 months</source>
        <translation>
            <numerusform>%n order in the last 12 months</numerusform><numerusform>%n orders in the last 12 months</numerusform></translation>
    </message>
</context>
</TS>