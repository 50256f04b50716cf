"""The Content-Security-Policy of an SVG chart, which is a document of its own when opened.

Inside a page a chart is an <img>, which never runs script. Opened on its own (say "open
image in new tab") it is a document, and would get the site's policy, which blocks the
inline styles matplotlib writes, so the chart would show unstyled. This policy lets it load
and run nothing at all, and keep only its own styles.
"""

from csp.decorators import csp

svg_policy = csp({
    "default-src": ["'none'"],
    "style-src": ["'unsafe-inline'"],
    "frame-ancestors": ["'none'"],
})  # fmt: skip
