"""The test environment, set before Django reads its settings.

Loaded as a plugin (`-p` in pyproject's addopts), because pytest-django sets Django up
before conftest.py is imported: a variable set there comes too late for settings.py.
"""

import os
import tempfile

# Tests never touch a real journal: their data directory is a fresh temporary one.
os.environ.setdefault("WITHNESS_DATA_DIR", tempfile.mkdtemp(prefix="withness-test-"))
# Light key derivation and password hashing (settings.py): test passwords guard nothing.
os.environ.setdefault("WITHNESS_TESTING", "true")
