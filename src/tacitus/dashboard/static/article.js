// Article page: the text with actors, event evidence, quotes and places highlighted; a click on
// an event (here or on another page, via ?event=ID) marks its evidence.
"use strict";
(() => {
  const { el, bdi, plain, api, param, showError, nav } = Tacitus;

  // Cut the text at every span boundary; each piece carries the kinds and events covering it.
  function pieces(text, spans) {
    const cuts = new Set([0, text.length]);
    for (const span of spans) { cuts.add(span.start); cuts.add(span.end); }
    const points = Array.from(cuts).sort((x, y) => x - y);
    const out = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const start = points[i], end = points[i + 1];
      const covering = spans.filter((s) => s.start <= start && s.end >= end);
      out.push({ text: text.slice(start, end), covering });
    }
    return out;
  }

  function render(text, spans) {
    return pieces(text, spans).map((piece) => {
      if (!piece.covering.length) return document.createTextNode(piece.text);
      const kinds = Array.from(new Set(piece.covering.map((s) => s.kind))).sort();
      const events = piece.covering.filter((s) => s.kind === "event").map((s) => s.ref);
      return el("span", {
        class: kinds.map((k) => "hl-" + k).join(" "),
        title: piece.covering.map((s) => s.kind + ": " + s.label).join("\n"),
        "data-events": events.length ? events.join(" ") : null,
        text: piece.text,
      });
    });
  }

  function focus(eventId) {
    for (const node of document.querySelectorAll(".focus, .active")) node.classList.remove("focus", "active");
    const marked = Array.from(document.querySelectorAll("#article-text [data-events]"))
      .filter((node) => node.getAttribute("data-events").split(" ").includes(eventId));
    for (const node of marked) node.classList.add("focus");
    for (const item of document.querySelectorAll("#article-events li")) {
      if (item.getAttribute("data-event") === eventId) item.classList.add("active");
    }
    if (marked.length) marked[0].scrollIntoView({ block: "center" });
  }

  function sideLists(spans) {
    const events = spans.filter((s) => s.kind === "event");
    document.getElementById("article-events").replaceChildren(...events.map((s) =>
      el("li", { "data-event": s.ref, dir: "auto", text: s.label, onclick: () => focus(s.ref) })));
    const quotes = spans.filter((s) => s.kind === "quote");
    document.getElementById("article-quotes").replaceChildren(...quotes.map((s) => el("li", {}, bdi(s.label), ": ", bdi(s.text))));
  }

  async function load(id) {
    const article = await api("articles/" + encodeURIComponent(id));
    document.title = "Tacitus – " + plain(article.title || article.id);
    const title = document.getElementById("article-title");
    title.textContent = article.title || article.id;
    title.setAttribute("dir", "auto");
    // Each value its own isolate: an override in the source cannot run on into the id.
    const meta = [article.date, article.source, article.url].filter(Boolean).map(bdi);
    meta.push(el("span", {}, "id ", bdi(article.id)));
    document.getElementById("article-meta").replaceChildren(...meta.flatMap((part, i) => (i ? [" · ", part] : [part])));
    const body = document.getElementById("article-text");
    body.setAttribute("dir", "auto");
    body.replaceChildren(...render(article.text, article.spans));
    body.addEventListener("click", (event) => {
      const target = event.target.closest("[data-events]");
      if (target) focus(target.getAttribute("data-events").split(" ")[0]);
    });
    sideLists(article.spans);
    const wanted = param("event");
    if (wanted) focus(wanted);
    body.setAttribute("data-ready", "true");
  }

  nav();
  const id = param("id");
  if (!id) showError(document.getElementById("article-text"), "No article id - open an article from an event list.");
  else load(id).catch((error) => showError(document.getElementById("article-text"), error));
})();
