import Foundation

/// The plotting area of a chart, in SVG pixels.
struct PlotRect {
  var left: Double
  var top: Double
  var right: Double
  var bottom: Double
  var width: Double { right - left }
  var height: Double { bottom - top }
}

/// Maps data values to pixels along one axis, over a domain spanning its nice ticks.
struct AxisScale {
  let ticks: [Double]
  let lo: Double
  let hi: Double
  var pixelLo: Double
  var pixelHi: Double
  let isLog: Bool

  /// A linear axis over the finite values of `data` (0…1 when there are none), with nice ticks.
  init(linear data: [Double], pixelLo: Double = 0, pixelHi: Double = 1, tickCount: Int = 6, includeZero: Bool = false) {
    var finite = data.filter(\.isFinite)
    if includeZero { finite.append(0) }
    let ticks = Ticks.nice(finite.min() ?? 0, finite.max() ?? 1, count: tickCount)
    self.ticks = ticks
    lo = ticks.first ?? 0
    hi = (ticks.last ?? 1) > lo ? ticks.last! : lo + 1
    (self.pixelLo, self.pixelHi, isLog) = (pixelLo, pixelHi, false)
  }

  /// A log₁₀ axis over the positive finite values of `data` (1…10 when there are none), ticks at powers of ten.
  init(log data: [Double], pixelLo: Double = 0, pixelHi: Double = 1) {
    let positive = data.filter { $0.isFinite && $0 > 0 }
    let ticks = Ticks.logarithmic(positive.min() ?? 1, positive.max() ?? 10)
    self.ticks = ticks
    // 3 % of the span beyond the outer decades, so a series on a decade (a tolerance of 1e-4) clears the frame.
    let (first, last) = (log10(ticks.first!), max(log10(ticks.last!), log10(ticks.first!) + 1))
    lo = first - 0.03 * (last - first)
    hi = last + 0.03 * (last - first)
    (self.pixelLo, self.pixelHi, isLog) = (pixelLo, pixelHi, true)
  }

  /// Whether `value` can be drawn on this axis (finite, and positive on a log axis).
  func accepts(_ value: Double) -> Bool { value.isFinite && (!isLog || value > 0) }

  func map(_ value: Double) -> Double {
    let v = isLog ? log10(value) : value
    guard v.isFinite else { return pixelLo }
    return pixelLo + (v - lo) / (hi - lo) * (pixelHi - pixelLo)
  }

  func label(_ tick: Double) -> String {
    if isLog { return Ticks.logLabel(tick) }
    let step = ticks.count > 1 ? ticks[1] - ticks[0] : max(abs(tick), 1)
    return Ticks.label(tick, step: step)
  }

  /// The widest tick label, in pixels at 11 px.
  var labelWidth: Double { ticks.map { Markup.textWidth(label($0), size: 11) }.max() ?? 0 }
}

extension Canvas {
  /// Horizontal grid lines, tick labels on the left, and the rotated axis title.
  mutating func yAxis(_ scale: AxisScale, plot: PlotRect, title: String) {
    for tick in scale.ticks {
      let y = scale.map(tick)
      line(plot.left, y, plot.right, y, stroke: Canvas.gridColor)
      text(scale.label(tick), x: plot.left - 6, y: y + 4, anchor: .end)
    }
    if scale.ticks.contains(0), !scale.isLog {
      let y = scale.map(0)
      line(plot.left, y, plot.right, y, stroke: "#999999")
    }
    text(title, x: 14, y: (plot.top + plot.bottom) / 2, anchor: .middle, rotate: -90)
  }

  /// Vertical grid lines, tick labels under the plot (thinned when they would overlap), and the axis title.
  mutating func xAxis(_ scale: AxisScale, plot: PlotRect, title: String, integerLabelsOnly: Bool = false) {
    let ticks = scale.ticks.filter { !integerLabelsOnly || $0 == $0.rounded() }
    let widest = ticks.map { Markup.textWidth(scale.label($0), size: 11) }.max() ?? 0
    let spacing = ticks.count > 1 ? abs(scale.map(ticks[1]) - scale.map(ticks[0])) : plot.width
    let every = max(1, Int(((widest + 8) / max(spacing, 1)).rounded(.up)))
    for (i, tick) in ticks.enumerated() {
      let x = scale.map(tick)
      line(x, plot.top, x, plot.bottom, stroke: Canvas.gridColor)
      line(x, plot.bottom, x, plot.bottom + 4, stroke: Canvas.axisColor)
      if i % every == 0 { text(scale.label(tick), x: x, y: plot.bottom + 16, anchor: .middle) }
    }
    text(title, x: (plot.left + plot.right) / 2, y: plot.bottom + 34, anchor: .middle)
  }

  /// Category labels centred under bands of width `band` (thinned when they would overlap), and the axis title.
  mutating func categoryAxis(_ labels: [String], plot: PlotRect, title: String) {
    guard !labels.isEmpty else {
      text(title, x: (plot.left + plot.right) / 2, y: plot.bottom + 34, anchor: .middle)
      return
    }
    let band = plot.width / Double(labels.count)
    let widest = labels.map { Markup.textWidth($0, size: 11) }.max() ?? 0
    let every = max(1, Int(((widest + 6) / band).rounded(.up)))
    for (i, label) in labels.enumerated() where i % every == 0 {
      let x = plot.left + (Double(i) + 0.5) * band
      line(x, plot.bottom, x, plot.bottom + 4, stroke: Canvas.axisColor)
      text(label, x: x, y: plot.bottom + 16, anchor: .middle)
    }
    text(title, x: (plot.left + plot.right) / 2, y: plot.bottom + 34, anchor: .middle)
  }

  /// The plot frame (drawn last, over the data).
  mutating func frame(_ plot: PlotRect) {
    raw(
      "<rect x=\"\(Markup.coordinate(plot.left))\" y=\"\(Markup.coordinate(plot.top))\" width=\"\(Markup.coordinate(plot.width))\" height=\"\(Markup.coordinate(plot.height))\" fill=\"none\" stroke=\"\(Canvas.axisColor)\"/>"
    )
  }

  /// A centred grey note inside the plot, e.g. "no data".
  mutating func note(_ string: String, plot: PlotRect) {
    text(string, x: (plot.left + plot.right) / 2, y: (plot.top + plot.bottom) / 2, anchor: .middle, size: 13, fill: "#888888")
  }
}

/// One entry of a chart legend.
struct LegendItem {
  enum Kind { case line, swatch }
  var name: String
  var color: RGB
  var kind: Kind
}

/// Legend entries laid out left to right, wrapping into rows of 16 px.
enum Legend {
  static let rowHeight = 16.0

  static func positions(_ items: [LegendItem], width: Double) -> [(x: Double, row: Int)] {
    var x = 0.0
    var row = 0
    var out: [(x: Double, row: Int)] = []
    for item in items {
      let w = 22 + Markup.textWidth(item.name, size: 11) + 14
      if x > 0, x + w > width {
        x = 0
        row += 1
      }
      out.append((x, row))
      x += w
    }
    return out
  }

  static func height(_ items: [LegendItem], width: Double) -> Double {
    guard !items.isEmpty else { return 0 }
    return Double((positions(items, width: width).last?.row ?? 0) + 1) * rowHeight
  }

  static func draw(_ items: [LegendItem], on canvas: inout Canvas, x: Double, y: Double, width: Double) {
    for (item, p) in zip(items, positions(items, width: width)) {
      let left = x + p.x
      let middle = y + Double(p.row) * rowHeight + 8
      switch item.kind {
      case .line: canvas.line(left, middle, left + 16, middle, stroke: item.color.hex, width: 2.5)
      case .swatch: canvas.rect(x: left + 2, y: middle - 5, width: 12, height: 10, fill: item.color.hex)
      }
      canvas.text(item.name, x: left + 22, y: middle + 4)
    }
  }
}
