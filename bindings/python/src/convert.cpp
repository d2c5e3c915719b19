// The non-template half of convert.hpp: paths, scalars, dates.
#include "convert.hpp"

#include <datetime.h>

#include <cstdio>

namespace tiaodu::python {

std::string Path::str() const {
  std::string head = parent ? parent->str() : std::string();
  if (index >= 0) return head + "[" + std::to_string(index) + "]";
  if (!name) return head;
  return head.empty() ? std::string(name) : head + "." + name;
}

std::string type_name(py::handle h) {
  // tp_name ("str", "datetime.datetime"), ours without the extension's name
  // ("tiaodu._tiaodu.Check" -> "tiaodu.Check"). No Python code runs.
  if (!h) return "NULL";
  std::string_view full = Py_TYPE(h.ptr())->tp_name;
  constexpr std::string_view ext = "tiaodu._tiaodu.";
  if (full.substr(0, ext.size()) == ext) return "tiaodu." + std::string(full.substr(ext.size()));
  return std::string(full);
}

void type_mismatch(const Path& where, std::string_view expected, py::handle got) {
  std::string msg = where.str() + " must be " + std::string(expected) + ", not " + type_name(got);
  if (got && is_datetime(got.ptr())) msg += " (use .date() to drop the time)";
  throw py::type_error(msg);
}

// ---------------------------------------------------------------------------
// Dates. The datetime C API is a capsule imported once per translation unit (datetime.h
// declares PyDateTimeAPI static): this file is that unit.

namespace {
bool datetime_api() {
  if (!PyDateTimeAPI) PyDateTime_IMPORT;
  return PyDateTimeAPI != nullptr;
}
std::string iso(int y, int m, int d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}
enum class DateRead { ok, not_a_date, out_of_range };
DateRead read_date(PyObject* src, Date& out, std::string* text) {
  if (!datetime_api()) throw py::error_already_set();
  // datetime.datetime is a subclass of date: refused, its time would be silently lost.
  if (!PyDate_Check(src) || PyDateTime_Check(src)) return DateRead::not_a_date;
  const int y = PyDateTime_GET_YEAR(src), m = PyDateTime_GET_MONTH(src), d = PyDateTime_GET_DAY(src);
  const Day day = days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  if (day < kMinSupported || day > kMaxSupported) {
    if (text) *text = iso(y, m, d);
    return DateRead::out_of_range;
  }
  out = Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
             static_cast<unsigned short>(d));
  return DateRead::ok;
}
std::string range_message(const std::string& what, const std::string& date) {
  return what + "date " + date + " is outside the supported range " + format_date(kMinSupported) +
         " to " + format_date(kMaxSupported);
}
}  // namespace

bool is_datetime(PyObject* src) { return datetime_api() && PyDateTime_Check(src); }
bool is_plain_date(PyObject* src) { return datetime_api() && PyDate_Check(src) && !PyDateTime_Check(src); }

bool date_from_py(PyObject* src, Date& out) {
  std::string text;
  switch (read_date(src, out, &text)) {
    case DateRead::ok: return true;
    case DateRead::not_a_date: return false;
    case DateRead::out_of_range: throw py::value_error(range_message("", text));
  }
  return false;
}

Date date_value_from_py(py::handle h, const Path& where) {
  Date out;
  std::string text;
  switch (read_date(h.ptr(), out, &text)) {
    case DateRead::ok: return out;
    case DateRead::not_a_date: type_mismatch(where, "a datetime.date", h);
    case DateRead::out_of_range: throw py::value_error(range_message(where.str() + ": ", text));
  }
  type_mismatch(where, "a datetime.date", h);
}

PyObject* date_to_py(const Date& d) {
  if (!datetime_api()) return nullptr;
  if (d.is_special()) {
    PyErr_SetString(PyExc_ValueError, "not a date");
    return nullptr;
  }
  const auto ymd = d.year_month_day();
  return PyDate_FromDate(static_cast<int>(ymd.year), ymd.month.as_number(), ymd.day.as_number());
}

// ---------------------------------------------------------------------------
// Scalars.

std::string str_from_py(py::handle h, const Path& where) {
  if (!PyUnicode_Check(h.ptr())) type_mismatch(where, "a str", h);
  Py_ssize_t size = 0;
  const char* data = PyUnicode_AsUTF8AndSize(h.ptr(), &size);
  if (!data) throw py::error_already_set();  // UnicodeEncodeError: a lone surrogate
  return std::string(data, static_cast<std::size_t>(size));
}

py::object str_to_py(std::string_view s) {
  PyObject* o = PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "strict");
  if (!o) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(o);
}

bool bool_from_py(py::handle h, const Path& where) {
  if (!PyBool_Check(h.ptr())) type_mismatch(where, "a bool", h);
  return h.ptr() == Py_True;
}

std::int64_t int_from_py(py::handle h, const Path& where) {
  // bool is an int subclass, but True for a count is a mistake, not a 1.
  if (PyBool_Check(h.ptr()) || !PyIndex_Check(h.ptr())) type_mismatch(where, "an int", h);
  py::object index = py::reinterpret_steal<py::object>(PyNumber_Index(h.ptr()));
  if (!index) throw py::error_already_set();
  int overflow = 0;
  const long long v = PyLong_AsLongLongAndOverflow(index.ptr(), &overflow);
  if (overflow != 0) {
    PyErr_SetString(PyExc_OverflowError, (where.str() + " is too large for a 64-bit integer").c_str());
    throw py::error_already_set();
  }
  if (v == -1 && PyErr_Occurred()) throw py::error_already_set();
  return v;
}

double float_from_py(py::handle h, const Path& where) {
  if (PyBool_Check(h.ptr()) || !(PyFloat_Check(h.ptr()) || PyLong_Check(h.ptr())))
    type_mismatch(where, "a float", h);
  const double v = PyFloat_AsDouble(h.ptr());
  if (v == -1.0 && PyErr_Occurred()) throw py::error_already_set();
  return v;
}

py::tuple sequence_items(py::handle h, const Path& where, std::string_view expected) {
  if (PyTuple_Check(h.ptr())) return py::reinterpret_borrow<py::tuple>(h);
  if (PyList_Check(h.ptr())) {
    PyObject* t = PyList_AsTuple(h.ptr());
    if (!t) throw py::error_already_set();
    return py::reinterpret_steal<py::tuple>(t);
  }
  type_mismatch(where, expected, h);
}

std::string repr_of(py::handle value) {
  static PyObject* enum_base = [] {
    return py::object(py::module_::import("enum").attr("Enum")).release().ptr();  // kept for the process
  }();
  if (PyList_Check(value.ptr())) {
    // A list may hold itself, or be nested without end: guarded like list.__repr__ ([...])
    // and by the interpreter's recursion limit (RecursionError), not by the C++ stack.
    const int seen = Py_ReprEnter(value.ptr());
    if (seen != 0) {
      if (seen < 0) throw py::error_already_set();
      return "[...]";
    }
    struct Leave {
      PyObject* o;
      ~Leave() { Py_ReprLeave(o); }
    } leave{value.ptr()};
    if (Py_EnterRecursiveCall(" while getting the repr of a tiaodu object")) throw py::error_already_set();
    struct Exit {
      ~Exit() { Py_LeaveRecursiveCall(); }
    } exit;
    std::string out = "[";
    const py::tuple items = py::reinterpret_steal<py::tuple>(PyList_AsTuple(value.ptr()));
    if (!items) throw py::error_already_set();
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i) out += ", ";
      out += repr_of(items[i]);
    }
    return out + "]";
  }
  const int is_enum = PyObject_IsInstance(value.ptr(), enum_base);
  if (is_enum < 0) throw py::error_already_set();
  return py::str(is_enum ? py::str(value) : py::repr(value)).cast<std::string>();
}

}  // namespace tiaodu::python
