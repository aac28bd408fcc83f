// Actor page: events over time by QuadClass, top partners, quotes and events of one actor code.
"use strict";
(() => {
  const { el, bdi, api, param, showError, nav, fmt, eventSection, quoteList, lineChart, fittedSeries, withCsv, actorSearch,
    QUADS, QUAD_COLOURS } = Tacitus;

  async function chart(code) {
    const [series, spread] = await Promise.all([fittedSeries({ actor: code }), api("confidence", { actor: code })]);
    document.getElementById("actor-chart-title").textContent = "Events per " + series.interval;
    lineChart(document.getElementById("actor-chart"), series.points.map((p) => p.period),
      [1, 2, 3, 4].map((n) => ({ label: QUADS[n - 1], colour: QUAD_COLOURS[n - 1], values: series.points.map((p) => p["quad" + n]) })),
      "Events per " + series.interval + " involving " + code, series.undated, series.interval, spread);
  }

  async function partners(code) {
    const dyads = await api("dyads", { actor: code, limit: 20 });
    const rows = dyads.map((d) => el("tr", {},
      el("td", {}, el("a", { href: "/dyad?" + new URLSearchParams({ a: d.source, b: d.target }).toString() },
        bdi(d.source), " → ", bdi(d.target))),
      el("td", { text: d.events }), el("td", { text: fmt(d.goldstein_sum) })));
    document.getElementById("actor-dyads").replaceChildren(withCsv(el("table", {},
      el("thead", {}, el("tr", {}, el("th", { text: "Dyad" }), el("th", { text: "Events" }), el("th", { text: "Goldstein sum" }))),
      el("tbody", {}, rows)), "partners-" + code));
  }

  nav();
  const code = (param("code") || "").toUpperCase();
  const input = document.getElementById("input-code");
  input.value = code;
  actorSearch(input, (picked) => { window.location.search = new URLSearchParams({ code: picked }).toString(); });
  if (!code) {
    document.getElementById("actor-body").replaceChildren(el("p", { class: "muted", text: "Type a name, a country or a code (Lavrov, Russia, RUSGOV) and pick an actor." }));
    return;
  }
  document.getElementById("actor-title").replaceChildren("Actor ", bdi(code));
  chart(code).catch((error) => showError(document.getElementById("actor-chart"), error));
  partners(code).catch((error) => showError(document.getElementById("actor-dyads"), error));
  api("quotes", { speaker: code, limit: 20 }).then((page) => document.getElementById("actor-quotes").replaceChildren(quoteList(page.quotes)))
    .catch((error) => showError(document.getElementById("actor-quotes"), error));
  eventSection(document.getElementById("actor-events"), { actor: code })
    .catch((error) => showError(document.getElementById("actor-events"), error));
})();
