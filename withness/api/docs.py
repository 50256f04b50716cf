"""The docs page's content, read from the OpenAPI schema so it always matches the code."""

METHOD_ORDER = ["get", "post", "patch", "put", "delete"]
NEEDS = {
    "get": "a read or write token",
    "post": "a write or add-only token",
    "patch": "a write token",
    "put": "a write token",
    "delete": "a write token",
}


def endpoints(schema: dict) -> list[dict]:
    """[{"tag", "operations": [{"method", "path", "summary", "needs"}]}] in the schema's order."""
    groups: dict[str, list[dict]] = {}
    for path, operations in schema.get("paths", {}).items():
        for method in sorted(operations, key=_method_rank):
            operation = operations[method]
            tag = (operation.get("tags") or ["other"])[0]
            groups.setdefault(tag, []).append({
                "method": method.upper(),
                "path": path,
                "summary": operation.get("summary", ""),
                "needs": NEEDS.get(method, "a write token"),
            })  # fmt: skip
    return [{"tag": tag, "operations": ops} for tag, ops in groups.items()]


def _method_rank(method: str) -> int:
    return METHOD_ORDER.index(method) if method in METHOD_ORDER else len(METHOD_ORDER)
