/// Anything that draws itself as one standalone SVG element (also valid inline in HTML).
public protocol Chart: Sendable {
  /// Shown above the chart and as the SVG's accessible title.
  var title: String { get }
  /// The chart as an `<svg>` element with an `xmlns`, a `viewBox` and no external references.
  func svg() -> String
}

/// Axis title with its unit: `"LMP ($/MWh)"`.
func axisTitle(_ label: String, _ unit: String?) -> String {
  guard let unit, !unit.isEmpty else { return label }
  return label.isEmpty ? unit : "\(label) (\(unit))"
}

/// A minimal SVG writer: every number through `Markup.coordinate`, every text through `Markup.escape`.
struct Canvas {
  let width: Double
  var height: Double
  private(set) var body: [String] = []

  static let font = "font-family=\"DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif\""
  static let axisColor = "#444444"
  static let gridColor = "#e3e3e3"
  static let textColor = "#222222"

  init(width: Double, height: Double) {
    self.width = width
    self.height = height
  }

  private func c(_ x: Double) -> String { Markup.coordinate(x) }

  mutating func raw(_ element: String) { body.append(element) }

  mutating func rect(
    x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil, opacity: Double? = nil,
    tooltip: String? = nil
  ) {
    var s = "<rect x=\"\(c(x))\" y=\"\(c(y))\" width=\"\(c(max(0, width)))\" height=\"\(c(max(0, height)))\" fill=\"\(fill)\""
    if let stroke { s += " stroke=\"\(stroke)\"" }
    if let opacity { s += " fill-opacity=\"\(c(opacity))\"" }
    if let tooltip {
      s += "><title>\(Markup.escape(tooltip))</title></rect>"
    } else {
      s += "/>"
    }
    body.append(s)
  }

  mutating func line(
    _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1, dash: String? = nil
  ) {
    var s = "<line x1=\"\(c(x1))\" y1=\"\(c(y1))\" x2=\"\(c(x2))\" y2=\"\(c(y2))\" stroke=\"\(stroke)\""
    if width != 1 { s += " stroke-width=\"\(c(width))\"" }
    if let dash { s += " stroke-dasharray=\"\(dash)\"" }
    body.append(s + "/>")
  }

  enum Anchor: String { case start, middle, end }

  mutating func text(
    _ string: String, x: Double, y: Double, anchor: Anchor = .start, size: Double = 11, bold: Bool = false,
    fill: String = Canvas.textColor, rotate: Double? = nil
  ) {
    var s = "<text x=\"\(c(x))\" y=\"\(c(y))\""
    if anchor != .start { s += " text-anchor=\"\(anchor.rawValue)\"" }
    if size != 11 { s += " font-size=\"\(c(size))\"" }
    if bold { s += " font-weight=\"bold\"" }
    if fill != Canvas.textColor { s += " fill=\"\(fill)\"" }
    if let rotate { s += " transform=\"rotate(\(c(rotate)) \(c(x)) \(c(y)))\"" }
    body.append(s + ">\(Markup.escape(string))</text>")
  }

  mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 1.5) {
    let p = points.map { "\(c($0.0)),\(c($0.1))" }.joined(separator: " ")
    body.append(
      "<polyline points=\"\(p)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(c(width))\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>"
    )
  }

  mutating func polygon(_ points: [(Double, Double)], fill: String, opacity: Double = 1, stroke: String? = nil) {
    let p = points.map { "\(c($0.0)),\(c($0.1))" }.joined(separator: " ")
    var s = "<polygon points=\"\(p)\" fill=\"\(fill)\""
    if opacity != 1 { s += " fill-opacity=\"\(c(opacity))\"" }
    if let stroke { s += " stroke=\"\(stroke)\" stroke-width=\"0.75\"" }
    body.append(s + "/>")
  }

  mutating func circle(cx: Double, cy: Double, r: Double, fill: String, tooltip: String? = nil) {
    let s = "<circle cx=\"\(c(cx))\" cy=\"\(c(cy))\" r=\"\(c(r))\" fill=\"\(fill)\""
    if let tooltip {
      body.append(s + "><title>\(Markup.escape(tooltip))</title></circle>")
    } else {
      body.append(s + "/>")
    }
  }

  /// The chart title, top left.
  mutating func title(_ string: String) {
    text(string, x: 8, y: 18, size: 14, bold: true)
  }

  /// The whole `<svg>` element.
  func render(title: String) -> String {
    var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" aria-label=\"\(Markup.escape(title))\""
    out += " viewBox=\"0 0 \(c(width)) \(c(height))\" width=\"\(c(width))\" height=\"\(c(height))\" \(Canvas.font) font-size=\"11\">"
    out += "<title>\(Markup.escape(title))</title>"
    out += "<rect x=\"0\" y=\"0\" width=\"\(c(width))\" height=\"\(c(height))\" fill=\"#ffffff\"/>"
    out += body.joined(separator: "\n")
    out += "</svg>"
    return out
  }
}
