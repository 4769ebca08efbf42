/// A grid of values coloured by a continuous scale: rows × columns with row and column labels, e.g. the LMP
/// ($/MWh) at every bus (rows) and hour (columns). Missing cells (NaN, or rows shorter than the others) are grey.
/// A legend under the grid shows the colour bar with ticks and the unit.
///
/// The colour domain is `range` when given, otherwise the finite minimum…maximum of the values, so the lowest
/// value gets the scale's first stop and the highest its last. When all values are equal every cell gets the
/// scale's middle colour.
public struct Heatmap: Chart {
  public var title: String
  public var rowLabels: [String]
  public var columnLabels: [String]
  /// `values[row][column]`.
  public var values: [[Double]]
  /// Unit of the values, shown with the legend: `"$/MWh"`.
  public var unit: String
  public var rowAxisLabel: String
  public var columnAxisLabel: String
  public var colorScale: ColorScale
  /// A fixed colour domain (e.g. the same for two heatmaps to be compared); values outside are clamped.
  public var range: ClosedRange<Double>?
  public var width: Double
  /// Height of one row in pixels; by default up to 20, smaller so the grid stays within about 480 px.
  public var rowHeight: Double?
  /// Whether each cell carries a hover tooltip (`<title>`); by default when there are at most 5 000 cells.
  public var tooltips: Bool?

  public init(
    title: String, rowLabels: [String], columnLabels: [String], values: [[Double]], unit: String,
    rowAxisLabel: String = "", columnAxisLabel: String = "", colorScale: ColorScale = .viridis,
    range: ClosedRange<Double>? = nil, width: Double = 760, rowHeight: Double? = nil, tooltips: Bool? = nil
  ) {
    (self.title, self.rowLabels, self.columnLabels, self.values, self.unit) =
      (title, rowLabels, columnLabels, values, unit)
    (self.rowAxisLabel, self.columnAxisLabel, self.colorScale, self.range) =
      (rowAxisLabel, columnAxisLabel, colorScale, range)
    (self.width, self.rowHeight, self.tooltips) = (max(width, 240), rowHeight, tooltips)
  }

  public var rowCount: Int { max(rowLabels.count, values.count) }
  public var columnCount: Int { max(columnLabels.count, values.map(\.count).max() ?? 0) }

  /// The value range mapped onto the colour scale (0…1 when there is no finite value).
  public var domain: ClosedRange<Double> {
    if let range, range.lowerBound.isFinite, range.upperBound.isFinite { return range }
    let finite = values.joined().filter(\.isFinite)
    guard let lo = finite.min(), let hi = finite.max() else { return 0...1 }
    return lo...hi
  }

  /// The fill of a cell holding `value`.
  public func color(for value: Double) -> RGB {
    guard value.isFinite else { return colorScale.missing }
    let d = domain
    let span = d.upperBound - d.lowerBound
    return colorScale.color(at: span > 0 ? (value - d.lowerBound) / span : 0.5)
  }

  func value(_ row: Int, _ column: Int) -> Double {
    guard row < values.count, column < values[row].count else { return .nan }
    return values[row][column]
  }

  public func svg() -> String {
    let rows = rowCount
    let columns = columnCount
    let label: (Int) -> String = { $0 < rowLabels.count ? rowLabels[$0] : String($0 + 1) }
    let columnLabel: (Int) -> String = { $0 < columnLabels.count ? columnLabels[$0] : String($0 + 1) }
    let rowH = rowHeight.map { max($0, 0.5) } ?? (rows > 0 ? min(20, 480 / Double(rows)) : 20)
    let labelEvery = max(1, Int((12 / rowH).rounded(.up)))
    let labelWidth = (0..<rows).filter { $0 % labelEvery == 0 }.map { Markup.textWidth(label($0), size: 11) }.max() ?? 0
    let left = (rowAxisLabel.isEmpty ? 8 : 26) + min(labelWidth, 160) + 8
    let gridHeight = rows > 0 ? rowH * Double(rows) : 40
    let plot = PlotRect(left: left, top: 30, right: width - 16, bottom: 30 + gridHeight)
    let legendTop = plot.bottom + 46
    var canvas = Canvas(width: width, height: legendTop + 42)
    canvas.title(title)

    if rows == 0 || columns == 0 {
      canvas.note("no data", plot: plot)
    } else {
      let cellW = plot.width / Double(columns)
      let withTooltips = tooltips ?? (rows * columns <= 5000)
      canvas.raw("<g shape-rendering=\"crispEdges\">")
      for r in 0..<rows {
        for c in 0..<columns {
          let v = value(r, c)
          let tip: String? =
            withTooltips
            ? "\(rowAxisLabel.isEmpty ? "" : rowAxisLabel + " ")\(label(r)), \(columnAxisLabel.isEmpty ? "" : columnAxisLabel + " ")\(columnLabel(c)): \(v.isFinite ? Markup.number(v, decimals: 2) : "missing") \(unit)"
            : nil
          canvas.rect(
            x: plot.left + Double(c) * cellW, y: plot.top + Double(r) * rowH, width: cellW, height: rowH,
            fill: color(for: v).hex, tooltip: tip)
        }
      }
      canvas.raw("</g>")
      for r in 0..<rows where r % labelEvery == 0 {
        canvas.text(label(r), x: plot.left - 6, y: plot.top + (Double(r) + 0.5) * rowH + 4, anchor: .end)
      }
    }
    if !rowAxisLabel.isEmpty {
      canvas.text(rowAxisLabel, x: 14, y: (plot.top + plot.bottom) / 2, anchor: .middle, rotate: -90)
    }
    canvas.categoryAxis((0..<columns).map(columnLabel), plot: plot, title: columnAxisLabel)
    canvas.frame(plot)
    drawLegend(on: &canvas, x: plot.left, y: legendTop)
    return canvas.render(title: title)
  }

  /// The colour bar: 60 small rectangles (no gradient element, so no document-wide ids), nice ticks, the unit.
  func drawLegend(on canvas: inout Canvas, x: Double, y: Double) {
    let d = domain
    let barWidth = min(300, width - x - 100)
    let steps = 60
    canvas.raw("<g shape-rendering=\"crispEdges\">")
    for i in 0..<steps {
      let t = (Double(i) + 0.5) / Double(steps)
      canvas.rect(
        x: x + Double(i) * barWidth / Double(steps), y: y, width: barWidth / Double(steps) + 0.3, height: 10,
        fill: colorScale.color(at: t).hex)
    }
    canvas.raw("</g>")
    canvas.raw(
      "<rect x=\"\(Markup.coordinate(x))\" y=\"\(Markup.coordinate(y))\" width=\"\(Markup.coordinate(barWidth))\" height=\"10\" fill=\"none\" stroke=\"\(Canvas.axisColor)\" stroke-width=\"0.5\"/>"
    )
    let span = d.upperBound - d.lowerBound
    let ticks = span > 0 ? Ticks.nice(d.lowerBound, d.upperBound, count: 5).filter { d.contains($0) } : [d.lowerBound]
    let step = ticks.count > 1 ? ticks[1] - ticks[0] : max(abs(d.lowerBound), 1) / 10
    for tick in ticks {
      let tx = x + (span > 0 ? (tick - d.lowerBound) / span : 0.5) * barWidth
      canvas.line(tx, y + 10, tx, y + 14, stroke: Canvas.axisColor)
      canvas.text(Ticks.label(tick, step: step), x: tx, y: y + 25, anchor: .middle)
    }
    canvas.text(unit, x: x + barWidth + 10, y: y + 9)
    canvas.rect(x: x + barWidth + 20 + Markup.textWidth(unit, size: 11), y: y, width: 10, height: 10, fill: colorScale.missing.hex)
    canvas.text("missing", x: x + barWidth + 34 + Markup.textWidth(unit, size: 11), y: y + 9)
  }
}
