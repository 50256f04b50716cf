"""The cross-user sweep: every URL pattern, with the owner's real ids, tried by someone else.

How it works, so a failure is easy to read:
1. `routes()` walks the project's URL resolver recursively, so routes added by any app later
   are swept without anyone remembering to list them.
2. For a route with parameters, `assignments()` fills them with the owner's real ids (and, for
   a `kind` beside a `pk`, the name of that row's model); the owner tries each, and those the
   owner can open are the ones that matter. A route that no assignment opens for the owner is
   itself reported: the sweep must never pass because it guessed no real id.
3. The outsider (signed in, with their own API token) then tries every method on those
   addresses and must get 404/403/405/401 or be sent to sign in. Routes without ids must show
   the outsider nothing of the owner's: the page is the same before and after the owner's
   journal exists, and none of the owner's texts appear.
4. Nothing the owner has may change while the outsider and an anonymous visitor try all this.
"""

from __future__ import annotations

import io
import itertools
import json
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve

from withness.testing.world import World, snapshot

METHODS = ("get", "post", "put", "patch", "delete")
DENIED = {401, 403, 404, 405}
PARAM = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")

# Routes that are meant to answer without the owner's session. Each with its reason.
EXEMPT = {
    # A calendar app cannot sign in: the long random token in the address is the key, and
    # anyone holding it is meant to read the feed. Revoking the token is the way to stop it.
    # (test_owner_sweep checks a wrong token gets 404.)
    "growth:feed": "calendar feed, authorised by its secret token",
    # The summary a person chose to share with their therapist: the link's token is the key.
    "care:shared": "shared therapist summary, authorised by its secret token",
}

# Routes anyone may open while signed out. They hold no one's journal; the leak check still
# runs on them.
PUBLIC = {
    "accounts:setup": "first-run page; sends to sign-in once an owner exists",
    "accounts:signup": "sign-up page, gated by the instance's sign-up setting",
    "accounts:login": "sign-in page",
    "accounts:logout": "sign-out works signed out too",
    "accounts:recover": "forgot password: the recovery code and username are the credentials",
    "care:help_now": "crisis lines must be one tap away, signed in or not",
    "api:docs": "API documentation",
    "api:home": "API landing page",
    "api:v1:openapi-json": "the OpenAPI schema",
    "care:manifest": "web app manifest; browsers fetch it without credentials",
    "care:service_worker": "service worker script; same",
}

# Extra values for string parameters that are not ids, for parameters no owned row can name.
EXTRA_STRINGS: dict[str, Callable[[], Iterable[str]]] = {}


def _prompt_keys():
    from withness.growth.prompts import PROMPTS

    return list(PROMPTS)[:2]


EXTRA_STRINGS["key"] = _prompt_keys
OTHER_INTS = (1, 7, 30)
MAX_GUESSES = 300

# Routes the owner's sample journal cannot open, because their parameters are not row ids but
# names inside the requesting user's own computed data. They are still swept (outsider and
# anonymous, with every guess); they are only excused from "the owner could open one".
OPENED_ONLY_WITH_MORE_DATA = {
    "insights:chart": "chart names exist once insights_for(request.user) has enough entries",
    "insights:entries": "factor/key index insights_for(request.user); needs enough entries",
    "insights:effect_chart": "factor/key index insights_for(request.user); needs enough entries",
}


@dataclass(frozen=True)
class Route:
    pattern: str
    name: str
    callback: object

    @property
    def params(self) -> list[tuple[str, str]]:
        return [(m["converter"] or "str", m["name"]) for m in PARAM.finditer(self.pattern)]

    def url(self, values: dict) -> str:
        return "/" + PARAM.sub(lambda m: str(values[m["name"]]), self.pattern)


def routes(resolver=None, prefix: str = "", namespace: str = "") -> list[Route]:
    resolver = resolver or get_resolver()
    found = []
    for entry in resolver.url_patterns:
        route = getattr(entry.pattern, "_route", None)
        if route is None:  # a regular expression pattern: cannot be filled in generically
            route = f"<regex:{entry.pattern.regex.pattern}>"
        if isinstance(entry, URLResolver):
            inner = ":".join(p for p in (namespace, entry.namespace) if p)
            found += routes(entry, prefix + route, inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace else (entry.name or route)
            found.append(Route(prefix + route, name, entry.callback))
    # One Route per address (django-ninja adds a pattern per operation on the same path).
    unique = {}
    for r in found:
        unique.setdefault(r.pattern, r)
    return list(unique.values())


def assignments(route: Route, world: World) -> list[dict]:
    """Ways to fill the route's parameters with things the owner really has."""
    owned = [(type(o), o.pk) for o in world.all_objects()]
    names = sorted({m._meta.model_name for m, _ in owned})
    # Model names and the short values (choices, keys) the owner's rows hold; not the free
    # texts, which no address is built from.
    strings = sorted(
        set(names)
        | {
            str(getattr(o, f.name))
            for o in world.all_objects()
            for f in _slug_fields(o)
            if getattr(o, f.name) not in world.texts
        }
    )
    params = route.params
    ids = [n for _, n in params if n == "pk" or n.endswith("_pk")]
    if "pk" in ids:
        choices = []
        for model, pk in owned:
            partial = {"pk": pk}
            for converter, name in params:
                if name == "pk":
                    continue
                if name.endswith("_pk"):
                    wanted = name[: -len("_pk")]
                    partial[name] = [p for m, p in owned if m._meta.model_name == wanted] or [
                        p for _, p in owned
                    ]
                elif converter == "int":
                    partial[name] = list(OTHER_INTS)
                else:
                    partial[name] = [model._meta.model_name]
            choices += _expand(partial)
        return choices
    partial = {}
    for converter, name in params:
        if name.endswith("_pk"):
            partial[name] = [p for _, p in owned]
        elif converter == "int":
            partial[name] = list(OTHER_INTS)
        elif converter == "regex":
            partial[name] = []
        else:
            extra = list(EXTRA_STRINGS[name]()) if name in EXTRA_STRINGS else []
            partial[name] = extra + strings
    return _expand(partial)[:MAX_GUESSES]


def _slug_fields(obj):
    return [
        f
        for f in obj._meta.concrete_fields
        if f.get_internal_type() in ("CharField", "SlugField")
        and isinstance(getattr(obj, f.name), str)
        and re.fullmatch(r"[-\w]{1,80}", getattr(obj, f.name))
    ]


def _expand(partial: dict) -> list[dict]:
    keys = list(partial)
    pools = [v if isinstance(v, list) else [v] for v in partial.values()]
    return [dict(zip(keys, combo, strict=True)) for combo in itertools.product(*pools)]


@dataclass
class Actor:
    """A signed-in person with a browser session and an API token: both are tried at once."""

    user: object
    secret: str | None = None
    # A crash is an answer like any other here: it is reported, not raised.
    client: Client = field(default_factory=lambda: Client(raise_request_exception=False))

    signed_in: bool = False

    def request(self, method: str, url: str, body=None):
        if self.user is not None and not self.signed_in:
            self.client.force_login(self.user)
            _past_the_code_step(self.client, self.user)
            self.signed_in = True
        extra = {"HTTP_AUTHORIZATION": f"Bearer {self.secret}"} if self.secret else {}
        response = self._send(method, url, body, extra)
        cookie = response.cookies.get(settings.SESSION_COOKIE_NAME)
        if cookie is not None and not cookie.value:
            self.signed_in = False  # one of the routes is "sign out"
        return response

    def _send(self, method, url, body, extra):
        send = getattr(self.client, method)
        if method == "get":
            return send(url, **extra)
        if method == "post":
            return send(url, {}, **extra)
        # PUT gets the owner's own JSON back (a valid body, so the view itself runs); PATCH an
        # empty change, which every partial-update schema accepts.
        payload = body if method == "put" and body else {}
        return send(url, json.dumps(payload), content_type="application/json", **extra)


def _past_the_code_step(client, user) -> None:
    """With two-step sign-in on, sign in as if the code had been typed too. The sweep is about
    whose rows a signed-in person reaches; test_two_factor walks every route for a session
    that has typed only the password."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


def owner_opens(owner: Actor, route: Route, values: dict) -> tuple[bool, object]:
    """Whether this address is something of the owner's (their GET works, or their POST
    reaches past the id check; that POST is rolled back). Returns the GET response too."""
    url = route.url(values)
    response = owner.request("get", url)
    # A 500 means the request got past the id check (the sample row may lack what a view
    # needs, say a computed summary); the outsider must still be stopped before it.
    if response.status_code < 400 or response.status_code >= 500:
        return True, response
    if response.status_code == 405:
        with transaction.atomic():
            posted = owner.request("post", url)
            transaction.set_rollback(True)
        return posted.status_code < 500 and posted.status_code not in (400, 404, 405), response
    return False, response


def is_login_redirect(response) -> bool:
    if response.status_code not in (301, 302, 303, 307, 308):
        return False
    return response["Location"].startswith(resolve_url(settings.LOGIN_URL))


def body(response) -> str:
    if response.streaming:
        content = b"".join(response.streaming_content)
        response.streaming_content = [content]  # so it can be read again
    else:
        content = response.content
    return content.decode("utf-8", "replace")


def normalise(response) -> str:
    if response.get("Content-Type", "").startswith("application/zip"):
        raw = b"".join(response.streaming_content) if response.streaming else response.content
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            text = "\n".join(f"{n}: {archive.read(n)!r}" for n in sorted(archive.namelist()))
    else:
        text = body(response)
    text = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)?", "TIME", text)
    text = re.sub(r"\b\d\d:\d\d\b", "HH:MM", text)  # "your time now" moves on
    # CSRF tokens are masked afresh on every response.
    return re.sub(r"[A-Za-z0-9]{64}", "TOKEN", text)


@dataclass
class Sweep:
    """Runs the sweep; collects problems as sentences rather than stopping at the first."""

    owner: Actor
    outsider: Actor
    only: Callable[[Route], bool] = lambda route: True
    problems: list[str] = field(default_factory=list)
    checked: int = 0
    before: dict[str, str] = field(default_factory=dict)
    crawled: dict[str, list[dict]] = field(default_factory=dict)

    def selected(self) -> list[Route]:
        return [r for r in routes() if self.only(r) and r.name not in EXEMPT]

    def remember_outsider_pages(self):
        """The outsider's view of every page without ids, before the owner has a journal."""
        # Twice over: first visits may greet, or mark the outsider's own API token as used.
        for _ in range(2):
            for route in self.selected():
                if not route.params:
                    response = self.outsider.request("get", route.url({}))
                    self.before[route.pattern] = normalise(response)

    def crawl(self):
        """Real parameter values, from the links, forms and htmx attributes of the owner's pages."""
        self.crawled = {}
        by_pattern = {r.pattern: r for r in self.selected()}
        pages = [r.url({}) for r in by_pattern.values() if not r.params]
        seen = set(pages)
        while pages:
            page = pages.pop()
            response = self.owner.request("get", page)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            for link in LINK.findall(body(response)):
                path = link.split("?")[0].split("#")[0]
                try:
                    match = resolve(path)
                except Resolver404:
                    continue
                if match.route in by_pattern and match.kwargs:
                    self.crawled.setdefault(match.route, []).append(match.kwargs)
                    if path not in seen and len(seen) < 400:
                        seen.add(path)
                        pages.append(path)

    def compare_outsider_pages(self, world):
        """Before the outsider writes anything of their own, their pages must be as they were."""
        for route in self.selected():
            if route.params or route.pattern not in self.before:
                continue
            url = route.url({})
            after = normalise(self.outsider.request("get", url))
            if after != self.before[route.pattern]:
                self.problems.append(
                    f"{route.name}: the outsider's {url} changed once the owner had a journal"
                    f"{_first_difference(self.before[route.pattern], after)}"
                )

    def run(self, world: World) -> list[str]:
        self.compare_outsider_pages(world)
        self.crawl()
        plans = []
        for route in self.selected():
            if not route.params:
                plans.append((route, {}, None))
                continue
            opened = []
            crawled = self.crawled.get(route.pattern, [])
            for values in _unique(crawled):
                ok, response = owner_opens(self.owner, route, values)
                if ok:
                    opened.append((route, values, response))
            # Guessing from the owner's rows finds what no page links to (say, a restore).
            guesses = assignments(route, world)
            for values in [] if opened else _unique(guesses):
                ok, response = owner_opens(self.owner, route, values)
                if ok:
                    opened.append((route, values, response))
            if not opened and route.name in OPENED_ONLY_WITH_MORE_DATA:
                opened = [(route, v, None) for v in _unique(guesses)[:20]]
            if not opened:
                self.problems.append(
                    f"{route.name} ({route.pattern}): no assignment of the owner's ids opens it "
                    "for the owner, so the sweep proves nothing; teach assignments() its params"
                )
            plans += opened
        frozen = snapshot(world.owner)
        anonymous = Actor(user=None)
        owned_ids = {str(o.pk) for o in world.all_objects()}
        for route, values, owner_response in plans:
            if any(str(v) in owned_ids for v in values.values()):
                self._check_id_route(route, values, owner_response, world)
                self._check_id_route(route, values, owner_response, world, actor=anonymous)
            else:
                # No row id in the address (a prompt, a questionnaire, a kind of entry): it
                # means the same for everyone and acts on the visitor's own journal.
                self._check_open_route(route, world, values)
        if snapshot(world.owner) != frozen:
            self.problems.append("the owner's rows changed while others tried their addresses")
        return self.problems

    def _check_id_route(self, route, values, owner_response, world, actor=None):
        actor = actor or self.outsider
        url = route.url(values)
        body = _json_or_none(owner_response)
        who = "anonymous" if actor.user is None else "outsider"
        for method in METHODS:
            self.checked += 1
            response = actor.request(method, url, body)
            if response.status_code in DENIED or is_login_redirect(response):
                continue
            self.problems.append(
                f"{route.name}: {who} {method.upper()} {url} got {response.status_code}"
                + _leaked(response, world)
            )

    def _check_open_route(self, route, world, values=None):
        url = route.url(values or {})
        for method in METHODS:
            self.checked += 1
            response = self.outsider.request(method, url)
            leaked = _leaked(response, world)
            if leaked:
                self.problems.append(f"{route.name}: outsider {method.upper()} {url}{leaked}")
        anonymous = Actor(user=None)
        response = anonymous.request("get", url)
        self.checked += 1
        if _leaked(response, world):
            self.problems.append(f"{route.name}: anonymous GET {url}{_leaked(response, world)}")
        if route.name not in PUBLIC and not (
            response.status_code in DENIED or is_login_redirect(response)
        ):
            self.problems.append(
                f"{route.name}: anonymous GET {url} got {response.status_code}; "
                "sign-in required, or list it in PUBLIC with a reason"
            )


LINK = re.compile(r'(?:href|src|action|hx-get|hx-post|hx-put|hx-delete)="(/[^"]*)"')


def _unique(guesses: list[dict]) -> list[dict]:
    seen, result = set(), []
    for g in guesses:
        key = tuple(sorted((k, str(v)) for k, v in g.items()))
        if key not in seen:
            seen.add(key)
            result.append(g)
    return result


def _json_or_none(response):
    if response is not None and response.get("Content-Type", "").startswith("application/json"):
        try:
            return json.loads(body(response))
        except ValueError:
            return None
    return None


def _leaked(response, world) -> str:
    text = body(response)
    found = [t for t in world.texts if t in text]
    return f" and showed the owner's text {found[:3]}" if found else ""


def _first_difference(a: str, b: str) -> str:
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return (
                f": before …{a[max(0, i - 60) : i + 60]!r}… after …{b[max(0, i - 60) : i + 60]!r}…"
            )
    return f": lengths {len(a)} and {len(b)}"
