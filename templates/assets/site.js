// Reckon's site script. The site works without it: it only adds
// conveniences. No inline script anywhere, so a strict Content-Security-
// Policy (script-src 'self') holds.
"use strict";

// Copy buttons: an element <p class="copy-slot" data-copy="ID"
// data-label="..." data-done="..."> gets a button that copies the text of
// the element with that id (the value of a text area, such as a chart's
// embed code). Labels come from the page, so they are translated with the
// rest of the interface. Without the script, the text can still be selected
// and copied by hand.
function setUpCopyButtons() {
  if (!navigator.clipboard) {
    return;
  }
  document.querySelectorAll(".copy-slot[data-copy]").forEach(function (slot) {
    var source = document.getElementById(slot.dataset.copy);
    if (!source) {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    button.textContent = slot.dataset.label;
    var status = document.createElement("span");
    status.className = "copy-status";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      var text = "value" in source ? source.value : source.textContent;
      navigator.clipboard.writeText(text.trim()).then(function () {
        status.textContent = " " + slot.dataset.done;
      }, function () {
        status.textContent = "";
      });
    });
    slot.appendChild(button);
    slot.appendChild(status);
  });
}

document.addEventListener("DOMContentLoaded", setUpCopyButtons);
