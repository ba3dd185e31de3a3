// The admin's navigation sidebar starts collapsed on a first visit: on a 1280 px laptop it would
// otherwise take 280 px from the table the board works in. The toggle still opens it (and remembers).
// A search box over a table's rows (the decision page's candidates): typed with or without accents.
function foldText(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
}
document.addEventListener("input", function (event) {
  var box = event.target;
  if (!box.classList || !box.classList.contains("rows-filter")) return;
  var words = foldText(box.value).split(/\s+/).filter(Boolean);
  document.querySelectorAll("#" + box.dataset.filters + " tbody tr").forEach(function (row) {
    var text = foldText(row.textContent);
    row.hidden = !words.every(function (w) { return text.indexOf(w) >= 0; });
  });
});

// Enter in that box only filters (it never sends the form it sits in), and a send adds only the ticked
// rows on screen: a row the filter hides is not added behind the board's back.
document.addEventListener("keydown", function (event) {
  if (event.key === "Enter" && event.target.classList && event.target.classList.contains("rows-filter")) {
    event.preventDefault();
  }
});
document.addEventListener("submit", function (event) {
  var box = event.target.querySelector && event.target.querySelector(".rows-filter");
  if (!box) return;
  document.querySelectorAll("#" + box.dataset.filters + " tbody tr[hidden] input[type=checkbox]").forEach(function (tick) {
    tick.disabled = true;
  });
});

if (window.localStorage && localStorage.getItem("django.admin.navSidebarIsOpen") === null) {
  localStorage.setItem("django.admin.navSidebarIsOpen", "false");
}

// "Xác nhận nhập" (an import's confirmation) is sent once: a second click waits for the first. The
// server makes no twin either way (imports into one campaign run one at a time).
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!form.action || !/\/process_import\/$/.test(form.action)) return;
  if (form.dataset.sent) { event.preventDefault(); return; }
  form.dataset.sent = "1";
  setTimeout(function () {
    form.querySelectorAll("[type=submit]").forEach(function (button) { button.disabled = true; });
  }, 0);
});

// django-import-export's export page ticks every field from an inline handler, which the CSP blocks:
// its own function (export_selectable_fields.js, a static file) is called from here instead.
document.addEventListener("change", function (event) {
  if (event.target.classList && event.target.classList.contains("select-toggle")
      && typeof onSelectToggleChange === "function") {
    onSelectToggleChange(event);
  }
});
