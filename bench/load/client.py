"""What the load and crash benches share: a database made ready, and a signed-in client.

The client keeps one keep-alive connection and its cookies as a browser would, and posts
forms with the CSRF token, as the real web forms are posted.
"""

import http.client
import subprocess
import sys
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

PROJECT = Path(__file__).resolve().parents[2]
PASSWORD = "calm-harbour-42"  # withness.testing.factories.PASSWORD, which the seed uses
SEED = """
from withness.testing.factories import UserFactory
for i in range({n}):
    UserFactory(username=f"{prefix}{{i}}", time_zone="UTC")
"""


def recreate_postgres(url: str) -> None:
    """Drop the scratch database the URL names (if there) and create it empty."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{name}"')


def prepare_database(env: dict, *, people: int, prefix: str) -> None:
    """Migrate, then make `people` accounts named prefix0, prefix1, …"""
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--no-input", "-v0"], cwd=PROJECT, env=env, check=True)
    subprocess.run(
        [*manage, "shell", "-c", SEED.format(n=people, prefix=prefix)],
        cwd=PROJECT,
        env=env,
        check=True,
        capture_output=True,
    )


class SignedInClient:
    def __init__(self, port: int, timeout: float = 30):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str]:
        """The answer's status and where it redirects to (empty if nowhere)."""
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode({**form, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}/"
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            for key, morsel in SimpleCookie(header).items():
                # A browser shows the "Saved" note on the page it is sent to, which clears it;
                # this client does not follow redirects, so it drops the note instead of
                # sending back an ever longer list of unread notes with every request.
                if key != "messages":
                    self.cookies[key] = morsel.value
        return response.status, response.headers.get("Location", "")

    def sign_in(self, username: str) -> bool:
        self.request("GET", "/account/login/")
        status, location = self.request(
            "POST", "/account/login/", {"username": username, "password": PASSWORD}
        )
        return status == 302 and "/account/login" not in location

    def reset(self) -> None:
        self.conn.close()
