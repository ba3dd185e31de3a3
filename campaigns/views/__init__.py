"""The pages of ward staff and leaders (browser, not the admin); each view scopes first.

- ``pages``: home, the leader's home, a unit's page (``dashboard`` builds its figures)
- ``entries``: register, edit, submit, withdraw, restore, continue, self-assess an entry
- ``scores``: the unit's self-score by criteria and the scores it reads once classed (issue [H])
- ``evidence``: upload, download and remove evidence files
- ``lists``: the entry list with its filters
- ``pledges``: sign the pledge in the browser, its print view
- ``common``: messages from service errors
"""
