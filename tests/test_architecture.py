"""The house stands in floors (issue [G]; DESIGN.md, "Layout in floors"): each package imports only the
floors below it, nothing but the demo imports the demo, and a function-level import of our own code
says why in a comment (none may dodge a circle silently).

Read from the source with ``ast``, every import counted, at module level or inside a function.
"""

import ast
import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Lowest first. The project package itself (settings, root URLconf, WSGI) wires everything: top floor.
FLOORS = [
    ("tayho_danvan.lib", "shared infrastructure: imports no app"),
    ("units", "the unit tree"),
    ("campaigns", "campaigns, entries, pledges, targets"),
    ("awards", "awards, their documents, the ceremony report"),
    ("tayho_danvan.demo", "the demo: imported only by its own commands"),
    ("tayho_danvan", "settings, URLs, WSGI"),
]
PACKAGES = ("units", "campaigns", "awards", "tayho_danvan")


def floor_of(module):
    """Index in ``FLOORS`` of the package holding ``module`` (a dotted name), else ``None`` (not ours)."""
    for index, (package, _) in enumerate(FLOORS):
        if module == package or module.startswith(package + "."):
            return index
    return None


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imported(node, module, is_package):
    """Absolute names ``node`` (an Import or ImportFrom) brings in, ``from x import y`` giving ``x.y``."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        anchor = module.split(".") if is_package else module.split(".")[:-1]
        anchor = anchor[: len(anchor) - (node.level - 1)]
        base = ".".join([*anchor, base] if base else anchor)
    return [f"{base}.{alias.name}" for alias in node.names]


def _says_why(line):
    """True when ``line`` carries a comment with words beyond a bare ``noqa`` code."""
    if "#" not in line:
        return False
    comment = re.sub(r"noqa(:\s*[A-Z]+[0-9]+(,\s*[A-Z]+[0-9]+)*)?", "", line.split("#", 1)[1])
    return bool(comment.strip(" ():"))


def problems(source, module, *, is_package=False):
    """Every breach of the floors in ``source`` (str), the code of ``module`` (dotted name), as a sorted
    list of "module:line what" strings; empty when the module keeps to its floor.
    """
    own = floor_of(module)
    lines = source.splitlines()
    found = []
    tree = ast.parse(source)
    nested = {
        id(child)
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        for child in ast.walk(node)
        if isinstance(child, ast.Import | ast.ImportFrom)
    }
    for node in ast.walk(tree):
        if not isinstance(node, ast.Import | ast.ImportFrom):
            continue
        names = _imported(node, module, is_package)
        ours = [name for name in names if floor_of(name) is not None]
        for name in ours:
            target = floor_of(name)
            if target > own:
                found.append(f"{module}:{node.lineno} imports {name}, a higher floor ({FLOORS[target][0]})")
            elif FLOORS[target][0] == "tayho_danvan.demo" and FLOORS[own][0] != "tayho_danvan.demo":
                found.append(f"{module}:{node.lineno} imports the demo ({name})")
        if ours and id(node) in nested:
            before = lines[node.lineno - 2].strip() if node.lineno > 1 else ""
            if not _says_why(lines[node.lineno - 1]) and not (before.startswith("#") and _says_why(before)):
                found.append(f"{module}:{node.lineno} imports {ours[0]} inside a function without saying why")
    for lineno, name in _dynamic_imports(tree):
        target = floor_of(name)
        if target is not None and target > own:
            found.append(f"{module}:{lineno} loads {name}, a higher floor ({FLOORS[target][0]})")
    return sorted(set(found))


def _dynamic_imports(tree):
    """Modules named in ``import_module("x.y")`` and apps in ``apps.get_model("app", …)`` or
    ``get_model("app.Model")``: imports the import statements do not show."""
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)):
            continue
        name = getattr(node.func, "attr", getattr(node.func, "id", ""))
        value = node.args[0].value
        if name == "import_module" and isinstance(value, str):
            found.append((node.lineno, value))
        elif name == "get_model" and isinstance(value, str):
            found.append((node.lineno, value.split(".")[0]))
    return found


def project_modules():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            yield path, module_name(path)


def test_every_package_imports_only_the_floors_below_it():
    breaches = []
    for path, module in project_modules():
        breaches += problems(path.read_text(), module, is_package=path.name == "__init__.py")
    assert breaches == []


def test_every_module_of_ours_stands_on_a_floor():
    assert all(floor_of(module) is not None for _, module in project_modules())


@pytest.mark.parametrize(
    "module, source",
    [
        ("units.scoping", "from campaigns.models import Entry"),
        ("campaigns.services.registration", "from awards import services"),
        ("campaigns.views.pages", "from ...awards.models import Award"),
        ("tayho_danvan.lib.excel", "import units.models"),
        ("awards.admin.entries", "from tayho_danvan.demo import sample_files"),
        ("tayho_danvan.urls", "from tayho_danvan.demo.build import seed"),
        ("awards.reports.figures", "def f():\n    from awards.models import Award\n"),
        ("units.scoping", "import importlib\nimportlib.import_module('campaigns.models')"),
        ("awards.reports.figures", "def f():\n    from awards.models import Award  # noqa: F401\n"),
        ("campaigns.views.pages", "from django.apps import apps\napps.get_model('awards', 'Award')"),
    ],
)
def test_the_rule_catches_an_import_from_a_higher_floor_or_of_the_demo(module, source):
    assert problems(source, module) != []


@pytest.mark.parametrize(
    "module, source",
    [
        (
            "awards.models",
            "from campaigns.models import Entry\nfrom tayho_danvan.lib.documents import normal_text",
        ),
        ("campaigns.services.registration", "from ..models import Entry\nfrom . import quotas"),
        ("tayho_danvan.demo.build", "from awards.services import award_entries"),
        ("units.apps", "def ready(self):\n    # needs the app registry\n    from . import board\n"),
    ],
)
def test_the_rule_lets_a_module_import_its_own_floor_and_below(module, source):
    assert problems(source, module) == []


# The project's own navigation (login, logout, where each role lands) is reachable from every page.
SHARED_URL_NAMES = {"home", "login", "logout"}
URL_REFERENCE = re.compile(r"""(?:reverse(?:_lazy)?\(|redirect\(|\{%\s*url\s+)["']([\w:]+)["']""")


def url_floors():
    """``{url name: floor}`` for every URL name of ours: each app's ``urls.py`` and its admin pages."""
    from django.urls import get_resolver

    names = {}
    for package in ("units", "campaigns", "awards"):
        module = importlib.import_module(f"{package}.urls") if (ROOT / package / "urls.py").exists() else None
        for pattern in getattr(module, "urlpatterns", []):
            names[pattern.name] = floor_of(package)
    get_resolver()  # the admin's names: admin:<app>_<model>_<view>
    for package in ("units", "campaigns", "awards"):
        names[f"admin:{package}_"] = floor_of(package)
    return names


def _floor_of_name(name, floors):
    if name in floors:
        return floors[name]
    for prefix, floor in floors.items():
        if prefix.endswith("_") and name.startswith(prefix):
            return floor
    return None


def test_no_page_or_module_links_to_a_higher_floors_url():
    floors = url_floors()
    sources = [(module, path) for path, module in project_modules()]
    for package in ("units", "campaigns", "awards"):
        for folder in (ROOT / "templates" / package, ROOT / "templates" / "admin" / package):
            sources += [(package, path) for path in folder.rglob("*.html")]
    breaches = []
    for module, path in sources:
        own = floor_of(module)
        for name in URL_REFERENCE.findall(path.read_text()):
            target = _floor_of_name(name, floors)
            if name not in SHARED_URL_NAMES and target is not None and target > own:
                breaches.append(f"{path.relative_to(ROOT)} links to {name} ({FLOORS[target][0]})")
    assert breaches == []


def test_the_url_rule_catches_a_link_upward():
    floors = url_floors()
    assert _floor_of_name("report_page", floors) > floor_of("campaigns")
    assert _floor_of_name("admin:awards_decision_change", floors) > floor_of("campaigns")
    assert URL_REFERENCE.findall("""{% url 'report_page' campaign.pk %} reverse("entry_detail")""") == [
        "report_page",
        "entry_detail",
    ]
