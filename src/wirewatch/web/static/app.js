// Wirewatch page, written for Wirewatch: no framework, Leaflet (and its marker clusters)
// for the map. Article text is only ever put into the page as text nodes, never as HTML.
// The address holds the view: filters, the chosen day and the open event or story are in
// the query string, so that a link restores them and back/forward walk through them.
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
const QUALIFIERS = {
  exact: "", more_than: "more than ", at_least: "at least ", about: "about ",
  less_than: "fewer than ", vague: "an estimate of ",
};
const PAGE = 500;
// The page's own names for what the address holds; each maps to the API's parameter.
const FILTER_KEYS = ["date_from", "date_to", "country", "actor", "type", "acled_event_type",
  "modality", "min_confidence", "q", "sort"];
const DEFAULTS = { modality: "asserted", sort: "-date" };

const state = {
  filters: { ...DEFAULTS }, day: null, open: null, cursor: null,
  map: null, countries: null, clusters: null, areas: null, labels: null, labelData: null,
  countryIndex: new Map(), countryNames: {}, byCountry: {}, fitted: false,
};

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (v !== null && v !== undefined) node.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
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

// -- the view in the address ---------------------------------------------------------------
function readAddress() {
  const p = new URLSearchParams(location.search);
  const filters = { ...DEFAULTS };
  for (const k of FILTER_KEYS) if (p.has(k)) filters[k] = p.get(k);
  let open = null;
  if (p.get("event")) open = { kind: "event", id: p.get("event") };
  else if (p.get("story")) open = { kind: "story", id: p.get("story") };
  return { filters, day: p.get("day") || null, open };
}

function addressOf() {
  const p = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = state.filters[k];
    if (v !== undefined && v !== null && v !== "" && v !== DEFAULTS[k]) p.set(k, v);
  }
  if (state.day) p.set("day", state.day);
  if (state.open) p.set(state.open.kind, state.open.id);
  const qs = p.toString();
  return qs ? `?${qs}` : location.pathname;
}

function remember() {
  const next = addressOf();
  if (next !== location.search && !(next === location.pathname && !location.search)) {
    history.pushState(null, "", next);
  }
}

// The API's parameters for the filters in force (and the chosen day).
function apiParams(extra, withDay = true) {
  const p = new URLSearchParams();
  const f = state.filters;
  for (const k of FILTER_KEYS) {
    const v = f[k];
    if (v === undefined || v === null || v === "") continue;
    if (k === "country") p.set("place_country", v);
    else if (k === "modality") { if (v !== "any") p.set("modality", v); }
    else if (k !== "sort") p.set(k, v);
  }
  if (withDay && state.day) { p.set("date_from", state.day); p.set("date_to", state.day); }
  for (const [k, v] of Object.entries(extra || {})) p.set(k, v);
  return p;
}

// -- words ---------------------------------------------------------------------------------
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

function number(v) { return Number(v).toLocaleString("en"); }

function figureWords(value, qualifier, text) {
  if (value === null || value === undefined) return "";
  if (qualifier === "vague" && text) return `${text.toLowerCase()} (taken as ${number(value)})`;
  return `${QUALIFIERS[qualifier || "exact"] ?? `${qualifier} `}${number(value)}`;
}

function figure(e) {
  const q = e.quantity;
  return q ? figureWords(q.value, q.qualifier, q.text) : "";
}

function setStatus(text) { document.getElementById("status").textContent = text; }

function countryName(iso3) { return state.countryNames[iso3] || iso3; }

// -- map -----------------------------------------------------------------------------------
async function initMap(settings) {
  const map = L.map("map", { worldCopyJump: true, attributionControl: true, minZoom: 2, maxZoom: 12 })
    .setView([36, 68], 4);
  map.createPane("labels");
  map.getPane("labels").style.zIndex = 450;  // over areas, under pins and clusters
  map.getPane("labels").style.pointerEvents = "none";
  if (settings.tile_url) {
    L.tileLayer(settings.tile_url, { attribution: settings.tile_attribution || "" }).addTo(map);
  }
  const [outlines, labels] = await Promise.all([
    getJSON("/web/countries.geojson"), getJSON("/web/labels")]);
  state.countries = L.geoJSON(outlines, {
    style: { color: "#8a96a8", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: 1 },
    onEachFeature: (f, layer) => layer.on("click", (ev) => countryPopup(f.id, ev.latlng)),
  }).addTo(map);
  map.attributionControl.addAttribution("Outlines: Natural Earth; places: GeoNames");
  state.map = map;
  state.labelData = labels;
  for (const c of labels.countries) {
    if (!c.iso3) continue;
    state.countryNames[c.iso3] = c.name;
    for (const n of [c.name, ...c.names, c.iso3]) state.countryIndex.set(n.toLowerCase(), c.iso3);
  }
  state.labels = L.layerGroup().addTo(map);
  state.areas = L.layerGroup().addTo(map);
  state.clusters = L.markerClusterGroup({
    maxClusterRadius: 40, showCoverageOnHover: false, spiderfyOnMaxZoom: true,
    iconCreateFunction: clusterIcon,
  }).addTo(map);
  map.on("zoomend moveend", drawLabels);
  addLegend(map);
  addNote(map);
  drawLabels();
}

function clusterIcon(cluster) {
  const n = cluster.getChildCount();
  const size = n < 10 ? 30 : n < 100 ? 36 : 44;
  const inner = el("div", { class: "ww-cluster-inner" }, el("span", {}, n));
  return L.divIcon({ html: inner, className: "ww-cluster", iconSize: [size, size] });
}

// Country names and cities from the package's own data, drawn as text. Names that would
// overlap a more important one are left out, so that every zoom stays legible.
const measure = document.createElement("canvas").getContext("2d");
function textWidth(text, font) { measure.font = font; return measure.measureText(text).width; }

function drawLabels() {
  const map = state.map;
  if (!map || !state.labelData) return;
  const zoom = map.getZoom();
  const view = map.getBounds().pad(0.1);
  const taken = [];
  const fits = (box) => !taken.some((b) => box[0] < b[2] && box[2] > b[0] && box[1] < b[3] && box[3] > b[1]);
  const shown = [];
  const countryFont = `600 ${zoom >= 5 ? 13 : 11}px system-ui, sans-serif`;
  for (const c of state.labelData.countries) {
    if (c.minzoom > zoom || !view.contains([c.lat, c.lon])) continue;
    const pt = map.latLngToContainerPoint([c.lat, c.lon]);
    const w = textWidth(c.name.toUpperCase(), countryFont) + 6;
    const box = [pt.x - w / 2, pt.y - 9, pt.x + w / 2, pt.y + 9];
    if (!fits(box)) continue;
    taken.push(box);
    shown.push(L.marker([c.lat, c.lon], {
      pane: "labels", interactive: false, keyboard: false,
      icon: L.divIcon({ className: "ww-label ww-label-country", iconSize: null,
        html: el("span", {}, c.name) }),
    }));
  }
  const cityFont = "12px system-ui, sans-serif";
  for (const c of state.labelData.cities) {
    if (c.minzoom > zoom || !view.contains([c.lat, c.lon])) continue;
    const pt = map.latLngToContainerPoint([c.lat, c.lon]);
    const w = textWidth(c.name, cityFont) + 12;
    const box = [pt.x - 4, pt.y - 8, pt.x + w, pt.y + 8];
    if (!fits(box)) continue;
    taken.push(box);
    shown.push(L.marker([c.lat, c.lon], {
      pane: "labels", interactive: false, keyboard: false,
      icon: L.divIcon({ className: `ww-label ww-label-city${c.capital ? " capital" : ""}`,
        iconSize: null, html: el("span", {}, c.name) }),
    }));
  }
  state.labels.clearLayers();
  for (const m of shown) m.addTo(state.labels);
}

function addLegend(map) {
  const legend = L.control({ position: "bottomright" });
  legend.onAdd = () => {
    const narrow = window.matchMedia("(max-width: 600px)").matches;  // phones: closed
    const box = el("details", { class: "ww-legend", id: "legend", open: narrow ? null : "" },
      el("summary", {}, "Legend"),
      el("div", { class: "legend-types" }),
      el("div", { class: "legend-precision" },
        el("div", {}, el("span", { class: "key key-point" }), "exact place or district"),
        el("div", {}, el("span", { class: "key key-cluster" }, "3"), "events close together (click to open)"),
        el("div", {}, el("span", { class: "key key-region" }), "province only (click for its events)"),
        el("div", {}, el("span", { class: "key key-country" }), "country only (click for its events)")));
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    return box;
  };
  legend.addTo(map);
}

function drawLegendTypes(types) {
  const box = document.querySelector("#legend .legend-types");
  if (!box) return;
  box.replaceChildren(...types.map((t) => el("div", { class: "legend-type", "data-type": t },
    el("i", { style: `background:${TYPE_COLOURS[t] || "#333"}` }), t)));
}

function addNote(map) {
  const note = L.control({ position: "bottomleft" });
  note.onAdd = () => el("div", { class: "ww-note", id: "map-note" });
  note.addTo(map);
}

// Leaflet puts string content in as HTML; names come from articles, so give it a node
// whose text is set as text, never parsed.
function textTip(text) {
  const span = document.createElement("span");
  span.textContent = text;
  return span;
}

function eventList(events) {
  return el("ul", { class: "popup-list" }, ...events.slice(0, 30).map((e) =>
    el("li", {}, el("a", { href: `?event=${encodeURIComponent(e.id)}`, "data-event": e.id,
      onclick: (ev) => { ev.preventDefault(); openView({ kind: "event", id: e.id }); } },
    `${e.date ? e.date.value : "—"} ${e.type}`), ` ${party(e.actor)}`)),
  events.length > 30 ? el("li", { class: "muted" }, `and ${events.length - 30} more`) : null);
}

function countryPopup(iso3, latlng) {
  const events = state.byCountry[iso3];
  if (!events || !events.length) return;
  L.popup({ maxWidth: 320 }).setLatLng(latlng).setContent(el("div", { class: "ww-popup" },
    el("strong", {}, `${countryName(iso3)}: ${events.length} event(s) placed only in the country`),
    eventList(events))).openOn(state.map);
}

function drawMap(events) {
  state.clusters.clearLayers();
  state.areas.clearLayers();
  const perCountry = {};
  const regions = new Map();
  const bounds = L.latLngBounds([]);
  let points = 0, off = 0;
  const markers = [];
  for (const e of events) {
    const loc = e.location;
    if (e.map === "point") {
      points += 1;
      bounds.extend([loc.lat, loc.lon]);
      markers.push(L.circleMarker([loc.lat, loc.lon], {
        radius: 7, color: "#fff", weight: 1.5, fillColor: TYPE_COLOURS[e.type] || "#333",
        fillOpacity: 0.95, className: "ww-marker",
      }).bindTooltip(textTip(`${e.type}: ${loc.name} (${loc.precision})`))
        .on("click", () => openView({ kind: "event", id: e.id })));
    } else if (e.map === "region") {
      const key = `${loc.country}|${loc.admin1 || loc.name}|${loc.lat}|${loc.lon}`;
      if (!regions.has(key)) regions.set(key, { loc, events: [] });
      regions.get(key).events.push(e);
    } else if (e.map === "country" && loc && loc.country) {
      (perCountry[loc.country] = perCountry[loc.country] || []).push(e);
    } else {
      off += 1;
    }
  }
  state.clusters.addLayers(markers);
  for (const { loc, events: evs } of regions.values()) {
    // A province-level place: a shaded area, never a pin; click for its events.
    const circle = L.circle([loc.lat, loc.lon], {
      radius: 60000, color: "#d35400", weight: 1.5, dashArray: "4 4",
      fillOpacity: 0.15, className: "ww-region",
    }).bindTooltip(textTip(`${loc.name} (province): ${evs.length} event(s)`))
      .bindPopup(() => el("div", { class: "ww-popup" },
        el("strong", {}, `${loc.name} (province): ${evs.length} event(s)`), eventList(evs)),
      { maxWidth: 320 })
      .addTo(state.areas);
    bounds.extend(circle.getLatLng().toBounds(120000));
  }
  state.byCountry = perCountry;
  const counts = Object.fromEntries(Object.entries(perCountry).map(([k, v]) => [k, v.length]));
  const max = Math.max(1, ...Object.values(counts));
  state.countries.eachLayer((layer) => {
    const n = counts[layer.feature.id] || 0;
    layer.setStyle(n
      ? { fillColor: "#29629b", fillOpacity: 0.15 + 0.45 * (n / max), color: "#29629b", weight: 1 }
      : { color: "#8a96a8", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: 1 });
    if (n) {
      layer.getElement()?.classList.add("ww-country-shaded");
      if (!points && !regions.size) bounds.extend(layer.getBounds());
    } else {
      layer.getElement()?.classList.remove("ww-country-shaded");
    }
  });
  const mapEl = document.getElementById("map");
  mapEl.dataset.points = String(points);
  mapEl.dataset.off = String(off);
  const note = document.getElementById("map-note");
  note.textContent = off
    ? `${off} of ${events.length} events not on the map (no place known)`
    : `all ${events.length} events on the map`;
  note.dataset.off = String(off);
  // Fit to what the filters give: points and provinces first; countries only when alone.
  if (bounds.isValid()) {
    state.map.fitBounds(bounds, { padding: [30, 30], maxZoom: 7, animate: false });
  }
  drawLabels();
}

// -- timeline ------------------------------------------------------------------------------
function drawTimeline(stats) {
  const svg = document.getElementById("timeline");
  svg.replaceChildren();
  const days = {};
  for (const d of stats.days) (days[d.date] = days[d.date] || []).push(d);
  const dates = Object.keys(days).sort();
  drawLegendTypes(Object.keys(stats.types));
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

function showDay() {
  const day = state.day;
  document.getElementById("day-chosen").textContent = day ? `showing ${day}` : "";
  document.getElementById("day-clear").hidden = !day;
  for (const g of document.querySelectorAll("#timeline .day")) {
    g.classList.toggle("chosen", g.dataset.date === day);
  }
}

function chooseDay(day) {
  state.day = day;
  showDay();
  remember();
  loadEvents();
}

// -- list ----------------------------------------------------------------------------------
function row(e) {
  const [pname, prec] = place(e.location);
  const sources = e.story ? e.story.num_sources : 1;
  const storyCell = e.story && e.story.num_articles > 1
    ? el("button", { type: "button", class: "link story-link", "data-story": e.story.id,
      title: "Open the story: every report of this event",
      onclick: (ev) => { ev.stopPropagation(); openView({ kind: "story", id: e.story.id }); } },
    `${sources} source${sources === 1 ? "" : "s"}`)
    : String(sources);
  return el("tr", { "data-id": e.id, onclick: () => openView({ kind: "event", id: e.id }) },
    el("td", { "data-label": "Date" }, e.date ? e.date.value : "—"),
    el("td", { "data-label": "Type", class: "type", style: `color:${TYPE_COLOURS[e.type] || "#333"}` }, e.type),
    el("td", { "data-label": "Who" }, `${party(e.actor)} → ${party(e.recipient)}`),
    el("td", { "data-label": "Place" }, pname, " ", el("span", { class: "precision" }, prec)),
    el("td", { "data-label": "Figure" }, figure(e)),
    el("td", { "data-label": "Sources" }, storyCell));
}

let loadSeq = 0;
async function loadEvents(append) {
  const seq = ++loadSeq;
  const tbody = document.querySelector("#events tbody");
  const params = apiParams({ limit: PAGE, sort: state.filters.sort || "-date" });
  if (append && state.cursor) params.set("cursor", state.cursor);
  setStatus("loading…");
  try {
    const page = await getJSON(`/events?${params}`);
    if (seq !== loadSeq) return;
    if (!append) tbody.replaceChildren();
    tbody.append(...page.events.map(row));
    state.cursor = page.next_cursor;
    document.getElementById("more").hidden = !page.next_cursor;
    if (!append) {
      // The map shows every matching event, page after page.
      const all = [...page.events];
      let cur = page.next_cursor;
      while (cur) {
        const p = apiParams({ limit: 1000, sort: state.filters.sort || "-date", cursor: cur });
        const next = await getJSON(`/events?${p}`);
        all.push(...next.events); cur = next.next_cursor;
      }
      if (seq !== loadSeq) return;
      drawMap(all);
      state.total = all.length;
    }
    setStatus(`${tbody.children.length} of ${state.total} events listed`);
    document.body.dataset.loaded = String(seq);
  } catch (err) {
    setStatus(String(err.message || err));
  }
}

async function loadStats() {
  const stats = await getJSON(`/stats?${apiParams({}, false)}`);  // the timeline shows every day
  drawTimeline(stats);
  const names = document.getElementById("country-names");
  // Countries with events first, then every other country the map knows.
  const known = Object.keys(stats.countries);
  if (!names.children.length) {
    const rest = Object.keys(state.countryNames).filter((k) => !known.includes(k))
      .sort((a, b) => countryName(a).localeCompare(countryName(b)));
    names.append(...[...known, ...rest].map((k) => el("option", { value: countryName(k) })));
  }
}

async function loadActors() {
  const res = await getJSON("/actors?limit=200");
  const names = [...new Set(res.actors.map((a) => a.name).filter(Boolean))];
  document.getElementById("actor-names").replaceChildren(
    ...names.map((n) => el("option", { value: n })));
}

// -- filters -------------------------------------------------------------------------------
function fillForm() {
  const f = state.filters;
  document.getElementById("f-from").value = f.date_from || "";
  document.getElementById("f-to").value = f.date_to || "";
  document.getElementById("f-country").value = f.country ? countryName(f.country) : "";
  document.getElementById("f-actor").value = f.actor || "";
  document.getElementById("f-type").value = f.type || "";
  document.getElementById("f-acled").value = f.acled_event_type || "";
  document.getElementById("f-modality").value = f.modality || "any";
  document.getElementById("f-conf").value = f.min_confidence || "";
  document.getElementById("f-q").value = f.q || "";
  document.getElementById("f-sort").value = f.sort || "-date";
  updateDownloads();
}

function formError(text) {
  const box = document.getElementById("filter-error");
  box.textContent = text || "";
  box.hidden = !text;
}

function readForm() {
  const val = (id) => document.getElementById(id).value.trim();
  const typed = val("f-country");
  let country = "";
  if (typed) {
    country = state.countryIndex.get(typed.toLowerCase()) || "";
    if (!country) {
      formError(`No country is called "${typed}": choose one of the suggestions (a name such as Afghanistan, or a code such as AFG).`);
      return null;
    }
  }
  const from = val("f-from"), to = val("f-to");
  if (from && to && from > to) { formError("The start date is after the end date."); return null; }
  formError("");
  return {
    date_from: from, date_to: to, country, actor: val("f-actor"), type: val("f-type"),
    acled_event_type: val("f-acled"), modality: val("f-modality"),
    min_confidence: val("f-conf"), q: val("f-q"), sort: val("f-sort"),
  };
}

function updateDownloads() {
  const p = apiParams({});
  const csv = new URLSearchParams(p); csv.set("format", "csv"); csv.set("view", "acled");
  const geo = new URLSearchParams(p); geo.set("format", "geojson"); geo.set("view", "plover");
  document.getElementById("dl-csv").href = `/export?${csv}`;
  document.getElementById("dl-geojson").href = `/export?${geo}`;
}

function refresh() {
  updateDownloads();
  loadStats().catch((err) => setStatus(String(err.message || err)));
  return loadEvents();
}

// -- event view ----------------------------------------------------------------------------
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

function highlightKey(spans) {
  const present = new Set(spans.map((s) => s.field));
  return el("p", { class: "highlight-key", "aria-label": "What the highlight colours mean" },
    "Highlights: ", ...Object.entries(FIELD_NAMES).filter(([f]) => present.has(f))
      .map(([f, name]) => el("mark", { class: `f-${f}`, "data-key": f }, name)));
}

function sourceLine(e) {
  const a = e.attribution;
  if (!a) return "— (the report does not say who)";
  const who = typeof a === "string" ? a : (a.source || a.text || "");
  const span = (e.evidence || []).find((s) => s.field === "attribution");
  const said = span && span.text && span.text !== who ? ` (“${span.text}”)` : "";
  return `${who}${said}, in ${e.article.outlet || "unknown outlet"}`;
}

function storyLink(story, text) {
  return el("button", { type: "button", class: "link story-link", "data-story": story,
    onclick: () => openView({ kind: "story", id: story }) }, text);
}

function reportFigure(r) {
  if (r.quantity === null || r.quantity === undefined) return "";
  return ` — figure ${r.figure}` + (r.attribution ? ` (${r.attribution})` : "");
}

async function showEvent(id) {
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
    el("dt", {}, "Source"), el("dd", { id: "source-line" }, sourceLine(e)),
    el("dt", {}, "Modality"), el("dd", {}, e.modality),
    el("dt", {}, "Confidence"), el("dd", {}, e.confidence.toFixed(2)));
  const reports = el("ul", { class: "reports" }, ...e.reports.map((r) =>
    el("li", {},
      r.event === e.id ? el("strong", {}, "this report: ") : el("a", { href: `?event=${encodeURIComponent(r.event)}`, "data-event": r.event,
        onclick: (ev) => { ev.preventDefault(); openView({ kind: "event", id: r.event }); } }, "open report"),
      ` ${r.published || "undated"}, ${r.outlet}: `, el("span", { class: "muted" }, r.sentence),
      reportFigure(r))));
  const st = e.story;
  const storyLine = st
    ? `${st.num_articles} article(s) from ${st.num_sources} source(s)` +
      (st.figure !== null ? `; reconciled figure ${figureWords(st.figure, st.figure_qualifier)}` : "")
    : "one report";
  return [
    el("h2", {}, `${e.type}: ${e.trigger}`),
    el("p", { class: "muted" }, `${e.article.outlet} ${art.published || ""} — `,
      art.url ? el("a", { href: art.url, rel: "noreferrer noopener", target: "_blank" }, art.title || art.url) : (art.title || "")),
    fields,
    el("h3", {}, "Evidence in the article"),
    highlightKey(e.evidence),
    highlighted(art.text, e.evidence),
    el("h3", {}, `Story: ${storyLine}`),
    st ? el("p", {}, storyLink(st.id, "Open the story view")) : null,
    reports,
  ];
}

// -- story view ----------------------------------------------------------------------------
function miniTimeline(reports) {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("class", "mini-timeline");
  svg.setAttribute("role", "img");
  svg.setAttribute("viewBox", "0 0 400 56");
  const dated = reports.filter((r) => r.published || r.date);
  const days = {};
  for (const r of dated) { const d = r.published || r.date; days[d] = (days[d] || 0) + 1; }
  const keys = Object.keys(days).sort();
  svg.setAttribute("aria-label", `Reports per day: ${keys.map((d) => `${d} ${days[d]}`).join(", ")}`);
  if (!keys.length) return svg;
  const first = new Date(keys[0]), last = new Date(keys[keys.length - 1]);
  const span = Math.max(1, (last - first) / 86400000);
  const x = (d) => 30 + ((new Date(d) - first) / 86400000 / span) * 340;
  const line = document.createElementNS(ns, "line");
  for (const [k, v] of Object.entries({ x1: 20, x2: 380, y1: 28, y2: 28 })) line.setAttribute(k, v);
  svg.append(line);
  for (const d of keys) {
    const g = document.createElementNS(ns, "g");
    g.setAttribute("class", "report-day");
    g.dataset.date = d;
    const c = document.createElementNS(ns, "circle");
    c.setAttribute("cx", keys.length === 1 ? 200 : x(d)); c.setAttribute("cy", 28);
    c.setAttribute("r", 4 + 2 * Math.min(days[d], 5));
    const t = document.createElementNS(ns, "text");
    t.setAttribute("x", keys.length === 1 ? 200 : x(d)); t.setAttribute("y", 54);
    t.setAttribute("text-anchor", "middle");
    t.textContent = `${d.slice(5)} (${days[d]})`;
    const title = document.createElementNS(ns, "title");
    title.textContent = `${d}: ${days[d]} report(s)`;
    g.append(c, t, title);
    svg.append(g);
  }
  return svg;
}

async function showStory(id) {
  const s = await getJSON(`/stories/${encodeURIComponent(id)}`);
  const outlets = [...new Set(s.reports.map((r) => r.outlet))];
  const figures = el("ul", { class: "story-figures" }, ...s.figures.map((f) =>
    el("li", {}, el("strong", {}, f.words), " — ", f.attribution || f.outlet,
      el("span", { class: "muted" }, ` (${f.outlet}${f.published ? ", " + f.published : ""})`))));
  const reports = el("ol", { class: "story-reports" }, ...s.reports.map((r) =>
    el("li", { "data-event": r.event },
      el("div", {}, el("strong", {}, r.outlet), ` · published ${r.published || "undated"}`,
        r.date ? ` · event dated ${r.date}` : "",
        r.quantity !== null && r.quantity !== undefined ? el("span", { class: "report-figure" },
          ` · figure ${r.figure}${r.attribution ? ` (${r.attribution})` : ""}`) : ""),
      r.title ? el("div", { class: "muted" }, r.title) : null,
      el("div", { class: "story-sentence" }, r.sentence),
      el("a", { href: `?event=${encodeURIComponent(r.event)}`, "data-event": r.event,
        onclick: (ev) => { ev.preventDefault(); openView({ kind: "event", id: r.event }); } },
      "open this report's evidence"))));
  return [
    el("h2", { class: "story-title" }, `Story: ${s.type}${s.date ? " on " + s.date : ""}`),
    el("p", { class: "muted" },
      `${s.num_articles} report(s) from ${s.num_sources} outlet(s): ${outlets.join(", ")}`),
    miniTimeline(s.reports),
    el("h3", {}, "Reconciled figure"),
    s.figure
      ? el("p", { class: "figure-explained" }, s.figure.explanation)
      : el("p", { class: "muted" }, "No report gives a figure."),
    s.figures.length ? el("h3", {}, "Each report's figure and its source") : null,
    s.figures.length ? figures : null,
    el("h3", {}, "Reports"),
    reports,
  ];
}

// -- panel and history ---------------------------------------------------------------------
async function showOpen() {
  const panel = document.getElementById("detail");
  const body = document.getElementById("detail-body");
  const open = state.open;
  if (!open) { panel.hidden = true; delete panel.dataset.event; delete panel.dataset.story; return; }
  try {
    const nodes = open.kind === "story" ? await showStory(open.id) : await showEvent(open.id);
    if (state.open !== open) return;  // another view was asked for meanwhile
    body.replaceChildren(...nodes);
    panel.hidden = false;
    delete panel.dataset.event; delete panel.dataset.story;
    panel.dataset[open.kind] = open.id;
    panel.scrollTop = 0;
    const first = body.querySelector("mark.f-trigger");
    if (first) first.scrollIntoView({ block: "center" });
  } catch (err) {
    body.replaceChildren(el("p", {}, String(err.message || err)));
    panel.hidden = false;
  }
}

function openView(open) {
  state.open = open;
  remember();
  return showOpen();
}

async function restore() {
  const view = readAddress();
  const changed = JSON.stringify(view.filters) !== JSON.stringify(state.filters) || view.day !== state.day;
  state.filters = view.filters;
  state.day = view.day;
  state.open = view.open;
  fillForm();
  showDay();
  formError("");
  const jobs = [showOpen()];
  if (changed || !state.loaded) jobs.push(refresh());
  state.loaded = true;
  await Promise.all(jobs);
}

// -- start ---------------------------------------------------------------------------------
async function start() {
  const settings = await getJSON("/web/settings");
  if (settings.missing_assets.length) {
    setStatus(`web assets missing: ${settings.missing_assets.join(", ")} — run make install`);
  }
  const add = (id, values, label) => document.getElementById(id).append(
    ...values.map((v) => el("option", { value: v }, label ? label(v) : v)));
  add("f-type", settings.types);
  add("f-acled", settings.acled_event_types);
  add("f-modality", settings.modalities, (m) => (m === "asserted" ? "asserted (said to have happened)" : m));
  await initMap(settings);
  document.getElementById("filters").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const filters = readForm();
    if (!filters) return;
    state.filters = filters;
    state.day = null;
    showDay();
    remember();
    refresh();
  });
  document.getElementById("f-reset").addEventListener("click", () => {
    state.filters = { ...DEFAULTS };
    state.day = null;
    fillForm(); showDay(); formError("");
    remember();
    refresh();
  });
  document.getElementById("day-clear").addEventListener("click", () => chooseDay(null));
  document.getElementById("more").addEventListener("click", () => loadEvents(true));
  document.getElementById("detail-close").addEventListener("click", () => openView(null));
  document.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape" && state.open) openView(null);
  });
  window.addEventListener("popstate", () => { restore(); });
  await Promise.all([restore(), loadActors().catch(() => null)]);
  document.body.dataset.ready = "1";
}

start();
