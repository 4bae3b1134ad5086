"""A throw-away PostgreSQL cluster for the store tests.

Uses $WIREWATCH_TEST_PG_URL when set. Otherwise it finds Debian's PostgreSQL (installing
the `postgresql` package with apt when it is missing and we may), creates a cluster in a
temporary directory, starts it on a free local port with its socket in that directory,
and stops and removes it at the end of the session. Under CI (CI=true) a server that
cannot be had is an error, not a skip: the store must be tested for real.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


class Unavailable(RuntimeError):
    pass


# While a cluster of ours runs: "stop" and "start" it (to test a database that goes away).
CONTROL: dict[str, Callable[[], object]] = {}


def _bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if found:
        return Path(found[-1]).parent
    pg_ctl = shutil.which("pg_ctl")
    return Path(pg_ctl).parent if pg_ctl else None


def _install() -> None:
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise Unavailable("PostgreSQL is not installed and apt-get cannot be used here")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "install", "-y", "-q", "postgresql"], check=True, env=env,
                   stdout=subprocess.DEVNULL)  # fmt: skip


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def cluster() -> Iterator[str]:
    """Yield a SQLAlchemy URL of an empty database on a fresh local cluster."""
    url = os.environ.get("WIREWATCH_TEST_PG_URL")
    if url:
        yield url
        return
    bindir = _bin_dir()
    if bindir is None:
        _install()
        bindir = _bin_dir()
    if bindir is None:
        raise Unavailable("PostgreSQL's programs were not found after installing")
    root = Path(tempfile.mkdtemp(prefix="wirewatch-pg-"))
    data, sock, log = root / "data", root / "sock", root / "log"
    sock.mkdir()
    as_user: list[str] = []
    if os.geteuid() == 0:  # initdb refuses root: run the server as `postgres`
        shutil.chown(root, "postgres")
        shutil.chown(sock, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    run = lambda *cmd: subprocess.run(  # noqa: E731
        [*as_user, *cmd], check=True, capture_output=True, text=True
    )
    try:
        run(str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "wirewatch")
        run(
            str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "start",
            "-o", f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off",
        )  # fmt: skip
        run(str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "wirewatch",
            "wirewatch_test")  # fmt: skip
    except subprocess.CalledProcessError as exc:
        shutil.rmtree(root, ignore_errors=True)
        raise Unavailable(f"could not start PostgreSQL: {exc.stderr or exc}") from None
    pg_ctl = [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w"]
    CONTROL["stop"] = lambda: run(*pg_ctl, "-m", "immediate", "stop")
    CONTROL["start"] = lambda: run(
        *pg_ctl, "start", "-o", f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off"
    )
    try:
        yield f"postgresql+psycopg://wirewatch@127.0.0.1:{port}/wirewatch_test"
    finally:
        CONTROL.clear()
        subprocess.run(
            [*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(root, ignore_errors=True)
