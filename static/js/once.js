// A second click on a form that is already being sent does nothing. The server refuses duplicates
// anyway (the form's one-time token); this only spares a slow laptop the second round trip.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!form.hasAttribute("data-once")) return;
  if (form.dataset.sent) { event.preventDefault(); return; }
  form.dataset.sent = "1";
  // Disable after the browser has read the clicked button's name ("save" or "submit").
  setTimeout(function () {
    form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
  }, 0);
});

// Back to a registration form after sending it: the browser reloads the page, so the server gives a
// new one-time token while the typed text comes back. Put back the token this very page sent, so a
// second send is recognised as the same form (the entry it made is updated or named), never a twin.
// The token is kept in the page's own history entry (history.state), which Back restores with it:
// another form opened at the same address has an entry, and a token, of its own.
document.addEventListener("submit", function (event) {
  var form = event.target, name = form.dataset && form.dataset.keepToken;
  if (!name || !form.elements[name]) return;
  var state = Object.assign({}, history.state || {});
  state.formToken = form.elements[name].value;
  history.replaceState(state, "");
});
document.addEventListener("DOMContentLoaded", function () {
  var sent = history.state && history.state.formToken;
  if (!sent) return;
  document.querySelectorAll("form[data-keep-token]").forEach(function (form) {
    var input = form.elements[form.dataset.keepToken];
    if (input) input.value = sent;
  });
});

// A page that comes back with errors puts the focus on their summary, at the top: each item links to
// its field, so the errors low in a long form are read first, not missed.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-focus]");
  if (summary) summary.focus();
});

// Folded tables (the long list of units) print whole.
window.addEventListener("beforeprint", function () {
  document.querySelectorAll("details.fold").forEach(function (d) { d.open = true; });
});

// The registration form shows the sections of the chosen kind only: an exemplar's subject first for
// exemplars, none of it for models. Hidden sections are disabled, so they send nothing.
function showSectionsOf(form) {
  var chosen = form.querySelector("input[name=kind]:checked");
  if (!chosen) return;
  form.querySelectorAll("fieldset.section[data-kind]").forEach(function (section) {
    var off = section.dataset.kind !== chosen.value;
    section.hidden = off;
    section.disabled = off;
  });
}
document.addEventListener("change", function (event) {
  if (event.target.name === "kind" && event.target.form) showSectionsOf(event.target.form);
});
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("form.entry-form").forEach(showSectionsOf);
});

// Enter in a search box over a drop-down only searches: it never sends the form the box sits in.
document.addEventListener("keydown", function (event) {
  var box = event.target;
  if (event.key === "Enter" && box.classList && box.classList.contains("picker-search")) {
    event.preventDefault();
  }
});

// A search box over a drop-down that holds only the chosen value (campaigns.forms.SearchedSelect): as
// one types, the server's matches (data-search, JSON) become the drop-down's options.
var searchTimer = null;
document.addEventListener("input", function (event) {
  var box = event.target;
  if (!box.classList || !box.classList.contains("picker-search")) return;
  clearTimeout(searchTimer);
  searchTimer = setTimeout(function () { searchPicker(box); }, 250);
});
function searchPicker(box) {
  var select = document.getElementById(box.dataset.target);
  var status = document.getElementById(select.id + "_status");
  var asked = box.value;
  var url = box.dataset.search + (box.dataset.search.indexOf("?") >= 0 ? "&" : "?") + "q=" + encodeURIComponent(asked);
  fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    })
    .then(function (data) {
      if (box.value !== asked) return; // a newer search is on its way
      Array.prototype.slice.call(select.options).forEach(function (option) {
        if (option.value !== "" && !option.selected) option.remove();
      });
      data.results.forEach(function (found) {
        if (select.querySelector('option[value="' + found.id + '"]')) return;
        var option = document.createElement("option");
        option.value = found.id;
        option.textContent = found.text;
        select.appendChild(option);
      });
      if (status) {
        status.textContent = !asked.trim() ? "" : data.results.length
          ? "Tìm thấy " + data.results.length + (data.more ? "+" : "") + " mô hình: hãy chọn trong danh sách."
          : "Không tìm thấy mô hình nào khớp.";
      }
    })
    .catch(function () {
      if (status) status.textContent = "Không tìm được lúc này; hãy thử lại.";
    });
}

// Print buttons ("In báo cáo", "In phiếu"): no inline handlers, so the page's CSP forbids all inline script.
document.addEventListener("click", function (event) {
  if (event.target.closest && event.target.closest("[data-print]")) window.print();
});

// Bars and meters take their width from data-width (a percentage): no inline style attributes (CSP).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-width]").forEach(function (bar) {
    bar.style.width = Math.max(0, Math.min(100, Number(bar.dataset.width) || 0)) + "%";
  });
});
