/*
 * Hidden Key lead form embed.
 *   <script src="https://APP/embed.js" data-form="SLUG" async></script>
 * Puts the form /f/SLUG in an iframe right after this script tag (passing on the page's utm_* tags) and
 * keeps the iframe as tall as the form: the form posts its height, and only messages from this script's
 * own origin and from that iframe are believed. Optional: data-title (the iframe's accessible name).
 */
(function () {
  "use strict";
  var MESSAGE = "hidden-key:form-height";
  var UTM = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"];

  var script = document.currentScript;
  if (!script) {
    // Very old browsers: the first embed tag not handled yet.
    var tags = document.querySelectorAll("script[data-form]");
    for (var i = 0; i < tags.length && !script; i++) if (!tags[i].getAttribute("data-hk-embedded")) script = tags[i];
  }
  if (!script || script.getAttribute("data-hk-embedded")) return;
  script.setAttribute("data-hk-embedded", "true");

  var slug = script.getAttribute("data-form");
  if (!slug) return;

  var link = document.createElement("a");
  link.href = script.src;
  var origin = link.protocol + "//" + link.host;

  var query = "?embed=1";
  var pairs = window.location.search.replace(/^\?/, "").split("&");
  for (var p = 0; p < pairs.length; p++) {
    var eq = pairs[p].indexOf("=");
    var key = eq < 0 ? pairs[p] : pairs[p].slice(0, eq);
    var value = eq < 0 ? "" : pairs[p].slice(eq + 1);
    if (value && UTM.indexOf(key) >= 0 && query.indexOf("&" + key + "=") < 0) query += "&" + key + "=" + value;
  }

  var iframe = document.createElement("iframe");
  iframe.src = origin + "/f/" + encodeURIComponent(slug) + query;
  iframe.title = script.getAttribute("data-title") || "Contact form";
  iframe.style.cssText = "display:block;width:100%;max-width:100%;height:720px;border:0;background:transparent;";
  script.parentNode.insertBefore(iframe, script.nextSibling);

  window.addEventListener("message", function (event) {
    if (event.origin !== origin || event.source !== iframe.contentWindow) return;
    var data = event.data;
    if (!data || data.type !== MESSAGE) return;
    var height = Math.ceil(Number(data.height));
    if (height > 0 && height < 20000) iframe.style.height = height + "px";
  });
})();
