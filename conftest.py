"""Collection of the doctests in ``cleanse/``: the module for an optional engine is left out
when the engine is not installed (its tests in tests/ skip, saying so)."""

import importlib.util

collect_ignore = [] if importlib.util.find_spec("datatrove") else ["cleanse/datatrove.py"]
