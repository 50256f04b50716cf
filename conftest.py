pytest_plugins = ["withness.testing.fixtures", "withness.testing.browser"]
