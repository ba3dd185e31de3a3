// The admin's navigation sidebar starts collapsed on a first visit: on a 1280 px laptop it would
// otherwise take 280 px from the table the board works in. The toggle still opens it (and remembers).
if (window.localStorage && localStorage.getItem("django.admin.navSidebarIsOpen") === null) {
  localStorage.setItem("django.admin.navSidebarIsOpen", "false");
}
