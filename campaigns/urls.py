from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("lanh-dao/", views.leader_home, name="leader_home"),
    path("don-vi/<slug:code>/", views.unit_detail, name="unit_detail"),
    path("don-vi/<slug:code>/dang-ky/", views.entry_create, name="entry_create"),
    path("ho-so/<int:pk>/", views.entry_detail, name="entry_detail"),
    path("ho-so/<int:pk>/sua/", views.entry_edit, name="entry_edit"),
    path("ho-so/<int:pk>/gui/", views.entry_submit, name="entry_submit"),
]
