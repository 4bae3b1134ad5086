"""Commands over articles, without a database: inspect, extract, mentions, classify."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import click

from ..errors import Err, WirewatchError
from .common import article_inputs, article_results, config_of, log, records_format_option


@click.command()
@article_inputs
@click.option(
    "--format", "out_format", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.pass_context
def inspect(
    ctx: click.Context,
    articles: tuple[str, ...],
    published: date | None,
    fmt: str | None,
    out_format: str,
) -> None:
    """Show how ARTICLES are read: cleaned sentences, what was set aside, entities."""
    from ..nlp import sentences

    for res in article_results(ctx, articles, published, fmt, with_mentions=False):
        art, doc = res.article, res.doc
        view = {
            "article": art.summary(),
            "sentences": sentences(art, doc),
            "set_aside": [
                {"kind": b.kind, "rule": b.rule, "start": b.start, "end": b.end, "text": b.text}
                for b in (art.cleaned.blocks if art.cleaned else [])
            ],
            "entities": [
                dict(
                    zip(
                        ("text", "label", "start", "end"),
                        (e.text, e.label_, *art.cleaned.raw_span(e.start_char, e.end_char)),
                        strict=True,
                    )
                )
                for e in doc.ents
            ]
            if art.cleaned
            else [],
        }
        if out_format == "json":
            click.echo(json.dumps(view, ensure_ascii=False))
        else:
            click.echo(_inspect_text(view))


def _inspect_text(view: dict[str, Any]) -> str:
    art = view["article"]
    lines = [
        f"== {art['id']}  ({art['format']}, {art['language']}, "
        f"published {art['published'] or '?'} [{art['published_origin']}])"
    ]
    if art["title"]:
        lines.append(f"title: {art['title']}")
    lines.extend(f"warning: {w}" for w in art["warnings"])
    lines.append(f"-- {len(view['sentences'])} sentences")
    lines.extend(f"[{s['start']}:{s['end']}] {s['text']}" for s in view["sentences"])
    lines.append(f"-- set aside: {len(view['set_aside'])}")
    lines.extend(
        f"{b['kind']} ({b['rule']}) [{b['start']}:{b['end']}] {b['text']}"
        for b in view["set_aside"]
    )
    lines.append(f"-- entities: {len(view['entities'])}")
    lines.append("; ".join(f"{e['text']}/{e['label']}" for e in view["entities"]))
    return "\n".join(lines)


def _event_row(ev: dict[str, Any]) -> str:
    def party(p: dict[str, Any] | None) -> str:
        if not p:
            return "-"
        who = p.get("country") or p.get("org") or "?"
        return f"{p.get('name') or p['text']} ({who} {p.get('sector') or ''})".replace(" )", ")")

    return "\t".join(
        [
            ev["article_id"],
            ev["event_type"],
            ev.get("mode") or "-",
            party(ev.get("actor")),
            party(ev.get("recipient")),
            (ev.get("location") or {}).get("name") or "-",
            (ev.get("date") or {}).get("value") or "-",
            ev["modality"],
            ev["evidence"]["trigger"],
        ]
    )


@click.command()
@article_inputs
@records_format_option
@click.pass_context
def extract(
    ctx: click.Context,
    articles: tuple[str, ...],
    published: date | None,
    fmt: str | None,
    out_format: str,
) -> None:
    """Print the event records of ARTICLES (files, directories, '-' for stdin)."""
    tally: dict[str, int] = {}
    events = 0
    if out_format == "table":
        click.echo(
            "\t".join(
                [
                    "article",
                    "type",
                    "mode",
                    "actor",
                    "recipient",
                    "place",
                    "date",
                    "modality",
                    "trigger",
                ]
            )
        )
    for res in article_results(ctx, articles, published, fmt, tally):
        for ev in res.events:
            events += 1
            row = ev.to_dict()
            click.echo(
                json.dumps(row, ensure_ascii=False) if out_format == "jsonl" else _event_row(row)
            )
    log.info("%d articles, %d events, %d skipped", tally["done"], events, tally["skipped"])


@click.command()
@click.argument("statements", type=click.Path(dir_okay=False, allow_dash=True))
@click.pass_context
def classify(ctx: click.Context, statements: str) -> None:
    """Type each statement of a JSON Lines file ('-' for stdin): lines of
    {"id", "text"} with optional "source" and "target" (the two parties' words).
    Prints {"id", "plover", "mode", "quad", "cameo_root", "acled_subtype", "confidence"}."""
    from ..events.classify import classify_lines
    from ..nlp import load_model

    nlp = load_model(config_of(ctx)["nlp.model"])
    try:
        with click.open_file(statements, encoding="utf-8", errors="replace") as fh:
            for row in classify_lines(fh, nlp, name=statements):
                click.echo(json.dumps(row, ensure_ascii=False))
    except FileNotFoundError:
        raise WirewatchError(Err.W012, item=statements) from None


def _mention_row(m: dict[str, Any]) -> str:
    detail = {k: v for k, v in m.items() if k not in ("article_id", "kind", "text", "start", "end")}
    keys = {
        "actor": ("name", "country", "sector", "org", "entity"),
        "place": ("name", "country", "admin1", "lat", "lon", "precision", "role"),
        "date": ("value", "precision", "relative"),
        "quantity": ("value", "qualifier", "unit", "of"),
        "attribution": ("source", "verb"),
    }[m["kind"]]
    parts = []
    for k in keys:
        v = detail.get(k)
        if isinstance(v, dict):
            v = v.get("name") or v.get("text")
        if v is not None:
            parts.append(f"{k}={v}")
    return "\t".join(
        [
            m["article_id"],
            m["kind"],
            f"{m['start']}:{m['end']}",
            " ".join(m["text"].split()),
            " ".join(parts),
        ]
    )


@click.command()
@article_inputs
@records_format_option
@click.pass_context
def mentions(
    ctx: click.Context,
    articles: tuple[str, ...],
    published: date | None,
    fmt: str | None,
    out_format: str,
) -> None:
    """Print the actors, places, dates, figures and attributions found in ARTICLES."""
    for res in article_results(ctx, articles, published, fmt):
        for m in res.mentions:
            row = m.to_dict(res.article.id)
            click.echo(
                json.dumps(row, ensure_ascii=False) if out_format == "jsonl" else _mention_row(row)
            )
