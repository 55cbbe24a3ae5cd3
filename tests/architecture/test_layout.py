"""The code's structure holds: no import cycles, and the listing format readable without Django."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("archive", "briefings")


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules():
    return {
        module_name(path): path
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    }


def imports_of(name, path, modules):
    """The project's modules that ``name`` imports, anywhere in it (inside functions too)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            # ``from package import module`` imports that module; ``from module import name``, the module.
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names]
        else:
            continue
        found.update(target for target in targets if target in modules and target != name)
    return found


def cycles(graph):
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for successor in graph[node]:
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def import_graph():
    modules = project_modules()
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def test_no_module_imports_itself_back():
    graph = import_graph()
    assert graph["archive.derived.ranks"] >= {"archive.models"}  # the graph is read, not empty
    assert cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle_through_an_import_inside_a_function(tmp_path):
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
    # An import inside a function counts as much as one at the top.
    (tmp_path / "m.py").write_text("def f():\n    from .n import thing\n")
    assert imports_of("pkg.m", tmp_path / "m.py", {"pkg.m", "pkg.n"}) == {"pkg.n"}


def test_the_listing_format_is_read_without_django():
    code = (
        "import sys\n"
        "from archive.importing.listing import body, parser, records\n"
        "listing = parser.parse_listing('Category Archives: Technology\\n\\nA Title\\n\\nSome text.\\n\\n"
        "Leave a comment\\n\\nFiled under Technology\\n')\n"
        "assert [post.title for post in listing.posts] == ['A Title']\n"
        "assert not [name for name in sys.modules if name == 'django' or name.startswith('django.')]\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
