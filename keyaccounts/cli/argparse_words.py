"""argparse's own words, for the catalogue.

argparse builds its messages ("usage:", "the following arguments are required: …")
from gettext calls in the standard library, which xgettext never reads. They are
listed here, with argparse's exact msgids, so that tools/update-translations.sh puts
them in keyaccounts.po; :mod:`keyaccounts.cli.common` then has argparse take its
words from the same catalogue as the rest of the CLI. Messages only a programmer
can cause (a parser built wrongly) are left out.
"""

from keyaccounts.i18n import N_

WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("%(prog)s: error: %(message)s\n"),
)
