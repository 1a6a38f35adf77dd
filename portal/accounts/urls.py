"""The portal's own account pages, mounted under /accounts/ beside allauth's."""

from django.urls import path

from portal.accounts import views

urlpatterns = [
    path("", views.AccountOverviewView.as_view(), name="account_overview"),
    path(
        "invitation/<str:token>/",
        views.InvitationAcceptView.as_view(),
        name="account_invitation",
    ),
]
