"""``import``, ``export`` and ``report``: data in and out of the database."""

from __future__ import annotations

import sys
from pathlib import Path

from keyaccounts.domain import formats
from keyaccounts.domain.errors import ValidationError
from keyaccounts.i18n import N_, _


# What the rows of each table are called where an import counts them.
TABLE_WORDS = {
    "account": N_("accounts"), "contact": N_("key contacts"),
    "contact_private": N_("private notes"), "interaction": N_("interactions"),
    "follow_up": N_("follow-ups"), "cadence": N_("cadences"), "setting": N_("settings"),
    "agenda_mark": N_("agenda marks"), "alert_state": N_("alert states"),
    "complaint": N_("complaints"), "survey": N_("surveys"), "churn_event": N_("churns"),
    "order_line": N_("orders"), "need": N_("needs"), "person": N_("people"),
    "account_share": N_("shares"), "owner_history": N_("hand-overs"),
    "our_person": N_("our people"), "interaction_our_person": N_("our people at interactions")}


def cmd_import(db, args) -> int:
    from keyaccounts.io import exporter, importer

    path = Path(args.file)
    if args.format == "json" or (args.format is None and path.suffix.lower() == ".json"):
        if args.dry_run:
            raise ValidationError("dry-run", "", _("not available for a JSON export"))
        from keyaccounts.services.relmap import unlisted_participants

        counts = exporter.import_json(db, path)
        unlisted = unlisted_participants(db)
        if args.json:
            from keyaccounts.cli.common import print_json

            print_json({"loaded": {k: v for k, v in counts.items() if v},
                        "unlisted_participants": unlisted})
            return 0
        print(_("Loaded {path}: {counts}").format(path=path, counts=formats.listed(
            formats.labelled(_(TABLE_WORDS[k]) if k in TABLE_WORDS else k, formats.number(v))
            for k, v in counts.items() if v)))
        from keyaccounts.cli.relmap import print_unlisted

        print_unlisted(unlisted)
        return 0
    try:
        p = importer.import_file(db, path, args.format, account=args.account,
                                 dry_run=args.dry_run, duplicates=args.duplicates,
                                 encoding=args.encoding, sheet=args.sheet,
                                 skip_invalid=args.skip_invalid)
    except importer.ImportFailed as exc:
        for problem in exc.problems[:50]:
            print(problem, file=sys.stderr)
        if len(exc.problems) > 50:
            print(_("… and {n} more").format(n=len(exc.problems) - 50), file=sys.stderr)
        print(_("Nothing was imported."), file=sys.stderr)
        return 2
    if args.json:
        from keyaccounts.cli.common import print_json

        print_json({**p.report(), "dry_run": bool(args.dry_run)})
        return 0
    print(p.summary())
    if args.dry_run:
        print(_("Dry run: nothing was written."))
    return 0


def cmd_export(db, args) -> int:
    from keyaccounts.io import exporter

    what = "json" if args.what == "json" else ("vcard" if args.format == "vcard" else "csv")
    exporter.export(db, what, Path(args.output), account=args.account, private=args.private,
                    force=args.force)
    print(args.output)
    return 0


def cmd_report(db, args) -> int:
    from keyaccounts.io import report

    if args.portfolio == bool(args.account):
        raise ValidationError("account", args.account or "",
                              _("give either --account NAME or --portfolio"))
    if args.portfolio:
        made = report.portfolio_report(db, args.period, Path(args.output), force=args.force)
    else:
        made = report.account_report(db, args.account, args.period, Path(args.output),
                                     force=args.force)
    print(made)
    return 0


def register(sub) -> None:
    rp = sub.add_parser("report", help=_("the quarterly review as PDF"))
    rp.add_argument("--account", metavar="NAME")
    rp.add_argument("--portfolio", action="store_true")
    rp.add_argument("--period", required=True, metavar="2027Q1")
    rp.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    rp.add_argument("--force", action="store_true", help=_("replace FILE if it exists"))
    rp.set_defaults(func=cmd_report)

    im = sub.add_parser("import", help=_("import contacts (CSV, Excel, vCard) or a JSON export"))
    im.add_argument("file", metavar="FILE")
    im.add_argument("--format", choices=("csv", "vcard", "xlsx", "json"))
    im.add_argument("--account", metavar="NAME", help=_("put every contact in this account"))
    im.add_argument("--dry-run", action="store_true", help=_("show what would happen"))
    im.add_argument("--duplicates", choices=("skip", "merge"), default="skip",
                    help=_("what to do with a contact that exists already"))
    im.add_argument("--encoding", metavar="NAME",
                    help=_("the text's encoding when it cannot be told (latin-1, big5, …)"))
    im.add_argument("--sheet", metavar="NAME",
                    help=_("the workbook's sheet (default: the first with a header row)"))
    im.add_argument("--json", action="store_true")
    im.add_argument("--skip-invalid", action="store_true",
                    help=_("import the valid records; write the refused ones to a file "
                           "beside the original"))
    im.set_defaults(func=cmd_import)

    ex = sub.add_parser("export", help=_("export contacts or the whole database"))
    ex.add_argument("what", choices=("contacts", "json"))
    ex.add_argument("-o", "--output", required=True, metavar="FILE")
    ex.add_argument("--force", action="store_true", help=_("replace FILE if it exists"))
    ex.add_argument("--format", choices=("csv", "vcard"), default="csv")
    ex.add_argument("--account", metavar="NAME")
    ex.add_argument("--private", action="store_true",
                    help=_("include private personal notes (left out unless asked for)"))
    ex.set_defaults(func=cmd_export)
