"""The demo: Tây Hồ as it was in 2023–2024 and its 2025 reorganisation (DESIGN.md, "Demo data"). It
stands above every app and is imported only by its own commands (and by tests); nothing in the apps
imports it.

- ``build``: ``seed()``, the whole demo in one idempotent transaction (``manage.py seed_demo``)
- ``tree``: the unit tree of Hà Nội → Tây Hồ and one login per role and per ward
- ``year_2023``: 2023's registrations within quota and the district's decision 125-QĐ/QU
- ``year_end``: 2023's evaluations, targets, the city's Bằng khen, individuals; the 2024 pledge
- ``year_2024``: 2024 with entries in every state, evidence files and an override
- ``sample_files``: small real PDF, PNG, JPEG, XLSX and DOCX files for evidence (demo and tests)
- ``reorganisation_2025``: the 1 July 2025 case (``manage.py reorganise_2025``)
- ``apps``, ``management/commands``: the app that lets Django find ``seed_demo`` and ``reorganise_2025``
"""
