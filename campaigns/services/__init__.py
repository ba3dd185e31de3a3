"""The doors of the campaigns app: every change of state goes through one function here (DESIGN.md;
the developers' guide). Each takes keyword-only arguments, lists its side effects, is a no-op when
nothing changes and raises ``ValidationError`` with a Vietnamese message when a rule forbids it.

- ``registration``: the unit registers, continues, edits, submits, withdraws, restores, self-assesses
- ``review``: the board accepts, returns, evaluates and corrects entries
- ``quotas``: quota arithmetic, the one quota check, the board's override
- ``evidence``: what files are accepted; adding and removing evidence
- ``pledges``: who signs the year's pledge, when, and signing it
- ``rubrics``, ``judging``, ``classing``: the rubric, scores by criteria, the chair's classes (issue [H])
- ``stages``: a campaign's stage (planned → open → in progress → evaluating → closed)
- ``common``: the steps every door takes (event row, row lock, unit and window checks)
"""
