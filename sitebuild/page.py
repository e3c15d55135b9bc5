"""The page around Panel's document: laid out for the device's width, and plainly not live until it is.

`panel convert` pre-renders the document into index.html, so sliders and numbers show seconds before
Python runs. Without help they look live: a key press moves a pre-rendered slider that Python never
sees, and a shared link shows the default example's numbers as if they were the link's. So until
the worker says the live document is rendered *and* the URL's state applied (it posts LIVE_MESSAGE,
see convert.py), the page shows a banner saying what is happening, the document is veiled and
`inert` (no focus, no clicks, no keys), and with a query string the banner says the numbers are not
the link's yet. The banner's text comes from the app's catalogue, in the language the link asks for.
"""

from __future__ import annotations

import json

from app.i18n import LANGUAGES, t
from sitebuild import BuildError

LIVE_MESSAGE = "mg-live"  # worker -> page: the live document shows the URL's state
VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1">'
BANNER_ID = "mg-loading-banner"
NOT_LIVE_CLASS = "mg-not-live"

_STYLE = f"""<style>
/* Over the top of the page (its title bar), not in the flow: when it goes, nothing below it moves. */
#{BANNER_ID} {{
  position: fixed; top: 0; left: 0; right: 0; z-index: 1002; margin: 0; padding: 10px 16px;
  background: #fff4c2; color: #3d3000; border-bottom: 1px solid #e0c866;
  font: 600 16px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; text-align: center;
}}
/* A veil over the document, not opacity/filter on it: those cost headless (software-rendering) Chromium
   far more CPU while Python loads (browser CPU to interactive 44-60 s against 25-30 s, under load). */
body.{NOT_LIVE_CLASS}::after {{
  content: ""; position: fixed; inset: 0; z-index: 1000; cursor: progress;
  background: rgba(255, 255, 255, 0.6);
}}
</style>"""

# Right after the banner, so its first paint is already in the link's language and says the right thing.
_BANNER_SCRIPT = """<script>
(() => {
  const messages = %(messages)s;
  const query = new URLSearchParams(window.location.search);
  const lang = query.get("lang") in messages ? query.get("lang") : "en";
  const banner = document.getElementById("%(banner)s");
  banner.lang = lang;
  banner.textContent = messages[lang][window.location.search.length > 1 ? "link" : "plain"];
  window.mgGoLive = () => {
    banner.remove();
    document.body.classList.remove("%(not_live)s");
    for (const root of document.querySelectorAll("[data-root-id]")) root.inert = false;
  };
})();
</script>"""

# After Panel's own script, which declares `pyodideWorker`.
_LIVE_SCRIPT = """<script>
pyodideWorker.addEventListener("message", (event) => {
  if (event.data.type === "%(live)s") window.mgGoLive();
  // How Python started (sitebuild/snapshot_worker.js): "snapshot" or "plain", for tests and bug reports.
  if (event.data.type === "mg-start") document.documentElement.dataset.mgStart = event.data.how;
});
</script>"""


def shape_page(html: str) -> str:
    """Add the viewport, the loading banner and the not-live state to Panel's converted page."""
    for marker in ('<meta charset="utf-8">', "</head>", "<body", "const pyodideWorker = new Worker("):
        if html.count(marker) != 1:
            raise BuildError(f"Panel's page template changed: cannot find exactly one {marker!r}")
    declared = html.count('name="viewport"')
    if declared and (declared != 1 or VIEWPORT not in html):
        raise BuildError(f"the converted page declares a viewport other than {VIEWPORT} (sitebuild/page.py)")
    messages = {lang: {"plain": t("loading_banner", lang), "link": t("loading_banner_link", lang)}
                for lang in LANGUAGES}
    if not declared:  # the app's served-page template may already add it
        html = html.replace('<meta charset="utf-8">', '<meta charset="utf-8">\n    ' + VIEWPORT)
    html = html.replace("</head>", _STYLE + "\n</head>")
    html = _add_body_class(html)
    banner = (
        f'<div id="{BANNER_ID}" role="status">{messages["en"]["plain"]}</div>\n'
        + _BANNER_SCRIPT % {"messages": json.dumps(messages, ensure_ascii=False), "banner": BANNER_ID,
                            "not_live": NOT_LIVE_CLASS}
    )
    body_open_end = html.index(">", html.index("<body")) + 1
    html = html[:body_open_end] + "\n" + banner + html[body_open_end:]
    html = html.replace(" data-root-id=", " inert data-root-id=")
    worker_script = html.index("const pyodideWorker = new Worker(")
    worker_script_end = html.index("</script>", worker_script) + len("</script>")
    live = _LIVE_SCRIPT % {"live": LIVE_MESSAGE}
    return html[:worker_script_end] + "\n" + live + html[worker_script_end:]


def _add_body_class(html: str) -> str:
    start = html.index("<body")
    tag = html[start:html.index(">", start) + 1]
    if ' class="' in tag:
        new_tag = tag.replace(' class="', f' class="{NOT_LIVE_CLASS} ', 1)
    else:
        new_tag = tag.replace("<body", f'<body class="{NOT_LIVE_CLASS}"', 1)
    return html[:start] + new_tag + html[start + len(tag):]
