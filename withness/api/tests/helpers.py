"""What the API tests share: a JSON client with a token, and every route."""

import json
from datetime import timedelta

API = "/api/v1"


class ApiClient:
    """A test client that speaks JSON with a bearer token, so each test reads as one line."""

    def __init__(self, client, secret):
        self.client, self.secret = client, secret

    def _headers(self):
        return {"Authorization": f"Bearer {self.secret}"} if self.secret else {}

    def get(self, path, params=None):
        return self.client.get(API + path, params or {}, headers=self._headers())

    def send(self, method, path, data=None, *, raw=None, content_type="application/json"):
        body = raw if raw is not None else json.dumps(data if data is not None else {})
        return getattr(self.client, method)(
            API + path, body, content_type=content_type, headers=self._headers()
        )

    def post(self, path, data=None, **kwargs):
        return self.send("post", path, data, **kwargs)

    def patch(self, path, data=None, **kwargs):
        return self.send("patch", path, data, **kwargs)

    def delete(self, path):
        return self.client.delete(API + path, headers=self._headers())


def fields(response):
    """The fields named in a validation error response."""
    return [item["field"] for item in response.json()["detail"]]


PRIVATE = [
    b"Secret Sam",
    b"private person notes",
    b"private words",
    b"private quiet",
    b"private day",
]

# A valid new item for each collection, as a script would send it.
NEW = {
    "people": {"name": "Alex", "felt_safety": 4},
    "interactions": {
        "new_people": ["Robin"],
        "mode": "call",
        "duration_min": 30,
        "before_pleasant": -1,
        "before_energy": 3,
        "after_pleasant": 1.5,
        "after_energy": 4,
        "note": "a gentle call",
    },
    "solitude": {
        "activity": "nature",
        "duration_min": 45,
        "before_pleasant": 0,
        "before_energy": 2,
        "after_pleasant": 2,
        "after_energy": 4,
        "note": "a slow walk",
    },
    # Yesterday: the journal fixture's check-in already has today.
    "checkins": {"pleasant": 1, "energy": 4, "note": "an easier day", "day": "__yesterday__"},
}
# A valid change for each collection.
CHANGE = {
    "people": {"notes": "changed by a script"},
    "interactions": {"note": "changed by a script"},
    "solitude": {"note": "changed by a script"},
    "checkins": {"note": "changed by a script"},
}
COLLECTIONS = list(NEW)


def new_item(collection, user):
    data = dict(NEW[collection])
    if data.get("day") == "__yesterday__":
        data["day"] = (user.today() - timedelta(days=1)).isoformat()
    return data


def routes(journal):
    """Every API route as (method, path, body), with ids from the owner's journal."""
    result = []
    for collection in COLLECTIONS:
        pk = journal[collection].pk
        result += [
            ("get", f"/{collection}", None),
            ("post", f"/{collection}", collection),
            ("get", f"/{collection}/{pk}", None),
            ("patch", f"/{collection}/{pk}", CHANGE[collection]),
        ]
    # Deletes last, so that every other route still finds what it works on.
    return result + [("delete", f"/{c}/{journal[c].pk}", None) for c in COLLECTIONS]


def call(api, method, path, body, user):
    if method == "get":
        return api.get(path)
    if method == "delete":
        return api.delete(path)
    data = new_item(body, user) if isinstance(body, str) else body
    return getattr(api, method)(path, data)
