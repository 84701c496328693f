// Import interview: keep the HTML flavour of a paste, so bold questions and headings
// copied from a web page or Google Docs reach the importer. The textarea still shows the
// plain text; the HTML travels in the hidden "html" field. Typing in the box afterwards
// makes the HTML stale, so it is dropped and the text as typed is imported.
(function () {
  "use strict";
  var form = document.querySelector("[data-import-form]");
  if (!form) return;
  var text = form.querySelector("textarea[name='text']");
  var html = form.querySelector("input[name='html']");
  if (!text || !html) return;

  text.addEventListener("paste", function (event) {
    var data = event.clipboardData;
    var flavour = data ? data.getData("text/html") : "";
    // A paste into a box that already holds text is not the whole interview.
    html.value = flavour && !text.value.trim() ? flavour : "";
  });
  text.addEventListener("input", function (event) {
    if (event.inputType !== "insertFromPaste") html.value = "";
  });
})();
