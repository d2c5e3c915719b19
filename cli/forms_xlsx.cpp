// The forms as one XLSX workbook (libxlsxwriter): a sheet per form, in print order,
// each laid out like the paper form, A4, fitted to one page wide.
//
// Every cell is written with worksheet_write_string / worksheet_merge_range (which
// writes a string): a problem text "=HYPERLINK(...)" is a string cell, never a formula.
// libxlsxwriter escapes XML and control characters itself; the strings it is handed are
// made valid UTF-8 and cut to Excel's 32767-character cell limit first.
#include "escape.hpp"
#include "forms.hpp"
#include "text_width.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <set>
#include <string>

namespace tiaodu::cli {

namespace {

constexpr std::size_t kMaxCellUtf16 = 32767;

// Valid UTF-8, at most 32767 UTF-16 code units (what Excel counts).
std::string cell_text(std::string_view s) {
  std::string clean = valid_utf8(s);
  std::size_t units = 0, pos = 0, cut = std::string::npos;
  while (pos < clean.size()) {
    const std::size_t start = pos;
    const char32_t cp = decode(clean, pos);
    units += cp > 0xFFFF ? 2 : 1;
    if (units > kMaxCellUtf16 - 1 && cut == std::string::npos) cut = start;
  }
  if (units > kMaxCellUtf16) clean = clean.substr(0, cut) + "\u2026";
  return clean;
}

// Rows a wrapped text needs in a cell `columns` wide (Excel width units ≈ display
// columns: a Chinese character is two). Merged cells never auto-fit, so heights are
// set from this estimate.
double rows_needed(const std::vector<std::string>& paragraphs, double columns) {
  double rows = 0;
  for (const std::string& p : paragraphs) {
    std::size_t start = 0;
    while (true) {  // a paragraph may itself hold line breaks
      const std::size_t nl = p.find('\n', start);
      const std::string_view line = std::string_view(p).substr(start, nl - start);
      const double w = static_cast<double>(display_width(line));
      rows += std::max(1.0, std::ceil(w / std::max(1.0, columns - 2)));
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
  }
  return std::max(rows, 1.0);
}

std::string join(const std::vector<std::string>& lines, std::string_view sep = "\n") {
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i) out += sep;
    out += lines[i];
  }
  return out;
}

class Book {
 public:
  explicit Book(const std::filesystem::path& path, Day as_of) {
    book_ = workbook_new(path.string().c_str());
    if (!book_) throw FormsError("cannot create " + path.string());
    props_.title = const_cast<char*>("基层党组织调度工作记录表、问题台账整改情况");
    props_.author = const_cast<char*>("tiaodu");
    // A fixed creation time (the as-of date) makes the same forms the same bytes.
    props_.created = static_cast<time_t>(as_of) * 86400;
    workbook_set_properties(book_, &props_);

    const auto fmt = [this](auto&& setup) {
      lxw_format* f = workbook_add_format(book_);
      format_set_font_name(f, "宋体");
      format_set_font_size(f, 11);
      setup(f);
      return f;
    };
    title_ = fmt([](lxw_format* f) {
      format_set_bold(f);
      format_set_font_size(f, 18);
      format_set_align(f, LXW_ALIGN_CENTER);
      format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    });
    attach_ = fmt([](lxw_format* f) {
      format_set_bold(f);
      format_set_font_size(f, 12);
      format_set_font_name(f, "黑体");
    });
    ref_ = fmt([](lxw_format* f) {
      format_set_font_size(f, 9);
      format_set_align(f, LXW_ALIGN_RIGHT);
    });
    label_ = fmt([](lxw_format* f) {
      format_set_bold(f);
      format_set_border(f, LXW_BORDER_THIN);
      format_set_align(f, LXW_ALIGN_CENTER);
      format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
      format_set_text_wrap(f);
    });
    header_ = fmt([](lxw_format* f) {
      format_set_bold(f);
      format_set_border(f, LXW_BORDER_THIN);
      format_set_align(f, LXW_ALIGN_CENTER);
      format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
      format_set_bg_color(f, 0xF2F2F2);
      format_set_text_wrap(f);
    });
    cell_ = fmt([](lxw_format* f) {
      format_set_border(f, LXW_BORDER_THIN);
      format_set_align(f, LXW_ALIGN_LEFT);
      format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
      format_set_text_wrap(f);
    });
    centred_ = fmt([](lxw_format* f) {
      format_set_border(f, LXW_BORDER_THIN);
      format_set_align(f, LXW_ALIGN_CENTER);
      format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
      format_set_text_wrap(f);
    });
    note_ = fmt([](lxw_format* f) {
      format_set_font_size(f, 10);
      format_set_text_wrap(f);
      format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    });
    meta_ = fmt([](lxw_format* f) { format_set_align(f, LXW_ALIGN_VERTICAL_CENTER); });
  }
  Book(const Book&) = delete;
  Book& operator=(const Book&) = delete;
  ~Book() {
    // Only after an exception (close() clears book_): discard, write no half a workbook.
    if (book_) lxw_workbook_free(book_);
  }

  lxw_worksheet* sheet(std::string_view base) {
    const std::string name = sheet_name(base, used_);
    lxw_worksheet* ws = workbook_add_worksheet(book_, name.c_str());
    if (!ws) throw FormsError("cannot add worksheet '" + name + "'");
    worksheet_set_paper(ws, 9);  // A4
    worksheet_set_portrait(ws);
    worksheet_set_margins(ws, 0.7, 0.7, 0.8, 0.7);
    worksheet_center_horizontally(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    return ws;
  }

  void close() {
    lxw_workbook* b = book_;
    book_ = nullptr;
    const lxw_error err = workbook_close(b);
    if (err != LXW_NO_ERROR) throw FormsError(std::string("cannot write the workbook: ") +
                                              lxw_strerror(err));
  }

  static void check(lxw_error err) {
    if (err != LXW_NO_ERROR) throw FormsError(std::string("xlsx: ") + lxw_strerror(err));
  }
  static void text(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, std::string_view s,
                   lxw_format* f) {
    check(worksheet_write_string(ws, r, c, cell_text(s).c_str(), f));
  }
  static void merged(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c1, lxw_col_t c2,
                     std::string_view s, lxw_format* f) {
    check(worksheet_merge_range(ws, r, c1, r, c2, cell_text(s).c_str(), f));
  }
  static void height(lxw_worksheet* ws, lxw_row_t r, double points) {
    check(worksheet_set_row(ws, r, std::min(points, 409.0), nullptr));  // Excel's maximum
  }

  lxw_workbook* book_ = nullptr;
  lxw_doc_properties props_{};
  std::set<std::string> used_;
  lxw_format *title_, *attach_, *ref_, *label_, *header_, *cell_, *centred_, *note_, *meta_;
};

constexpr double kLine = 15;  // points per line of 11-pt text
constexpr std::string_view kSignature =
    "签章：\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日";

void a1_sheet(Book& b, const A1Form& a1) {
  lxw_worksheet* ws = b.sheet("A1 " + a1.dispatch);
  constexpr double kLabel = 14, kValue = 32, kWide = kValue * 2 + kLabel;
  Book::check(worksheet_set_column(ws, 0, 0, kLabel, nullptr));
  Book::check(worksheet_set_column(ws, 1, 1, kValue, nullptr));
  Book::check(worksheet_set_column(ws, 2, 2, kLabel, nullptr));
  Book::check(worksheet_set_column(ws, 3, 3, kValue, nullptr));

  Book::text(ws, 0, 0, "附件1", b.attach_);
  Book::text(ws, 0, 3, "调度编号：" + a1.dispatch, b.ref_);
  Book::merged(ws, 1, 0, 3, "基层党组织调度工作记录表", b.title_);
  Book::height(ws, 1, 36);

  Book::text(ws, 2, 0, "调度部门", b.label_);
  Book::text(ws, 2, 1, a1.department, b.cell_);
  Book::text(ws, 2, 2, "调度时间", b.label_);
  const std::string time = a1_time(a1, false);
  Book::text(ws, 2, 3, time, b.cell_);
  Book::height(ws, 2, kLine * std::max(rows_needed({a1.department}, kValue),
                                       rows_needed({time}, kValue)) + 8);

  Book::text(ws, 3, 0, "调度对象", b.label_);
  Book::merged(ws, 3, 1, 3, a1.object, b.cell_);
  Book::height(ws, 3, kLine * rows_needed({a1.object}, kWide) + 8);

  std::vector<std::string> content;
  for (const ContentLine& l : a1_content_lines(a1)) content.push_back(l.text);
  Book::text(ws, 4, 0, "调度内容", b.label_);
  Book::merged(ws, 4, 1, 3, join(content), b.cell_);
  Book::height(ws, 4, kLine * std::max(rows_needed(content, kWide), 8.0) + 8);

  // 调度情况 and the opinion keep room for the signature, as on paper.
  std::vector<std::string> situation = a1_situation_paragraphs(a1);
  Book::text(ws, 5, 0, "调度情况", b.label_);
  Book::merged(ws, 5, 1, 3, join(situation) + "\n\n" + std::string(kSignature), b.cell_);
  Book::height(ws, 5, kLine * (std::max(rows_needed(situation, kWide), 4.0) + 2) + 8);

  Book::text(ws, 6, 0, "调度对象（党组织）意见", b.label_);
  Book::merged(ws, 6, 1, 3, a1.opinion + "\n\n" + std::string(kSignature), b.cell_);
  Book::height(ws, 6, kLine * (std::max(rows_needed({a1.opinion}, kWide), 3.0) + 2) + 8);

  Book::merged(ws, 7, 0, 3, "注：此表一式两份，调度部门留存一份，本单位留存一份。", b.note_);
  Book::height(ws, 7, 22);
  worksheet_freeze_panes(ws, 2, 0);  // the attachment line and the title stay in view
  Book::check(worksheet_print_area(ws, 0, 0, 7, 3));
}

void a2_sheet(Book& b, const A2Form& a2, Day as_of) {
  lxw_worksheet* ws = b.sheet("A2 " + a2.dispatch);
  constexpr double widths[] = {7, 40, 14, 30, 16};
  for (lxw_col_t c = 0; c < 5; ++c)
    Book::check(worksheet_set_column(ws, c, c, widths[c], nullptr));

  Book::text(ws, 0, 0, "附件2", b.attach_);
  Book::merged(ws, 0, 3, 4, "调度编号：" + a2.dispatch, b.ref_);
  Book::merged(ws, 1, 0, 4, "基层党建工作问题台账整改情况", b.title_);
  Book::height(ws, 1, 36);
  std::string meta = "党组织：" + a2.object + "\u3000调度时间：" + format_date(a2.date);
  if (a2.end != a2.date) meta += " 至 " + format_date(a2.end);
  meta += "\u3000整改情况截至：" + format_date(as_of);
  Book::merged(ws, 2, 0, 4, meta, b.meta_);

  const char* header[] = {"序号", "具体问题", "整改时限", "整改情况", "备注"};
  for (lxw_col_t c = 0; c < 5; ++c) Book::text(ws, 3, c, header[c], b.header_);
  Book::height(ws, 3, 24);

  lxw_row_t r = 4;
  for (const A2Row& row : a2.rows) {
    // 序号 is written as text too: one rule for every cell, nothing is ever evaluated.
    Book::text(ws, r, 0, std::to_string(row.seq), b.centred_);
    Book::text(ws, r, 1, row.problem, b.cell_);
    Book::text(ws, r, 2, format_date(row.deadline), b.centred_);
    Book::text(ws, r, 3, row.status, b.cell_);
    Book::text(ws, r, 4, row.remarks, b.cell_);
    const double lines = std::max({rows_needed({row.problem}, widths[1]),
                                   rows_needed({row.status}, widths[3]),
                                   rows_needed({row.remarks}, widths[4]), 2.0});
    Book::height(ws, r, kLine * lines + 6);
    ++r;
  }
  const std::string note = a2_note(a2, true);
  Book::merged(ws, r, 0, 4, note, b.note_);
  Book::height(ws, r, kLine * rows_needed({note}, 107) + 8);
  worksheet_freeze_panes(ws, 4, 0);  // the header row stays in view
  Book::check(worksheet_repeat_rows(ws, 3, 3));
  Book::check(worksheet_print_area(ws, 0, 0, r, 4));
}

}  // namespace

void write_xlsx(const Forms& forms, const std::filesystem::path& path) {
  Book book(path, forms.as_of);
  for (const DispatchForms& d : forms.dispatches) {
    a1_sheet(book, d.a1);
    if (d.a2) a2_sheet(book, *d.a2, forms.as_of);
  }
  if (forms.dispatches.empty()) {
    // A workbook needs a sheet; say why it is empty rather than leave a blank "Sheet1".
    lxw_worksheet* ws = book.sheet("forms");
    Book::text(ws, 0, 0, "没有调度记录（截至 " + format_date(forms.as_of) + "）", nullptr);
  }
  book.close();
}

}  // namespace tiaodu::cli
