/*
 * Forms after the NL Design System form patterns (templates/includes/field.html and
 * form_errors.html write the markup this reads; the pages work without it).
 *
 * 1. After a failed submit the error summary receives the focus, so a keyboard or screen
 *    reader user starts at the list of what to correct; its links move the focus to the field.
 * 2. A textarea with a limit gets a character counter. The visible count follows every
 *    keystroke; the live region a screen reader hears is updated only once typing pauses,
 *    so it does not announce every key. The limit is not enforced here: the server refuses
 *    a longer text with a message (the browser's maxlength would cut pasted text silently).
 */
(function () {
  "use strict";

  var ANNOUNCE_AFTER_MS = 1000;

  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) {
      return;
    }
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) {
        return;
      }
      var field = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (!field) {
        return;
      }
      event.preventDefault();
      // The label sits above the field: bring both into view, then type where it is wrong.
      var wrapper = field.closest(".utrecht-form-field, fieldset") || field;
      wrapper.scrollIntoView();
      field.focus({ preventScroll: true });
    });
  }

  function fill(template, count, lang) {
    return template.replace("%(count)s", count.toLocaleString(lang));
  }

  function attachCounter(hint) {
    var field = document.getElementById(hint.getAttribute("data-counter-for"));
    if (!field || field.hasAttribute("data-counter-attached")) {
      return;
    }
    var limit = parseInt(field.getAttribute("data-maxlength"), 10);
    if (!(limit > 0)) {
      return;
    }
    field.setAttribute("data-counter-attached", "");
    var lang = document.documentElement.lang || undefined;
    var visible = document.createElement("div");
    visible.className = "utrecht-form-field-description schakel-counter";
    visible.setAttribute("aria-hidden", "true");
    var spoken = document.createElement("div");
    spoken.className = "schakel-visually-hidden";
    spoken.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", visible);
    visible.insertAdjacentElement("afterend", spoken);
    var timer = null;

    function message() {
      // Counted as the server counts: browsers send a line break as CRLF, two characters.
      var used = field.value.replace(/\r?\n/g, "\r\n").length;
      var left = limit - used;
      var over = left < 0;
      visible.classList.toggle("schakel-counter--over", over);
      return over
        ? fill(hint.getAttribute("data-counter-over"), -left, lang)
        : fill(hint.getAttribute("data-counter-left"), left, lang);
    }

    function update() {
      visible.textContent = message();
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        spoken.textContent = message();
      }, ANNOUNCE_AFTER_MS);
    }

    visible.textContent = message();
    field.addEventListener("input", update);
  }

  function attachCounters(root) {
    var hints = root.querySelectorAll(".schakel-text-limit[data-counter-for]");
    for (var i = 0; i < hints.length; i += 1) {
      attachCounter(hints[i]);
    }
  }

  focusErrorSummary();
  attachCounters(document);
  // Parts of a page that htmx swaps in get their counters too.
  document.addEventListener("htmx:load", function (event) {
    attachCounters(event.target);
  });
})();
