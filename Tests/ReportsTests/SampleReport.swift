import Foundation
import Reports

/// A report with every chart type and a table, on made-up but plausible numbers (deterministic: no randomness).
/// `ReportsTests` writes it to disk so `scripts/check-report.sh` can render it in a browser.
func sampleReport() -> HTMLReport {
  let hours = (1...24).map(String.init)
  let buses = (1...30).map { "bus \($0)" }
  // LMPs ($/MWh): a daily shape, spikes in hours 11–18 at buses 12 and 27, one missing value.
  var lmp: [[Double]] = buses.indices.map { b in
    (0..<24).map { (t: Int) -> Double in
      let daily: Double = 14 * sin(Double(t - 6) * Double.pi / 12)
      return 22 + daily + Double(b % 7) * 0.8
    }
  }
  for t in 10..<18 {
    lmp[11][t] += 48
    lmp[26][t] += 35
  }
  lmp[4][3] = .nan
  let heatmap = Heatmap(
    title: "LMP by bus and hour", rowLabels: buses, columnLabels: hours, values: lmp, unit: "$/MWh",
    rowAxisLabel: "bus", columnAxisLabel: "hour")

  func load(_ base: Double, _ swing: Double, _ phase: Double) -> [Double] {
    (0..<24).map { base + swing * max(0, sin((Double($0) - phase) * .pi / 16)) }
  }
  let it = load(9, 6, 6)
  let stacked = StackedChart(
    title: "DC 2 power by component", categories: hours,
    components: [
      .init(name: "IT", values: it),
      .init(name: "network", values: it.map { 0.08 * $0 + 0.4 }),
      .init(name: "cooling", values: it.map { 0.25 * $0 }),
      .init(name: "auxiliary", values: it.map { 0.1 * $0 }),
    ], xLabel: "hour", yLabel: "power", yUnit: "MW")
  let bars = StackedChart(
    title: "Energy by data center and component", categories: ["DC 1", "DC 2", "DC 3", "DC 4"],
    components: [
      .init(name: "IT", values: [210, 260, 190, 240]),
      .init(name: "network", values: [18, 22, 16, 20]),
      .init(name: "cooling", values: [52, 80, 41, 66]),
      .init(name: "auxiliary", values: [21, 26, 19, 24]),
    ], xLabel: "data center", yLabel: "energy", yUnit: "MWh", style: .bars, plotHeight: 200)

  let flows = FlowChart(
    title: "Interactive work traded per hour", categories: hours,
    flows: [
      .init(from: "DC 1", to: "DC 2", values: (0..<24).map { t in (10..<18).contains(t) ? 4 + Double(t % 3) : 0 }),
      .init(from: "DC 1", to: "DC 3", values: (0..<24).map { t in t < 6 ? 2.5 : ((10..<18).contains(t) ? 3 : 0) }),
      .init(from: "DC 3", to: "DC 4", values: (0..<24).map { t in t < 6 ? -1.5 : 0.5 }),
    ], xLabel: "hour", quantity: "interactive work", unit: "kreq/s")

  let iterations = (1...180).map(Double.init)
  let residuals = LineChart(
    title: "ADMM residuals", series: [
      Series(name: "primal ‖r‖", x: iterations, y: iterations.map { 3 * exp(-$0 / 22) + 1e-6 }),
      Series(name: "dual ‖s‖", x: iterations, y: iterations.map { 0.8 * exp(-$0 / 30) * (1 + 0.3 * sin($0 / 4)) }),
      Series(name: "tolerance", x: [1, 180], y: [1e-4, 1e-4], color: RGB(0x88, 0x88, 0x88)),
    ], xLabel: "iteration", yLabel: "residual", yUnit: "MW", logY: true)

  let outer = (1...9).map(Double.init)
  let trajectory = LineChart(
    title: "Bi-level loop: LMP at data-center buses", series: [
      Series(name: "bus 12 (DC 2)", x: outer, y: [70, 31, 58, 36, 47, 41, 44, 43, 43.2]),
      Series(name: "bus 27 (DC 3)", x: outer, y: [57, 29, 45, 33, 39, 37, 38, 37.6, 37.7]),
      Series(name: "bus 5 (DC 1)", x: outer, y: [24, 24.5, 24.2, 24.4, 24.3, 24.3, 24.3, 24.3, 24.3]),
    ], xLabel: "outer iteration", yLabel: "LMP, hour 15", yUnit: "$/MWh")

  let profits = Table(
    caption: "Profit per data center",
    columns: [.init("data center"), .init("without market", unit: "$"), .init("with market", unit: "$"),
              .init("change", unit: "%", decimals: 1)],
    rows: [
      ["DC 1", 51234.5, 55010.25, 7.4], ["DC 2", 48012, 47100.8, -1.9], ["DC 3 <Ashburn & co>", 39800, 42950, 7.9],
      ["DC 4", 45500, .number(.nan), .empty],
    ])

  return HTMLReport(
    title: "Sample report: ieee30-4dc <without & with> the market",
    introduction: "Every chart type of the Reports module on invented numbers.\n\nText is escaped: <b>not bold</b>, \"quotes\" & 'apostrophes'.",
    sections: [
      .init("Prices", [.paragraph("Hours 11–18 spike at buses 12 and 27; bus 5, hour 4 is missing (grey)."), .chart(heatmap)]),
      .init("Data-center power", [.chart(stacked), .chart(bars)]),
      .init("Trades", [.chart(flows)]),
      .init("Convergence", [.chart(residuals), .chart(trajectory)]),
      .init("Profit", [.table(profits), .facts([("ADMM iterations", "180"), ("bi-level iterations", "9")]),
                       .code("computegrid study ieee30-4dc --out DIR")]),
    ], footer: "ComputeGrid Reports sample")
}
