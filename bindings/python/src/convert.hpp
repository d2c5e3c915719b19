// convert.hpp — how values cross between Python and the C++ model.
//
// Every conversion from Python is strict and explicit: a str is a str (not bytes), a
// bool is True or False (not None or 0), an int is an int (not a bool or a float), a date
// is a datetime.date (not a datetime.datetime, whose time would be silently dropped), an
// enum value is a member of its tiaodu enum class (not its name). A wrong type raises
// TypeError naming the place ("Dispatch.checks[2] must be a tiaodu.Check, not str");
// nothing is guessed, so nothing is silently wrong.
//
// Contents:
//   Path                      where a value sits, for error messages (built only on error)
//   date / enum type casters  boost::gregorian::date <-> datetime.date, described enums <->
//                             the enum.Enum subclasses created at import (module.cpp)
//   guarded caster            refuses objects whose __init__ never ran (Cls.__new__(Cls))
//   fields_v<T>               a struct's members as (name, pointer) pairs, from Boost.Describe
//   from_py<M> / to_py        one value, strictly
//   to_plain / from_plain     a value as plain Python data (tuples, lists, scalars): the
//                             pickle state of every tiaodu type
#pragma once

#include "tiaodu/date.hpp"
#include "tiaodu/errors.hpp"
#include "tiaodu/policy.hpp"
#include "tiaodu/result.hpp"

#include <pybind11/pybind11.h>

#include <boost/describe.hpp>
#include <boost/mp11.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace tiaodu::python {

namespace py = pybind11;

// ---------------------------------------------------------------------------
// Where a value sits: "Snapshot.dispatches[3].checks[0]". A chain of stack frames,
// formatted only when an error is raised, so the happy path costs nothing.
struct Path {
  const Path* parent = nullptr;
  const char* name = nullptr;  // a field (or, at the root, the class or function)
  Py_ssize_t index = -1;       // an element of the parent (a list)
  Path field(const char* n) const { return Path{this, n, -1}; }
  Path at(Py_ssize_t i) const { return Path{this, nullptr, i}; }
  std::string str() const;
};

// The name of an object's type for messages: "str", "datetime.datetime", "tiaodu.Check".
std::string type_name(py::handle h);

// Raises TypeError: "<where> must be <expected>, not <type of got>".
[[noreturn]] void type_mismatch(const Path& where, std::string_view expected, py::handle got);

// ---------------------------------------------------------------------------
// Dates (convert.cpp: the datetime C API is imported per translation unit, so it is kept
// in one).

// Reads a datetime.date (never a datetime.datetime) into `out`; false if it is not one.
// Throws ValueError for a date outside the supported range (date.hpp).
bool date_from_py(PyObject* src, Date& out);
// A new datetime.date, or nullptr with a Python error set (a special boost date).
PyObject* date_to_py(const Date& d);
bool is_datetime(PyObject* src);

// ---------------------------------------------------------------------------
// Enums. Each described C++ enum becomes an enum.Enum subclass created at import from
// its Boost.Describe enumerators (module.cpp), so the member lists are written once, in
// the headers. Members are named and valued as the spec names them: OrgKind.committee,
// OrgKind("committee").

template <class E>
inline constexpr bool kDescribedEnum =
    std::is_enum_v<E> && boost::describe::has_describe_enumerators<E>::value;

template <class E>
inline constexpr std::size_t kEnumeratorCount =
    boost::mp11::mp_size<boost::describe::describe_enumerators<E>>::value;

template <class E>
struct EnumInfo {
  // The Python class and its members, by enumerator position. Strong references kept for
  // the life of the process: the classes are never unloaded, and leaking them avoids
  // decrefs after the interpreter has finalized.
  static inline PyObject* type = nullptr;
  static inline std::array<PyObject*, kEnumeratorCount<E>> members{};
  static inline const char* name = "?";  // "OrgKind"

  static std::size_t index(E e) noexcept {
    std::size_t i = 0, found = 0;
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
      if (d.value == e) found = i;
      ++i;
    });
    return found;
  }
  static E at(std::size_t k) noexcept {
    std::size_t i = 0;
    E out{};
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
      if (i++ == k) out = d.value;
    });
    return out;
  }
  static const char* enumerator_name(E e) noexcept {
    const char* out = "?";
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
      if (d.value == e) out = d.name;
    });
    return out;
  }
};

// ---------------------------------------------------------------------------
// Bound C++ types whose methods must never see an object whose __init__ did not run.
// pybind11 hands such an object (made by Cls.__new__(Cls)) to methods as uninitialized
// memory; the guarded caster refuses it with TypeError instead.
template <class T>
struct Guarded : std::false_type {};

}  // namespace tiaodu::python

namespace pybind11::detail {

template <>
struct type_caster<boost::gregorian::date> {
 public:
  PYBIND11_TYPE_CASTER(boost::gregorian::date, const_name("datetime.date"));
  bool load(handle src, bool /*convert*/) {
    return src && tiaodu::python::date_from_py(src.ptr(), value);
  }
  static handle cast(const boost::gregorian::date& d, return_value_policy, handle) {
    return tiaodu::python::date_to_py(d);
  }
};

template <class E>
struct type_caster<E, std::enable_if_t<tiaodu::python::kDescribedEnum<E>>> {
 public:
  PYBIND11_TYPE_CASTER(E, const_name("enum.Enum"));
  bool load(handle src, bool /*convert*/) {
    using Info = tiaodu::python::EnumInfo<E>;
    // Enum members are singletons: identity is membership, and no Python code runs.
    for (std::size_t i = 0; i < Info::members.size(); ++i)
      if (src.ptr() == Info::members[i] && src.ptr() != nullptr) {
        value = Info::at(i);
        return true;
      }
    return false;
  }
  static handle cast(E e, return_value_policy, handle) {
    PyObject* member = tiaodu::python::EnumInfo<E>::members[tiaodu::python::EnumInfo<E>::index(e)];
    if (!member) {
      PyErr_SetString(PyExc_RuntimeError, "tiaodu enums are not initialized");
      return nullptr;
    }
    Py_INCREF(member);
    return member;
  }
};

template <class T>
struct type_caster<T, std::enable_if_t<tiaodu::python::Guarded<T>::value>> : type_caster_base<T> {
  bool load(handle src, bool convert) {
    if (!type_caster_base<T>::load(src, convert)) return false;
    if (src && !src.is_none()) {
      auto* inst = reinterpret_cast<instance*>(src.ptr());
      const auto vh = inst->get_value_and_holder(get_type_info(typeid(T)), false);
      if (vh && !vh.holder_constructed())
        throw type_error(tiaodu::python::type_name(src) +
                         " object was created without calling __init__");
    }
    return true;
  }
};

}  // namespace pybind11::detail

namespace tiaodu::python {

// ---------------------------------------------------------------------------
// Traits.
template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {
  using type = T;
};
template <class T>
struct is_vector : std::false_type {};
template <class T>
struct is_vector<std::vector<T>> : std::true_type {
  using type = T;
};
template <class T>
inline constexpr bool kDescribedStruct =
    std::is_class_v<T> && boost::describe::has_describe_members<T>::value;

// ---------------------------------------------------------------------------
// Fields: a struct's members in declaration (= spec) order.
template <class T, class M>
struct Field {
  const char* name;
  M T::*ptr;
  using type = M;
};
template <class T, class M>
constexpr Field<T, M> make_field(const char* name, M T::*ptr) {
  return {name, ptr};
}
template <class L>
struct fields_from;
template <template <class...> class L, class... D>
struct fields_from<L<D...>> {
  static constexpr auto value = std::make_tuple(make_field(D::name, D::pointer)...);
};
template <class T>
inline constexpr auto fields_v =
    fields_from<boost::describe::describe_members<T, boost::describe::mod_public>>::value;
template <class T>
inline constexpr std::size_t kFieldCount = std::tuple_size_v<std::remove_cvref_t<decltype(fields_v<T>)>>;

// f(field, std::integral_constant<size_t, I>) for each field, in order.
template <class T, class F>
void for_each_field(F&& f) {
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (f(std::get<I>(fields_v<T>), std::integral_constant<std::size_t, I>{}), ...);
  }(std::make_index_sequence<kFieldCount<T>>{});
}

// ---------------------------------------------------------------------------
// Scalars (convert.cpp).
std::string str_from_py(py::handle h, const Path& where);
bool bool_from_py(py::handle h, const Path& where);
std::int64_t int_from_py(py::handle h, const Path& where);
double float_from_py(py::handle h, const Path& where);
Date date_value_from_py(py::handle h, const Path& where);
py::object str_to_py(std::string_view s);

// A tuple holding the elements of a list or tuple: iterating it is safe even if Python
// code mutates the original meanwhile. TypeError (naming `expected`) for anything else.
py::tuple sequence_items(py::handle h, const Path& where, std::string_view expected);

bool is_plain_date(PyObject* src);  // a datetime.date and not a datetime.datetime

// What a scalar field takes, as error messages say it, and whether h is one.
template <class M>
std::string expected_of() {
  if constexpr (std::is_same_v<M, std::string>) return "a str";
  else if constexpr (std::is_same_v<M, bool>) return "a bool";
  else if constexpr (std::is_integral_v<M>) return "an int";
  else if constexpr (std::is_floating_point_v<M>) return "a float";
  else if constexpr (std::is_same_v<M, Date>) return "a datetime.date";
  else if constexpr (kDescribedEnum<M>) return std::string("a tiaodu.") + EnumInfo<M>::name;
  else static_assert(sizeof(M) == 0, "not a scalar");
}
template <class M>
bool accepts(py::handle h) {
  PyObject* o = h.ptr();
  if constexpr (std::is_same_v<M, std::string>) return PyUnicode_Check(o);
  else if constexpr (std::is_same_v<M, bool>) return PyBool_Check(o);
  else if constexpr (std::is_integral_v<M>) return !PyBool_Check(o) && PyIndex_Check(o);
  else if constexpr (std::is_floating_point_v<M>) return !PyBool_Check(o) && (PyFloat_Check(o) || PyLong_Check(o));
  else if constexpr (std::is_same_v<M, Date>) return is_plain_date(o);
  else if constexpr (kDescribedEnum<M>) {
    for (PyObject* m : EnumInfo<M>::members)
      if (o == m && m != nullptr) return true;
    return false;
  } else static_assert(sizeof(M) == 0, "not a scalar");
}

// One value from Python, strictly (see the top of this file).
template <class M>
M from_py(py::handle h, const Path& where) {
  if constexpr (std::is_same_v<M, std::string>) {
    return str_from_py(h, where);
  } else if constexpr (std::is_same_v<M, bool>) {
    return bool_from_py(h, where);
  } else if constexpr (std::is_integral_v<M>) {
    const std::int64_t v = int_from_py(h, where);
    if constexpr (!std::is_same_v<M, std::int64_t>) {
      if (v < static_cast<std::int64_t>(std::numeric_limits<M>::min()) ||
          v > static_cast<std::int64_t>(std::numeric_limits<M>::max()))
        throw py::value_error(where.str() + " is out of range: " + std::to_string(v));
    }
    return static_cast<M>(v);
  } else if constexpr (std::is_floating_point_v<M>) {
    return float_from_py(h, where);
  } else if constexpr (std::is_same_v<M, Date>) {
    return date_value_from_py(h, where);
  } else if constexpr (kDescribedEnum<M>) {
    py::detail::make_caster<M> c;
    if (!c.load(h, false))
      type_mismatch(where, std::string("a tiaodu.") + EnumInfo<M>::name, h);
    return py::detail::cast_op<M>(c);
  } else if constexpr (is_optional<M>::value) {
    using X = typename is_optional<M>::type;
    if (h.is_none()) return std::nullopt;
    if constexpr (!is_vector<X>::value) {
      if (!accepts<X>(h)) type_mismatch(where, expected_of<X>() + " or None", h);
    }
    return from_py<X>(h, where);
  } else if constexpr (is_vector<M>::value) {
    const py::tuple items = sequence_items(h, where, "a list");
    M out;
    out.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i)
      out.push_back(from_py<typename is_vector<M>::type>(items[i], where.at(static_cast<Py_ssize_t>(i))));
    return out;
  } else {
    static_assert(sizeof(M) == 0, "no Python conversion for this type");
  }
}

// One value to Python.
template <class M>
py::object to_py(const M& v) {
  if constexpr (std::is_same_v<M, std::string>) {
    return str_to_py(v);
  } else if constexpr (std::is_same_v<M, bool>) {
    return py::bool_(v);
  } else if constexpr (std::is_integral_v<M>) {
    return py::int_(static_cast<std::int64_t>(v));
  } else if constexpr (std::is_floating_point_v<M>) {
    return py::float_(static_cast<double>(v));
  } else if constexpr (std::is_same_v<M, Date> || kDescribedEnum<M>) {
    PyObject* o = py::detail::make_caster<M>::cast(v, py::return_value_policy::copy, {}).ptr();
    if (!o) throw py::error_already_set();
    return py::reinterpret_steal<py::object>(o);
  } else if constexpr (is_optional<M>::value) {
    if (!v) return py::none();
    return to_py(*v);
  } else if constexpr (is_vector<M>::value) {
    py::list out(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) out[i] = to_py(v[i]);
    return out;
  } else {
    static_assert(sizeof(M) == 0, "no Python conversion for this type");
  }
}

// ---------------------------------------------------------------------------
// Plain data: the pickle state of every type. A struct is a tuple of its fields in
// order, a list a list, a scalar itself. Reading it back is as strict as from_py and
// checks the shape, so a forged or damaged state raises instead of building garbage.

py::object decision_to_plain(const Decision& d);
Decision decision_from_plain(py::handle h, const Path& where);
py::object policy_to_plain(const Policy& p);
Policy policy_from_plain(py::handle h, const Path& where);
py::object fact_value_to_py(const FactValue& v);
FactValue fact_value_from_py(py::handle h, const Path& where);

template <class M>
py::object to_plain(const M& v) {
  if constexpr (std::is_same_v<M, Decision>) {
    return decision_to_plain(v);
  } else if constexpr (std::is_same_v<M, Policy>) {
    return policy_to_plain(v);
  } else if constexpr (kDescribedStruct<M>) {
    py::tuple out(kFieldCount<M>);
    for_each_field<M>([&](auto f, auto i) { out[decltype(i)::value] = to_plain(v.*f.ptr); });
    return out;
  } else if constexpr (is_optional<M>::value) {
    if (!v) return py::none();
    return to_plain(*v);
  } else if constexpr (is_vector<M>::value) {
    py::list out(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) out[i] = to_plain(v[i]);
    return out;
  } else {
    return to_py(v);
  }
}

template <class M>
M from_plain(py::handle h, const Path& where) {
  if constexpr (std::is_same_v<M, Decision>) {
    return decision_from_plain(h, where);
  } else if constexpr (std::is_same_v<M, Policy>) {
    return policy_from_plain(h, where);
  } else if constexpr (kDescribedStruct<M>) {
    const py::tuple items = sequence_items(h, where, "a tuple");
    if (items.size() != kFieldCount<M>)
      throw py::value_error(where.str() + " must have " + std::to_string(kFieldCount<M>) +
                            " fields, not " + std::to_string(items.size()));
    M out{};
    for_each_field<M>([&](auto f, auto i) {
      using F = typename decltype(f)::type;
      out.*f.ptr = from_plain<F>(items[decltype(i)::value], where.field(f.name));
    });
    return out;
  } else if constexpr (is_optional<M>::value) {
    if (h.is_none()) return std::nullopt;
    return from_plain<typename is_optional<M>::type>(h, where);
  } else if constexpr (is_vector<M>::value) {
    const py::tuple items = sequence_items(h, where, "a list");
    M out;
    out.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i)
      out.push_back(from_plain<typename is_vector<M>::type>(items[i], where.at(static_cast<Py_ssize_t>(i))));
    return out;
  } else {
    return from_py<M>(h, where);
  }
}

// ---------------------------------------------------------------------------
// Shared between the translation units.

// The Python Policy: immutable, so a Result and any number of Python objects share one.
struct PolicyBox {
  std::shared_ptr<const Policy> policy;
};
template <>
struct Guarded<PolicyBox> : std::true_type {};
template <>
struct Guarded<Error> : std::true_type {};

// The C++ error raised for bad input becomes tiaodu.ValidationError (module.cpp).
[[noreturn]] void raise_validation_error(const std::vector<Error>& errors);
py::list errors_to_py(const std::vector<Error>& errors);

// A Python Result owning `result` (result.cpp).
py::object wrap_result(Result&& result);

// repr() of a value as str, for the generated __repr__ methods; enum members are written
// "OrgKind.committee" (their str), not "<OrgKind.committee: 'committee'>".
std::string repr_of(py::handle value);

void bind_enums(py::module_& m);
void bind_model(py::module_& m);
void bind_result(py::module_& m);

}  // namespace tiaodu::python
