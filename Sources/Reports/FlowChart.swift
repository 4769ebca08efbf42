/// Signed flows between pairs over categories, e.g. interactive work traded between data centers (kreq/s) in each
/// hour: grouped bars, one colour per pair, one group per category.
///
/// A flow is named `from → to`; a positive value means `from` sends to `to` (e.g. sells work to it), a negative
/// value the reverse. Bars grow up or down from a zero line, so the direction of every trade in every hour reads
/// at a glance; a bar's tooltip gives pair, category, value and direction. (A node-link diagram per hour was the
/// alternative; bars show all hours in one figure and need no layout.) Missing (NaN) values draw no bar.
public struct FlowChart: Chart {
  /// One ordered pair.
  public struct Flow: Sendable, Hashable {
    public var from: String
    public var to: String
    /// One value per category; positive: `from` → `to`.
    public var values: [Double]
    public var color: RGB?

    public init(from: String, to: String, values: [Double], color: RGB? = nil) {
      (self.from, self.to, self.values, self.color) = (from, to, values, color)
    }

    public var name: String { "\(from) → \(to)" }
  }

  public var title: String
  public var categories: [String]
  public var flows: [Flow]
  public var xLabel: String
  /// What flows, e.g. `"traded interactive work"`.
  public var quantity: String
  public var unit: String?
  /// Whether to hide pairs whose values are all zero or missing (they would only add empty legend entries).
  public var hideZeroFlows: Bool
  public var width: Double
  public var plotHeight: Double

  public init(
    title: String, categories: [String], flows: [Flow], xLabel: String, quantity: String, unit: String? = nil,
    hideZeroFlows: Bool = false, width: Double = 760, plotHeight: Double = 260
  ) {
    (self.title, self.categories, self.flows, self.xLabel, self.quantity, self.unit) =
      (title, categories, flows, xLabel, quantity, unit)
    (self.hideZeroFlows, self.width, self.plotHeight) = (hideZeroFlows, max(width, 240), max(plotHeight, 60))
  }

  public func svg() -> String {
    let shown = flows.enumerated().filter { !hideZeroFlows || $0.element.values.contains { $0.isFinite && $0 != 0 } }
    let count = max(categories.count, flows.map(\.values.count).max() ?? 0)
    let labels = (0..<count).map { $0 < categories.count ? categories[$0] : String($0 + 1) }
    var yScale = AxisScale(linear: shown.flatMap(\.element.values), tickCount: 6, includeZero: true)
    let items = shown.map {
      LegendItem(name: $0.element.name, color: $0.element.color ?? Palette.color($0.offset), kind: .swatch)
    }
    var plot = PlotRect(left: 24 + yScale.labelWidth + 10, top: 30, right: width - 16, bottom: 30 + plotHeight)
    plot.right = max(plot.right, plot.left + 40)
    let legendHeight = Legend.height(items, width: plot.width)
    var canvas = Canvas(width: width, height: plot.bottom + 44 + legendHeight + 6)
    (yScale.pixelLo, yScale.pixelHi) = (plot.bottom, plot.top)
    canvas.title(title)
    canvas.text("positive: first → second", x: width - 16, y: 18, anchor: .end, fill: "#666666")
    canvas.yAxis(yScale, plot: plot, title: axisTitle(quantity, unit))
    canvas.categoryAxis(labels, plot: plot, title: xLabel)

    if count > 0, !shown.isEmpty {
      let band = plot.width / Double(count)
      let barWidth = band * 0.84 / Double(shown.count)
      let zero = yScale.map(0)
      for (slot, (index, flow)) in shown.enumerated() {
        let color = (flow.color ?? Palette.color(index)).hex
        for (i, v) in flow.values.enumerated() where v.isFinite && v != 0 {
          let y = yScale.map(v)
          let direction = v > 0 ? "\(flow.from) → \(flow.to)" : "\(flow.to) → \(flow.from)"
          canvas.rect(
            x: plot.left + Double(i) * band + band * 0.08 + Double(slot) * barWidth, y: min(y, zero),
            width: max(barWidth - 0.5, 0.5), height: max(abs(zero - y), 0.5), fill: color,
            tooltip: "\(labels[i]): \(Markup.number(abs(v), decimals: 2)) \(unit ?? "") \(direction)")
        }
      }
      canvas.line(plot.left, zero, plot.right, zero, stroke: Canvas.axisColor)
    } else {
      canvas.note("no flows", plot: plot)
    }
    canvas.frame(plot)
    Legend.draw(items, on: &canvas, x: plot.left, y: plot.bottom + 42, width: plot.width)
    return canvas.render(title: title)
  }
}
