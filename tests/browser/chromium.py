"""The one Chromium the browser tests and the dashboard benchmarks drive: Debian's, with the
flags that keep it offline and quiet (no background networking, updates or sync)."""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
