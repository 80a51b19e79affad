// A table too wide for the screen scrolls sideways inside its .schakel-table-wrap. Such a
// region must be reachable by keyboard (WCAG 2.1.1; axe "scrollable-region-focusable"), so it
// becomes a focusable, named region while — and only while — it actually scrolls.
(function () {
  "use strict";

  // The region is named after what scrolls in it: the table's caption, else the element
  // its table or chart names itself by (aria-labelledby: a heading, an SVG title).
  function label(wrap) {
    var caption = wrap.querySelector("caption");
    if (caption) {
      return caption.textContent.trim();
    }
    var named = wrap.querySelector(":scope > [aria-labelledby]");
    if (!named) {
      return "";
    }
    return named
      .getAttribute("aria-labelledby")
      .split(/\s+/)
      .map(function (id) {
        var part = id ? document.getElementById(id) : null;
        return part ? part.textContent.trim() : "";
      })
      .filter(Boolean)
      .join(" ");
  }

  function update(wrap) {
    var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
    if (scrolls) {
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      var name = label(wrap);
      if (name) {
        wrap.setAttribute("aria-label", name);
      }
    } else if (wrap.getAttribute("tabindex") === "0") {
      wrap.removeAttribute("tabindex");
      wrap.removeAttribute("role");
      wrap.removeAttribute("aria-label");
    }
  }

  function updateAll() {
    document.querySelectorAll(".schakel-table-wrap").forEach(update);
  }

  var pending = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(updateAll, 150);
  });
  updateAll();
})();
