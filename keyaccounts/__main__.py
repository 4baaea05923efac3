import sys

from keyaccounts.cli import main

sys.exit(main())
