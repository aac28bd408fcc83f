// Dyad page: Goldstein series in each direction, the events behind them, quotes by each side.
"use strict";
(() => {
  const { el, bdi, api, param, showError, nav, eventSection, quoteList, lineChart, actorSearch, fittedSeries } = Tacitus;

  function merge(left, right) {
    const periods = Array.from(new Set(left.points.map((p) => p.period).concat(right.points.map((p) => p.period)))).sort();
    const byPeriod = (series) => new Map(series.points.map((p) => [p.period, p.goldstein_sum]));
    const l = byPeriod(left), r = byPeriod(right);
    return { periods, ab: periods.map((p) => (l.has(p) ? l.get(p) : null)), ba: periods.map((p) => (r.has(p) ? r.get(p) : null)) };
  }

  // `interval` from the page's address, else the one that fits the pair's data.
  async function chart(a, b, asked) {
    const interval = asked || (await fittedSeries({ pair: a + "," + b })).interval;
    if (interval) document.getElementById("input-interval").value = interval;
    const [ab, ba, spread] = await Promise.all([api("timeseries", { source: a, target: b, interval }),
      api("timeseries", { source: b, target: a, interval }), api("confidence", { pair: a + "," + b })]);
    const data = merge(ab, ba);
    lineChart(document.getElementById("dyad-chart"), data.periods, [
      { label: a + " → " + b, colour: "#1f77b4", values: data.ab },
      { label: b + " → " + a, colour: "#d62728", values: data.ba },
    ], "Goldstein sum per " + interval, ab.undated + ba.undated, interval, spread);
  }

  async function events(a, b) {
    await eventSection(document.getElementById("dyad-events"), { pair: a + "," + b });
  }

  async function quotes(speaker, a, b, id) {
    const page = await api("quotes", { speaker, pair: a + "," + b, limit: 20 });
    document.getElementById(id).replaceChildren(quoteList(page.quotes));
  }

  nav();
  const a = (param("a") || "").toUpperCase(), b = (param("b") || "").toUpperCase();
  const interval = param("interval");
  document.getElementById("input-a").value = a;
  document.getElementById("input-b").value = b;
  actorSearch(document.getElementById("input-a"));
  actorSearch(document.getElementById("input-b"));
  if (interval) document.getElementById("input-interval").value = interval;
  if (!a || !b) {
    document.getElementById("dyad-body").replaceChildren(el("p", { class: "muted", text: "Pick two actors: type a name, a country or a code (China, Lavrov, RUS) in each box." }));
    return;
  }
  document.getElementById("dyad-title").replaceChildren("Dyad ", bdi(a), " – ", bdi(b));
  document.getElementById("quotes-a-title").replaceChildren("Quotes by ", bdi(a));
  document.getElementById("quotes-b-title").replaceChildren("Quotes by ", bdi(b));
  chart(a, b, interval).catch((error) => showError(document.getElementById("dyad-chart"), error));
  events(a, b).catch((error) => showError(document.getElementById("dyad-events"), error));
  quotes(a, a, b, "quotes-a").catch((error) => showError(document.getElementById("quotes-a"), error));
  quotes(b, a, b, "quotes-b").catch((error) => showError(document.getElementById("quotes-b"), error));
})();
