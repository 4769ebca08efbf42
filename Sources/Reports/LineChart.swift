/// A named series of (x, y) points. Points with a non-finite coordinate (or y ≤ 0 on a log axis) are gaps.
public struct Series: Sendable, Hashable {
  public var name: String
  public var x: [Double]
  public var y: [Double]
  /// An explicit colour; by default the chart's categorical palette in series order.
  public var color: RGB?

  /// Points `(x[i], y[i])` for `i < min(x.count, y.count)`.
  public init(name: String, x: [Double], y: [Double], color: RGB? = nil) {
    (self.name, self.x, self.y, self.color) = (name, x, y, color)
  }

  /// Points `(start + i, y[i])`: hours 1…24 are `Series(name:, y: lmp, start: 1)`.
  public init(name: String, y: [Double], start: Double = 0, color: RGB? = nil) {
    self.init(name: name, x: y.indices.map { start + Double($0) }, y: y, color: color)
  }

  var points: [(Double, Double)] { Array(zip(x, y)) }
}

/// Several named series over a numeric x axis, with axis titles carrying units, an optional log₁₀ y axis
/// (for ADMM residuals) and a legend. Single isolated points are drawn as dots; with `markers`, every point is.
public struct LineChart: Chart {
  public var title: String
  public var series: [Series]
  public var xLabel: String
  public var xUnit: String?
  public var yLabel: String
  public var yUnit: String?
  /// Logarithmic (base 10) y axis; non-positive values are left out (gaps).
  public var logY: Bool
  /// Whether to mark every point with a dot (by default: when no series has more than 40 points).
  public var markers: Bool?
  /// Whether the linear y axis must include 0.
  public var includeZero: Bool
  /// Total width and plot-area height, in pixels.
  public var width: Double
  public var plotHeight: Double

  public init(
    title: String, series: [Series], xLabel: String, xUnit: String? = nil, yLabel: String, yUnit: String? = nil,
    logY: Bool = false, markers: Bool? = nil, includeZero: Bool = false, width: Double = 760, plotHeight: Double = 280
  ) {
    (self.title, self.series, self.xLabel, self.xUnit, self.yLabel, self.yUnit) =
      (title, series, xLabel, xUnit, yLabel, yUnit)
    (self.logY, self.markers, self.includeZero, self.width, self.plotHeight) =
      (logY, markers, includeZero, max(width, 240), max(plotHeight, 60))
  }

  public func svg() -> String {
    let yAccepts: (Double) -> Bool = { $0.isFinite && (!logY || $0 > 0) }
    let valid = series.map { $0.points.filter { $0.0.isFinite && yAccepts($0.1) } }
    let allPoints = valid.flatMap { $0 }
    let xs = allPoints.map(\.0)
    let ys = allPoints.map(\.1)

    var yScale = logY ? AxisScale(log: ys) : AxisScale(linear: ys, tickCount: 6, includeZero: includeZero)
    let legendItems = series.enumerated().map {
      LegendItem(name: $0.element.name, color: $0.element.color ?? Palette.color($0.offset), kind: .line)
    }
    let left = 24 + yScale.labelWidth + 10
    let plotTop = 30.0
    var plot = PlotRect(left: left, top: plotTop, right: width - 16, bottom: plotTop + plotHeight)
    let legendHeight = Legend.height(legendItems, width: plot.width)
    var canvas = Canvas(width: width, height: plot.bottom + 44 + legendHeight + 6)
    plot.right = max(plot.right, plot.left + 40)

    var xScale = AxisScale(linear: xs, tickCount: max(3, Int(plot.width / 70)))
    (xScale.pixelLo, xScale.pixelHi) = (plot.left, plot.right)
    (yScale.pixelLo, yScale.pixelHi) = (plot.bottom, plot.top)

    canvas.title(title)
    canvas.yAxis(yScale, plot: plot, title: axisTitle(yLabel, yUnit))
    let integral = !xs.isEmpty && xs.allSatisfy { $0 == $0.rounded() }
    canvas.xAxis(xScale, plot: plot, title: axisTitle(xLabel, xUnit), integerLabelsOnly: integral)
    // The frame goes under the lines, so a series lying on the domain's edge (a tolerance at 1e-4) stays visible.
    canvas.frame(plot)

    let showMarkers = markers ?? (series.map { min($0.x.count, $0.y.count) }.max() ?? 0 <= 40)
    for (index, s) in series.enumerated() {
      let color = (s.color ?? Palette.color(index)).hex
      // Runs of drawable points; a NaN (or a non-positive value on a log axis) breaks the line.
      var runs: [[(Double, Double)]] = [[]]
      for (x, y) in s.points {
        if x.isFinite && yAccepts(y) {
          runs[runs.count - 1].append((xScale.map(x), yScale.map(y)))
        } else if !runs[runs.count - 1].isEmpty {
          runs.append([])
        }
      }
      for run in runs where run.count > 1 { canvas.polyline(run, stroke: color, width: 1.75) }
      for run in runs where run.count == 1 || (showMarkers && run.count > 1) {
        for p in run { canvas.circle(cx: p.0, cy: p.1, r: run.count == 1 ? 3 : 2.25, fill: color) }
      }
    }
    if allPoints.isEmpty { canvas.note("no data", plot: plot) }
    Legend.draw(legendItems, on: &canvas, x: plot.left, y: plot.bottom + 42, width: plot.width)
    return canvas.render(title: title)
  }
}
