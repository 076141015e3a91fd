// Starts the dashboard's API requests while the libraries are still being parsed (a classic
// script, first in <head>; the page's modules pick the answers up through mizanPrefetched).
(function () {
  "use strict";
  var hash = location.hash.replace(/^#/, "");
  var path = hash.split("?")[0] || "/";
  if (path !== "/") return;
  var keys = ["actor", "event", "modality", "from", "to", "country", "place", "q", "review"];
  var given = new URLSearchParams(hash.split("?")[1] || "");
  function url(base, extra) {
    var q = new URLSearchParams();
    keys.forEach(function (k) { if (given.get(k)) q.set(k, given.get(k)); });
    Object.keys(extra).forEach(function (k) { q.set(k, extra[k]); });
    var s = q.toString();
    return base + (s ? "?" + s : "");
  }
  var token = sessionStorage.getItem("mizan-token") || "";
  var headers = token ? { Authorization: "Bearer " + token } : {};
  var early = {};
  [url("/events", { limit: 25, offset: 0, total: "true" }), url("/events", { limit: 200 }),
   url("/events/points", { limit: 2000 }), url("/events/network", { max_edges: 30 })].forEach(function (u) {
    early[u] = fetch(u, { headers: headers });
  });
  window.mizanPrefetched = function (u) {
    var p = early[u];
    delete early[u];
    return p;
  };
})();
