// tiaodu._tiaodu — the extension module behind `import tiaodu` (tiaodu/__init__.py
// re-exports it). This file: the enums, the errors, and the module itself.
#include "convert.hpp"

#include "tiaodu/check_items.hpp"
#include "tiaodu/evaluate.hpp"
#include "tiaodu/model.hpp"

#include <pybind11/eval.h>
#include <pybind11/options.h>

#include <system_error>

namespace tiaodu::python {

namespace {

// The Python exception class, created at import (below); a strong reference kept for the
// life of the process, like the enum classes.
PyObject* validation_error_type = nullptr;

template <class E>
py::object make_enum(py::module_& m, const char* name, const char* doc) {
  using Info = EnumInfo<E>;
  py::list members;
  boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>(
      [&](auto d) { members.append(py::make_tuple(d.name, d.name)); });
  py::object cls = py::module_::import("enum").attr("Enum")(name, members, py::arg("module") = "tiaodu",
                                                            py::arg("qualname") = name);
  cls.attr("__doc__") = doc;
  Info::name = name;
  Info::type = py::object(cls).release().ptr();
  std::size_t i = 0;
  boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>(
      [&](auto d) { Info::members[i++] = py::object(cls.attr(d.name)).release().ptr(); });
  m.attr(name) = cls;
  return cls;
}

// Adds a read-only property to an enum class: CheckItem.dues_records.category.
template <class E, class F>
void enum_property(py::object& cls, const char* name, F&& get, const char* doc) {
  py::cpp_function getter(
      [get = std::forward<F>(get)](py::handle self) {
        return get(from_py<E>(self, Path{nullptr, EnumInfo<E>::name}));
      },
      py::name(name));
  cls.attr(name) = py::module_::import("builtins").attr("property")(getter, py::none(), py::none(), doc);
}

const char* kValidationErrorSource = R"PY(
class ValidationError(ValueError):
    """Bad input: a document or a model that breaks the format (spec section 5).

    ``errors`` lists every problem found (not only the first), each a tiaodu.Error with
    ``path`` (a JSON Pointer, "" for the whole document), ``code`` (a string of spec
    section 5, e.g. "unknown_ref") and ``message`` (a sentence naming the value).
    """

    def __init__(self, errors=()):
        errors = list(errors)
        super().__init__(errors)
        self.errors = errors

    def __str__(self):
        def line(e):
            return f"{e.path or '(document)'}: {e.message} [{e.code}]"
        n = len(self.errors)
        if n == 0:
            return "invalid input"
        if n == 1:
            return line(self.errors[0])
        shown = "\n  ".join(line(e) for e in self.errors[:10])
        more = f"\n  ... and {n - 10} more" if n > 10 else ""
        return f"{n} problems:\n  {shown}{more}"
)PY";

void set_validation_error(const std::vector<Error>& errors) {
  try {
    py::object exc = py::reinterpret_borrow<py::object>(validation_error_type)(errors_to_py(errors));
    PyErr_SetObject(validation_error_type, exc.ptr());
  } catch (py::error_already_set& e) {
    e.restore();  // e.g. MemoryError while building the list: that one is raised
  }
}

}  // namespace

py::list errors_to_py(const std::vector<Error>& errors) {
  py::list out(errors.size());
  for (std::size_t i = 0; i < errors.size(); ++i) out[i] = py::cast(errors[i]);
  return out;
}

void raise_validation_error(const std::vector<Error>& errors) {
  set_validation_error(errors);
  throw py::error_already_set();
}

void bind_enums(py::module_& m) {
  make_enum<OrgKind>(m, "OrgKind", "The kinds of organization in the town's tree (clauses 2, 6.2).");
  make_enum<DispatchForm>(m, "DispatchForm", "现场调度 on_site or 集中调度 centralized (clause 4.1).");
  make_enum<CheckResult>(m, "CheckResult", "The result of one check of a dispatch.");
  make_enum<UpdateStatus>(m, "UpdateStatus", "What an organization reports about a ledger row (A2).");
  make_enum<LookBackKind>(m, "LookBackKind", "回头看 look_back or 巡回抽检 spot_check (clause 5.1).");
  make_enum<Finding>(m, "Finding", "What a look-back or spot check finds (clause 5.1).");
  py::object category = make_enum<Category>(m, "Category", "The content categories of a dispatch (clauses 3.1-3.4).");
  enum_property<Category>(category, "zh", [](Category c) { return str_to_py(category_zh(c)); }, "The policy's heading.");
  enum_property<Category>(category, "en", [](Category c) { return str_to_py(category_en(c)); }, "An English heading.");
  enum_property<Category>(category, "clause", [](Category c) { return str_to_py(category_clause(c)); }, "The clause id.");
  py::object item = make_enum<CheckItem>(m, "CheckItem", "What a dispatch checks (clauses 3.1-3.4, 6.1).");
  enum_property<CheckItem>(item, "category", [](CheckItem c) { return to_py(info(c).category); }, "Its Category.");
  enum_property<CheckItem>(item, "zh", [](CheckItem c) { return str_to_py(info(c).zh); }, "As the policy words it.");
  enum_property<CheckItem>(item, "en", [](CheckItem c) { return str_to_py(info(c).en); }, "An English label.");
  enum_property<CheckItem>(item, "clause", [](CheckItem c) { return str_to_py(info(c).clause); }, "The clause id.");
  py::object rule = make_enum<Rule>(m, "Rule", "The rules, in the order decisions are written (spec 3.3).");
  enum_property<Rule>(rule, "clause", [](Rule r) { return str_to_py(clause_of(r)); }, "The clause the rule encodes.");
  make_enum<EscalationLevel>(m, "EscalationLevel", "函询 written_inquiry, 约谈 talk, 通报 notice (clause 5.4).");
  make_enum<TriggerKind>(m, "TriggerKind", "What can lead to an admonishment talk (clause 5.2).");
  make_enum<RatingReason>(m, "RatingReason", "The reasons for an unqualified year-end rating (clause 5.3).");
  make_enum<ItemStatus>(m, "ItemStatus", "The state of a rectification (spec 3.2).");
}

}  // namespace tiaodu::python

PYBIND11_MODULE(_tiaodu, m) {
  using namespace tiaodu;
  using namespace tiaodu::python;

  // Signatures are written into the docstrings by hand: the arguments are taken as
  // plain objects and checked here, so that a wrong type gets a message that names it.
  py::options options;
  options.disable_function_signatures();

  m.doc() = "The Xilian monthly-dispatch policy (韶武西委〔2023〕15号), executable.";
  m.attr("__version__") = tiaodu::version();

  bind_enums(m);

  py::class_<Error> error(m, "Error",
                          "One problem in bad input: path (a JSON Pointer), code (spec section 5) "
                          "and message. A record, not an exception: ValidationError.errors holds them.");
  error.def(py::init([](py::handle path, py::handle code, py::handle message) {
              const Path where{nullptr, "Error()"};
              Error e;
              e.path = str_from_py(path, where.field("path"));
              const std::string c = str_from_py(code, where.field("code"));
              const auto parsed = parse_error_code(c);
              if (!parsed) throw py::value_error("Error(): unknown error code '" + c + "'");
              e.code = *parsed;
              e.message = str_from_py(message, where.field("message"));
              return e;
            }),
            py::arg("path"), py::arg("code"), py::arg("message"),
            "Error(path: str, code: str, message: str)");
  error.def_property_readonly("path", [](const Error& e) { return str_to_py(e.path); });
  error.def_property_readonly("code", [](const Error& e) { return str_to_py(to_string(e.code)); });
  error.def_property_readonly("message", [](const Error& e) { return str_to_py(e.message); });
  error.def("__eq__", [](const Error& a, py::handle b) -> py::object {
    py::detail::make_caster<Error> c;
    if (!c.load(b, false)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
    return py::bool_(a == py::detail::cast_op<Error&>(c));
  });
  error.def("__hash__", [](const Error& e) {
    return py::hash(py::make_tuple(str_to_py(e.path), str_to_py(to_string(e.code)), str_to_py(e.message)));
  });
  error.def("__repr__", [](const Error& e) {
    return "Error(path=" + repr_of(str_to_py(e.path)) + ", code=" + repr_of(str_to_py(to_string(e.code))) +
           ", message=" + repr_of(str_to_py(e.message)) + ")";
  });
  error.def(py::pickle(
      [](const Error& e) { return py::make_tuple(str_to_py(e.path), str_to_py(to_string(e.code)), str_to_py(e.message)); },
      [](const py::tuple& t) {
        const Path where{nullptr, "Error state"};
        if (t.size() != 3) throw py::value_error("Error state must have 3 fields");
        Error e;
        e.path = str_from_py(t[0], where.field("path"));
        const auto code = parse_error_code(str_from_py(t[1], where.field("code")));
        if (!code) throw py::value_error("Error state: unknown error code");
        e.code = *code;
        e.message = str_from_py(t[2], where.field("message"));
        return e;
      }));
  py::setattr(error, "__module__", py::str("tiaodu"));

  {
    py::dict ns;
    ns["__name__"] = "tiaodu";
    py::exec(kValidationErrorSource, ns);
    validation_error_type = py::object(ns["ValidationError"]).release().ptr();
    m.attr("ValidationError") = py::handle(validation_error_type);
  }

  // Every C++ exception becomes a Python one (pybind11 turns the rest into RuntimeError,
  // MemoryError, ValueError ...): nothing escapes, nothing aborts.
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const tiaodu::ValidationError& e) {
      set_validation_error(e.errors());
    } catch (const std::system_error& e) {
      const auto& cat = e.code().category();
      if (cat == std::generic_category() || cat == std::system_category()) {
        errno = e.code().value();
        PyErr_SetFromErrno(PyExc_OSError);
      } else {
        PyErr_SetString(PyExc_OSError, e.what());
      }
    } catch (const std::out_of_range& e) {
      // evaluate(): an as_of outside the supported range (pybind11 would say IndexError).
      PyErr_SetString(PyExc_ValueError, e.what());
    }
  });

  bind_model(m);
  bind_result(m);
}
