// The header's menu on narrow screens: the toggle opens and closes it. Without JavaScript the
// menu simply stays open (the "js" class below is what lets the stylesheet fold it away).
// Also: fields marked data-browser-zone (registration) get the browser's IANA time zone, so a new
// account shows times on its owner's clock from the start.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  function fillBrowserZone() {
    var zone = "";
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (error) { zone = ""; }
    document.querySelectorAll("input[data-browser-zone]").forEach(function (field) {
      if (!field.value) { field.value = zone; }
    });
  }
  function ready() {
    fillBrowserZone();
    var toggle = document.querySelector(".menu-toggle");
    var menu = document.getElementById("site-menu");
    if (!toggle || !menu) { return; }
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("open", open);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.classList.contains("open")) {
        toggle.setAttribute("aria-expanded", "false");
        menu.classList.remove("open");
        toggle.focus();
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
