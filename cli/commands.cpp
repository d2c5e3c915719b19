// The commands behind `tiaodu` (see commands.hpp).
#include "commands.hpp"

#include "forms.hpp"
#include "report.hpp"
#include "text_width.hpp"

#include "tiaodu/errors.hpp"
#include "tiaodu/evaluate.hpp"
#include "tiaodu/index.hpp"
#include "tiaodu/json.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <system_error>

namespace tiaodu::cli {

namespace {

// One line on stderr: "tiaodu: <what>". Values quoted in it may come from the command
// line or a file, so they are made terminal-safe.
int fail(Io& io, int code, std::string_view what) {
  io.err << "tiaodu: " << terminal_safe(what) << '\n';
  return code;
}

std::string display_name(std::string_view path) { return path == "-" ? "<stdin>" : std::string(path); }

// The whole file (or standard input for "-"), or a usage error.
std::optional<std::string> read_input(const std::string& path, Io& io, int& code) {
  if (path == "-") {
    std::string text;
    char buf[1 << 16];
    while (io.in.read(buf, sizeof buf) || io.in.gcount() > 0)
      text.append(buf, static_cast<std::size_t>(io.in.gcount()));
    if (io.in.bad()) {
      code = fail(io, kUsage, "cannot read standard input");
      return std::nullopt;
    }
    return text;
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    code = fail(io, kUsage, "cannot read '" + path + "': is a directory");
    return std::nullopt;
  }
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) {
    code = fail(io, kUsage, "cannot read '" + path + "': " + std::strerror(errno));
    return std::nullopt;
  }
  std::string text;
  char buf[1 << 16];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0) text.append(buf, n);
  if (std::ferror(f.get())) {
    code = fail(io, kUsage, "cannot read '" + path + "': " + std::strerror(errno));
    return std::nullopt;
  }
  return text;
}

// "FILE#/json/pointer: code: message", one line per error (RFC 6901 section 6 writes
// a pointer into a document as a URI fragment).
void print_errors(Io& io, std::string_view file, const std::vector<Error>& errors) {
  for (const Error& e : errors)
    io.err << terminal_safe(display_name(file)) << '#' << terminal_safe(e.path) << ": "
           << to_string(e.code) << ": " << terminal_safe(e.message) << '\n';
}

// The snapshot and policy of a command, read and checked; or the exit code.
struct Inputs {
  Snapshot snapshot;
  Policy policy;
};

std::optional<Inputs> load(const std::string& file, const std::optional<std::string>& policy_file,
                           Format format, Io& io, int& code) {
  if (file == "-" && policy_file && *policy_file == "-") {
    code = fail(io, kUsage, "FILE and --policy cannot both be '-' (standard input)");
    return std::nullopt;
  }
  auto snapshot_text = read_input(file, io, code);
  if (!snapshot_text) return std::nullopt;
  std::optional<std::string> policy_text;
  if (policy_file) {
    policy_text = read_input(*policy_file, io, code);
    if (!policy_text) return std::nullopt;
  }
  Parsed<Snapshot> s = parse_snapshot(*snapshot_text);
  Parsed<Policy> p = policy_text ? parse_policy(*policy_text) : Parsed<Policy>{Policy{}, {}};
  if (s && p) return Inputs{std::move(*s.value), std::move(*p.value)};
  code = kInvalid;
  if (format == Format::json) {
    // One JSON document: the snapshot's errors, or when it is valid, the policy's.
    io.out << errors_to_json(!s ? s.errors : p.errors);
  } else {
    if (!s) print_errors(io, file, s.errors);
    if (!p) print_errors(io, *policy_file, p.errors);
  }
  return std::nullopt;
}

Date as_date(std::string_view text) {
  // Already checked by the option parser; this is the conversion.
  const auto d = parse_date(text);
  if (!d) throw std::invalid_argument("not a date: " + std::string(text));
  return *d;
}

// The latest date of a recorded fact: a dispatch's date or end, an update, a look-back,
// a ledger submission. Deadlines and active periods are not facts that happened.
std::optional<Date> latest_fact(const Snapshot& s) {
  std::optional<Date> best;
  const auto see = [&best](const Date& d) {
    if (!best || d > *best) best = d;
  };
  for (const Dispatch& d : each(s.dispatches)) {
    see(d.date);
    if (d.end_date) see(*d.end_date);
  }
  for (const Rectification& r : each(s.rectifications))
    for (const Update& u : each(r.updates)) see(u.date);
  for (const LookBack& l : each(s.look_backs)) see(l.date);
  for (const LedgerSubmission& l : each(s.ledger_submissions)) see(l.date);
  return best;
}

bool write_file(const std::filesystem::path& path, std::string_view bytes, Io& io, int& code) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  if (f) f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  f.close();
  if (!f) {
    code = fail(io, kUsage, "cannot write '" + path.string() + "'");
    return false;
  }
  return true;
}

// Runs a command body; what it throws becomes a located error list (a ValidationError
// of the evaluation) or one line and exit 3: a bug, not the user's fault.
template <class F>
int guarded(Io& io, std::string_view file, Format format, F&& body) {
  try {
    return body();
  } catch (const ValidationError& e) {
    if (format == Format::json)
      io.out << errors_to_json(e.errors());
    else
      print_errors(io, file, e.errors());
    return kInvalid;
  } catch (const std::exception& e) {
    return fail(io, kInternal, std::string("internal error: ") + e.what());
  }
}

int report(const Snapshot& snapshot, const Policy& policy, const Date& as_of, Lang lang,
           Format format, Io& io) {
  const Index index(snapshot);
  const Result result = evaluate(index, policy, as_of);
  if (format == Format::json)
    io.out << to_json(result);
  else
    io.out << render_report(index, result, ReportOptions{lang, io.colour});
  io.out.flush();
  return io.out ? kOk : fail(io, kUsage, "cannot write the output");
}

}  // namespace

int run_validate(const ValidateArgs& args, Io& io) {
  return guarded(io, args.file, args.format, [&]() -> int {
    int code = kOk;
    auto in = load(args.file, args.policy, args.format, io, code);
    if (!in) return code;
    if (args.format == Format::json) {
      io.out << errors_to_json({});
    } else {
      const Snapshot& s = in->snapshot;
      io.out << "ok: " << each(s.organizations).size() << " organizations, "
             << each(s.dispatches).size() << " dispatches, " << each(s.rectifications).size()
             << " rectifications, " << each(s.ledger_submissions).size()
             << " ledger submissions, " << each(s.look_backs).size() << " look-backs"
             << (args.policy ? "; policy ok" : "") << '\n';
    }
    return kOk;
  });
}

int run_evaluate(const EvaluateArgs& args, Io& io) {
  return guarded(io, args.file, args.format, [&]() -> int {
    int code = kOk;
    auto in = load(args.file, args.policy, args.format, io, code);
    if (!in) return code;
    return report(in->snapshot, in->policy, as_date(args.as_of), args.lang, args.format, io);
  });
}

int run_demo(const DemoArgs& args, Io& io) {
  return guarded(io, "<built-in sample>", Format::text, [&]() -> int {
    if (args.sample) {
      io.out << sample_town();
      return kOk;
    }
    Parsed<Snapshot> s = parse_snapshot(sample_town());
    if (!s) {
      print_errors(io, "<built-in sample>", s.errors);
      return fail(io, kInternal, "internal error: the built-in sample town is not valid");
    }
    return report(*s.value, Policy{}, as_date(args.as_of), args.lang, Format::text, io);
  });
}

int run_forms(const FormsArgs& args, Io& io) {
  return guarded(io, args.file, Format::text, [&]() -> int {
    int code = kOk;
    auto in = load(args.file, args.policy, Format::text, io, code);
    if (!in) return code;
    std::optional<Date> as_of = args.as_of ? std::optional<Date>(as_date(*args.as_of))
                                           : latest_fact(in->snapshot);
    if (!as_of) {
      io.err << "tiaodu: the snapshot records no dispatch: no forms to fill in\n";
      return kOk;
    }
    const Index index(in->snapshot);
    const Result result = evaluate(index, in->policy, *as_of);
    Forms forms;
    try {
      forms = build_forms(in->snapshot, result, args.dispatches);
    } catch (const FormsError& e) {
      return fail(io, kUsage, e.what());  // --dispatch names no dispatch (at that date)
    }

    // The file names are fixed: no part of them comes from the snapshot, so no id can
    // lead a write outside DIR.
    const std::filesystem::path dir(args.out);
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec || !std::filesystem::is_directory(dir))
      return fail(io, kUsage, "cannot create directory '" + args.out + "'" +
                                  (ec ? ": " + ec.message() : ""));
    const auto html = dir / "forms.html", a1 = dir / "a1.csv", a2 = dir / "a2.csv",
               xlsx = dir / "forms.xlsx";
    if (!write_file(html, forms_html(forms), io, code) || !write_file(a1, a1_csv(forms), io, code) ||
        !write_file(a2, a2_csv(forms), io, code))
      return code;
    try {
      write_xlsx(forms, xlsx);
    } catch (const FormsError& e) {
      return fail(io, kUsage, "cannot write '" + xlsx.string() + "': " + e.what());
    }
    for (const auto& p : {html, a1, a2, xlsx}) io.out << p.string() << '\n';
    io.err << "tiaodu: " << forms.page_count() << " forms (" << forms.dispatches.size()
           << " dispatches) as of " << format_date(*as_of) << '\n';
    return kOk;
  });
}

}  // namespace tiaodu::cli
