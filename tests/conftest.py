"""Shared fixtures. The real spaCy pipeline is loaded once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MIZAN_SHARED_DATA", ROOT.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def nlp():
    from mizan.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared evaluation data; tests that need it skip cleanly where it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"shared evaluation data not found at {SHARED}")
    return SHARED


@pytest.fixture()
def code(nlp):
    """Code one text with the real pipeline and return its records."""
    from mizan.pipeline import extract_text

    def _code(text: str, date: str = "2020-08-21") -> list[dict]:
        return extract_text(text, nlp, date)

    return _code


# -- stores on both backends (DuckDB, and a private PostgreSQL server) -------------------
import glob  # noqa: E402
import itertools  # noqa: E402
import shutil  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402

_PG_COUNTER = itertools.count()


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    hits = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return hits[-1] if hits else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def pg_server():
    """A private PostgreSQL cluster in a temporary folder (initdb + pg_ctl), run as a non-root
    user when the tests run as root. Yields a URL prefix; skips when PostgreSQL is absent."""
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not initdb or not pg_ctl:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not found; apt-get install postgresql")
    run_as: list[str] = []
    user = None
    if os.geteuid() == 0:
        import pwd

        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no 'postgres' user to run PostgreSQL as")
        run_as = ["runuser", "-u", "postgres", "--"]
    base = tempfile.mkdtemp(prefix="mizan-pg-")
    data = os.path.join(base, "data")
    if user is not None:
        os.chown(base, user.pw_uid, user.pw_gid)
    port = _free_port()
    env = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8")
    subprocess.run([*run_as, initdb, "-D", data, "-U", "mizan", "-A", "trust", "-E", "UTF8",
                    "--no-sync"], check=True, capture_output=True, env=env, cwd=base)  # fmt: skip
    opts = f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
    subprocess.run([*run_as, pg_ctl, "-D", data, "-o", opts, "-l", os.path.join(base, "log"),
                    "-w", "start"], check=True, capture_output=True, env=env, cwd=base)  # fmt: skip
    try:
        import psycopg

        with psycopg.connect(f"postgresql://mizan@127.0.0.1:{port}/postgres", autocommit=True) as c:
            c.execute("CREATE DATABASE mizan_test")
        yield f"postgresql://mizan@127.0.0.1:{port}/mizan_test"
    finally:
        subprocess.run([*run_as, pg_ctl, "-D", data, "-m", "immediate", "stop"],
                       capture_output=True, env=env, cwd=base)  # fmt: skip
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(params=["duckdb", "postgresql"])
def new_store(request):
    """A factory of fresh, empty stores on the parametrised backend."""
    from mizan.store import open_store

    opened = []

    def make():
        if request.param == "duckdb":
            store = open_store(":memory:")
        else:
            server = request.getfixturevalue("pg_server")
            import psycopg

            schema = f"t{os.getpid()}_{next(_PG_COUNTER)}"
            with psycopg.connect(server, autocommit=True) as c:
                c.execute(f"CREATE SCHEMA {schema}")
            store = open_store(f"{server}?options=-csearch_path%3D{schema}")
        opened.append(store)
        return store

    make.backend = request.param
    yield make
    import contextlib

    for s in opened:
        with contextlib.suppress(Exception):
            s.close()
