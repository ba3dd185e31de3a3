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

// A page that comes back with errors puts the focus on their summary, at the top: each item links to
// its field, so the errors low in a long form are read first, not missed.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-focus]");
  if (summary) summary.focus();
});
