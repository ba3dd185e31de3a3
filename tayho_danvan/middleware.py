"""Error pages Django leaves blank or English, in the app's Vietnamese (issue [K] 8), and no copy of a
signed-in page kept by the browser or a proxy (issue [F] 7)."""

import time

from django.contrib.auth.signals import user_logged_in
from django.http import HttpResponseBadRequest
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control

from .lib.records import is_valid_key

RENEWED = "_idle_renewed"  # session key: when the session's expiry was last pushed back (epoch seconds)
RENEW_EVERY = 300  # seconds: the idle timeout is kept to within five minutes, one session write at most


def _stamp_login(sender, request, user, **kwargs):
    request.session[RENEWED] = int(time.time())


class IdleSessionMiddleware:
    """The idle timeout (``SESSION_COOKIE_AGE`` from the last click): a signed-in user's session expiry
    is pushed back at most every ``RENEW_EVERY`` seconds, instead of a session write on every request
    (``SESSION_SAVE_EVERY_REQUEST``). Must come after ``SessionMiddleware`` in ``MIDDLEWARE``."""

    def __init__(self, get_response):
        self.get_response = get_response
        # A login writes the session anyway: stamping it there spares the first page a second write.
        user_logged_in.connect(_stamp_login, dispatch_uid="tayho_danvan.idle_session")

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is not None and user is not None and user.is_authenticated:
            now = int(time.time())
            if now - session.get(RENEWED, 0) >= RENEW_EVERY:
                session[RENEWED] = now  # marks the session modified: saved with a new expiry
        return response


class NoStoreMiddleware:
    """``Cache-Control: no-store, private`` on every answer to a signed-in user: staff pages, reports and
    downloads hold names and records, and ward offices share computers (Back after logging out shows
    nothing). Static files are answered earlier, by WhiteNoise, and stay cached."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response


MAX_SEARCH_WORDS = 20  # a search box ("q") of more words is no search: each word is one more condition
MAX_SEARCH_CHARACTERS = 300


class ErrorPagesMiddleware:
    """A GET of a POST-only address (``require_POST``, logout) answers 405 with an empty body, which
    the browser shows as a blank page: give it the app's page, keeping the status and ``Allow``. A
    query string with a NUL character, or a search of more than ``MAX_SEARCH_WORDS`` words (thousands of
    conditions overflow SQLite's parser), gets the 400 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # No database stores a NUL character in text (PostgreSQL refuses the query): an address that
        # carries one in its query is a bad request, answered before any view runs.
        if any("\x00" in key or "\x00" in value for key, values in request.GET.lists() for value in values):
            reason = "Ô tìm kiếm hoặc bộ lọc có ký tự rỗng (NUL), thường do dán từ một tệp khác; hãy gõ lại."
            return HttpResponseBadRequest(render_to_string("400.html", {"reason": reason}, request=request))
        search = request.GET.get("q", "")
        if len(search) > MAX_SEARCH_CHARACTERS or len(search.split()) > MAX_SEARCH_WORDS:
            reason = f"Nội dung tìm kiếm quá dài: tối đa {MAX_SEARCH_WORDS} từ."
            return HttpResponseBadRequest(render_to_string("400.html", {"reason": reason}, request=request))
        if request.method == "POST" and request.path.startswith("/admin/"):
            # An admin action's ticked rows are ids (every model here has whole-number ids) and its
            # "index" a number: tampered, they are a bad request, for every admin alike.
            ticked = [*request.POST.getlist("_selected_action"), request.POST.get("index", "0")]
            if not all(is_valid_key(value) for value in ticked):
                return HttpResponseBadRequest(render_to_string("400.html", request=request))
        response = self.get_response(request)
        if response.status_code == 405 and not response.content and not response.streaming:
            response.content = render_to_string("405.html", request=request)
            response["Content-Type"] = "text/html; charset=utf-8"
        return response
