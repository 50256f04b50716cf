import os
import tempfile

# Tests never touch a real journal: their data directory is a fresh temporary one.
os.environ.setdefault("WITHNESS_DATA_DIR", tempfile.mkdtemp(prefix="withness-test-"))
os.environ.setdefault("WITHNESS_TESTING", "true")

pytest_plugins = ["withness.testing.fixtures", "withness.testing.browser"]
