// Overview page: totals, QuadClass trend per month, top dyads and actors.
"use strict";
(() => {
  const { el, bdi, api, link, showError, nav, fmt, withCsv, fittedSeries, QUADS, QUAD_COLOURS } = Tacitus;

  function card(label, value) {
    return el("div", { class: "card" }, el("div", { class: "value", text: value }), el("div", { class: "muted", text: label }));
  }

  async function totals() {
    const stats = await api("stats");
    const articles = Object.values(stats.articles).reduce((a, b) => a + b, 0);
    document.getElementById("totals").replaceChildren(
      card("articles", articles), card("events", stats.events),
      card("below confidence " + fmt(stats.min_confidence, 2) + " (hidden)", stats.below_threshold),
      card("merged events", stats.merged_events),
      card("actors", stats.actors), card("quotes", stats.quotes), card("places", stats.places),
      card("dates", (stats.first_date || "–") + " … " + (stats.last_date || "–")),
      card("undated events", stats.undated_events));
  }

  async function trend() {
    const [series, spread] = await Promise.all([fittedSeries({}), api("confidence", {})]);
    const periods = series.points.map((p) => p.period);
    document.getElementById("quad-title").textContent = "Events per " + series.interval + " by QuadClass";
    Tacitus.lineChart(document.getElementById("quad-chart"), periods,
      [1, 2, 3, 4].map((n) => ({ label: QUADS[n - 1], colour: QUAD_COLOURS[n - 1], values: series.points.map((p) => p["quad" + n]) })),
      "Events per " + series.interval, series.undated, series.interval, spread);
  }

  async function topDyads() {
    const dyads = await api("dyads", { limit: 15 });
    const rows = dyads.map((d) => el("tr", {},
      el("td", {}, el("a", { href: "/dyad?" + new URLSearchParams({ a: d.source, b: d.target }).toString() },
        bdi(d.source), " → ", bdi(d.target))),
      el("td", { text: d.events }), el("td", { text: fmt(d.goldstein_mean, 2) })));
    document.getElementById("top-dyads").replaceChildren(withCsv(el("table", { id: "dyad-table" },
      el("thead", {}, el("tr", {}, el("th", { text: "Dyad" }), el("th", { text: "Events" }), el("th", { text: "Mean Goldstein" }))),
      el("tbody", {}, rows)), "top-dyads"));
  }

  async function topActors() {
    const actors = await api("actors", { limit: 15 });
    const rows = actors.map((a) => el("tr", {},
      el("td", {}, link("/actor", { code: a.code }, a.code)), el("td", { dir: "auto", text: a.name || "" }), el("td", { text: a.events })));
    document.getElementById("top-actors").replaceChildren(withCsv(el("table", { id: "actor-table" },
      el("thead", {}, el("tr", {}, el("th", { text: "Code" }), el("th", { text: "Name" }), el("th", { text: "Events" }))),
      el("tbody", {}, rows)), "top-actors"));
  }

  nav();
  for (const [id, load] of [["totals", totals], ["quad-chart", trend], ["top-dyads", topDyads], ["top-actors", topActors]]) {
    load().catch((error) => showError(document.getElementById(id), error));
  }
})();
