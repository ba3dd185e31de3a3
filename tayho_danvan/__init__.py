"""The project package: settings, the root URLconf and ``views.home`` (where each role lands), WSGI,
Vietnamese formats, and two subpackages on opposite floors — ``lib`` (shared infrastructure below every
app) and ``demo`` (above every app).
"""
