import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

@testable import Reports

/// Parses `text` as XML; throws when it is not well-formed.
func parseXML(_ text: String) throws -> XMLDocument { try XMLDocument(xmlString: text, options: []) }

/// All elements of the document, depth first.
func elements(_ node: XMLNode) -> [XMLElement] {
  let children = (node.children ?? []).flatMap { elements($0) }
  return (node as? XMLElement).map { [$0] + children } ?? children
}

/// Fails when any numeric SVG attribute holds a non-number, or any attribute mentions NaN or infinity.
func expectFiniteAttributes(_ svg: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
  let document = try parseXML(svg)
  let numeric: Set = ["x", "y", "width", "height", "x1", "y1", "x2", "y2", "cx", "cy", "r", "points", "viewBox",
                      "transform", "font-size", "stroke-width", "fill-opacity"]
  for element in elements(document) {
    for attribute in element.attributes ?? [] {
      let name = attribute.name ?? ""
      let value = attribute.stringValue ?? ""
      #expect(!value.lowercased().contains("nan") && !value.lowercased().contains("inf"),
              "\(element.name ?? "")@\(name)=\(value)", sourceLocation: sourceLocation)
      guard numeric.contains(name) else { continue }
      let numbers = value.replacingOccurrences(of: "rotate(", with: "").split(whereSeparator: { " ,()".contains($0) })
      for token in numbers {
        #expect(Double(token)?.isFinite == true, "\(element.name ?? "")@\(name)=\(value)",
                sourceLocation: sourceLocation)
      }
    }
  }
}

@Suite("Nice ticks")
struct TickTests {
  @Test("hand-worked linear ranges")
  func linear() {
    #expect(Ticks.nice(0, 97) == [0, 20, 40, 60, 80, 100])
    #expect(Ticks.nice(20, 80) == [20, 40, 60, 80])
    #expect(Ticks.nice(-3.2, 7.9) == [-5, 0, 5, 10])
    #expect(Ticks.nice(0.0012, 0.0047) == [0.001, 0.002, 0.003, 0.004, 0.005])
    #expect(Ticks.nice(0, 1) == [0, 0.2, 0.4, 0.6, 0.8, 1])
    #expect(Ticks.nice(-250, -30) == [-250, -200, -150, -100, -50, 0])
    #expect(Ticks.nice(97, 0) == Ticks.nice(0, 97))
  }

  @Test("degenerate ranges still give an increasing axis")
  func degenerate() {
    #expect(Ticks.nice(50, 50) == [44, 46, 48, 50, 52, 54, 56])
    #expect(Ticks.nice(0, 0) == [0, 0.2, 0.4, 0.6, 0.8, 1])
    #expect(Ticks.nice(-7, -7).first! < -7 && Ticks.nice(-7, -7).last! > -7)
    #expect(Ticks.nice(.nan, .nan) == [0, 0.2, 0.4, 0.6, 0.8, 1])
    #expect(Ticks.nice(.nan, 3).contains(3))
    #expect(Ticks.nice(-.infinity, .infinity).allSatisfy { $0.isFinite })
  }

  @Test("logarithmic ranges")
  func logarithmic() {
    #expect(Ticks.logarithmic(3e-7, 0.4) == [1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1])
    #expect(Ticks.logarithmic(5, 5) == [1, 10])
    #expect(Ticks.logarithmic(1e-12, 1e3) == [1e-12, 1e-10, 1e-8, 1e-6, 1e-4, 1e-2, 1, 1e2, 1e4])
    #expect(Ticks.logarithmic(0, -1) == [1, 10])
  }

  @Test("labels")
  func labels() {
    #expect(Ticks.label(40, step: 20) == "40")
    #expect(Ticks.label(0.15000000000000002, step: 0.05) == "0.15")
    #expect(Ticks.label(-0.5, step: 0.5) == "-0.5")
    #expect(Ticks.label(0.003, step: 0.001) == "0.003")
    #expect(Ticks.logLabel(1e-6) == "1e-6")
    #expect(Ticks.logLabel(0.01) == "0.01")
    #expect(Ticks.logLabel(1000) == "1000")
    #expect(Ticks.logLabel(1e8) == "1e8")
  }
}

@Suite("Escaping and formatting")
struct MarkupTests {
  @Test("the five XML characters and control characters")
  func escape() {
    #expect(Markup.escape("<a & \"b\" 'c'>") == "&lt;a &amp; &quot;b&quot; &#39;c&#39;&gt;")
    #expect(Markup.escape("bell\u{07}ok") == "bellok")
    #expect(Markup.escape("€ → ‖r‖") == "€ → ‖r‖")
  }

  @Test("coordinates never print NaN, inf, exponents or -0")
  func coordinates() {
    #expect(Markup.coordinate(.nan) == "0")
    #expect(Markup.coordinate(.infinity) == "0")
    #expect(Markup.coordinate(-0.001) == "0")
    #expect(Markup.coordinate(12.3456) == "12.35")
    #expect(Markup.coordinate(1e-9) == "0")
    #expect(Markup.coordinate(40) == "40")
    #expect(Markup.coordinate(-2.5) == "-2.5")
  }

  @Test("numbers with grouping")
  func numbers() {
    #expect(Markup.number(1234567.891, decimals: 2, grouped: true) == "1,234,567.89")
    #expect(Markup.number(-1234.6, decimals: 0, grouped: true) == "-1,235")
    #expect(Markup.number(-0.0001, decimals: 2) == "0.00")
    #expect(Markup.number(.nan, decimals: 2) == "–")
    #expect(Markup.number(999, decimals: 1, grouped: true) == "999.0")
  }
}

@Suite("Colour scales")
struct ColorTests {
  @Test("heatmap endpoints map to the first and last stops; NaN is grey; constant is the middle")
  func heatmapEndpoints() throws {
    let map = Heatmap(
      title: "LMP", rowLabels: ["a", "b"], columnLabels: ["1", "2"], values: [[10, 20], [30, .nan]], unit: "$/MWh")
    #expect(map.domain == 10...30)
    #expect(map.color(for: 10) == ColorScale.viridis.stops.first)
    #expect(map.color(for: 30) == ColorScale.viridis.stops.last)
    #expect(map.color(for: .nan) == ColorScale.viridis.missing)
    #expect(map.color(for: 20) == ColorScale.viridis.stops[4])
    let svg = map.svg()
    for hex in ["#440154", "#fde725", "#bbbbbb", "#21918c"] { #expect(svg.contains("fill=\"\(hex)\"")) }

    let constant = Heatmap(title: "flat", rowLabels: ["a"], columnLabels: ["1", "2"], values: [[7, 7]], unit: "MW")
    #expect(constant.color(for: 7) == ColorScale.viridis.stops[4])
    let fixed = Heatmap(
      title: "fixed", rowLabels: ["a"], columnLabels: ["1"], values: [[5]], unit: "MW", colorScale: .diverging,
      range: -10...10)
    #expect(fixed.color(for: -50) == ColorScale.diverging.stops.first)
    #expect(fixed.color(for: 0) == RGB(hex: "#f7f7f7"))
  }

  @Test("hex round trip")
  func hex() {
    #expect(RGB(hex: "#4e79a7")?.hex == "#4e79a7")
    #expect(RGB(hex: "4E79A7") == RGB(0x4e, 0x79, 0xa7))
    #expect(RGB(hex: "#12345") == nil)
  }
}

/// Edge-case data: nothing, one point, constant, negative, non-finite.
let edgeCases: [(String, [Double])] = [
  ("empty", []), ("single", [4.2]), ("constant", [3, 3, 3, 3]), ("negative", [-5, -1.5, -20, -7]),
  ("mixed", [-2, 0, 3.5, -1e-3]), ("gaps", [1, .nan, 2, .infinity, -.infinity, 3]), ("all missing", [.nan, .nan]),
  ("zero", [0, 0, 0]), ("huge", [1e9, 2.5e9]), ("tiny", [1e-9, 3e-9]),
]

@Suite("Charts are well-formed SVG for edge cases")
struct ChartTests {
  @Test("line chart, linear and log", arguments: edgeCases.indices)
  func line(_ index: Int) throws {
    let (name, values) = edgeCases[index]
    for logY in [false, true] {
      let chart = LineChart(
        title: "line \(name)",
        series: [Series(name: "a", y: values, start: 1), Series(name: "b", x: values, y: values.map { $0 * 2 })],
        xLabel: "hour", yLabel: "LMP", yUnit: "$/MWh", logY: logY)
      try expectFiniteAttributes(chart.svg())
    }
    try expectFiniteAttributes(LineChart(title: "none", series: [], xLabel: "x", yLabel: "y").svg())
  }

  @Test("heatmap", arguments: edgeCases.indices)
  func heatmap(_ index: Int) throws {
    let (name, values) = edgeCases[index]
    let chart = Heatmap(
      title: "heat \(name)", rowLabels: ["r1", "r2"], columnLabels: values.indices.map(String.init),
      values: [values, values.map { -$0 }], unit: "$/MWh", rowAxisLabel: "bus", columnAxisLabel: "hour")
    try expectFiniteAttributes(chart.svg())
    try expectFiniteAttributes(
      Heatmap(title: "nothing", rowLabels: [], columnLabels: [], values: [], unit: "x").svg())
  }

  @Test("stacked areas and bars", arguments: edgeCases.indices)
  func stacked(_ index: Int) throws {
    let (name, values) = edgeCases[index]
    for style in [StackedChart.Style.area, .bars] {
      let chart = StackedChart(
        title: "stack \(name)", categories: values.indices.map(String.init),
        components: [.init(name: "IT", values: values), .init(name: "cooling", values: values.map { abs($0) })],
        xLabel: "hour", yLabel: "power", yUnit: "MW", style: style)
      try expectFiniteAttributes(chart.svg())
      try expectFiniteAttributes(
        StackedChart(title: "none", categories: [], components: [], xLabel: "h", yLabel: "p", style: style).svg())
    }
  }

  @Test("flows", arguments: edgeCases.indices)
  func flows(_ index: Int) throws {
    let (name, values) = edgeCases[index]
    let chart = FlowChart(
      title: "flow \(name)", categories: [],
      flows: [.init(from: "A", to: "B", values: values), .init(from: "B", to: "C", values: values.map { -$0 })],
      xLabel: "hour", quantity: "work", unit: "kreq/s")
    try expectFiniteAttributes(chart.svg())
    try expectFiniteAttributes(
      FlowChart(title: "none", categories: ["1"], flows: [], xLabel: "h", quantity: "w").svg())
  }

  @Test("stacking: positives up from 0, negatives down, first component at the bottom")
  func stacking() {
    let chart = StackedChart(
      title: "s", categories: ["1", "2"],
      components: [.init(name: "a", values: [1, -2]), .init(name: "b", values: [3, -4]), .init(name: "c", values: [.nan])],
      xLabel: "h", yLabel: "p")
    let layers = chart.layers()
    #expect(layers[0].map(\.lower) == [0, -2] && layers[0].map(\.upper) == [1, 0])
    #expect(layers[1].map(\.lower) == [1, -6] && layers[1].map(\.upper) == [4, -2])
    #expect(layers[2].map(\.lower) == [4, 0] && layers[2].map(\.upper) == [4, 0])
  }

  @Test("labels with markup characters are escaped and survive a parse")
  func escapedLabels() throws {
    let nasty = "<script>alert(\"x\")</script> & 'q'"
    let charts: [any Chart] = [
      LineChart(title: nasty, series: [Series(name: nasty, y: [1, 2])], xLabel: nasty, yLabel: nasty, yUnit: "<u>"),
      Heatmap(title: nasty, rowLabels: [nasty], columnLabels: [nasty], values: [[1]], unit: nasty,
              rowAxisLabel: nasty, columnAxisLabel: nasty),
      StackedChart(title: nasty, categories: [nasty], components: [.init(name: nasty, values: [1])], xLabel: nasty,
                   yLabel: nasty, yUnit: nasty),
      FlowChart(title: nasty, categories: [nasty], flows: [.init(from: nasty, to: "&", values: [1])], xLabel: nasty,
                quantity: nasty, unit: nasty),
    ]
    for chart in charts {
      let svg = chart.svg()
      #expect(!svg.contains("<script"))
      let document = try parseXML(svg)
      let title = elements(document).first { $0.name == "title" }
      #expect(title?.stringValue == nasty)
      // (attribute(forName:) misses attributes of an element in a default namespace on Linux; search the list.)
      #expect(document.rootElement()?.attributes?.first { $0.name == "aria-label" }?.stringValue == nasty)
      #expect(elements(document).contains { $0.name == "text" && $0.stringValue == nasty })
    }
  }

  @Test("a single point is drawn as a dot; a log axis drops non-positive values")
  func singlePointAndLog() throws {
    let single = LineChart(title: "one", series: [Series(name: "a", x: [3], y: [7])], xLabel: "x", yLabel: "y")
    let dots = try elements(parseXML(single.svg())).filter { $0.name == "circle" }
    #expect(dots.count == 1)
    let log = LineChart(
      title: "log", series: [Series(name: "r", y: [1, 0.1, 0, -1, 0.001, 1e-4])], xLabel: "iteration",
      yLabel: "residual", logY: true, markers: false)
    let lines = try elements(parseXML(log.svg())).filter { $0.name == "polyline" }
    #expect(lines.count == 2)  // 1 → 0.1, then a gap at 0 and −1, then 0.001 → 1e-4
  }
}

@Suite("Tables and the HTML report")
struct ReportTests {
  @Test("table HTML: units in the header, grouped numbers, escaped text; CSV quoting")
  func table() throws {
    let table = Table(
      caption: "P&L", columns: [.init("name"), .init("profit", unit: "$", decimals: 2), .init("share", unit: "%", decimals: 1)],
      rows: [["a, \"b\"", 1234.5, 12.34], ["<c>", .number(.nan), .empty]])
    let html = table.html()
    #expect(html.contains("<th class=\"num\">profit ($)</th>"))
    #expect(html.contains("<td class=\"num\">1,234.50</td>"))
    #expect(html.contains("<td>&lt;c&gt;</td>"))
    #expect(html.contains("<caption>P&amp;L</caption>"))
    _ = try parseXML(html)
    #expect(table.csv() == "name,profit ($),share (%)\n\"a, \"\"b\"\"\",1234.50,12.3\n<c>,,\n")
  }

  @Test("the sample report is well-formed XML, self-contained and escaped")
  func sample() throws {
    let html = sampleReport().html()
    let document = try parseXML(html)
    let all = elements(document)
    #expect(all.filter { $0.name == "svg" }.count == 6)
    #expect(all.filter { $0.name == "table" }.count == 1)
    #expect(!all.contains { $0.name == "script" || $0.name == "link" || $0.name == "img" })
    #expect(!html.contains("http://") || html.components(separatedBy: "http://").count - 1 == 6)  // only xmlns
    #expect(!html.contains("https://"))
    #expect(all.first { $0.name == "h1" }?.stringValue == "Sample report: ieee30-4dc <without & with> the market")
    for svg in all.filter({ $0.name == "svg" }) { try expectFiniteAttributes(svg.xmlString) }
  }

  /// Writes the sample to `$REPORTS_SAMPLE_DIR` (or a temporary folder) for `scripts/check-report.sh`; with
  /// `REPORTS_BROWSER_CHECK=1` also runs that check (slow: starts Chromium, installs it when missing).
  @Test("write the sample report (and optionally check it in Chromium)")
  func writeSample() throws {
    let environment = ProcessInfo.processInfo.environment
    let directory = URL(
      fileURLWithPath: environment["REPORTS_SAMPLE_DIR"]
        ?? FileManager.default.temporaryDirectory.appendingPathComponent("computegrid-reports-sample").path)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let file = directory.appendingPathComponent("report-sample.html")
    try sampleReport().write(to: file)
    #expect(FileManager.default.fileExists(atPath: file.path))
    guard environment["REPORTS_BROWSER_CHECK"] == "1" else { return }
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("scripts/check-report.sh")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [script.path, file.path]
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "scripts/check-report.sh \(file.path)")
  }
}
