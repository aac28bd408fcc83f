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
    return el("table", { class: "events" }, el("thead", {}, head), el("tbody", {}, rows));
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

  // A uPlot line chart of `series` ({label, values, colour}) over ISO dates `periods`; `undated`
  // (the series' count of events without a date) is stated under the chart, never dropped silently.
  function lineChart(target, periods, series, title, undated) {
    target.replaceChildren();
    const note = undatedNote(undated);
    if (!periods.length) {
      target.append(el("p", { class: "muted", text: "No dated events." }), ...(note ? [note] : []));
      return null;
    }
    const xs = periods.map((period) => Date.parse(period + "T00:00:00Z") / 1000);
    const width = Math.max(320, Math.min(target.clientWidth || 800, 1000));
    const opts = {
      title: title, width: width, height: 260,
      series: [{}].concat(series.map((s) => ({ label: s.label, stroke: s.colour, width: 2, points: { show: true } }))),
      axes: [{}, {}],
    };
    const chart = new uPlot(opts, [xs].concat(series.map((s) => s.values)), target);
    if (note) target.append(note);
    return chart;
  }

  return { QUADS, QUAD_COLOURS, el, bdi, plain, api, param, link, showError, nav, fmt, eventTable, eventSection, eventHref, quoteList, lineChart };
})();
