// Map page: the world outline (vendored TopoJSON) and a circle per resolved place.
"use strict";
(() => {
  const { el, plain, api, param, showError, nav, withCsv } = Tacitus;
  const SVG = "http://www.w3.org/2000/svg";
  const WIDTH = 960, HEIGHT = 480;
  // Equirectangular projection: longitude and latitude map linearly onto the box.
  const project = ([lon, lat]) => [((lon + 180) / 360) * WIDTH, ((90 - lat) / 180) * HEIGHT];

  function svg(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
    return node;
  }

  // A ring as path data. A ring that crosses the antimeridian (a step of more than 180 degrees of
  // longitude: Russia's Chukotka, Fiji, Antarctica) is cut there into open pieces, since a straight
  // line between its two sides would cross the whole map; latitudes are held inside the box.
  function ringPath(ring) {
    let d = "", cut = false;
    ring.forEach((point, i) => {
      const jump = i > 0 && Math.abs(point[0] - ring[i - 1][0]) > 180;
      cut = cut || jump;
      const [x, y] = project([point[0], Math.max(-90, Math.min(90, point[1]))]);
      d += (i === 0 || jump ? "M" : "L") + x.toFixed(1) + "," + y.toFixed(1);
    });
    return cut ? d : d + "Z";
  }

  // The place's name shown next to its circle while the pointer is on it (and on keyboard focus).
  function hoverLabel(root, circle, text) {
    let label = null;
    const show = () => {
      const x = Number(circle.getAttribute("cx")), y = Number(circle.getAttribute("cy")), r = Number(circle.getAttribute("r"));
      label = svg("text", { class: "place-label", x: (x + r + 3).toFixed(1), y: (y + 4).toFixed(1),
        "text-anchor": x > WIDTH - 200 ? "end" : "start" });
      if (x > WIDTH - 200) label.setAttribute("x", (x - r - 3).toFixed(1));
      label.textContent = text;
      circle.classList.add("hover");
      root.append(label);
    };
    const hide = () => { if (label) label.remove(); label = null; circle.classList.remove("hover"); };
    circle.addEventListener("mouseenter", show);
    circle.addEventListener("mouseleave", hide);
    circle.addEventListener("focus", show);
    circle.addEventListener("blur", hide);
  }

  function landPath(geometry) {
    const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    return polygons.map((polygon) => polygon.map(ringPath).join("")).join("");
  }

  // Event locations by default; the places named in articles where the store has none.
  async function places() {
    const wanted = param("of") === "mentions" ? "mentions" : "events";
    let found = await api("places", { of: wanted, limit: 1000 });
    let of = wanted;
    if (!found.length && wanted === "events") {
      of = "mentions";
      found = await api("places", { of: of, limit: 1000 });
    }
    document.getElementById("map-title").textContent = of === "events" ? "Where events happened" : "Places named in articles";
    document.getElementById("map").setAttribute("data-of", of);
    return found;
  }

  async function draw() {
    const [topology, found] = await Promise.all([fetch("/static/vendor/land-110m.json").then((r) => r.json()), places()]);
    const land = topojson.feature(topology, topology.objects.land);
    const root = svg("svg", { viewBox: "0 0 " + WIDTH + " " + HEIGHT, role: "img", "aria-label": "Map of places" });
    for (const feature of land.features || [land]) root.append(svg("path", { class: "land", d: landPath(feature.geometry) }));
    const most = Math.max(1, ...found.map((p) => p.mentions));
    const of = document.getElementById("map").getAttribute("data-of");
    const layer = svg("g", { class: "places" });
    for (const place of found.filter((p) => p.lat !== null && p.lon !== null)) {
      const [x, y] = project([place.lon, place.lat]);
      const circle = svg("circle", { class: "place", tabindex: 0, cx: x.toFixed(1), cy: y.toFixed(1),
        r: (2 + 10 * Math.sqrt(place.mentions / most)).toFixed(1), "data-name": plain(place.name) });
      const summary = plain(place.name) + " (" + (place.country || "?") + "): " + place.mentions + " mentions, " + place.events + " events";
      const title = document.createElementNS(SVG, "title");
      title.textContent = summary;
      circle.append(title);
      layer.append(circle);
      const count = of === "events" ? place.events : place.mentions;
      const unit = (of === "events" ? " event" : " mention") + (count === 1 ? "" : "s");
      hoverLabel(root, circle, plain(place.name) + " · " + count + unit);
    }
    root.append(layer);
    document.getElementById("map").replaceChildren(root);
    const rows = found.map((p) => el("tr", {}, el("td", { dir: "auto", text: p.name }), el("td", { text: p.country || "" }),
      el("td", { text: p.mentions }), el("td", { text: p.articles }), el("td", { text: p.events })));
    document.getElementById("place-list").replaceChildren(withCsv(el("table", {},
      el("thead", {}, el("tr", {}, ["Place", "Country", "Mentions", "Articles", "Events"].map((h) => el("th", { text: h })))),
      el("tbody", {}, rows)), "places"));
  }

  nav();
  draw().catch((error) => showError(document.getElementById("map"), error));
})();
