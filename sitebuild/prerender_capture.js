// Evaluated in the built page by sitebuild/prerender.py once BokehJS has rendered the embedded document:
// returns the HTML of what is rendered inside the [data-root-id] elements, for a page with no script.
// Open shadow roots become declarative shadow DOM, canvases PNG images, form controls keep their state.
() => {
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

  // A stylesheet none of whose rules can match anything in its shadow root (e.g. Bokeh's 90 kB of tool
  // icons in every plot without a toolbar): the static copy, which never changes, does not need it.
  // Pseudo-classes and pseudo-elements are stripped, which only widens what a selector matches.
  const unused = (style) => {
    const root = style.getRootNode();
    const matchesNothing = (rules) => [...rules].every((rule) => {
      if (rule instanceof CSSMediaRule || rule instanceof CSSSupportsRule) return matchesNothing(rule.cssRules);
      if (!(rule instanceof CSSStyleRule) || rule.cssRules.length || /:host|::slotted|\\/.test(rule.selectorText)) {
        return false;
      }
      const widened = rule.selectorText.replace(/::?[\w-]+(\([^()]*\))?/g, "");
      try {
        return widened.split(",").every((sel) => sel.trim() !== "" && root.querySelector(sel) === null);
      } catch {
        return false;
      }
    });
    return style.sheet !== null && style.sheet.cssRules.length > 0 && matchesNothing(style.sheet.cssRules);
  };

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
