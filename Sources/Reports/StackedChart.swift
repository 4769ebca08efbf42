/// Components stacked over categories, e.g. a data center's power (MW) by component — IT, network, cooling,
/// auxiliary — over the hours of the day, drawn as stacked areas or stacked bars.
///
/// The first component is at the bottom. Positive values stack upwards from 0 and negative values downwards, so
/// the stack height at each category is the sum of its positive parts. Missing (NaN) values count as 0.
public struct StackedChart: Chart {
  public enum Style: Sendable, Hashable {
    /// Filled bands between the running sums, one point per category (at the middle of its band).
    case area
    /// One bar per category.
    case bars
  }

  /// One stacked layer.
  public struct Component: Sendable, Hashable {
    public var name: String
    /// One value per category; missing trailing values count as 0.
    public var values: [Double]
    public var color: RGB?

    public init(name: String, values: [Double], color: RGB? = nil) {
      (self.name, self.values, self.color) = (name, values, color)
    }
  }

  public var title: String
  /// x-axis labels, e.g. `"1"…"24"`; when shorter than the longest component, the rest are numbered.
  public var categories: [String]
  public var components: [Component]
  public var xLabel: String
  public var yLabel: String
  public var yUnit: String?
  public var style: Style
  public var width: Double
  public var plotHeight: Double

  public init(
    title: String, categories: [String], components: [Component], xLabel: String, yLabel: String,
    yUnit: String? = nil, style: Style = .area, width: Double = 760, plotHeight: Double = 260
  ) {
    (self.title, self.categories, self.components, self.xLabel, self.yLabel, self.yUnit) =
      (title, categories, components, xLabel, yLabel, yUnit)
    (self.style, self.width, self.plotHeight) = (style, max(width, 240), max(plotHeight, 60))
  }

  /// For each component and category: the (lower, upper) edges of its layer.
  func layers() -> [[(lower: Double, upper: Double)]] {
    let count = max(categories.count, components.map(\.values.count).max() ?? 0)
    var positive = [Double](repeating: 0, count: count)
    var negative = [Double](repeating: 0, count: count)
    return components.map { component in
      (0..<count).map { i in
        let raw = i < component.values.count ? component.values[i] : 0
        let v = raw.isFinite ? raw : 0
        if v >= 0 {
          defer { positive[i] += v }
          return (positive[i], positive[i] + v)
        } else {
          defer { negative[i] += v }
          return (negative[i] + v, negative[i])
        }
      }
    }
  }

  public func svg() -> String {
    let layers = layers()
    let count = layers.first?.count ?? categories.count
    let labels = (0..<count).map { $0 < categories.count ? categories[$0] : String($0 + 1) }
    let edges = layers.flatMap { $0.flatMap { [$0.lower, $0.upper] } }
    var yScale = AxisScale(linear: edges, tickCount: 6, includeZero: true)
    let items = components.enumerated().map {
      LegendItem(name: $0.element.name, color: $0.element.color ?? Palette.color($0.offset), kind: .swatch)
    }
    var plot = PlotRect(left: 24 + yScale.labelWidth + 10, top: 30, right: width - 16, bottom: 30 + plotHeight)
    plot.right = max(plot.right, plot.left + 40)
    let legendHeight = Legend.height(items, width: plot.width)
    var canvas = Canvas(width: width, height: plot.bottom + 44 + legendHeight + 6)
    (yScale.pixelLo, yScale.pixelHi) = (plot.bottom, plot.top)
    canvas.title(title)
    canvas.yAxis(yScale, plot: plot, title: axisTitle(yLabel, yUnit))
    canvas.categoryAxis(labels, plot: plot, title: xLabel)

    let band = count > 0 ? plot.width / Double(count) : plot.width
    for (index, layer) in layers.enumerated() {
      let color = (components[index].color ?? Palette.color(index)).hex
      let name = components[index].name
      switch style {
      case .bars:
        for (i, edge) in layer.enumerated() where edge.upper != edge.lower {
          let top = yScale.map(edge.upper)
          let value = edge.upper > 0 ? edge.upper - edge.lower : edge.lower - edge.upper
          canvas.rect(
            x: plot.left + (Double(i) + 0.1) * band, y: top, width: band * 0.8, height: yScale.map(edge.lower) - top,
            fill: color, tooltip: "\(name), \(labels[i]): \(Markup.number(value, decimals: 2)) \(yUnit ?? "")")
        }
      case .area:
        guard count > 0 else { continue }
        // One point per category at the band's middle; a single category becomes a band-wide block.
        let xs: [Double] =
          count == 1
          ? [plot.left + 0.1 * band, plot.left + 0.9 * band]
          : (0..<count).map { plot.left + (Double($0) + 0.5) * band }
        let source = count == 1 ? [layer[0], layer[0]] : layer
        let upper = zip(xs, source).map { ($0, yScale.map($1.upper)) }
        let lower = zip(xs, source).map { ($0, yScale.map($1.lower)) }.reversed()
        canvas.polygon(upper + lower, fill: color, opacity: 0.9, stroke: "#ffffff")
      }
    }
    if components.isEmpty || count == 0 { canvas.note("no data", plot: plot) }
    canvas.frame(plot)
    Legend.draw(items, on: &canvas, x: plot.left, y: plot.bottom + 42, width: plot.width)
    return canvas.render(title: title)
  }
}
