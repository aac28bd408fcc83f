// Shared helpers for the Tacitus dashboard pages. Everything that comes from the API (and so,
// ultimately, from article text) enters the page through textContent or attributes set with
// setAttribute on elements built here: never through innerHTML. And it is isolated for the
// bidirectional algorithm (<bdi>, dir="auto"): a right-to-left override in one value ("evil"
// shown as "live") cannot reorder the text around it.
"use strict";

const Tacitus = (() => {
  const QUADS = ["Verbal cooperation", "Material cooperation", "Verbal conflict", "Material conflict"];
  const QUAD_COLOURS = ["#2c7fb8", "#1a9850", "#fdae61", "#d73027"];

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "text") node.textContent = String(value);
      else if (key === "class") node.className = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  // User text as an isolate: its direction from its own first strong character, its bidi
  // controls unable to reach past it.
  function bdi(text) {
    return el("bdi", { text: text === null || text === undefined ? "" : text });
  }

  // Bidi controls dropped, for the few places an isolate cannot go (the window title).
  function plain(text) {
    return String(text).replace(/[\u202a-\u202e\u2066-\u2069]/g, "");
  }

  async function api(path, params) {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params || {})) {
      if (value !== null && value !== undefined && value !== "") query.set(key, value);
    }
    const url = "/api/" + path + (query.toString() ? "?" + query.toString() : "");
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await response.json();
    if (!response.ok) throw new Error(body.message || ("HTTP " + response.status));
    return body;
  }

  function param(name) {
    return new URLSearchParams(window.location.search).get(name);
  }

  function link(href, params, text) {
    const query = new URLSearchParams(params).toString();
    return el("a", { href: href + (query ? "?" + query : "") }, bdi(text));
  }

  function showError(target, error) {
    target.replaceChildren(el("p", { class: "error", role: "alert", text: String(error.message || error) }));
  }

  function nav() {
    const links = [["/", "Overview"], ["/dyad", "Dyad"], ["/actor", "Actor"], ["/map", "Map"]];
    const bar = el("nav", { class: "top" }, el("strong", { text: "Tacitus" }),
      links.map(([href, text]) => el("a", { href: href, text: text })));
    document.body.prepend(bar);
  }

  function fmt(value, digits) {
    if (value === null || value === undefined) return "–";
    return typeof value === "number" ? value.toFixed(digits === undefined ? 1 : digits) : String(value);
  }

  function eventHref(event) {
    return "/article?" + new URLSearchParams({ id: event.doc_id, event: event.id }).toString();
  }

  // A table of events; each row opens the article with the event's evidence highlighted. Rows below
  // `threshold` (shown only when the user asked for them) are marked.
  function eventTable(events, threshold) {
    if (!events.length) return el("p", { class: "muted", text: "No events." });
    const head = el("tr", {}, ["Date", "Source", "Target", "Event", "Goldstein", "Confidence", "Where", "Evidence"].map(
      (name) => el("th", { text: name })));
    const low = (event) => threshold && event.confidence !== null && event.confidence < threshold;
    const rows = events.map((event) => el("tr", { class: "event-row" + (low(event) ? " low-confidence" : ""), "data-event": event.id },
      el("td", { text: event.date || "–" }),
      el("td", {}, link("/actor", { code: event.source }, event.source)),
      el("td", {}, link("/actor", { code: event.target }, event.target)),
      el("td", { text: event.code + " " + (event.name || ""), class: "quad" + (event.quad_class || 0) }),
      el("td", { text: fmt(event.goldstein) }),
      el("td", { class: "confidence", text: fmt(event.confidence, 2), title: event.mirror_of ? "mirror of " + event.mirror_of : null }),
      el("td", { dir: "auto", text: event.location ? (event.location.resolved_name || event.location.name) : "" }),
      el("td", {}, el("a", { class: "evidence-link", dir: "auto", href: eventHref(event), text: event.evidence.text }))));
    return withCsv(el("table", { class: "events" }, el("thead", {}, head), el("tbody", {}, rows)), "events");
  }

  // The events matching `filters` in `target`: those at or above the server's confidence threshold,
  // a line saying how many fall below it, and a button that shows them too (and hides them again).
  async function eventSection(target, filters, limit) {
    const query = Object.assign({ sort: "-date", limit: limit || 100 }, filters);
    const spread = await api("confidence", filters);
    const threshold = spread.min_confidence;
    let showAll = false;
    async function render() {
      const page = await api("events", showAll ? Object.assign({ min_confidence: 0 }, query) : query);
      const note = el("p", { class: "muted confidence-note" });
      if (spread.below) {
        const what = spread.below + (spread.below === 1 ? " event" : " events") + " below confidence " + fmt(threshold, 2);
        note.append(showAll ? what + " shown (marked). " : what + " hidden. ",
          el("button", { type: "button", class: "toggle-hidden", onclick: () => { showAll = !showAll; render().catch((error) => showError(target, error)); },
            text: showAll ? "Hide them" : "Show them" }));
      } else if (threshold) {
        note.append("Events with confidence " + fmt(threshold, 2) + " or more.");
      }
      target.replaceChildren(note, eventTable(page.events, threshold));
    }
    await render();
  }

  function quoteList(quotes) {
    if (!quotes.length) return el("p", { class: "muted", text: "No quotes." });
    const speaker = (quote) => quote.speaker
      ? ["— ", bdi(quote.speaker.name || quote.speaker.text), " (", bdi(quote.speaker.code || "?"), "), "]
      : ["— unknown speaker, "];
    return el("ul", { class: "quotes" }, quotes.map((quote) => el("li", {},
      el("blockquote", { dir: "auto", text: quote.content.text }),
      el("span", { class: "muted" }, speaker(quote)),
      link("/article", { id: quote.doc_id }, quote.article ? (quote.article.title || quote.doc_id) : quote.doc_id))));
  }

  // How many matching events have no date: they are in no period, so the chart says so.
  function undatedNote(undated) {
    if (!undated) return null;
    const events = undated === 1 ? "1 event has" : undated + " events have";
    return el("p", { class: "undated-note", role: "note", "data-undated": undated,
      text: events + " no date and " + (undated === 1 ? "is" : "are") + " not plotted (their articles have no readable date)." });
  }

  // How many matching events fall below the confidence threshold: counted nowhere on the page's charts.
  function belowNote(spread) {
    if (!spread || !spread.below) return null;
    const events = spread.below === 1 ? "1 event is" : spread.below + " events are";
    return el("p", { class: "below-note", role: "note", "data-below": spread.below,
      text: events + " below confidence " + fmt(spread.min_confidence, 2) + " and not counted (the event list can show them)." });
  }

  const DAY = 86400;

  function isoDay(seconds) {
    return new Date(seconds * 1000).toISOString().slice(0, 10);
  }

  // The next period start after ISO date `period` for a day, week or month interval.
  function nextPeriod(period, interval) {
    const date = new Date(period + "T00:00:00Z");
    if (interval === "month") date.setUTCMonth(date.getUTCMonth() + 1);
    else date.setUTCDate(date.getUTCDate() + (interval === "week" ? 7 : 1));
    return date.toISOString().slice(0, 10);
  }

  // Every period from the first to the last of `periods` (sorted ISO dates): the empty ones too,
  // so that a series breaks there instead of drawing a line over them.
  function allPeriods(periods, interval) {
    if (!periods.length) return [];
    const out = [periods[0]];
    const last = periods[periods.length - 1];
    while (out[out.length - 1] < last && out.length < 20000) out.push(nextPeriod(out[out.length - 1], interval));
    return out;
  }

  // The interval that fits the data: months for spans of a year or more, weeks for a few months,
  // days for a few weeks. `first`/`last` are ISO dates (or null).
  function intervalFor(first, last) {
    if (!first || !last) return "month";
    const days = (Date.parse(last) - Date.parse(first)) / (DAY * 1000);
    return days > 240 ? "month" : days > 35 ? "week" : "day";
  }

  // A uPlot line chart of `series` ({label, values, colour}) over ISO dates `periods` per `interval`;
  // periods with no events are gaps (null), the x axis runs from the first period to the end of the
  // last one (not a fixed span), `undated` and `spread` (the confidence endpoint's answer) say what
  // is not plotted. The chart is kept on `target.chart` for tests.
  function lineChart(target, periods, series, title, undated, interval, spread) {
    target.replaceChildren();
    const notes = [undatedNote(undated), belowNote(spread)].filter(Boolean);
    if (!periods.length) {
      target.append(el("p", { class: "muted", text: "No dated events." }), ...notes);
      return null;
    }
    const every = allPeriods(periods, interval || "month");
    const index = new Map(periods.map((period, i) => [period, i]));
    const xs = every.map((period) => Date.parse(period + "T00:00:00Z") / 1000);
    const values = series.map((s) => every.map((period) => (index.has(period) ? s.values[index.get(period)] : null)));
    const end = Date.parse(nextPeriod(every[every.length - 1], interval || "month") + "T00:00:00Z") / 1000;
    const pad = Math.max(DAY / 2, (end - xs[xs.length - 1]) / 2);
    const width = Math.max(320, Math.min(target.clientWidth || 800, 1000));
    const opts = {
      title: title, width: width, height: 260,
      scales: { x: { time: true, range: () => [xs[0] - pad, xs[xs.length - 1] + pad] } },
      series: [{ value: (u, v) => (v === null ? "–" : isoDay(v)) }].concat(series.map((s) => ({
        label: s.label, stroke: s.colour, width: 2, spanGaps: false, points: { show: true, size: 6 } }))),
      axes: [{}, {}],
    };
    const chart = new uPlot(opts, [xs].concat(values), target);
    target.chart = chart;
    target.setAttribute("data-interval", interval || "month");
    target.append(...notes);
    return chart;
  }

  // A time series fetched at the interval that fits `filters`' dated events (a month of data is
  // shown by day or week, not squashed into a multi-year monthly axis).
  async function fittedSeries(filters) {
    const monthly = await api("timeseries", Object.assign({ interval: "month" }, filters));
    const points = monthly.points;
    const interval = points.length ? intervalFor(points[0].period, nextPeriod(points[points.length - 1].period, "month")) : "month";
    if (interval === "month") return monthly;
    return api("timeseries", Object.assign({ interval }, filters));
  }

  // CSV of what a table shows: its header and body cells as text. Formula starts are defused as in
  // the CLI's CSV (a leading ' before = + - @ unless the cell is a number).
  function tableCsv(table) {
    const cell = (node) => {
      let text = node.textContent.trim();
      if (/^[=+\-@\t\r]/.test(text) && !/^[-+]?\d+(\.\d+)?$/.test(text)) text = "'" + text;
      return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
    };
    return Array.from(table.querySelectorAll("tr"))
      .filter((row) => row.offsetParent !== null || !row.closest("tbody"))
      .map((row) => Array.from(row.children).map(cell).join(",")).join("\n") + "\n";
  }

  // `table` with a "Download CSV" link above it that saves the rows the table shows at the time.
  function withCsv(table, name) {
    const anchor = el("a", { class: "csv-download", href: "#", download: name + ".csv", text: "Download CSV" });
    anchor.addEventListener("click", () => {
      anchor.setAttribute("href", "data:text/csv;charset=utf-8," + encodeURIComponent(tableCsv(table)));
    });
    return el("div", { class: "table-block" }, el("div", { class: "table-tools" }, anchor), table);
  }

  // A search box on `input`: as the user types a name, a country or a code, the actor codes it may
  // mean (from /api/actors/suggest) are listed under it; picking one puts its code in the box and
  // calls `onPick(code)`.
  function actorSearch(input, onPick) {
    const list = el("ul", { class: "suggestions", role: "listbox", id: input.id + "-suggestions", hidden: true });
    input.setAttribute("autocomplete", "off");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-controls", list.id);
    input.insertAdjacentElement("afterend", list);
    input.parentElement.classList.add("search");
    let timer = null, active = -1, seq = 0;
    const items = () => Array.from(list.children);
    const close = () => { list.hidden = true; active = -1; };
    const pick = (code) => { input.value = code; close(); if (onPick) onPick(code); };
    const mark = (i) => { items().forEach((item, j) => item.classList.toggle("active", i === j)); active = i; };
    async function suggest() {
      const typed = input.value.trim();
      const mine = ++seq;
      if (!typed) { close(); return; }
      const found = await api("actors/suggest", { q: typed, limit: 10 });
      if (mine !== seq) return;
      list.replaceChildren(...found.map((s) => el("li", { role: "option", class: "suggestion", "data-code": s.code,
        onmousedown: (event) => { event.preventDefault(); pick(s.code); } },
        el("strong", {}, bdi(s.code)), " ", bdi(s.name || ""),
        s.via === "code" ? null : el("span", { class: "muted" }, " — ", bdi(s.matched)),
        el("span", { class: "muted count", text: " " + s.events + (s.events === 1 ? " event" : " events") }))));
      if (!found.length) list.replaceChildren(el("li", { class: "muted none", text: "No actor matches." }));
      list.hidden = false;
      active = -1;
    }
    input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => suggest().catch(close), 120); });
    input.addEventListener("blur", () => setTimeout(close, 150));
    input.addEventListener("keydown", (event) => {
      const options = items().filter((item) => item.dataset.code);
      if (list.hidden || !options.length) return;
      if (event.key === "ArrowDown") { event.preventDefault(); mark(Math.min(active + 1, options.length - 1)); }
      else if (event.key === "ArrowUp") { event.preventDefault(); mark(Math.max(active - 1, 0)); }
      else if (event.key === "Enter" && active >= 0) { event.preventDefault(); pick(options[active].dataset.code); }
      else if (event.key === "Escape") close();
    });
  }

  return { QUADS, QUAD_COLOURS, el, bdi, plain, api, param, link, showError, nav, fmt, eventTable, eventSection, eventHref,
    quoteList, lineChart, fittedSeries, withCsv, tableCsv, actorSearch };
})();
