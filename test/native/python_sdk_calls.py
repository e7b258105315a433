"""Checks Python programs against the generated SDK without importing it (the `pulumi` package is not installed
here): every `ncloud.X(...)` / `nhncloud.f(...)` names a class or function the SDK defines, its keyword arguments
are parameters of it, and every other attribute read (outside `pulumi.`) is a property the SDK defines.

    python3 python_sdk_calls.py <sdk>/pulumi_certmanager_kr program.py...
"""
import ast
import pathlib
import sys

MODULES = ("ncloud", "nhncloud")
OUTPUT_METHODS = {"apply"}  # pulumi.Output's own

sdk, *programs = sys.argv[1:]
params = {}  # (module, name) -> parameter names, over all overloads
properties = set()  # every method name in the SDK: the getters of resources, results and object types
for module in MODULES:
    for source in (pathlib.Path(sdk) / module).glob("*.py"):
        for node in ast.parse(source.read_text()).body:
            inits = [node] if isinstance(node, ast.FunctionDef) else []
            if isinstance(node, ast.ClassDef):
                methods = [m for m in node.body if isinstance(m, ast.FunctionDef)]
                properties.update(m.name for m in methods)
                inits = [m for m in methods if m.name == "__init__"]
            if inits or isinstance(node, ast.ClassDef):
                names = params.setdefault((module, node.name), set())
                for f in inits:
                    names.update(a.arg for a in f.args.args + f.args.kwonlyargs)

errors = []
for program in programs:
    for node in ast.walk(ast.parse(pathlib.Path(program).read_text())):
        where = f"{program}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            if isinstance(owner, ast.Name) and owner.id in MODULES:
                key = (owner.id, node.func.attr)
                if key not in params:
                    errors.append(f"{where}: {'.'.join(key)} is not in the SDK")
                    continue
                errors += [f"{where}: {'.'.join(key)} has no parameter {k.arg}"
                           for k in node.keywords if k.arg not in params[key]]
        elif isinstance(node, ast.Attribute) and not (
            isinstance(node.value, ast.Name) and node.value.id in MODULES + ("pulumi",)
        ):
            if node.attr not in properties and node.attr not in OUTPUT_METHODS:
                errors.append(f"{where}: no property {node.attr} in the SDK")

if errors:
    sys.exit("\n".join(errors))
