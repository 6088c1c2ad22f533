// Reckon's embed script, for a page on another site that embeds a chart.
// Paste it once, after the charts' iframes:
//
//   <iframe src="https://SITE/embed/TOPIC/NAME/" title="…" width="640" height="660"
//     loading="lazy" style="width:100%;height:auto;aspect-ratio:640/660;border:0"></iframe>
//   <script src="https://SITE/assets/embed.js" async></script>
//
// An embed page posts its height to its parent whenever it changes
// ({type: "reckon-embed-size", id, height}); this script sets the height of
// the iframe it came from, so the chart never scrolls or leaves a gap.
// Without it the iframe keeps its aspect ratio. It accepts messages only
// from the site it was loaded from, and only from one of the page's
// iframes; it runs no code from the message.
(function () {
  "use strict";
  var script = document.currentScript;
  var origin = "";
  try {
    origin = new URL(script && script.src ? script.src : "", window.location.href).origin;
  } catch (e) {
    return;
  }
  // Once per site, however often the snippet is pasted.
  var seen = window.reckonEmbedOrigins || (window.reckonEmbedOrigins = {});
  if (!origin || origin === "null" || seen[origin]) {
    return;
  }
  seen[origin] = true;

  window.addEventListener("message", function (event) {
    if (event.origin !== origin) {
      return;
    }
    var data = event.data;
    if (!data || typeof data !== "object" || data.type !== "reckon-embed-size") {
      return;
    }
    var height = Number(data.height);
    if (!(height > 0 && height < 20000)) {
      return;
    }
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = Math.ceil(height) + "px";
        frames[i].style.aspectRatio = "auto";
        return;
      }
    }
  });
})();
