// Map page: the world outline (vendored TopoJSON) and a circle per resolved place.
"use strict";
(() => {
  const { el, plain, api, param, showError, nav } = Tacitus;
  const SVG = "http://www.w3.org/2000/svg";
  const WIDTH = 960, HEIGHT = 480;
  // Equirectangular projection: longitude and latitude map linearly onto the box.
  const project = ([lon, lat]) => [((lon + 180) / 360) * WIDTH, ((90 - lat) / 180) * HEIGHT];

  function svg(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
    return node;
  }

  function ringPath(ring) {
    return ring.map((point, i) => (i ? "L" : "M") + project(point).map((v) => v.toFixed(1)).join(",")).join("") + "Z";
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
    for (const place of found.filter((p) => p.lat !== null && p.lon !== null)) {
      const [x, y] = project([place.lon, place.lat]);
      const circle = svg("circle", { class: "place", cx: x.toFixed(1), cy: y.toFixed(1), r: (2 + 10 * Math.sqrt(place.mentions / most)).toFixed(1) });
      const title = document.createElementNS(SVG, "title");
      title.textContent = plain(place.name) + " (" + (place.country || "?") + "): " + place.mentions + " mentions, " + place.events + " events";
      circle.append(title);
      root.append(circle);
    }
    document.getElementById("map").replaceChildren(root);
    const rows = found.map((p) => el("tr", {}, el("td", { dir: "auto", text: p.name }), el("td", { text: p.country || "" }),
      el("td", { text: p.mentions }), el("td", { text: p.articles }), el("td", { text: p.events })));
    document.getElementById("place-list").replaceChildren(el("table", {},
      el("thead", {}, el("tr", {}, ["Place", "Country", "Mentions", "Articles", "Events"].map((h) => el("th", { text: h })))),
      el("tbody", {}, rows)));
  }

  nav();
  draw().catch((error) => showError(document.getElementById("map"), error));
})();
