from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

admin.site.site_header = "Phong trào “Dân vận khéo” — Ban Dân vận"
admin.site.site_title = "Dân vận khéo"
admin.site.index_title = "Quản trị phong trào"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("dang-nhap/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("campaigns.urls")),
    path("", include("awards.urls")),
]
