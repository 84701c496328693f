// Import interview, the review screen: keyboard shortcuts (listed on the page). Without
// this file the screen works the same by its selects, boxes and buttons.
(function () {
  "use strict";
  var form = document.querySelector("[data-import-review]");
  if (!form) return;
  // By key position (event.code), so they work on a Russian layout too.
  var ROLE_KEYS = {
    KeyT: "title", KeyL: "lede", KeyI: "intro", KeyQ: "question",
    KeyA: "answer", KeyS: "section", KeyB: "byline", KeyC: "caption",
  };
  var FOCUS_KEY = "newsroom-import-review-focus";
  var rows = Array.prototype.slice.call(form.querySelectorAll("[data-review-row]"));
  var speakers = Array.prototype.map.call(
    form.querySelectorAll("[data-speaker-name]"),
    function (item) { return item.getAttribute("data-speaker-name"); }
  );

  function roleBox(row) { return row.querySelector("select[name^='role-']"); }
  function speakerBox(row) { return row.querySelector("input[name^='speaker-']"); }

  function applyAt(row, boxSelector) {
    var box = row.querySelector(boxSelector);
    if (!box) return;
    box.checked = true;
    // The page comes back from the server: keep the editor's place.
    sessionStorage.setItem(FOCUS_KEY, String(rows.indexOf(row)));
    form.requestSubmit(form.querySelector("button[value='apply']"));
  }

  rows.forEach(function (row) {
    roleBox(row).addEventListener("change", function (event) {
      row.setAttribute("data-role", event.target.value);
    });
  });

  form.addEventListener("keydown", function (event) {
    var row = event.target.closest("[data-review-row]");
    if (!row || event.altKey || event.ctrlKey || event.metaKey || event.target.tagName !== "SELECT") {
      return;
    }
    var code = event.code;
    var digit = /^(Digit|Numpad)([0-9])$/.exec(code);
    if (ROLE_KEYS[code]) {
      roleBox(row).value = ROLE_KEYS[code];
      row.setAttribute("data-role", ROLE_KEYS[code]);
    } else if (digit) {
      var number = Number(digit[2]);
      if (number === 0) speakerBox(row).value = "";
      else if (speakers[number - 1]) speakerBox(row).value = speakers[number - 1];
      else return;
    } else if (code === "KeyJ" || code === "KeyK") {
      var next = rows[rows.indexOf(row) + (code === "KeyJ" ? 1 : -1)];
      if (next) roleBox(next).focus();
    } else if (code === "KeyM") {
      applyAt(row, "input[name^='join-']");
    } else if (code === "KeyX") {
      applyAt(row, "input[name^='split-']");
    } else {
      return;
    }
    event.preventDefault();
  });

  var focus = sessionStorage.getItem(FOCUS_KEY);
  if (focus !== null && rows.length) {
    sessionStorage.removeItem(FOCUS_KEY);
    roleBox(rows[Math.min(Number(focus), rows.length - 1)]).focus();
  }
})();
