import sys

from keyaccounts.cli.main import main

sys.exit(main())
