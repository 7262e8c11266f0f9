// amity's pages: state autocomplete, and charts drawn with the vendored Vega-Lite from the JSON API.
// Everything is built with textContent (never innerHTML), so text from the data is never markup.
import { expressionInterpreter } from "/static/vendor/vega-interpreter/vega-interpreter.js";

const $ = (sel, root = document) => root.querySelector(sel);

async function api(path, params = {}) {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== "") url.searchParams.set(k, v);
  }
  const resp = await fetch(url);
  const body = await resp.json();
  if (!resp.ok) {
    const more = body.suggestions && body.suggestions.length ? ` Did you mean: ${body.suggestions.join(", ")}?` : "";
    throw new Error((body.error || resp.statusText) + (body.error && body.error.includes("Did you mean") ? "" : more));
  }
  return body;
}

function status(text, isError = false) {
  const el = $("#status");
  if (!el) return;
  el.textContent = text;
  el.classList.toggle("error", isError);
}

// The CSP forbids eval and inline styles: Vega evaluates expressions with its interpreter, and the
// embed and tooltip styles live in app.css instead of injected <style> elements.
const EMBED = {
  actions: false, renderer: "svg", mode: "vega-lite", ast: true, expr: expressionInterpreter,
  defaultStyle: false, tooltip: { disableDefaultStyle: true },
};

async function chart(el, spec) {
  el.replaceChildren();
  await vegaEmbed(el, { width: 460, height: 240, ...spec }, EMBED);
  el.dataset.rendered = "true";
}

const sourceText = (s) => [s.source, s.version].filter(Boolean).join(", ");

function fillTable(table, columns, rows) {
  const head = document.createElement("tr");
  for (const c of columns) {
    const th = document.createElement("th");
    th.textContent = c.label || c.key;
    head.append(th);
  }
  $("thead", table).replaceChildren(head);
  const body = rows.map((r) => {
    const tr = document.createElement("tr");
    for (const c of columns) {
      const td = document.createElement("td");
      const v = r[c.key];
      td.textContent = v === null || v === undefined ? "–" : typeof v === "number" && !Number.isInteger(v) ? v.toPrecision(3) : String(v);
      tr.append(td);
    }
    return tr;
  });
  $("tbody", table).replaceChildren(...body);
  table.classList.remove("hidden");
}

// ---- autocomplete: every input[data-states] gets a datalist filled from /api/states
let listId = 0;
function autocomplete(input) {
  const list = document.createElement("datalist");
  list.id = `states-${listId++}`;
  input.setAttribute("list", list.id);
  input.after(list);
  let timer;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2) return;
    timer = setTimeout(async () => {
      try {
        const { data } = await api("/api/states", { q, n: 8 });
        list.replaceChildren(...data.map((s) => {
          const o = document.createElement("option");
          o.value = s.name;
          o.label = `${s.iso3 || s.cow_abb} · COW ${s.cow}`;
          return o;
        }));
      } catch (e) { /* a half-typed name is not an error */ }
    }, 150);
  });
}

// ---- home: the two year fields become the years parameter
function home() {
  const form = $("#home-form");
  form.addEventListener("submit", () => {
    form.elements.years.value = `${form.elements.from.value}-${form.elements.to.value}`;
    form.elements.from.disabled = true;
    form.elements.to.disabled = true;
    for (const t of form.querySelectorAll("input[name=third]")) if (!t.value.trim()) t.disabled = true;
  });
}

// ---- explore: one dimension of the convergence profile, with its percentile among all dyads
async function explore(form) {
  const f = Object.fromEntries(new FormData(form));
  status("Computing the convergence profile…");
  const { data, meta, sources } = await api("/api/convergence", {
    a: f.a, b: f.b, years: f.years, dimensions: f.dimension, view: "profile",
  });
  const dim = f.dimension;
  const info = meta.dimensions[dim];
  const col = (meta.columns || {})[dim] || sources[0] || {};
  const among = (meta.among || {})[dim] || {};
  const rows = data.map((r) => ({
    year: r.year, value: r[dim], percentile: r[`${dim}_pct`], trend: r[`${dim}_trend`],
    among: among[r.year] ?? null, n: r.un_n ?? null, source: sourceText(col),
  }));
  const label = info.label;
  const tooltip = [
    { field: "year", type: "quantitative", format: "d" },
    { field: "value", type: "quantitative", format: ".4~g", title: label },
    { field: "percentile", type: "quantitative", format: ".0f", title: "percentile among all dyads" },
    { field: "among", type: "quantitative", title: "dyads ranked (benchmark group)" },
    ...(dim.startsWith("un_") ? [{ field: "n", type: "quantitative", title: "roll calls both voted on" }] : []),
    { field: "source", type: "nominal" },
  ];
  const zoom = [{ name: "zoom", select: { type: "interval", encodings: ["x"] }, bind: "scales" }];
  const x = { field: "year", type: "quantitative", axis: { format: "d" }, scale: { zero: false } };
  const a = data.length ? data[0].a : f.a;
  const b = data.length ? data[0].b : f.b;
  await chart($("#chart-value"), {
    title: `${a}–${b}: ${label}`, data: { values: rows.filter((r) => r.value !== null) }, params: zoom,
    mark: { type: "line", point: true }, encoding: { x, y: { field: "value", type: "quantitative", title: label }, tooltip },
  });
  await chart($("#chart-pct"), {
    title: `${a}–${b}: percentile among all dyads each year`,
    data: { values: rows.filter((r) => r.percentile !== null) },
    layer: [
      { params: zoom, mark: { type: "line", point: { color: "#d95f02" }, color: "#d95f02" },
        encoding: { x, y: { field: "percentile", type: "quantitative", scale: { domain: [0, 100] } }, tooltip } },
      { mark: { type: "rule", strokeDash: [4, 4], color: "#888" }, encoding: { y: { datum: 50 } } },
    ],
  });
  $("#cap-value").textContent = `Source: ${sourceText(col)}. ${col.citation || ""}`;
  $("#cap-pct").textContent = `${meta.percentile} Breaks: ${(meta.breaks[dim] || []).join(", ") || "none"}.`;
  status(`${rows.filter((r) => r.value !== null).length} years with data.`);
}

// ---- UN votes: a resolution's roll call, and a pair's agreement over time
const VOTE_COLORS = { domain: ["yes", "abstain", "no"], range: ["#1b9e77", "#bbbbbb", "#d95f02"] };

async function showVote(symbol) {
  status(`Loading ${symbol}…`);
  const path = "/api/un-votes/" + symbol.split("/").map(encodeURIComponent).join("/");
  const { data, meta, sources } = await api(path);
  $("#vote").classList.remove("hidden");
  $("#vote-title").textContent = `${meta.symbol}: ${meta.title}`;
  $("#vote-meta").textContent = `Session ${meta.session}, ${String(meta.date).slice(0, 10)} · ` +
    Object.entries(meta.counts).map(([k, v]) => `${v} ${k}`).join(", ") + ` · Source: ${sources.map(sourceText).join("; ")}`;
  const counts = Object.entries(meta.counts).map(([vote, n]) => ({ vote, n }));
  await chart($("#chart-counts"), {
    title: "Votes cast", height: 120, data: { values: counts }, mark: "bar",
    encoding: {
      y: { field: "vote", type: "nominal", sort: VOTE_COLORS.domain }, x: { field: "n", type: "quantitative", title: "states" },
      color: { field: "vote", scale: VOTE_COLORS, legend: null }, tooltip: [{ field: "vote" }, { field: "n" }],
    },
  });
  fillTable($("#vote-table"), [{ key: "name", label: "State" }, { key: "state", label: "ISO3" }, { key: "vote", label: "Vote" }], data);
  status("");
}

async function searchVotes(q) {
  status("Searching…");
  const { data, meta } = await api("/api/un-votes", { q, limit: 50 });
  const items = data.map((r) => {
    const li = document.createElement("li");
    const link = document.createElement("a");
    link.textContent = r.symbol;
    link.href = `/votes?symbol=${encodeURIComponent(r.symbol)}`;
    link.addEventListener("click", (ev) => { ev.preventDefault(); showVote(r.symbol).catch((e) => status(e.message, true)); });
    li.append(link, document.createTextNode(` — ${r.title} (${String(r.date).slice(0, 10)})`));
    return li;
  });
  $("#resolutions").replaceChildren(...items);
  status(`${meta.matches} resolution${meta.matches === 1 ? "" : "s"} match${data.length < meta.matches ? `; the newest ${data.length} shown` : ""}.`);
}

async function pairVotes(form) {
  const f = Object.fromEntries(new FormData(form));
  const { data, sources } = await api("/api/similarity", { a: f.a, b: f.b, years: f.years, measures: "agree" });
  const src = sources.map(sourceText).join("; ");
  const values = data.filter((r) => r.agree !== null).map((r) => ({ ...r, source: src }));
  const a = data.length ? data[0].a : f.a;
  const b = data.length ? data[0].b : f.b;
  await chart($("#chart-pair"), {
    title: `${a} and ${b}: share of UNGA roll calls voted the same way`, data: { values },
    params: [{ name: "zoom", select: { type: "interval", encodings: ["x"] }, bind: "scales" }],
    mark: { type: "line", point: true },
    encoding: {
      x: { field: "year", type: "quantitative", axis: { format: "d" }, scale: { zero: false } },
      y: { field: "agree", type: "quantitative", title: "agreement", scale: { domain: [0, 1] } },
      tooltip: [{ field: "year", format: "d" }, { field: "agree", format: ".0%" }, { field: "n", title: "roll calls" }, { field: "source" }],
    },
  });
}

function votes() {
  $("#vote-search").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const q = ev.target.elements.q.value.trim();
    (/^A\/RES\//i.test(q) ? showVote(q) : searchVotes(q)).catch((e) => status(e.message, true));
  });
  $("#pair-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    pairVotes(ev.target).catch((e) => status(e.message, true));
  });
  const symbol = new URLSearchParams(location.search).get("symbol");
  if (symbol) showVote(symbol).catch((e) => status(e.message, true));
}

// ---- rankings
async function rank(form) {
  const f = Object.fromEntries(new FormData(form));
  status("Ranking…");
  const { data, meta, sources } = await api("/api/rankings", f);
  const m = meta.measure;
  const src = sources.map(sourceText).join("; ");
  const top = data.filter((r) => r[m] !== null).slice(0, 30).map((r) => ({ ...r, value: r[m], source: src }));
  await chart($("#chart-rank"), {
    title: `${f.a}'s closest partners in ${meta.year} (${m}), top ${top.length}`, height: 14 * top.length,
    data: { values: top }, mark: "bar",
    encoding: {
      y: { field: "partner", type: "nominal", sort: "-x", title: null },
      x: { field: "value", type: "quantitative", title: m },
      tooltip: [{ field: "partner" }, { field: "value", format: ".3f", title: m }, { field: "n" }, { field: "source" }],
    },
  });
  fillTable($("#rank-table"), [{ key: "rank" }, { key: "partner" }, { key: "iso3" }, { key: m }, { key: "n" }], data);
  status(`${data.length} partners in ${meta.year}. Source: ${src}.`);
}

function rankings() {
  const form = $("#rank-form");
  const sync = () => {
    const dim = form.elements.dimension.value;
    for (const o of form.elements.measure.options) o.hidden = o.dataset.dimension !== dim;
    if (form.elements.measure.selectedOptions[0].hidden) {
      form.elements.measure.value = [...form.elements.measure.options].find((o) => !o.hidden).value;
    }
  };
  form.elements.dimension.addEventListener("change", sync);
  sync();
  form.addEventListener("submit", (ev) => { ev.preventDefault(); rank(form).catch((e) => status(e.message, true)); });
}

function onSubmit(form, run) {
  form.addEventListener("submit", (ev) => { ev.preventDefault(); run(form).catch((e) => status(e.message, true)); });
}

document.querySelectorAll("input[data-states]").forEach(autocomplete);
const pages = {
  home,
  explore: () => {
    const form = $("#explore-form");
    const q = new URLSearchParams(location.search);
    for (const k of ["a", "b", "years", "dimension"]) if (q.get(k)) form.elements[k].value = q.get(k);
    onSubmit(form, explore);
    explore(form).catch((e) => status(e.message, true));
  },
  votes,
  rankings,
};
(pages[document.body.dataset.page] || (() => {}))();
