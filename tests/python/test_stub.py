"""The type stub (tiaodu/__init__.pyi) names exactly what the module has, and the other way
round: every public name, every public member of every class, every enum member, every
function's parameters, and every model class's constructor arguments (required or not)."""

import ast
import enum
import inspect
import pathlib
import re

import pytest

import tiaodu

T = tiaodu
STUB_PATH = pathlib.Path(tiaodu.__file__).with_name("__init__.pyi")
STUB = ast.parse(STUB_PATH.read_text(encoding="utf-8"))
MODEL = ["Secretary", "Organization", "Check", "SupportRequest", "Dispatch", "Update", "Rectification",
         "LedgerSubmission", "LookBack", "Snapshot"]


def public(name):
    return not name.startswith("_")


def assigned_names(body):
    for node in body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            yield node.target.id
        elif isinstance(node, ast.Assign):
            for t in node.targets:
                if isinstance(t, ast.Name):
                    yield t.id
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            yield node.name


STUB_TOP = {n.name: n for n in STUB.body if isinstance(n, (ast.ClassDef, ast.FunctionDef))}
STUB_NAMES = {n for n in assigned_names(STUB.body) if public(n)} | {"__version__"}


def stub_members(cls_name):
    return {n for n in assigned_names(STUB_TOP[cls_name].body) if public(n)}


def runtime_members(cls):
    inherited = set().union(*(set(dir(b)) for b in cls.__mro__[1:]))
    own = (set(dir(cls)) - inherited) | set(vars(cls))  # vars: what Enum's dir() leaves out
    if issubclass(cls, enum.Enum):
        own |= set(cls.__members__)
    if issubclass(cls, BaseException):
        own |= {"errors"}  # an instance attribute
    return {n for n in own if public(n)}


def test_the_stub_and_the_module_name_the_same_things():
    module_names = {n for n in dir(tiaodu) if public(n)} | {"__version__"}
    assert STUB_NAMES == module_names
    assert set(tiaodu.__all__) == STUB_NAMES - {"__version__"}
    assert STUB_PATH.with_name("py.typed").is_file()


@pytest.mark.parametrize("name", sorted(n for n in STUB_TOP if isinstance(STUB_TOP[n], ast.ClassDef) and public(n)))
def test_each_class_has_exactly_the_stubs_members(name):
    cls = getattr(tiaodu, name)
    assert stub_members(name) == runtime_members(cls)
    if issubclass(cls, enum.Enum):
        values = {n.targets[0].id: n.value.value for n in STUB_TOP[name].body if isinstance(n, ast.Assign)}
        assert values == {m.name: m.value for m in cls}


def stub_params(fn):
    a = fn.args
    positional = [x.arg for x in a.posonlyargs + a.args if x.arg != "self"]
    required_kw = [x.arg for x, d in zip(a.kwonlyargs, a.kw_defaults) if d is None]
    optional_kw = [x.arg for x, d in zip(a.kwonlyargs, a.kw_defaults) if d is not None]
    return positional, required_kw, optional_kw


def doc_params(obj):
    """The parameter names of the signature a function's docstring starts with."""
    first = inspect.getdoc(obj).splitlines()[0]
    inside = re.match(r"\w+\((.*)\)( ->.*)?$", first).group(1)
    names = [p.split(":")[0].split("=")[0].strip() for p in inside.split(",") if p.strip()]
    return [n for n in names if n not in ("*", "self")]


@pytest.mark.parametrize("where,name", [
    (None, "evaluate"), (None, "validate"), ("Snapshot", "from_json"), ("Snapshot", "load"),
    ("Snapshot", "to_json"), ("Policy", "from_json"), ("Policy", "load"), ("Policy", "to_json"),
    ("Policy", "value_at"), ("Policy", "values"), ("Policy", "default"), ("Result", "to_json"),
    ("Result", "to_dict"),
])
def test_functions_take_the_stubs_parameters(where, name):
    if where is None:
        node, obj = STUB_TOP[name], getattr(tiaodu, name)
    else:
        node = next(n for n in STUB_TOP[where].body if isinstance(n, ast.FunctionDef) and n.name == name)
        obj = getattr(getattr(tiaodu, where), name)
    positional, required_kw, optional_kw = stub_params(node)
    assert doc_params(obj) == positional + required_kw + optional_kw


@pytest.mark.parametrize("name", MODEL)
def test_model_constructors_take_the_stubs_keywords(name):
    node = next(n for n in STUB_TOP[name].body if isinstance(n, ast.FunctionDef) and n.name == "__init__")
    positional, required, optional = stub_params(node)
    assert positional == []  # keyword-only
    fields = [n.target.id for n in STUB_TOP[name].body if isinstance(n, ast.AnnAssign) and public(n.target.id)]
    assert sorted(required + optional) == sorted(fields)
    assert set(fields) <= runtime_members(getattr(tiaodu, name))
    cls = getattr(tiaodu, name)
    assert doc_params(cls.__init__) == required + optional  # the signature help() shows
    if required:
        with pytest.raises(TypeError) as info:
            cls()
        said = re.findall(r"'(\w+)'", str(info.value).split(":", 1)[1])
        assert sorted(said) == sorted(required)
    else:
        cls()  # nothing is required
