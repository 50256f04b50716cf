"""The pattern-finder: plain Python (numpy/scipy), no Django imports.

It takes plain records and returns plain results, so the web app, the API and
the CLI can share it and it can be tested and benchmarked on its own.
"""
