/// A table: a header of columns (title, unit, decimals) and rows of cells. Renders to HTML (units in the header,
/// numbers right-aligned with a fixed number of decimals and thousands separators) and to CSV (RFC 4180, header
/// `title (unit)`, numbers ungrouped).
public struct Table: Sendable, Hashable {
  public struct Column: Sendable, Hashable {
    public var title: String
    public var unit: String?
    /// Decimals for numeric cells of this column.
    public var decimals: Int

    public init(_ title: String, unit: String? = nil, decimals: Int = 2) {
      (self.title, self.unit, self.decimals) = (title, unit, decimals)
    }

    /// `"profit ($)"`.
    public var header: String { axisTitle(title, unit) }
  }

  /// A cell: text, a number (formatted by its column), or empty. Literals work: `["DC1", 1.5, 3]`.
  public enum Cell: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByFloatLiteral,
    ExpressibleByIntegerLiteral
  {
    case text(String)
    case number(Double)
    case empty

    public init(stringLiteral value: String) { self = .text(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
  }

  public var caption: String?
  public var columns: [Column]
  public var rows: [[Cell]]

  public init(caption: String? = nil, columns: [Column], rows: [[Cell]]) {
    (self.caption, self.columns, self.rows) = (caption, columns, rows)
  }

  func format(_ cell: Cell, column: Int, grouped: Bool, missing: String) -> String {
    switch cell {
    case .text(let s): return s
    case .empty: return ""
    case .number(let v):
      let decimals = column < columns.count ? columns[column].decimals : 2
      return Markup.number(v, decimals: decimals, grouped: grouped, missing: missing)
    }
  }

  /// A `<table>` element; every text escaped. Rows longer than the header get untitled columns.
  public func html() -> String {
    let width = max(columns.count, rows.map(\.count).max() ?? 0)
    var out = "<table>"
    if let caption { out += "<caption>\(Markup.escape(caption))</caption>" }
    out += "<thead><tr>"
    for i in 0..<width {
      let numeric = rows.contains { i < $0.count && { if case .number = $0 { true } else { false } }($0[i]) }
      out += "<th\(numeric ? " class=\"num\"" : "")>\(i < columns.count ? Markup.escape(columns[i].header) : "")</th>"
    }
    out += "</tr></thead><tbody>"
    for row in rows {
      out += "<tr>"
      for i in 0..<width {
        let cell = i < row.count ? row[i] : .empty
        if case .number = cell {
          out += "<td class=\"num\">\(Markup.escape(format(cell, column: i, grouped: true, missing: "–")))</td>"
        } else {
          out += "<td>\(Markup.escape(format(cell, column: i, grouped: false, missing: "")))</td>"
        }
      }
      out += "</tr>"
    }
    return out + "</tbody></table>"
  }

  /// CSV (RFC 4180: comma separated, CRLF-free `\n` lines, fields with `,` `"` or a line break quoted); a missing
  /// number is an empty field; numbers use the column's decimals without grouping.
  public func csv() -> String {
    func field(_ s: String) -> String {
      s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
        ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
    let width = max(columns.count, rows.map(\.count).max() ?? 0)
    var lines = [(0..<width).map { field($0 < columns.count ? columns[$0].header : "") }.joined(separator: ",")]
    for row in rows {
      lines.append(
        (0..<width).map { i in field(format(i < row.count ? row[i] : .empty, column: i, grouped: false, missing: "")) }
          .joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
