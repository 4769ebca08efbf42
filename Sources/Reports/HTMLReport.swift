import Foundation

/// A self-contained HTML page: a title, an optional introduction, and sections of paragraphs, charts (inline SVG)
/// and tables. No scripts, no external stylesheets, fonts or images, so it renders offline and from `file://`.
///
/// The page is also well-formed XML (every element closed, only the five XML entities), so tests can parse it.
public struct HTMLReport: Sendable {
  /// One piece of a section.
  public enum Block: Sendable {
    /// Text; a blank line starts a new paragraph.
    case paragraph(String)
    case chart(any Chart)
    case table(Table)
    /// Key–value pairs shown as a compact definition list (e.g. headline figures).
    case facts([(String, String)])
    /// Monospaced text kept as is (e.g. a command line).
    case code(String)
  }

  public struct Section: Sendable {
    public var heading: String
    public var blocks: [Block]

    public init(_ heading: String, _ blocks: [Block]) {
      (self.heading, self.blocks) = (heading, blocks)
    }
  }

  public var title: String
  public var introduction: String?
  public var sections: [Section]
  /// A line at the foot of the page, e.g. the command and version that produced it (no clock time by default, so
  /// the same inputs give the same bytes).
  public var footer: String?

  public init(title: String, introduction: String? = nil, sections: [Section], footer: String? = nil) {
    (self.title, self.introduction, self.sections, self.footer) = (title, introduction, sections, footer)
  }

  static let style = """
    body{font-family:"DejaVu Sans","Liberation Sans",Arial,Helvetica,sans-serif;color:#222;background:#fff;\
    margin:0 auto;max-width:1000px;padding:16px 24px 48px;line-height:1.45}
    h1{font-size:1.6em;margin:0.4em 0}h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid #ddd;\
    padding-bottom:0.2em}
    nav ol{columns:2;font-size:0.95em}nav a{color:#2a5b8a}
    figure{margin:1em 0}svg.chart{max-width:100%;height:auto;display:block}
    table{border-collapse:collapse;margin:1em 0;font-size:0.9em}
    caption{text-align:left;font-weight:bold;padding:0.3em 0}
    th,td{border-bottom:1px solid #e3e3e3;padding:3px 10px;text-align:left;vertical-align:top}
    th{background:#f4f4f4;border-bottom:1px solid #bbb}
    .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    dl{display:grid;grid-template-columns:max-content auto;gap:2px 16px}dt{font-weight:bold}dd{margin:0}
    pre{background:#f6f6f6;padding:8px;overflow-x:auto}
    footer{margin-top:3em;color:#777;font-size:0.85em}
    """

  /// The whole document.
  public func html() -> String {
    var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
    out += "<title>\(Markup.escape(title))</title>\n<style>\n\(HTMLReport.style)\n</style>\n</head>\n<body>\n"
    out += "<h1>\(Markup.escape(title))</h1>\n"
    if let introduction { out += paragraphs(introduction) }
    if sections.count > 1 {
      out += "<nav><ol>"
      for (i, section) in sections.enumerated() {
        out += "<li><a href=\"#section-\(i + 1)\">\(Markup.escape(section.heading))</a></li>"
      }
      out += "</ol></nav>\n"
    }
    for (i, section) in sections.enumerated() {
      out += "<section id=\"section-\(i + 1)\">\n<h2>\(Markup.escape(section.heading))</h2>\n"
      for block in section.blocks {
        switch block {
        case .paragraph(let text): out += paragraphs(text)
        case .chart(let chart): out += "<figure>\n\(chart.svg())\n</figure>\n"
        case .table(let table): out += table.html() + "\n"
        case .code(let text): out += "<pre>\(Markup.escape(text))</pre>\n"
        case .facts(let pairs):
          out += "<dl>"
          for (key, value) in pairs { out += "<dt>\(Markup.escape(key))</dt><dd>\(Markup.escape(value))</dd>" }
          out += "</dl>\n"
        }
      }
      out += "</section>\n"
    }
    if let footer { out += "<footer>\(Markup.escape(footer))</footer>\n" }
    return out + "</body>\n</html>\n"
  }

  /// Writes `html()` as UTF-8 to `url` (atomically, so no half-written report is left behind).
  public func write(to url: URL) throws {
    try Data(html().utf8).write(to: url, options: .atomic)
  }

  func paragraphs(_ text: String) -> String {
    text.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
      .filter { !$0.isEmpty }.map { "<p>\(Markup.escape($0))</p>\n" }.joined()
  }
}
