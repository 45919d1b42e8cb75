// The requirement catalogue's filter (styr requirements on the site). Without this script the
// page shows every requirement, one section per riktlinje with a level column; the script
// shows the filter form and hides the rows that do not match the chosen riktlinje and level.
// It only sets `hidden`, so the table stays a table for screen readers, and it announces the
// number of rows shown in a polite status message.
(function () {
  "use strict";

  function setup(root) {
    var form = root.querySelector("[data-requirements-filter]");
    if (!form) {
      return;
    }
    var documentSelect = form.querySelector("[data-filter-document]");
    var levelSelect = form.querySelector("[data-filter-level]");
    var status = form.querySelector("[data-filter-status]");
    var sections = root.querySelectorAll("[data-document]");
    var total = root.querySelectorAll("tr[data-level]").length;

    function apply() {
      var wantedDocument = documentSelect.value;
      var wantedLevel = levelSelect.value;
      var shown = 0;
      Array.prototype.forEach.call(sections, function (section) {
        var documentMatches = !wantedDocument || section.getAttribute("data-document") === wantedDocument;
        var visible = 0;
        Array.prototype.forEach.call(section.querySelectorAll("tr[data-level]"), function (row) {
          var show = documentMatches && (!wantedLevel || row.getAttribute("data-level") === wantedLevel);
          row.hidden = !show;
          if (show) {
            visible += 1;
          }
        });
        section.hidden = visible === 0;
        shown += visible;
      });
      if (status) {
        status.textContent = (status.getAttribute("data-template") || "")
          .replace("{shown}", String(shown))
          .replace("{total}", String(total));
      }
    }

    form.hidden = false;
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      apply();
    });
    apply();
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-requirements]"), setup);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
