from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.templatetags.static import static
from django.urls import include, path

from . import views

admin.site.site_header = "Phong trào “Dân vận khéo” — Ban Dân vận"
admin.site.site_title = "Dân vận khéo"
admin.site.index_title = "Quản trị phong trào"


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: send them to the app's own icon (resolved
    per request, since in production the static file's name carries its hash)."""
    return HttpResponseRedirect(static("favicon.svg"))


urlpatterns = [
    path("admin/", admin.site.urls),
    path("favicon.ico", favicon),
    path("", views.home, name="home"),
    path("dang-nhap/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    # Every role changes its own password (issue [F] 6); the validators' messages are Vietnamese.
    path("doi-mat-khau/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("doi-mat-khau/xong/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    # A forgotten password, by e-mail where mail is configured (settings.EMAIL_HOST).
    path("quen-mat-khau/", views.PasswordResetView.as_view(), name="password_reset"),
    path("quen-mat-khau/da-gui/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "quen-mat-khau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "quen-mat-khau/xong/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"
    ),
    path("", include("campaigns.urls")),
    path("", include("awards.urls")),
]
