#!/usr/bin/env bash
# Vendor the web page's JavaScript libraries from the npm registry into
# src/mizan/web/static/vendor/ (committed, so the page runs offline with no CDN and no npm).
# Run again only to change a version; it needs `npm` (npm pack: no install, no scripts run).
#
#   scripts/vendor_js.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DEST=src/mizan/web/static/vendor
PACKAGES=(vis-timeline@8.5.4 cytoscape@3.34.4 leaflet@1.9.4 world-atlas@2.0.2 topojson-client@3.1.0)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$DEST"
for spec in "${PACKAGES[@]}"; do
    name=${spec%@*}
    (cd "$TMP" && npm pack --silent "$spec" >/dev/null)
    mkdir -p "$TMP/$name"
    tar -xzf "$TMP"/"$name"-*.tgz -C "$TMP/$name"
done
P="$TMP/vis-timeline/package"
cp "$P/standalone/umd/vis-timeline-graph2d.min.js" "$DEST/vis-timeline-graph2d.min.js"
cp "$P/styles/vis-timeline-graph2d.min.css" "$DEST/vis-timeline-graph2d.min.css"
cp "$P/LICENSE.MIT.txt" "$DEST/LICENSE.vis-timeline.txt"
P="$TMP/cytoscape/package"
cp "$P/dist/cytoscape.min.js" "$DEST/cytoscape.min.js"
cp "$P/LICENSE" "$DEST/LICENSE.cytoscape.txt"
P="$TMP/leaflet/package"
mkdir -p "$DEST/leaflet"
cp "$P/dist/leaflet.js" "$P/dist/leaflet.css" "$DEST/leaflet/"
cp -r "$P/dist/images" "$DEST/leaflet/"
cp "$P/LICENSE" "$DEST/LICENSE.leaflet.txt"
P="$TMP/world-atlas/package"
cp "$P/countries-110m.json" "$DEST/countries-110m.json"
cp "$P/LICENSE" "$DEST/LICENSE.world-atlas.txt" 2>/dev/null || true
P="$TMP/topojson-client/package"
cp "$P/dist/topojson-client.min.js" "$DEST/topojson-client.min.js"
cp "$P/LICENSE" "$DEST/LICENSE.topojson-client.txt"
printf '%s\n' "${PACKAGES[@]}" > "$DEST/VERSIONS"
echo "vendored into $DEST:"; ls -la "$DEST" "$DEST/leaflet"
