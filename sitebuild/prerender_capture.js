// Evaluated in the built page by sitebuild/prerender.py once BokehJS has rendered the embedded document:
// returns the HTML of what is rendered inside the [data-root-id] elements, for a page with no script.
// Open shadow roots become declarative shadow DOM, canvases PNG images, form controls keep their state.
// `sheets` maps the absolute URL of a stylesheet the shadow roots link to its text: such a link becomes
// a <style> of only the rules that can match something there (Panel links all of Bootstrap, 230 kB, into
// 41 shadow roots: resolving styles against it in each took half of the first paint's time).
(sheets) => {
  const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                        "track", "wbr"]);
  const RAW_TEXT = new Set(["style"]);
  const text = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/\u00a0/g, "&nbsp;");
  const attr = (s) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;");
  const origin = window.location.origin + "/";
  const counts = {shadowRoots: 0, images: 0};

  // Attribute values as the page shows them: a control's live value, not the one it was created with.
  const attributes = (el) => {
    const pairs = [...el.attributes].map((a) => [a.name, a.value]);
    const set = (name, value) => {
      const kept = pairs.filter(([n]) => n !== name);
      pairs.length = 0;
      pairs.push(...kept);
      if (value !== null) pairs.push([name, value]);
    };
    if (el.localName === "input") {
      set("value", el.value);
      if (el.type === "checkbox" || el.type === "radio") set("checked", el.checked ? "" : null);
    } else if (el.localName === "option") {
      set("selected", el.selected ? "" : null);
    }
    return pairs.map(([name, value]) => {
      // A URL the page made absolute would point at the build's temporary server: keep it relative.
      const v = value.startsWith(origin) ? "./" + value.slice(origin.length) : value;
      return v === "" ? ` ${name}` : ` ${name}="${attr(v)}"`;
    }).join("");
  };

  const canvasImage = (canvas) => {
    counts.images++;
    const style = `${canvas.getAttribute("style") || ""};object-fit:contain;object-position:left top`;
    return `<img alt="" class="${attr(canvas.className)}" style="${attr(style)}" ` +
      `width="${canvas.width}" height="${canvas.height}" src="${canvas.toDataURL("image/png")}">`;
  };

  // Whether a rule may apply to an element of one of `roots`. Pseudo-classes and pseudo-elements are
  // stripped, which only widens what a selector matches; whatever cannot be judged is kept.
  const PSEUDO = /::?[\w-]+(\([^()]*\))?/g;
  const mayMatch = (rule, roots) => {
    if (rule instanceof CSSMediaRule || rule instanceof CSSSupportsRule) {
      return [...rule.cssRules].some((inner) => mayMatch(inner, roots));
    }
    if (!(rule instanceof CSSStyleRule) || rule.cssRules.length || /:host|::slotted|\\/.test(rule.selectorText)) {
      return true;
    }
    try {
      return rule.selectorText.replace(PSEUDO, "").split(",").some(
        (sel) => sel.trim() === "" || roots.some((root) => root.querySelector(sel) !== null));
    } catch {
      return true;
    }
  };
  const keptText = (rule, roots) => {
    if (!mayMatch(rule, roots)) return "";
    const inner = () => [...rule.cssRules].map((r) => keptText(r, roots)).join("");
    if (rule instanceof CSSMediaRule) return `@media ${rule.media.mediaText}{${inner()}}`;
    if (rule instanceof CSSSupportsRule) return `@supports ${rule.conditionText}{${inner()}}`;
    return rule.cssText;
  };

  // A <style> none of whose rules can match anything in its shadow root (e.g. Bokeh's 90 kB of tool
  // icons in a plot without a toolbar) is left out: the static copy never changes.
  const unused = (style) => style.sheet !== null && style.sheet.cssRules.length > 0
    && ![...style.sheet.cssRules].some((rule) => mayMatch(rule, [style.getRootNode()]));

  // The linked stylesheets of `sheets`, each cut to what the shadow roots that link it can use.
  const shadowRoots = [];
  const collect = (root) => {
    for (const el of root.querySelectorAll("*")) {
      if (el.shadowRoot) {
        shadowRoots.push(el.shadowRoot);
        collect(el.shadowRoot);
      }
    }
  };
  collect(document);
  const trimmed = new Map(Object.entries(sheets).map(([href, css]) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    const roots = shadowRoots.filter((root) => [...root.querySelectorAll("link")].some((l) => l.href === href));
    const kept = [...sheet.cssRules].map((rule) => keptText(rule, roots)).join("\n");
    if (/<\/style/i.test(kept)) throw new Error(`${href} contains </style`);
    return [href, kept];
  }));

  // Bokeh sizes a plot's layers in px for the capture's width: let them follow a narrower plot.
  const FIT_PLOT = "<style>:host{overflow:hidden}.bk-layer{width:100%}</style>";

  const children = (parent) => [...parent.childNodes].map(node).join("");

  const node = (n) => {
    if (n.nodeType === Node.TEXT_NODE) {
      return RAW_TEXT.has(n.parentNode && n.parentNode.localName) ? n.data : text(n.data);
    }
    if (n.nodeType !== Node.ELEMENT_NODE) return "";  // comments
    const name = n.localName;
    if (name === "script") return "";
    if (name === "canvas") return canvasImage(n);
    if (name === "style" && (!n.textContent.trim() || unused(n))) return "";
    if (name === "link" && n.rel === "stylesheet" && trimmed.has(n.href)) {
      return `<style>${trimmed.get(n.href)}</style>`;
    }
    if (name === "style" && /<\/style/i.test(n.textContent)) throw new Error("a stylesheet contains </style");
    let inner = "";
    if (n.shadowRoot) {
      if (n.shadowRoot.mode !== "open" || n.shadowRoot.adoptedStyleSheets.length) {
        throw new Error(`<${name} class="${n.className}"> has a shadow root that HTML cannot declare`);
      }
      counts.shadowRoots++;
      const fit = n.classList.contains("bk-Canvas") ? FIT_PLOT : "";
      inner = `<template shadowrootmode="open">${children(n.shadowRoot)}${fit}</template>`;
    }
    if (name === "textarea") return `<textarea${attributes(n)}>${text(n.value)}</textarea>`;
    if (VOID.has(name)) return `<${name}${attributes(n)}>`;
    return `<${name}${attributes(n)}>${inner}${children(n)}</${name}>`;
  };

  if (document.adoptedStyleSheets.length) throw new Error("the document has constructed stylesheets");
  const roots = [...document.querySelectorAll("[data-root-id]")];
  const html = roots.map(children).join("\n");
  return {html, ...counts, roots: roots.length};
}
