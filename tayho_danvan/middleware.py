"""Error pages Django leaves blank or English, in the app's Vietnamese (issue [K] 8)."""

from django.template.loader import render_to_string


class ErrorPagesMiddleware:
    """A GET of a POST-only address (``require_POST``, logout) answers 405 with an empty body, which
    the browser shows as a blank page: give it the app's page, keeping the status and ``Allow``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not response.content and not response.streaming:
            response.content = render_to_string("405.html", request=request)
            response["Content-Type"] = "text/html; charset=utf-8"
        return response
