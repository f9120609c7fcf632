// Document::Pdf: A4 pages with Pango (text layout, wrapping, any script)
// on a cairo PDF surface that writes into a string.
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>

#include "absl/strings/str_cat.h"
#include "daemon/core/document.h"

namespace kluis::core {
namespace {

constexpr double kPageWidth = 595.276;  // A4 in points
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 56.0;
constexpr double kWidth = kPageWidth - 2 * kMargin;
constexpr double kCellPad = 3.0;

struct GObjectUnref {
  void operator()(void* p) const { g_object_unref(p); }
};
struct FontFree {
  void operator()(PangoFontDescription* f) const {
    pango_font_description_free(f);
  }
};
struct CairoDestroy {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};
struct SurfaceDestroy {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectUnref>;

cairo_status_t Append(void* out, const unsigned char* data, unsigned int n) {
  static_cast<std::string*>(out)->append(reinterpret_cast<const char*>(data),
                                         n);
  return CAIRO_STATUS_SUCCESS;
}

// Writes top to bottom, starting a new page when the next block does not
// fit.
class Writer {
 public:
  Writer(cairo_t* cr, PangoContext* pango) : cr_(cr), pango_(pango) {}

  LayoutPtr Layout(const std::string& text, const char* font, double width) {
    LayoutPtr l(pango_layout_new(pango_));
    std::unique_ptr<PangoFontDescription, FontFree> f(
        pango_font_description_from_string(font));
    pango_layout_set_font_description(l.get(), f.get());
    pango_layout_set_width(l.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_text(l.get(), text.data(), static_cast<int>(text.size()));
    return l;
  }

  static double Height(PangoLayout* l) {
    int w = 0, h = 0;
    pango_layout_get_size(l, &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }

  static double NaturalWidth(PangoLayout* l) {
    PangoRectangle ink, logical;
    pango_layout_get_extents(l, &ink, &logical);
    return static_cast<double>(logical.width) / PANGO_SCALE;
  }

  void Room(double height) {
    if (y_ + height <= kPageHeight - kMargin || y_ == kMargin) return;
    cairo_show_page(cr_);
    y_ = kMargin;
  }

  // `keep`: room also needed below it (a heading stays with its text).
  void Text(const std::string& text, const char* font, double before,
            double indent = 0, double keep = 0) {
    LayoutPtr l = Layout(text, font, kWidth - indent);
    const double h = Height(l.get());
    y_ += before;
    Room(h + keep);
    cairo_move_to(cr_, kMargin + indent, y_);
    pango_cairo_show_layout(cr_, l.get());
    y_ += h;
  }

  void Table(const std::vector<std::string>& header,
             const std::vector<std::vector<std::string>>& rows) {
    const size_t n = header.size();
    if (n == 0) return;
    // Columns share the width by their widest one-line content, each at
    // least a sixth of an even share.
    std::vector<double> want(n, 0);
    auto measure = [&](const std::vector<std::string>& row) {
      for (size_t i = 0; i < n && i < row.size(); ++i) {
        LayoutPtr l = Layout(row[i], kCellFont, 10000);
        want[i] = std::max(want[i], std::min(NaturalWidth(l.get()), kWidth));
      }
    };
    measure(header);
    for (const auto& row : rows) measure(row);
    double total = 0;
    for (double& w : want) {
      w = std::max(w, kWidth / static_cast<double>(n) / 6) + 2 * kCellPad;
      total += w;
    }
    for (double& w : want) w *= kWidth / total;
    y_ += 6;
    Row(header, want, kHeaderFont);
    for (const auto& row : rows) Row(row, want, kCellFont);
  }

  static constexpr char kCellFont[] = "DejaVu Sans 8";
  static constexpr char kHeaderFont[] = "DejaVu Sans Bold 8";

 private:
  void Row(const std::vector<std::string>& cells,
           const std::vector<double>& widths, const char* font) {
    std::vector<LayoutPtr> layouts;
    double h = 0;
    for (size_t i = 0; i < widths.size(); ++i) {
      layouts.push_back(Layout(i < cells.size() ? cells[i] : "", font,
                               widths[i] - 2 * kCellPad));
      h = std::max(h, Height(layouts.back().get()));
    }
    h += 2 * kCellPad;
    Room(h);
    double x = kMargin;
    cairo_set_line_width(cr_, 0.5);
    for (size_t i = 0; i < widths.size(); ++i) {
      cairo_rectangle(cr_, x, y_, widths[i], h);
      cairo_stroke(cr_);
      cairo_move_to(cr_, x + kCellPad, y_ + kCellPad);
      pango_cairo_show_layout(cr_, layouts[i].get());
      x += widths[i];
    }
    y_ += h;
  }

  cairo_t* cr_;
  PangoContext* pango_;
  double y_ = kMargin;
};

}  // namespace

absl::StatusOr<std::string> Document::Pdf() const {
  std::string out;
  std::unique_ptr<cairo_surface_t, SurfaceDestroy> surface(
      cairo_pdf_surface_create_for_stream(Append, &out, kPageWidth,
                                          kPageHeight));
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE,
                                 title_.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR,
                                 "kluis");
  std::unique_ptr<cairo_t, CairoDestroy> cr(cairo_create(surface.get()));
  // A font map of its own: the default one is not for sharing between
  // gRPC's threads.
  std::unique_ptr<PangoFontMap, GObjectUnref> fonts(pango_cairo_font_map_new());
  std::unique_ptr<PangoContext, GObjectUnref> pango(
      pango_font_map_create_context(fonts.get()));
  pango_cairo_update_context(cr.get(), pango.get());
  Writer w(cr.get(), pango.get());
  w.Text(title_, "DejaVu Sans Bold 15", 0);
  for (const Block& b : blocks_) {
    switch (b.kind) {
      case Kind::kHeading:
        w.Text(b.items[0], "DejaVu Sans Bold 11.5", 14, 0, 60);
        break;
      case Kind::kParagraph:
        w.Text(b.items[0], "DejaVu Sans 9.5", 6);
        break;
      case Kind::kList:
        if (b.items.empty())
          w.Text(absl::StrCat("• ", none_), "DejaVu Sans 9.5", 4, 8);
        for (const std::string& i : b.items) {
          w.Text(absl::StrCat("• ", i), "DejaVu Sans 9.5", 4, 8);
        }
        break;
      case Kind::kTable:
        w.Table(b.items, b.rows);
        break;
    }
  }
  cairo_show_page(cr.get());
  cr.reset();
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return absl::InternalError(absl::StrCat(
        "pdf: ", cairo_status_to_string(cairo_surface_status(surface.get()))));
  }
  return out;
}

}  // namespace kluis::core
