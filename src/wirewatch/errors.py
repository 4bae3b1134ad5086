"""Every message Wirewatch shows a user, with a code and what to do about it.

Codes are stable so that logs, API error bodies and issues can refer to them.
"""

from __future__ import annotations

from enum import Enum


class Err(Enum):
    """(message template, hint template). Format keys are filled by `WirewatchError`."""

    # Intake: the input itself is unusable.
    W001 = ("{item}: file is empty", "nothing to do; remove it from the input list")
    W002 = ("{item}: contains only whitespace", "nothing to do; remove it from the input list")
    W003 = (
        "{item}: is binary data ({kind}), not text",
        "convert it to plain text, HTML or JSON Lines first",
    )
    W004 = (
        "{item}: is {size} MB, over the limit of {limit} MB",
        "split it into smaller articles, or raise intake.max_bytes in your config",
    )
    W005 = (
        "{item}: could not be decoded as text ({detail})",
        "re-save it as UTF-8",
    )
    W006 = (
        "{item}: HTML page has no main text",
        "check that the page is an article and not an index, login or script-only page",
    )
    W007 = (
        "{item}: line {line} is not valid JSON ({detail})",
        "fix or drop that line; the other lines were read",
    )
    W008 = (
        "{item}: line {line} has neither 'text' nor 'html'",
        "give each JSON Lines record a 'text' or an 'html' field",
    )
    W009 = (
        "{item}: language is '{lang}' (confidence {score:.2f}), not English",
        "Wirewatch extracts from English only; translate it first, or set "
        "intake.languages to accept it",
    )
    W010 = (
        "{item}: no article text left after cleaning",
        "the input was all captions, navigation or boilerplate; check the source",
    )
    W011 = ("{item}: feed has no entries ({detail})", "check that the file is an RSS or Atom feed")
    W012 = ("{item}: file not found", "check the path")
    W013 = (
        "{item}: don't know how to read '{suffix}' files",
        "give .txt, .html, .jsonl or .rss/.atom/.xml, or pass --format",
    )
    W014 = (
        "{item}: has {chars} characters after decoding, over the limit of {limit}",
        "split it into smaller articles, or raise intake.max_chars in your config",
    )
    W015 = ("{item}: field '{field}' is invalid ({detail})", "fix the field; see docs/intake.md")
    W016 = ("{item}: could not be read ({detail})", "check the file's permissions and format")
    W017 = (
        "{item}: line {line} has no non-empty 'text' string",
        'give each line {{"id": ..., "text": "..."}}; the other lines were read',
    )
    W019 = (
        "{item}: {stage} took longer than {seconds:g} s",
        "the article was skipped and the rest went on; split it, or raise "
        "intake.article_timeout in your config",
    )
    W020 = (
        "{item}: {stage} failed ({detail})",
        "the article was skipped and the rest went on; this is a bug in Wirewatch: please "
        "report it with the article and the traceback that -vv shows",
    )
    W018 = (
        "{item}: is not a readable Parquet file ({detail})",
        "check that it is Parquet with one article per row (columns id, text or html, url, "
        "published, source, title); a file cut short by a failed copy cannot be read",
    )

    # Configuration.
    C001 = (
        "config file {path} not found",
        "check the path given with --config or WIREWATCH_CONFIG",
    )
    C002 = ("config file {path} is not valid TOML ({detail})", "fix the syntax at the place named")
    C003 = (
        "unknown setting '{key}' in {where}",
        "known settings are listed in `wirewatch config`; check the spelling",
    )
    C004 = (
        "setting '{key}' should be {expected}, got {got!r} (from {where})",
        "fix the value; `wirewatch config` shows the defaults",
    )
    C005 = ("'{text}' is not a valid --set override", "write it as section.key=value")

    C006 = (
        "actor dictionary {path} could not be read ({detail})",
        "fix the file (tab-separated; people: name aliases country org title sector from to, "
        "groups: the same without title; see docs/mentions.md) or its path in the setting "
        "mentions.actor_files",
    )

    C007 = (
        "place file {path} could not be read ({detail})",
        "fix the file (tab-separated, header: name aliases country admin1 lat lon feature "
        "precision; see docs/mentions.md) or its path in the setting mentions.place_files",
    )

    C008 = (
        "word class file {path}, line {line}: {detail}",
        "write each line as class<TAB>word (see docs/internals.md)",
    )

    # NLP.
    N001 = (
        "spaCy model '{model}' is not installed",
        "install it with `pip install {package}`, or choose another model with "
        "the setting nlp.model (e.g. en_core_web_sm)",
    )
    N002 = (
        "spaCy model '{model}' could not be loaded ({detail})",
        "reinstall it; its version must match spaCy 3.8",
    )

    # CLI and dates.
    # Store: the database.
    S001 = (
        "cannot open the database {url} ({detail})",
        "check that the server is running and the URL (--db, WIREWATCH_DB_URL, store.url) is "
        "right; then run the same command again, it picks up where it stopped",
    )
    U001 = ("'{text}' is not a date", "write it as YYYY-MM-DD")
    U002 = ("no article could be processed", "see the reasons above")
    U003 = ("'{text}' is not a timestamp", "write it as ISO 8601, e.g. 2021-07-05T12:00:00+00:00")
    U004 = ("Parquet cannot be written to the terminal", "give a file with --out FILE.parquet")
    U005 = (
        "the Ray engine is not installed ({detail})",
        "install it with `pip install 'wirewatch[ray]'`, or use --engine local",
    )
    U006 = (
        "cannot reach the Ray cluster at {address} ({detail})",
        "check the address (ray://host:10001 or host:6379) and that the cluster is up; "
        "without --address a local Ray is started",
    )

    # HTTP API (`wirewatch serve`): the body of every error response is {"error": as_dict()}.
    A001 = ("no {kind} with id '{id}'", "list them with GET /{kind}s; ids are those it gives")
    A002 = (
        "parameter '{name}' is invalid ({detail})",
        "see GET /docs for the parameters and their formats",
    )
    A003 = (
        "POST /articles is switched off: no API token is configured",
        "set api.token in the config file or WIREWATCH_API_TOKEN, restart `wirewatch serve`, "
        "and send 'Authorization: Bearer <token>'",
    )
    A004 = (
        "missing or wrong bearer token",
        "send the header 'Authorization: Bearer <token>' with the token set in api.token",
    )
    A005 = ("the article was not stored: {detail}", "fix the article as the reason says")
    A006 = (
        "web assets are missing ({detail})",
        "run `make install` (it installs the map library and country outlines with npm), "
        "or use the API alone",
    )
    A007 = ("no such address: {path}", "see GET /docs for the addresses this API answers")
    A008 = (
        "the request body is larger than {limit} bytes",
        "send one article per request, or raise api.max_body_bytes on the server",
    )
    A009 = (
        "too many requests from {client} (limit {limit} per minute)",
        "wait {retry} s and try again, or raise api.rate_limit on the server",
    )


class WirewatchError(Exception):
    """An error a user can act on: a code, what went wrong and what to do."""

    def __init__(self, err: Err, **fields: object) -> None:
        template, hint = err.value
        self.code = err.name
        self.message = template.format(**fields)
        self.hint = hint.format(**fields)
        self.fields = fields
        super().__init__(f"[{self.code}] {self.message}; {self.hint}")

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message, "hint": self.hint}
