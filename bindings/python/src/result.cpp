// The result of evaluate(): read in place, never copied.
//
// The C++ Result is owned by a shared_ptr. result.decisions (items, scores, ...) is a
// view of one of its vectors: len, indexing and iteration make one small Python object
// per element asked for, which points into the Result and keeps it alive; a field is
// converted when it is read. A result of 100 000 decisions costs nothing until it is
// looked at, and looking at one decision costs one decision.
#include "convert.hpp"

#include "tiaodu/json.hpp"

#include <variant>

namespace tiaodu::python {

namespace {

// One element of a result (or a part of one: a trigger, a text). `owner` keeps the
// memory `p` points into alive: the Result, or the element's own block once unpickled.
template <class T>
struct Ref {
  std::shared_ptr<const void> owner;
  const T* p;
};

template <class T>
struct View {
  std::shared_ptr<const void> owner;
  const std::vector<T>* items;
  const char* what;  // "decisions"
};

template <class T>
struct ViewIterator {
  View<T> view;
  std::size_t next = 0;
};

struct ResultBox {
  std::shared_ptr<const Result> result;
};

template <class T>
struct RefInfo {
  static inline const char* name = "?";
};

}  // namespace

template <class T>
struct Guarded<Ref<T>> : std::true_type {};
template <class T>
struct Guarded<View<T>> : std::true_type {};
template <class T>
struct Guarded<ViewIterator<T>> : std::true_type {};
template <>
struct Guarded<ResultBox> : std::true_type {};

namespace {

template <class T>
const T* ref_of(py::handle h) {
  py::detail::make_caster<Ref<T>> c;
  if (!h || !c.load(h, false)) return nullptr;
  return py::detail::cast_op<Ref<T>&>(c).p;
}

template <class T>
py::object make_ref(const std::shared_ptr<const void>& owner, const T& x) {
  return py::cast(Ref<T>{owner, &x});
}

// ---------------------------------------------------------------------------
// Decision: not described in result.hpp (its facts are a variant), so its fields are
// listed here, in the header's order.
constexpr auto kDecisionFields = std::make_tuple(
    make_field("rule", &Decision::rule), make_field("clause", &Decision::clause),
    make_field("org", &Decision::org), make_field("month", &Decision::month),
    make_field("year", &Decision::year), make_field("dispatch", &Decision::dispatch),
    make_field("item", &Decision::item), make_field("due", &Decision::due),
    make_field("submitted", &Decision::submitted), make_field("days_late", &Decision::days_late),
    make_field("reported_on", &Decision::reported_on), make_field("overdue", &Decision::overdue),
    make_field("conductor", &Decision::conductor), make_field("triggers", &Decision::triggers),
    make_field("person", &Decision::person), make_field("level", &Decision::level),
    make_field("items", &Decision::items), make_field("points", &Decision::points),
    make_field("codes", &Decision::codes), make_field("facts", &Decision::facts),
    make_field("text", &Decision::text));
constexpr std::size_t kDecisionFieldCount = std::tuple_size_v<decltype(kDecisionFields)>;

template <class F>
void for_each_decision_field(F&& f) {
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (f(std::get<I>(kDecisionFields), std::integral_constant<std::size_t, I>{}), ...);
  }(std::make_index_sequence<kDecisionFieldCount>{});
}

bool is_rating(Rule r) { return r == Rule::unqualified_rating || r == Rule::rating_risk; }

py::dict facts_dict(const Decision& d) {
  py::dict out;
  for (const Fact& f : d.facts) out[str_to_py(f.name)] = fact_value_to_py(f.value);
  return out;
}

// A decision's field as Python sees it; parts (triggers, text) point into the owner.
template <class M>
py::object decision_field(const std::shared_ptr<const void>& owner, const M& v) {
  if constexpr (std::is_same_v<M, std::optional<std::vector<Trigger>>>) {
    if (!v) return py::none();
    py::list out(v->size());
    for (std::size_t i = 0; i < v->size(); ++i) out[i] = make_ref(owner, (*v)[i]);
    return out;
  } else if constexpr (std::is_same_v<M, Text>) {
    return make_ref(owner, v);
  } else {
    return to_py(v);
  }
}

// decision.reasons as in the JSON: the reason codes for the two rating rules, the facts
// for every other rule.
py::object decision_reasons(const Decision& d) {
  if (is_rating(d.rule)) return to_py(d.codes.value_or(std::vector<RatingReason>{}));
  return facts_dict(d);
}

std::string decision_repr(const Ref<Decision>& r) {
  const Decision& d = *r.p;
  std::string out = "Decision(";
  bool first = true;
  for_each_decision_field([&](auto f, auto) {
    using M = typename decltype(f)::type;
    if constexpr (std::is_same_v<M, std::vector<Fact>> || std::is_same_v<M, Text>) {
      return;  // facts and the sentence: read them as decision.facts and decision.text
    } else {
      if (std::string_view(f.name) == "clause" || std::string_view(f.name) == "codes") return;
      py::object v = decision_field(r.owner, d.*f.ptr);
      if (v.is_none()) return;
      out += (first ? "" : ", ") + std::string(f.name) + "=" + repr_of(v);
      first = false;
    }
  });
  if (is_rating(d.rule)) out += ", reasons=" + repr_of(decision_reasons(d));
  return out + ")";
}

template <class T>
std::string ref_repr(const Ref<T>& r) {
  std::string out = std::string(RefInfo<T>::name) + "(";
  bool first = true;
  for_each_field<T>([&](auto f, auto) {
    py::object v = to_py(r.p->*f.ptr);
    if (v.is_none()) return;
    out += (first ? "" : ", ") + std::string(f.name) + "=" + repr_of(v);
    first = false;
  });
  return out + ")";
}

template <class T>
void bind_ref_common(py::class_<Ref<T>>& cls) {
  cls.def("__eq__", [](const Ref<T>& a, py::handle b) -> py::object {
    const T* other = ref_of<T>(b);
    if (!other) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
    return py::bool_(*a.p == *other);
  });
  cls.attr("__hash__") = py::none();
  cls.def(py::pickle([](const Ref<T>& r) { return to_plain(*r.p); },
                     [](const py::object& state) {
                       auto own = std::make_shared<const T>(from_plain<T>(state, Path{nullptr, RefInfo<T>::name}));
                       return Ref<T>{own, own.get()};
                     }));
  py::setattr(cls, "__module__", py::str("tiaodu"));
}

template <class T>
void bind_ref(py::module_& m, const char* name, const char* doc) {
  RefInfo<T>::name = name;
  py::class_<Ref<T>> cls(m, name, doc);
  for_each_field<T>([&](auto f, auto i) {
    constexpr std::size_t I = decltype(i)::value;
    cls.def_property_readonly(f.name, [](const Ref<T>& r) {
      return to_py(r.p->*std::get<I>(fields_v<T>).ptr);
    });
  });
  cls.def("__repr__", &ref_repr<T>);
  bind_ref_common(cls);
}

void bind_decision(py::module_& m) {
  RefInfo<Decision>::name = "Decision";
  py::class_<Ref<Decision>> cls(m, "Decision",
                                "One decision of a rule (spec section 3.3), with the clause it applies, "
                                "its reasons and a sentence in Chinese and English.");
  for_each_decision_field([&](auto f, auto i) {
    [[maybe_unused]] constexpr std::size_t I = decltype(i)::value;
    using M = typename decltype(f)::type;
    if constexpr (std::is_same_v<M, std::vector<Fact>>) {
      cls.def_property_readonly("facts", [](const Ref<Decision>& r) { return facts_dict(*r.p); },
                                "The facts and parameter values that made the decision, by name.");
    } else if constexpr (std::is_same_v<M, std::optional<std::vector<RatingReason>>>) {
      // Exposed as `reasons`, as in the JSON.
    } else {
      cls.def_property_readonly(f.name, [](const Ref<Decision>& r) {
        return decision_field(r.owner, r.p->*std::get<I>(kDecisionFields).ptr);
      });
    }
  });
  cls.def_property_readonly(
      "reasons", [](const Ref<Decision>& r) { return decision_reasons(*r.p); },
      "As in the JSON: the sorted RatingReason codes for unqualified_rating and rating_risk, the "
      "facts (a dict) for every other rule.");
  cls.def("__repr__", &decision_repr);
  bind_ref_common(cls);
}

// ---------------------------------------------------------------------------
// Views.

template <class T>
py::object view_item(const View<T>& v, std::size_t i) {
  return make_ref(v.owner, (*v.items)[i]);
}

template <class T>
void bind_view(py::module_& m, const char* name) {
  const std::string iter_name = std::string(name) + "Iterator";
  py::class_<ViewIterator<T>> it(m, iter_name.c_str());
  it.def("__iter__", [](py::handle self) { return py::reinterpret_borrow<py::object>(self); });
  it.def("__next__", [](ViewIterator<T>& s) {
    if (s.next >= s.view.items->size()) throw py::stop_iteration();
    return view_item(s.view, s.next++);
  });
  py::setattr(it, "__module__", py::str("tiaodu"));

  py::class_<View<T>> cls(m, name, "A read-only sequence of a result's records, read in place.");
  cls.def("__len__", [](const View<T>& v) { return v.items->size(); });
  cls.def("__getitem__", [](const View<T>& v, py::handle key) -> py::object {
    const auto n = static_cast<Py_ssize_t>(v.items->size());
    if (PySlice_Check(key.ptr())) {
      Py_ssize_t start = 0, stop = 0, step = 0;
      if (PySlice_Unpack(key.ptr(), &start, &stop, &step) < 0) throw py::error_already_set();
      const Py_ssize_t count = PySlice_AdjustIndices(n, &start, &stop, step);
      py::list out(static_cast<std::size_t>(count));
      for (Py_ssize_t k = 0, i = start; k < count; ++k, i += step)
        out[static_cast<std::size_t>(k)] = view_item(v, static_cast<std::size_t>(i));
      return out;
    }
    if (PyBool_Check(key.ptr()) || !PyIndex_Check(key.ptr()))
      throw py::type_error(std::string(v.what) + " indices must be integers or slices, not " + type_name(key));
    const Py_ssize_t raw = PyNumber_AsSsize_t(key.ptr(), PyExc_IndexError);
    if (raw == -1 && PyErr_Occurred()) throw py::error_already_set();
    const Py_ssize_t i = raw < 0 ? raw + n : raw;
    if (i < 0 || i >= n) throw py::index_error(std::string(v.what) + " index out of range");
    return view_item(v, static_cast<std::size_t>(i));
  });
  cls.def("__iter__", [](const View<T>& v) { return ViewIterator<T>{v, 0}; });
  cls.def("__contains__", [](const View<T>& v, py::handle x) {
    const T* p = ref_of<T>(x);
    if (!p) return false;
    for (const T& e : *v.items)
      if (e == *p) return true;
    return false;
  });
  cls.def("count", [](const View<T>& v, py::handle x) {
    const T* p = ref_of<T>(x);
    std::size_t n = 0;
    if (p)
      for (const T& e : *v.items) n += e == *p;
    return n;
  });
  cls.def("index", [](const View<T>& v, py::handle x) {
    const T* p = ref_of<T>(x);
    if (p)
      for (std::size_t i = 0; i < v.items->size(); ++i)
        if ((*v.items)[i] == *p) return i;
    throw py::value_error("not in " + std::string(v.what));
  });
  cls.def("__eq__", [](const View<T>& a, py::handle b) -> py::object {
    py::detail::make_caster<View<T>> c;
    if (c.load(b, false)) return py::bool_(*a.items == *py::detail::cast_op<View<T>&>(c).items);
    if (!PyList_Check(b.ptr()) && !PyTuple_Check(b.ptr()))
      return py::reinterpret_borrow<py::object>(Py_NotImplemented);
    const py::tuple other = sequence_items(b, Path{}, "a list");
    if (other.size() != a.items->size()) return py::bool_(false);
    for (std::size_t i = 0; i < other.size(); ++i) {
      const T* p = ref_of<T>(other[i]);
      if (!p || !(*p == (*a.items)[i])) return py::bool_(false);
    }
    return py::bool_(true);
  });
  cls.attr("__hash__") = py::none();
  cls.def("__repr__", [](const View<T>& v) {
    return "<" + std::to_string(v.items->size()) + " " + v.what + ">";
  });
  // Pickled as the list it reads as.
  cls.def("__reduce__", [](py::handle self) {
    return py::make_tuple(py::module_::import("builtins").attr("list"),
                          py::make_tuple(py::module_::import("builtins").attr("list")(self)));
  });
  py::setattr(cls, "__module__", py::str("tiaodu"));
  py::module_::import("collections.abc").attr("Sequence").attr("register")(cls);
}

template <class T>
py::object make_view(const ResultBox& r, const std::vector<T>& items, const char* what) {
  return py::cast(View<T>{r.result, &items, what});
}

std::string result_repr(const Result& r) {
  return "<tiaodu.Result as_of=" + format_date(r.as_of) + " decisions=" + std::to_string(r.decisions.size()) +
         " items=" + std::to_string(r.items.size()) + " scores=" + std::to_string(r.scores.size()) +
         " assessments=" + std::to_string(r.assessments.size()) +
         " good_practices=" + std::to_string(r.good_practices.size()) +
         " support_requests=" + std::to_string(r.support_requests.size()) + ">";
}

py::object result_to_plain(const Result& r) {
  return py::make_tuple(to_py(r.as_of), policy_to_plain(r.policy), to_plain(r.decisions), to_plain(r.items),
                        to_plain(r.scores), to_plain(r.assessments), to_plain(r.good_practices),
                        to_plain(r.support_requests));
}

Result result_from_plain(py::handle h) {
  const Path where{nullptr, "Result state"};
  const py::tuple t = sequence_items(h, where, "a tuple");
  if (t.size() != 8) throw py::value_error("Result state must have 8 fields, not " + std::to_string(t.size()));
  Result r;
  r.as_of = date_value_from_py(t[0], where.field("as_of"));
  r.policy = policy_from_plain(t[1], where.field("policy"));
  r.decisions = from_plain<std::vector<Decision>>(t[2], where.field("decisions"));
  r.items = from_plain<std::vector<ItemState>>(t[3], where.field("items"));
  r.scores = from_plain<std::vector<Score>>(t[4], where.field("scores"));
  r.assessments = from_plain<std::vector<Assessment>>(t[5], where.field("assessments"));
  r.good_practices = from_plain<std::vector<GoodPracticeEntry>>(t[6], where.field("good_practices"));
  r.support_requests = from_plain<std::vector<SupportRequestEntry>>(t[7], where.field("support_requests"));
  return r;
}

}  // namespace

// ---------------------------------------------------------------------------
// Facts and decisions as plain data.

py::object fact_value_to_py(const FactValue& v) {
  return std::visit([](const auto& x) { return to_py(x); }, v);
}

FactValue fact_value_from_py(py::handle h, const Path& where) {
  PyObject* o = h.ptr();
  if (PyBool_Check(o)) return bool_from_py(h, where);
  if (PyLong_Check(o)) return int_from_py(h, where);
  if (PyFloat_Check(o)) return float_from_py(h, where);
  if (PyUnicode_Check(o)) return str_from_py(h, where);
  if (PyList_Check(o) || PyTuple_Check(o)) return from_py<std::vector<std::string>>(h, where);
  return date_value_from_py(h, where);  // TypeError for anything else
}

py::object decision_to_plain(const Decision& d) {
  py::tuple out(kDecisionFieldCount);
  for_each_decision_field([&](auto f, auto i) {
    using M = typename decltype(f)::type;
    if constexpr (std::is_same_v<M, std::vector<Fact>>) {
      py::list facts(d.facts.size());
      for (std::size_t k = 0; k < d.facts.size(); ++k)
        facts[k] = py::make_tuple(str_to_py(d.facts[k].name), fact_value_to_py(d.facts[k].value));
      out[decltype(i)::value] = facts;
    } else {
      out[decltype(i)::value] = to_plain(d.*f.ptr);
    }
  });
  return out;
}

Decision decision_from_plain(py::handle h, const Path& where) {
  const py::tuple t = sequence_items(h, where, "a tuple");
  if (t.size() != kDecisionFieldCount)
    throw py::value_error(where.str() + " must have " + std::to_string(kDecisionFieldCount) + " fields, not " +
                          std::to_string(t.size()));
  Decision d;
  for_each_decision_field([&](auto f, auto i) {
    using M = typename decltype(f)::type;
    const Path at = where.field(f.name);
    py::handle v = t[decltype(i)::value];
    if constexpr (std::is_same_v<M, std::vector<Fact>>) {
      const py::tuple facts = sequence_items(v, at, "a list");
      for (std::size_t k = 0; k < facts.size(); ++k) {
        const Path fat = at.at(static_cast<Py_ssize_t>(k));
        const py::tuple pair = sequence_items(facts[k], fat, "a (name, value) pair");
        if (pair.size() != 2) throw py::value_error(fat.str() + " must be a (name, value) pair");
        d.facts.push_back(Fact{str_from_py(pair[0], fat), fact_value_from_py(pair[1], fat)});
      }
    } else {
      d.*f.ptr = from_plain<M>(v, at);
    }
  });
  return d;
}

py::object wrap_result(Result&& result) {
  return py::cast(ResultBox{std::make_shared<const Result>(std::move(result))});
}

void bind_result(py::module_& m) {
  bind_decision(m);
  bind_ref<Trigger>(m, "Trigger", "What led to an admonishment talk (5.2): kind, date, and the id it refers to.");
  bind_ref<Text>(m, "Text", "A decision's sentence for people, in Chinese (zh) and English (en).");
  bind_ref<ItemState>(m, "ItemState", "A rectification as it stands at the as-of date (spec 3.2, 3.6).");
  bind_ref<Score>(m, "Score", "A monthly score and its rank among peers (5.3, spec 3.4).");
  bind_ref<Assessment>(m, "Assessment", "The year-end assessment of an organization (5.4, spec 3.5).");
  bind_ref<GoodPracticeEntry>(m, "GoodPracticeEntry", "A good practice recorded by a dispatch (4.2).");
  bind_ref<SupportRequestEntry>(m, "SupportRequestEntry", "Help asked for at a dispatch (3.2, 3.3).");

  bind_view<Decision>(m, "_Decisions");
  bind_view<ItemState>(m, "_Items");
  bind_view<Score>(m, "_Scores");
  bind_view<Assessment>(m, "_Assessments");
  bind_view<GoodPracticeEntry>(m, "_GoodPractices");
  bind_view<SupportRequestEntry>(m, "_SupportRequests");

  py::class_<ResultBox> cls(m, "Result",
                            "What evaluate() decides (format tiaodu-result/1). Immutable; its lists are "
                            "read-only sequences read in place.");
  cls.def_property_readonly("as_of", [](const ResultBox& r) { return to_py(r.result->as_of); });
  cls.def_property_readonly("policy", [](const ResultBox& r) {
    return py::cast(PolicyBox{std::shared_ptr<const Policy>(r.result, &r.result->policy)});
  });
  cls.def_property_readonly("decisions", [](const ResultBox& r) { return make_view(r, r.result->decisions, "decisions"); });
  cls.def_property_readonly("items", [](const ResultBox& r) { return make_view(r, r.result->items, "items"); });
  cls.def_property_readonly("scores", [](const ResultBox& r) { return make_view(r, r.result->scores, "scores"); });
  cls.def_property_readonly("assessments",
                            [](const ResultBox& r) { return make_view(r, r.result->assessments, "assessments"); });
  cls.def_property_readonly("good_practices", [](const ResultBox& r) {
    return make_view(r, r.result->good_practices, "good_practices");
  });
  cls.def_property_readonly("support_requests", [](const ResultBox& r) {
    return make_view(r, r.result->support_requests, "support_requests");
  });
  cls.def(
      "to_json",
      [](const ResultBox& r) {
        std::string out;
        {
          py::gil_scoped_release release;
          out = to_json(*r.result);
        }
        return str_to_py(out);
      },
      "to_json() -> str\n\nThe tiaodu-result/1 document: the same bytes as `tiaodu evaluate --format json`.");
  cls.def(
      "to_dict",
      [](const ResultBox& r) {
        std::string out;
        {
          py::gil_scoped_release release;
          out = to_json(*r.result);
        }
        return py::module_::import("json").attr("loads")(str_to_py(out));
      },
      "to_dict() -> dict\n\njson.loads(self.to_json()): the document as dicts, lists and strings.");
  cls.def("__eq__", [](const ResultBox& a, py::handle b) -> py::object {
    py::detail::make_caster<ResultBox> c;
    if (!c.load(b, false)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
    return py::bool_(*a.result == *py::detail::cast_op<ResultBox&>(c).result);
  });
  cls.attr("__hash__") = py::none();
  cls.def("__repr__", [](const ResultBox& r) { return result_repr(*r.result); });
  cls.def(py::pickle([](const ResultBox& r) { return result_to_plain(*r.result); },
                     [](const py::object& state) {
                       return ResultBox{std::make_shared<const Result>(result_from_plain(state))};
                     }));
  py::setattr(cls, "__module__", py::str("tiaodu"));
}

}  // namespace tiaodu::python
