// The snapshot model, the policy, reading and writing JSON, validate() and evaluate().
//
// A model object (Organization, Dispatch, ..., Snapshot) is a Node<T>: the C++ struct for
// its scalar fields, which are converted and checked on every assignment, and Python
// objects for its list and struct fields, which behave like the attributes of any Python
// object: `snapshot.look_backs.append(lb)` and `org.secretary.name = "..."` change the
// snapshot, and a list assigned to a field is shared, not copied.
//
// Those Python objects are made lazily: a snapshot read from JSON keeps its lists in C++
// until Python first touches one, so Snapshot.load() followed by evaluate() creates no
// Python object per record. evaluate() and to_json() convert the node back to a plain
// C++ Snapshot (checking every element's type), then release the GIL.
#include "convert.hpp"

#include "tiaodu/evaluate.hpp"
#include "tiaodu/json.hpp"
#include "tiaodu/validate.hpp"

#include <deque>
#include <filesystem>
#include <system_error>

namespace tiaodu::python {

template <class T>
struct Node {
  T value;
  // One slot per field; only list and struct fields use theirs. Empty: the field's value
  // is still in `value` (not yet made into Python objects). Set: the slot is the truth.
  std::array<py::object, kFieldCount<T>> slots{};
};
template <class T>
struct Guarded<Node<T>> : std::true_type {};

template <class T>
struct NodeInfo {
  static inline const char* name = "?";
};

namespace {

// optional<vector<X>>: a list field, X = std::string or a model struct.
template <class M>
struct list_element {
  using type = void;
};
template <class X>
struct list_element<std::optional<std::vector<X>>> {
  using type = X;
};
template <class M>
inline constexpr bool kListField = !std::is_void_v<typename list_element<M>::type>;
template <class M>
inline constexpr bool kObjectField = kListField<M> || kDescribedStruct<M>;

template <class T>
T to_cpp(const Node<T>& n, const Path& where);

// The Node<X> inside h, or nullptr if h is not one.
template <class X>
Node<X>* node_of(py::handle h) {
  py::detail::make_caster<Node<X>> c;
  if (!h || !c.load(h, false)) return nullptr;
  return &py::detail::cast_op<Node<X>&>(c);
}

template <class X>
std::string expected_name() {
  if constexpr (std::is_same_v<X, std::string>) return "a str";
  else return std::string("a tiaodu.") + NodeInfo<X>::name;
}

template <class X>
void check_element(py::handle h, const Path& where) {
  if constexpr (std::is_same_v<X, std::string>) {
    if (!PyUnicode_Check(h.ptr())) type_mismatch(where, "a str", h);
  } else {
    if (!node_of<X>(h)) type_mismatch(where, expected_name<X>(), h);
  }
}

template <class X>
X element_to_cpp(py::handle h, const Path& where) {
  if constexpr (std::is_same_v<X, std::string>) {
    return str_from_py(h, where);
  } else {
    Node<X>* n = node_of<X>(h);
    if (!n) type_mismatch(where, expected_name<X>(), h);
    return to_cpp(*n, where);
  }
}

template <class X>
py::object element_to_py(const X& x) {
  if constexpr (std::is_same_v<X, std::string>) return str_to_py(x);
  else return py::cast(Node<X>{x});
}

// The C++ value of a list or struct field from its slot.
template <class M>
M slot_to_cpp(const py::object& slot, const Path& where) {
  if constexpr (kDescribedStruct<M>) {
    return element_to_cpp<M>(slot, where);
  } else {
    using X = typename list_element<M>::type;
    if (slot.is_none()) return std::nullopt;
    const py::tuple items = sequence_items(slot, where, "a list or None");
    std::vector<X> out;
    out.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i)
      out.push_back(element_to_cpp<X>(items[i], where.at(static_cast<Py_ssize_t>(i))));
    return out;
  }
}

// A list or struct field as a Python object (made once, then kept in the slot). The
// value is copied, not moved, so a failure half-way loses nothing.
template <class M>
py::object field_to_py(const M& v) {
  if constexpr (kDescribedStruct<M>) {
    return element_to_py<M>(v);
  } else {
    if (!v) return py::none();
    py::list out(v->size());
    for (std::size_t i = 0; i < v->size(); ++i) out[i] = element_to_py((*v)[i]);
    return out;
  }
}

template <class T>
T to_cpp(const Node<T>& n, const Path& where) {
  T out = n.value;
  for_each_field<T>([&](auto f, auto i) {
    using M = typename decltype(f)::type;
    if constexpr (kObjectField<M>) {
      const py::object slot = n.slots[decltype(i)::value];  // a reference of our own while we read it
      if (slot) out.*f.ptr = slot_to_cpp<M>(slot, where.field(f.name));
    }
  });
  return out;
}

template <class T>
T to_cpp(const Node<T>& n) {
  return to_cpp(n, Path{nullptr, NodeInfo<T>::name});
}

template <class T, std::size_t I>
py::object get_field(Node<T>& n) {
  constexpr auto f = std::get<I>(fields_v<T>);
  using M = typename decltype(f)::type;
  if constexpr (kObjectField<M>) {
    if (!n.slots[I]) {
      // Made from a copy: making Python objects can run the garbage collector, hence
      // finalizers and other threads, which may read this field meanwhile. Whoever
      // finishes first fills the slot; the value is cleared only then.
      const M copy = n.value.*f.ptr;
      py::object made = field_to_py(copy);
      if (!n.slots[I]) {
        n.slots[I] = std::move(made);
        n.value.*f.ptr = M{};  // the slot holds it now
      }
    }
    return n.slots[I];
  } else {
    return to_py(n.value.*f.ptr);
  }
}

template <class T, std::size_t I>
void set_field(Node<T>& n, py::handle v) {
  constexpr auto f = std::get<I>(fields_v<T>);
  using M = typename decltype(f)::type;
  const Path root{nullptr, NodeInfo<T>::name};
  const Path where = root.field(f.name);
  if constexpr (kDescribedStruct<M>) {
    check_element<M>(v, where);
    n.slots[I] = py::reinterpret_borrow<py::object>(v);
    n.value.*f.ptr = M{};
  } else if constexpr (kListField<M>) {
    using X = typename list_element<M>::type;
    if (v.is_none()) {
      n.slots[I] = py::none();
    } else {
      const py::tuple items = sequence_items(v, where, "a list or None");
      for (std::size_t i = 0; i < items.size(); ++i)
        check_element<X>(items[i], where.at(static_cast<Py_ssize_t>(i)));
      // A list is kept as given (shared, like any Python attribute); a tuple becomes one.
      n.slots[I] = PyList_Check(v.ptr()) ? py::reinterpret_borrow<py::object>(v)
                                         : py::object(py::list(items));
    }
    n.value.*f.ptr = M{};
  } else {
    n.value.*f.ptr = from_py<M>(v, where);
  }
}

template <class T>
Node<T> make_node(const py::args& args, const py::kwargs& kwargs) {
  const std::string name = NodeInfo<T>::name;
  if (!args.empty())
    throw py::type_error(name + "() takes keyword arguments only (" + std::to_string(args.size()) +
                         " positional given)");
  // A typo is reported as such before the field it misspells is reported missing.
  for (auto item : kwargs) {
    const std::string key = py::str(item.first).cast<std::string>();
    bool known = false;
    for_each_field<T>([&](auto f, auto) { known = known || key == f.name; });
    if (!known) throw py::type_error(name + "() got an unexpected keyword argument '" + key + "'");
  }
  Node<T> n;
  std::string missing;
  for_each_field<T>([&](auto f, auto i) {
    using M = typename decltype(f)::type;
    PyObject* v = PyDict_GetItemString(kwargs.ptr(), f.name);  // borrowed
    if (v) {
      set_field<T, decltype(i)::value>(n, v);
    } else if constexpr (!is_optional<M>::value) {
      missing += (missing.empty() ? "'" : ", '") + std::string(f.name) + "'";
    }
  });
  if (!missing.empty())
    throw py::type_error(name + "() missing required keyword argument(s): " + missing);
  return n;
}

template <class T>
std::string node_repr(Node<T>& n) {
  std::string out = std::string(NodeInfo<T>::name) + "(";
  bool first = true;
  for_each_field<T>([&](auto f, auto i) {
    py::object v = get_field<T, decltype(i)::value>(n);
    if (v.is_none()) return;  // None is every optional field's default
    out += (first ? "" : ", ") + std::string(f.name) + "=" + repr_of(v);
    first = false;
  });
  return out + ")";
}

// A snapshot may hold thousands of records: its repr counts them.
template <>
std::string node_repr(Node<Snapshot>& n) {
  std::string out = "<tiaodu.Snapshot";
  for_each_field<Snapshot>([&](auto f, auto i) {
    using M = typename decltype(f)::type;
    out += std::string(" ") + f.name + "=";
    if constexpr (kListField<M>) {
      const py::object slot = n.slots[decltype(i)::value];
      if (slot) out += slot.is_none() ? "None" : std::to_string(py::len(slot));
      else out += (n.value.*f.ptr) ? std::to_string((n.value.*f.ptr)->size()) : "None";
    } else {
      out += repr_of(to_py(n.value.*f.ptr));
    }
  });
  return out + ">";
}

// A field's type as the stub writes it, for the generated signatures.
template <class M>
std::string type_hint() {
  if constexpr (kListField<M>) return "list[" + type_hint<typename list_element<M>::type>() + "] | None";
  else if constexpr (is_optional<M>::value) return type_hint<typename is_optional<M>::type>() + " | None";
  else if constexpr (kDescribedStruct<M>) return NodeInfo<M>::name;
  else if constexpr (kDescribedEnum<M>) return EnumInfo<M>::name;
  else if constexpr (std::is_same_v<M, Date>) return "datetime.date";
  else if constexpr (std::is_same_v<M, std::string>) return "str";
  else if constexpr (std::is_same_v<M, bool>) return "bool";
  else return "int";
}

// "Organization(*, id: str, ..., parent: str | None = None, ...)": required fields first.
template <class T>
std::string signature() {
  std::string required, optional;
  for_each_field<T>([&](auto f, auto) {
    using M = typename decltype(f)::type;
    std::string& to = is_optional<M>::value ? optional : required;
    to += std::string(", ") + f.name + ": " + type_hint<M>() + (is_optional<M>::value ? " = None" : "");
  });
  return std::string(NodeInfo<T>::name) + "(*" + required + optional + ")";
}

// Docstrings must outlive the module's functions: kept here for the process.
const char* keep(std::string text) {
  static std::deque<std::string> texts;
  return texts.emplace_back(std::move(text)).c_str();
}

template <class T>
py::class_<Node<T>> bind_node(py::module_& m, const char* name, const char* doc) {
  NodeInfo<T>::name = name;
  const std::string sig = signature<T>();
  py::class_<Node<T>> cls(m, name, keep(sig + "\n\n" + doc));
  cls.def(py::init([](const py::args& args, const py::kwargs& kwargs) { return make_node<T>(args, kwargs); }),
          keep(sig + "\n\nKeyword arguments only: the spec's fields; those without a default are required."));
  for_each_field<T>([&](auto f, auto i) {
    constexpr std::size_t I = decltype(i)::value;
    cls.def_property(
        f.name, [](Node<T>& n) { return get_field<T, I>(n); },
        [](Node<T>& n, py::handle v) { set_field<T, I>(n, v); });
  });
  cls.def("__eq__", [](const Node<T>& a, py::handle b) -> py::object {
    const Node<T>* other = node_of<T>(b);
    if (!other) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
    return py::bool_(to_cpp(a) == to_cpp(*other));
  });
  cls.attr("__hash__") = py::none();  // mutable: unhashable, like a dataclass
  cls.def("__repr__", [](Node<T>& n) { return node_repr(n); });
  // The state is plain data (tuples of the fields), so any snapshot pickles exactly,
  // including one built by hand and not yet valid, which JSON could not carry.
  cls.def(py::pickle([](const Node<T>& n) { return to_plain(to_cpp(n)); },
                     [](const py::object& state) {
                       return Node<T>{from_plain<T>(state, Path{nullptr, NodeInfo<T>::name})};
                     }));
  py::setattr(cls, "__module__", py::str("tiaodu"));
  return cls;
}

// ---------------------------------------------------------------------------
// Text and files.

// The UTF-8 bytes of a str, or a bytes object's own. They stay valid, and unchanged,
// while the caller holds `h`: str and bytes are immutable.
std::string_view text_of(py::handle h, const Path& where) {
  if (PyUnicode_Check(h.ptr())) {
    Py_ssize_t size = 0;
    const char* data = PyUnicode_AsUTF8AndSize(h.ptr(), &size);
    if (!data) throw py::error_already_set();
    return {data, static_cast<std::size_t>(size)};
  }
  if (PyBytes_Check(h.ptr()))
    return {PyBytes_AS_STRING(h.ptr()), static_cast<std::size_t>(PyBytes_GET_SIZE(h.ptr()))};
  type_mismatch(where, "a str or bytes", h);
}

// os.fspath(h) as a filesystem path (str encoded as the OS does, surrogateescape and all).
std::filesystem::path path_of(py::handle h, const Path& where, py::object& fspath) {
  if (!PyUnicode_Check(h.ptr()) && !PyBytes_Check(h.ptr()) && !py::hasattr(h, "__fspath__"))
    type_mismatch(where, "a str or os.PathLike", h);
  fspath = py::reinterpret_steal<py::object>(PyOS_FSPath(h.ptr()));
  if (!fspath) throw py::error_already_set();
  py::object bytes = PyUnicode_Check(fspath.ptr())
                         ? py::reinterpret_steal<py::object>(PyUnicode_EncodeFSDefault(fspath.ptr()))
                         : fspath;
  if (!bytes) throw py::error_already_set();
  if (!PyBytes_Check(bytes.ptr())) type_mismatch(where, "a str or os.PathLike", h);
  const std::string_view raw(PyBytes_AS_STRING(bytes.ptr()), static_cast<std::size_t>(PyBytes_GET_SIZE(bytes.ptr())));
  if (raw.find('\0') != std::string_view::npos) throw py::value_error(where.str() + ": embedded null byte");
  return std::filesystem::path(std::string(raw));
}

// std::system_error from a loader as the OSError Python would raise (FileNotFoundError,
// PermissionError, IsADirectoryError ... chosen by errno), with the file name.
[[noreturn]] void raise_os_error(const std::system_error& e, const py::object& filename) {
  const auto& cat = e.code().category();
  const bool has_errno = cat == std::generic_category() || cat == std::system_category();
  py::object err = has_errno
                       ? py::reinterpret_borrow<py::object>(PyExc_OSError)(e.code().value(), e.code().message(), filename)
                       : py::reinterpret_borrow<py::object>(PyExc_OSError)(std::string(e.what()));
  PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(err.ptr())), err.ptr());
  throw py::error_already_set();
}

template <class F>
auto load_file(py::handle path, const char* fn, F&& load) {
  py::object fspath;
  const std::filesystem::path p = path_of(path, Path{nullptr, fn}, fspath);
  try {
    py::gil_scoped_release release;
    return load(p);
  } catch (const std::system_error& e) {
    raise_os_error(e, fspath);
  }
}

std::shared_ptr<const Policy> default_policy() {
  static const auto p = std::make_shared<const Policy>();
  return p;
}

const Policy& policy_arg(py::handle h, const Path& where, std::shared_ptr<const Policy>& keep) {
  if (h.is_none()) {
    keep = default_policy();
  } else {
    py::detail::make_caster<PolicyBox> c;
    if (!c.load(h, false)) type_mismatch(where, "a tiaodu.Policy or None", h);
    keep = py::detail::cast_op<PolicyBox&>(c).policy;
  }
  return *keep;
}

py::object param_value(Param p, double v) {
  if (info(p).kind == ValueKind::integer) return py::int_(static_cast<std::int64_t>(v));
  return py::float_(v);
}

Param param_named(py::handle name, const Path& where) {
  const std::string n = str_from_py(name, where);
  const auto p = find_param(n);
  if (!p) throw py::value_error("unknown policy parameter '" + n + "'");
  return *p;
}

std::string policy_repr(const Policy& policy) {
  std::string out;
  for (const ParameterInfo& p : parameters) {
    const auto values = policy.values(p.param);
    if (values.empty()) continue;
    out += (out.empty() ? " " : "; ") + std::string(p.name) + " " +
           py::str(param_value(p.param, p.default_value)).cast<std::string>();
    for (const DatedValue& v : values)
      out += ", from " + format_date(v.from) + ": " + py::str(param_value(p.param, v.value)).cast<std::string>();
  }
  return "<tiaodu.Policy:" + (out.empty() ? std::string(" defaults") : out) + ">";
}

py::object wrap_policy(Policy&& p) {
  return py::cast(PolicyBox{std::make_shared<const Policy>(std::move(p))});
}

}  // namespace

// ---------------------------------------------------------------------------
// Policy as plain data: ((name, ((from, value), ...)), ...) for the parameters the policy
// sets. Read back, it is validated like a policy document.

py::object policy_to_plain(const Policy& p) {
  py::list out;
  for (const ParameterInfo& info : parameters) {
    const auto values = p.values(info.param);
    if (values.empty()) continue;
    py::list vs;
    for (const DatedValue& v : values) vs.append(py::make_tuple(to_py(v.from), py::float_(v.value)));
    out.append(py::make_tuple(py::str(std::string(info.name)), py::tuple(vs)));
  }
  return py::tuple(out);
}

Policy policy_from_plain(py::handle h, const Path& where) {
  Policy policy;
  const py::tuple items = sequence_items(h, where, "a tuple");
  std::array<bool, kParamCount> seen{};
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Path at = where.at(static_cast<Py_ssize_t>(i));
    const py::tuple pair = sequence_items(items[i], at, "a (name, values) pair");
    if (pair.size() != 2) throw py::value_error(at.str() + " must be a (name, values) pair");
    const Param p = param_named(pair[0], at);
    if (seen[static_cast<std::size_t>(p)]) throw py::value_error(at.str() + ": parameter given twice");
    seen[static_cast<std::size_t>(p)] = true;
    const py::tuple values = sequence_items(pair[1], at, "a tuple");
    std::vector<DatedValue> dated;
    for (std::size_t k = 0; k < values.size(); ++k) {
      const Path vat = at.at(static_cast<Py_ssize_t>(k));
      const py::tuple v = sequence_items(values[k], vat, "a (from, value) pair");
      if (v.size() != 2) throw py::value_error(vat.str() + " must be a (from, value) pair");
      dated.push_back(DatedValue{date_value_from_py(v[0], vat.field("from")), float_from_py(v[1], vat.field("value"))});
    }
    policy.set(p, std::move(dated));
  }
  if (auto errors = validate(policy); !errors.empty()) raise_validation_error(errors);
  return policy;
}

// ---------------------------------------------------------------------------

void bind_model(py::module_& m) {
  bind_node<Secretary>(m, "Secretary", "The first responsible person of an organization (clause 6.2).");
  bind_node<Organization>(m, "Organization",
                          "A Party organization of the town (clauses 2, 5.2, 6.2); the root, without "
                          "a parent, is the town committee.");
  bind_node<Check>(m, "Check", "One item checked by a dispatch and its result (clauses 3.1-3.4).");
  bind_node<SupportRequest>(m, "SupportRequest", "Help a dispatched organization asked for (3.2, 3.3).");
  bind_node<Dispatch>(m, "Dispatch", "One inspection of one organization: form A1 (clauses 3, 4).");
  bind_node<Update>(m, "Update", "What the organization reports about a ledger row (A2 整改情况).");
  bind_node<Rectification>(m, "Rectification",
                           "One row of the rectification ledger A2 (clauses 5.1, 5.4).");
  bind_node<LedgerSubmission>(m, "LedgerSubmission",
                              "The paper ledger of a dispatch reaching the town committee (A2).");
  bind_node<LookBack>(m, "LookBack", "A look-back or spot check of one rectification (clause 5.1).");
  auto snapshot = bind_node<Snapshot>(
      m, "Snapshot",
      "What a town's Party-building office knows on a day (format tiaodu/1). Lists are None when "
      "absent; None and [] are kept apart when written back.");

  snapshot.def_static(
      "from_json",
      [](py::handle text) {
        const std::string_view json = text_of(text, Path{nullptr, "Snapshot.from_json(): text"});
        Snapshot s;
        {
          py::gil_scoped_release release;
          s = read_snapshot(json);
        }
        return py::cast(Node<Snapshot>{std::move(s)});
      },
      py::arg("text"),
      "from_json(text: str | bytes) -> Snapshot\n\nReads a tiaodu/1 document. Raises "
      "ValidationError listing every problem.");
  snapshot.def_static(
      "load",
      [](py::handle path) {
        Snapshot s = load_file(path, "Snapshot.load(): path", [](const std::filesystem::path& p) {
          return load_snapshot(p);
        });
        return py::cast(Node<Snapshot>{std::move(s)});
      },
      py::arg("path"),
      "load(path: str | os.PathLike) -> Snapshot\n\nReads a tiaodu/1 file. Raises ValidationError, "
      "or OSError (FileNotFoundError, ...) when it cannot be read.");
  snapshot.def(
      "to_json",
      [](const Node<Snapshot>& n) {
        const Snapshot s = to_cpp(n);
        std::string out;
        {
          py::gil_scoped_release release;
          out = to_json(s);
        }
        return str_to_py(out);
      },
      "to_json() -> str\n\nThe snapshot as a tiaodu/1 document (absent lists stay absent).");

  py::class_<PolicyBox> policy(m, "Policy",
                               "The policy's parameters (format tiaodu-policy/1): every threshold a "
                               "rule uses, each a default and dated values. Immutable.");
  policy.def(py::init([] { return PolicyBox{default_policy()}; }),
             "Policy()\n\nThe spec's defaults.");
  policy.def_static(
      "from_json",
      [](py::handle text) {
        const std::string_view json = text_of(text, Path{nullptr, "Policy.from_json(): text"});
        Policy p;
        {
          py::gil_scoped_release release;
          p = read_policy(json);
        }
        return wrap_policy(std::move(p));
      },
      py::arg("text"), "from_json(text: str | bytes) -> Policy");
  policy.def_static(
      "load",
      [](py::handle path) {
        return wrap_policy(load_file(path, "Policy.load(): path",
                                     [](const std::filesystem::path& p) { return load_policy(p); }));
      },
      py::arg("path"), "load(path: str | os.PathLike) -> Policy");
  policy.def(
      "to_json",
      [](const PolicyBox& b) {
        std::string out;
        {
          py::gil_scoped_release release;
          out = to_json(*b.policy);
        }
        return str_to_py(out);
      },
      "to_json() -> str");
  policy.def(
      "value_at",
      [](const PolicyBox& b, py::handle name, py::handle date) {
        const Param p = param_named(name, Path{nullptr, "Policy.value_at(): name"});
        const Date d = date_value_from_py(date, Path{nullptr, "Policy.value_at(): date"});
        return param_value(p, b.policy->at(p, to_day(d)));
      },
      py::arg("name"), py::arg("date"),
      "value_at(name: str, date: datetime.date) -> int | float\n\nThe value of a parameter in force "
      "on a date: an int, or a float for the shares.");
  policy.def(
      "values",
      [](const PolicyBox& b, py::handle name) {
        const Param p = param_named(name, Path{nullptr, "Policy.values(): name"});
        py::list out;
        for (const DatedValue& v : b.policy->values(p)) out.append(py::make_tuple(to_py(v.from), param_value(p, v.value)));
        return out;
      },
      py::arg("name"),
      "values(name: str) -> list[tuple[datetime.date, int | float]]\n\nThe dated values the policy "
      "gives a parameter, in order ([] when only the default applies).");
  policy.def_static(
      "default",
      [](py::handle name) {
        const Param p = param_named(name, Path{nullptr, "Policy.default(): name"});
        return param_value(p, info(p).default_value);
      },
      py::arg("name"), "default(name: str) -> int | float\n\nThe spec's default of a parameter.");
  {
    py::tuple names(kParamCount);
    for (std::size_t i = 0; i < kParamCount; ++i) names[i] = py::str(std::string(parameters[i].name));
    policy.attr("parameters") = names;
  }
  policy.def("__eq__", [](const PolicyBox& a, py::handle b) -> py::object {
    py::detail::make_caster<PolicyBox> c;
    if (!c.load(b, false)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
    return py::bool_(*a.policy == *py::detail::cast_op<PolicyBox&>(c).policy);
  });
  policy.attr("__hash__") = py::none();
  policy.def("__repr__", [](const PolicyBox& b) { return policy_repr(*b.policy); });
  policy.def(py::pickle([](const PolicyBox& b) { return policy_to_plain(*b.policy); },
                        [](const py::object& state) {
                          return PolicyBox{std::make_shared<const Policy>(
                              policy_from_plain(state, Path{nullptr, "Policy state"}))};
                        }));
  py::setattr(policy, "__module__", py::str("tiaodu"));

  m.def(
      "evaluate",
      [](py::handle snapshot, py::handle as_of, py::handle policy, py::handle threads) {
        Node<Snapshot>* node = node_of<Snapshot>(snapshot);
        if (!node) type_mismatch(Path{nullptr, "evaluate(): snapshot"}, "a tiaodu.Snapshot", snapshot);
        const Date d = date_value_from_py(as_of, Path{nullptr, "evaluate(): as_of"});
        std::shared_ptr<const Policy> keep;
        const Policy& pol = policy_arg(policy, Path{nullptr, "evaluate(): policy"}, keep);
        const std::int64_t n = int_from_py(threads, Path{nullptr, "evaluate(): threads"});
        if (n < 0 || n > 1024) throw py::value_error("evaluate(): threads must be 0 (one per core) to 1024, not " + std::to_string(n));
        // Our own copy: the Python snapshot may change while the GIL is released.
        const Snapshot s = to_cpp(*node);
        Result r;
        {
          py::gil_scoped_release release;
          if (n == 1) {
            r = tiaodu::evaluate(s, pol, d);
          } else {
            const Index index(s);
            r = tiaodu::evaluate(index, pol, d, Options{static_cast<unsigned>(n)});
          }
        }
        return wrap_result(std::move(r));
      },
      py::arg("snapshot"), py::arg("as_of"), py::arg("policy") = py::none(), py::kw_only(),
      py::arg("threads") = 1,
      "evaluate(snapshot: Snapshot, as_of: datetime.date, policy: Policy | None = None, *, "
      "threads: int = 1) -> Result\n\nEvery rule of the policy at as_of (spec section 3). The GIL is "
      "released while it runs. threads > 1 (0: one per core) evaluates independent subtrees in "
      "parallel; the result is the same. Raises ValidationError for an invalid snapshot.");

  m.def(
      "validate",
      [](py::handle snapshot) {
        Node<Snapshot>* node = node_of<Snapshot>(snapshot);
        if (!node) type_mismatch(Path{nullptr, "validate(): snapshot"}, "a tiaodu.Snapshot", snapshot);
        const Snapshot s = to_cpp(*node);
        std::vector<Error> errors;
        {
          py::gil_scoped_release release;
          errors = tiaodu::validate(s);
        }
        return errors_to_py(errors);
      },
      py::arg("snapshot"),
      "validate(snapshot: Snapshot) -> list[Error]\n\nThe meaning checks of spec section 5 "
      "(references, the tree, dates in order ...) on a snapshot built or changed in Python; [] when "
      "it is valid. evaluate() runs them too.");
}

}  // namespace tiaodu::python
