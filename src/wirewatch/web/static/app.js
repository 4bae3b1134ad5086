// Wirewatch page, written for Wirewatch: no framework, Leaflet for the map.
// Article text is only ever put into the page as text nodes, never as HTML.
"use strict";

const TYPE_COLOURS = {
  ASSAULT: "#c0392b", COERCE: "#d35400", MOBILIZE: "#8e44ad", RETREAT: "#16a085",
  CONCEDE: "#27ae60", AID: "#2980b9", AGREE: "#2c3e50", CONSULT: "#7f8c8d",
  ACCUSE: "#e67e22", REJECT: "#b03a2e", REQUEST: "#5d6d7e", THREATEN: "#922b21",
  PROTEST: "#f1c40f", SANCTION: "#6c3483", SUPPORT: "#1abc9c", COOPERATE: "#34495e",
};
const FIELD_NAMES = {
  actor: "Actor", trigger: "Act", recipient: "Recipient", location: "Place",
  date: "Date", quantity: "Figure", attribution: "Source",
};
const PAGE = 500;

const state = { filters: {}, day: null, cursor: null, map: null, layers: null, countries: null };

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (v !== null && v !== undefined) node.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

async function getJSON(url) {
  const res = await fetch(url);
  const body = await res.json();
  if (!res.ok) {
    const e = body.error || {};
    throw new Error(`[${e.code}] ${e.message}; ${e.hint}`);
  }
  return body;
}

function query(extra) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...state.filters, ...extra })) {
    if (v !== null && v !== undefined && v !== "") params.set(k, v);
  }
  if (state.day) { params.set("date_from", state.day); params.set("date_to", state.day); }
  return params;
}

function party(p) {
  if (!p) return "—";
  const who = p.name || p.text || "";
  const code = [p.country || p.org, p.sector].filter(Boolean).join(" ");
  return code ? `${who} (${code})` : who;
}

function place(loc) {
  if (!loc) return ["—", ""];
  return [loc.name || loc.text || "", loc.precision || ""];
}

function figure(e) {
  const q = e.quantity;
  if (!q) return "";
  const qual = { more_than: "more than ", at_least: "at least ", about: "about ", less_than: "under ", vague: "~" }[q.qualifier] || "";
  return `${qual}${Number(q.value).toLocaleString("en")}`;
}

function setStatus(text) { document.getElementById("status").textContent = text; }

// -- map ---------------------------------------------------------------------------------
async function initMap(settings) {
  const map = L.map("map", { worldCopyJump: true, attributionControl: true }).setView([36, 68], 4);
  if (settings.tile_url) {
    L.tileLayer(settings.tile_url, { attribution: settings.tile_attribution || "" }).addTo(map);
  }
  const outlines = await getJSON("/web/countries.geojson");
  state.countries = L.geoJSON(outlines, {
    style: { color: "#8a96a8", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: 1 },
  }).addTo(map);
  map.attributionControl.addAttribution("Outlines: Natural Earth");
  state.map = map;
  state.layers = L.layerGroup().addTo(map);
}

// Leaflet puts string content in as HTML; names come from articles, so give it a node
// whose text is set as text, never parsed.
function textTip(text) {
  const span = document.createElement("span");
  span.textContent = text;
  return span;
}

function drawMap(events) {
  state.layers.clearLayers();
  const perCountry = {};
  let points = 0;
  for (const e of events) {
    const loc = e.location;
    if (e.map === "point") {
      points += 1;
      L.circleMarker([loc.lat, loc.lon], {
        radius: 6, color: "#fff", weight: 1, fillColor: TYPE_COLOURS[e.type] || "#333",
        fillOpacity: 0.9, className: "ww-marker",
      }).bindTooltip(textTip(`${e.type}: ${loc.name} (${loc.precision})`))
        .on("click", () => openEvent(e.id)).addTo(state.layers);
    } else if (e.map === "region") {
      // A province-level place: a shaded area, never a pin.
      L.circle([loc.lat, loc.lon], {
        radius: 60000, color: "#d35400", weight: 1, dashArray: "4 4",
        fillOpacity: 0.12, className: "ww-region",
      }).bindTooltip(textTip(`${e.type}: ${loc.name} (province)`)).addTo(state.layers);
    } else if (e.map === "country" && loc && loc.country) {
      perCountry[loc.country] = (perCountry[loc.country] || 0) + 1;
    }
  }
  const max = Math.max(1, ...Object.values(perCountry));
  state.countries.setStyle((f) => {
    const n = perCountry[f.id] || 0;
    return n
      ? { fillColor: "#29629b", fillOpacity: 0.15 + 0.45 * (n / max), color: "#29629b", weight: 1 }
      : { color: "#8a96a8", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: 1 };
  });
  document.getElementById("map").dataset.points = String(points);
}

// -- timeline ----------------------------------------------------------------------------
function drawTimeline(stats) {
  const svg = document.getElementById("timeline");
  svg.replaceChildren();
  const days = {};
  for (const d of stats.days) (days[d.date] = days[d.date] || []).push(d);
  const dates = Object.keys(days).sort();
  const keys = document.getElementById("timeline-keys");
  keys.replaceChildren(...Object.keys(stats.types).map((t) =>
    el("span", {}, el("i", { style: `background:${TYPE_COLOURS[t] || "#333"}` }), t)));
  if (!dates.length) return;
  const w = svg.clientWidth || 600, h = svg.clientHeight || 140, pad = 18;
  const first = new Date(dates[0]), last = new Date(dates[dates.length - 1]);
  const span = Math.round((last - first) / 86400000) + 1;
  const bw = Math.max(2, (w - 2 * pad) / span - 1);
  const max = Math.max(...dates.map((d) => days[d].reduce((s, x) => s + x.count, 0)));
  const ns = "http://www.w3.org/2000/svg";
  for (const d of dates) {
    const x = pad + (Math.round((new Date(d) - first) / 86400000)) * (bw + 1);
    const g = document.createElementNS(ns, "g");
    g.setAttribute("class", "day" + (state.day === d ? " chosen" : ""));
    g.dataset.date = d;
    let y = h - pad;
    for (const part of days[d]) {
      const bh = (part.count / max) * (h - 2 * pad);
      const r = document.createElementNS(ns, "rect");
      r.setAttribute("x", x); r.setAttribute("y", y - bh);
      r.setAttribute("width", bw); r.setAttribute("height", Math.max(bh, 1));
      r.setAttribute("fill", TYPE_COLOURS[part.type] || "#333");
      g.append(r);
      y -= bh;
    }
    const title = document.createElementNS(ns, "title");
    title.textContent = `${d}: ` + days[d].map((p) => `${p.count} ${p.type}`).join(", ");
    g.append(title);
    g.addEventListener("click", () => chooseDay(state.day === d ? null : d));
    svg.append(g);
  }
  for (const d of [dates[0], dates[dates.length - 1]]) {
    const t = document.createElementNS(ns, "text");
    t.setAttribute("x", d === dates[0] ? pad : w - pad);
    t.setAttribute("text-anchor", d === dates[0] ? "start" : "end");
    t.setAttribute("y", h - 4);
    t.textContent = d;
    svg.append(t);
  }
}

function chooseDay(day) {
  state.day = day;
  document.getElementById("day-chosen").textContent = day ? `showing ${day}` : "";
  document.getElementById("day-clear").hidden = !day;
  for (const g of document.querySelectorAll("#timeline .day")) {
    g.classList.toggle("chosen", g.dataset.date === day);
  }
  loadEvents();
}

// -- list --------------------------------------------------------------------------------
function row(e) {
  const [pname, prec] = place(e.location);
  const sources = e.story ? e.story.num_sources : 1;
  return el("tr", { "data-id": e.id, onclick: () => openEvent(e.id) },
    el("td", {}, e.date ? e.date.value : "—"),
    el("td", { class: "type", style: `color:${TYPE_COLOURS[e.type] || "#333"}` }, e.type),
    el("td", {}, `${party(e.actor)} → ${party(e.recipient)}`),
    el("td", {}, pname, " ", el("span", { class: "precision" }, prec)),
    el("td", {}, figure(e)),
    el("td", {}, sources));
}

async function loadEvents(append) {
  const tbody = document.querySelector("#events tbody");
  const params = query({ limit: PAGE });
  if (append && state.cursor) params.set("cursor", state.cursor);
  setStatus("loading…");
  try {
    const page = await getJSON(`/events?${params}`);
    if (!append) tbody.replaceChildren();
    tbody.append(...page.events.map(row));
    state.cursor = page.next_cursor;
    document.getElementById("more").hidden = !page.next_cursor;
    // The map shows every matching event, page after page.
    const all = [...page.events];
    let cur = page.next_cursor;
    while (!append && cur) {
      const p = query({ limit: 1000 }); p.set("cursor", cur);
      const next = await getJSON(`/events?${p}`);
      all.push(...next.events); cur = next.next_cursor;
    }
    if (!append) drawMap(all);
    setStatus(`${tbody.children.length} events listed`);
  } catch (err) {
    setStatus(String(err.message || err));
  }
}

async function loadStats() {
  const params = query({});
  params.delete("date_from"); params.delete("date_to");  // the timeline shows every day
  const stats = await getJSON(`/stats?${params}`);
  drawTimeline(stats);
  const sel = document.getElementById("f-type");
  if (sel.options.length === 1) {
    for (const t of Object.keys(stats.types).sort()) sel.append(el("option", { value: t }, t));
  }
}

// -- event view --------------------------------------------------------------------------
function highlighted(text, spans) {
  // Text nodes and <mark>s only; overlapping spans keep the first (by start).
  const parts = [];
  let at = 0;
  const sorted = spans.filter((s) => s.start >= 0 && s.end <= text.length)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  for (const s of sorted) {
    if (s.start < at) continue;
    parts.push(document.createTextNode(text.slice(at, s.start)));
    parts.push(el("mark", { class: `f-${s.field}`, title: FIELD_NAMES[s.field] || s.field, "data-field": s.field },
      text.slice(s.start, s.end)));
    at = s.end;
  }
  parts.push(document.createTextNode(text.slice(at)));
  return el("div", { class: "article-text" }, ...parts);
}

async function openEvent(id) {
  const body = document.getElementById("detail-body");
  const panel = document.getElementById("detail");
  try {
    const e = await getJSON(`/events/${encodeURIComponent(id)}`);
    const art = await getJSON(`/articles/${e.article.id}`);
    const [pname, prec] = place(e.location);
    const fields = el("dl", { class: "fields" },
      el("dt", {}, "Type"), el("dd", {}, `${e.type}${e.mode ? " / " + e.mode : ""} (CAMEO ${e.cameo_root || "—"}, ${e.acled_subtype || "—"})`),
      el("dt", {}, "Actor"), el("dd", {}, party(e.actor)),
      el("dt", {}, "Recipient"), el("dd", {}, party(e.recipient)),
      el("dt", {}, "Place"), el("dd", {}, `${pname} `, el("span", { class: "precision" }, prec)),
      el("dt", {}, "Date"), el("dd", {}, e.date ? `${e.date.value} (${e.date.precision})` : "—"),
      el("dt", {}, "Figure"), el("dd", {}, figure(e) || "—"),
      el("dt", {}, "Source"), el("dd", {}, e.attribution ? party(e.attribution.source || e.attribution) : "—"),
      el("dt", {}, "Modality"), el("dd", {}, e.modality),
      el("dt", {}, "Confidence"), el("dd", {}, e.confidence.toFixed(2)));
    const reports = el("ul", { class: "reports" }, ...e.reports.map((r) =>
      el("li", {},
        r.event === e.id ? el("strong", {}, "this report: ") : el("a", { href: "#", "data-event": r.event,
          onclick: (ev) => { ev.preventDefault(); openEvent(r.event); } }, "open report"),
        ` ${r.published || ""} ${r.source || ""} — `, el("span", { class: "muted" }, r.sentence),
        r.quantity !== null ? ` [${r.qualifier || "exact"} ${r.quantity}]` : "")));
    const storyLine = e.story
      ? `${e.story.num_articles} article(s) from ${e.story.num_sources} source(s)` +
        (e.story.figure !== null ? `; reconciled figure ${e.story.figure_qualifier || ""} ${e.story.figure}` : "")
      : "one report";
    body.replaceChildren(
      el("h2", {}, `${e.type}: ${e.trigger}`),
      el("p", { class: "muted" }, `${art.source || ""} ${art.published || ""} — `,
        art.url ? el("a", { href: art.url, rel: "noreferrer noopener", target: "_blank" }, art.title || art.url) : (art.title || "")),
      fields,
      el("h3", {}, "Evidence in the article"),
      highlighted(art.text, e.evidence),
      el("h3", {}, `Story: ${storyLine}`),
      reports);
    panel.hidden = false;
    panel.dataset.event = id;
    const first = body.querySelector("mark.f-trigger");
    if (first) first.scrollIntoView({ block: "center" });
  } catch (err) {
    body.replaceChildren(el("p", {}, String(err.message || err)));
    panel.hidden = false;
  }
}

// -- start -------------------------------------------------------------------------------
async function start() {
  const settings = await getJSON("/web/settings");
  if (settings.missing_assets.length) {
    setStatus(`web assets missing: ${settings.missing_assets.join(", ")} — run make install`);
  }
  await initMap(settings);
  document.getElementById("filters").addEventListener("submit", (ev) => {
    ev.preventDefault();
    state.filters = {
      type: document.getElementById("f-type").value,
      place_country: document.getElementById("f-country").value.trim().toUpperCase(),
      q: document.getElementById("f-q").value.trim(),
    };
    loadStats(); loadEvents();
  });
  document.getElementById("day-clear").addEventListener("click", () => chooseDay(null));
  document.getElementById("more").addEventListener("click", () => loadEvents(true));
  document.getElementById("detail-close").addEventListener("click", () => {
    document.getElementById("detail").hidden = true;
  });
  await loadStats();
  await loadEvents();
  document.body.dataset.ready = "1";
}

start();
