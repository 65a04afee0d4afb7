"""Run the command line: ``python -m cleanse``."""

from cleanse.cli import main

raise SystemExit(main())
