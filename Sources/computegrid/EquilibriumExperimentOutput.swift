import Foundation
import HyperscalerMarket
import Reports

/// Which experiments of hyperscaler-market.md §8 to run.
enum ExperimentChoice: String, CaseIterable {
  /// E1: the α sweep (S0 and EP+PPA, 11 values of α).
  case e1
  /// E2–E4: S0, EP, EA, EP+PPA at four α, EA+PPA at α_ref, and the φPPA sweep.
  case disclosure = "e2-e4"
  /// E5: uniqueness from several starts and by three routes.
  case e5
  case all

  func includes(_ other: ExperimentChoice) -> Bool { self == .all || self == other }
}

/// Runs the chosen experiments and writes their tables (CSV), charts (SVG), findings and experiments.html.
struct EquilibriumExperimentOutput {
  let market: MarketCase
  let settings: ExperimentSettings
  var sweep: [ScenarioRow] = []
  var disclosure: [ScenarioRow] = []
  var ppaSweep: [ScenarioRow] = []
  var premiums: EquilibriumRun?
  var uniqueness: [UniquenessRow] = []
  var findings: [Finding] = []
  var seconds: [(String, Double)] = []

  init(market: MarketCase, settings: ExperimentSettings, choice: ExperimentChoice) throws {
    self.market = market
    self.settings = settings
    var experiments = EquilibriumExperiments(market: market, settings: settings)
    experiments.progress = { note($0) }
    func timed<Value>(_ name: String, _ body: () throws -> Value) rethrows -> Value {
      let start = ContinuousClock.now
      let value = try body()
      seconds.append((name, (ContinuousClock.now - start).inSeconds))
      return value
    }
    if choice.includes(.e1) {
      sweep = try timed("E1 α sweep") { try experiments.alphaSweep() }
      findings += Findings.congestion(sweep)
    }
    if choice.includes(.disclosure) {
      disclosure = try timed("E2–E4 disclosure schemes") { try experiments.disclosureComparison() }
      ppaSweep = try timed("E4 φPPA sweep") { try experiments.ppaSweep() }
      premiums = try experiments.run(alpha: settings.referenceAlpha, disclosure: .exPost, ppaShare: settings.ppaShare)
      findings += Findings.disclosure(disclosure, referenceAlpha: settings.referenceAlpha)
    }
    if choice.includes(.e5) {
      uniqueness = try timed("E5 uniqueness") { try experiments.uniqueness() }
      findings += Findings.uniqueness(uniqueness)
    }
  }

  func write(to folder: URL) throws {
    var files: [(String, String)] = [("findings.json", findingsJSON.serialised() + "\n")]
    if !sweep.isEmpty {
      files.append(("e1_alpha_sweep.csv", fullPrecision(sweepTable).csv()))
      for (name, chart) in sweepCharts { files.append((name, chart.svg())) }
    }
    if !disclosure.isEmpty {
      files.append(("e2_e4_disclosure.csv", fullPrecision(disclosureTable(disclosure)).csv()))
      files.append(("e4_ppa_sweep.csv", fullPrecision(ppaTable).csv()))
      files.append(("e4_premiums.csv", fullPrecision(premiumTable).csv()))
      for (name, chart) in disclosureCharts { files.append((name, chart.svg())) }
    }
    if !uniqueness.isEmpty { files.append(("e5_uniqueness.csv", uniquenessTable.csv())) }
    for (name, text) in files {
      try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    try html.write(to: folder.appendingPathComponent("experiments.html"))
    note("wrote \(files.map(\.0).joined(separator: ", ")), experiments.html to \(folder.path)")
  }

  // MARK: Tables

  /// The same table with 10 decimals in every numeric column: the CSV files keep what the §8 criteria need (e.g.
  /// Erep_H ≤ 1e-6·Eloc_H), the HTML keeps the rounded display.
  private func fullPrecision(_ table: Table) -> Table {
    var precise = table
    for k in precise.columns.indices { precise.columns[k].decimals = max(precise.columns[k].decimals, 10) }
    return precise
  }

  private var sweepTable: Table {
    var columns: [Table.Column] = [
      .init("scenario"), .init("alpha", decimals: 2), .init("CR_total", unit: "$/day", decimals: 0),
      .init("CR_backbone", unit: "$/day", decimals: 0), .init("CR_ties", unit: "$/day", decimals: 0),
      .init("BLH_total", decimals: 0), .init("BLH_backbone", decimals: 0), .init("BLH_ties", decimals: 0),
      .init("CURT", unit: "MWh", decimals: 1), .init("Ephys", unit: "tCO2", decimals: 1),
      .init("Eloc_H", unit: "tCO2", decimals: 1), .init("Erep_H", unit: "tCO2", decimals: 1),
      .init("energy at own sites", unit: "MWh", decimals: 1), .init("energy at MDCs", unit: "MWh", decimals: 1),
    ]
    columns += market.regions.map { .init("mean latency \($0.name)", unit: "ms", decimals: 2) }
    columns += [
      .init("load-weighted LMP", unit: "$/MWh", decimals: 3), .init("hyperscaler cost", unit: "$/day", decimals: 0),
      .init("unserved", unit: "Mreq", decimals: 3),
    ]
    let rows = sweep.map { row -> [Table.Cell] in
      let m = row.metrics
      var cells: [Table.Cell] = [
        .text(row.scenario), .number(row.alpha), .number(m.congestionRent), .number(m.congestionRentBackbone),
        .number(m.congestionRentTies), .number(Double(m.bindingLineHours)), .number(Double(m.bindingLineHoursBackbone)),
        .number(Double(m.bindingLineHoursTies)), .number(m.curtailmentMWh), .number(m.physicalCO2),
        .number(m.locationBasedCO2), .number(m.reportedCO2), .number(m.ownSiteEnergyMWh), .number(m.mdcEnergyMWh),
      ]
      cells += m.meanLatencyMs.map { .number($0) }
      cells += [.number(m.loadWeightedMeanLMP), .number(m.hyperscalerMoneyCost), .number(m.unservedMreq)]
      return cells
    }
    return Table(caption: "E1: cost-awareness sweep (hyperscaler cost at α = 0 is not unique, §3.3)", columns: columns, rows: rows)
  }

  private func disclosureTable(_ rows: [ScenarioRow]) -> Table {
    let columns: [Table.Column] = [
      .init("scenario"), .init("alpha", decimals: 2), .init("PPA share", decimals: 2),
      .init("Ephys", unit: "tCO2", decimals: 1), .init("ΔEphys vs S0", unit: "%", decimals: 3),
      .init("Eloc_H", unit: "tCO2", decimals: 1), .init("Erep_H", unit: "tCO2", decimals: 1),
      .init("Gap", unit: "tCO2", decimals: 1), .init("Gap/Eloc_H", decimals: 4),
      .init("Econv_res", unit: "tCO2", decimals: 1), .init("CR_total", unit: "$/day", decimals: 0),
      .init("BLH_total", decimals: 0), .init("CURT", unit: "MWh", decimals: 1),
      .init("energy at MDCs", unit: "MWh", decimals: 1), .init("energy at own sites", unit: "MWh", decimals: 1),
      .init("hyperscaler cost", unit: "$/day", decimals: 0), .init("mean π", unit: "$/MWh", decimals: 3),
      .init("mean ψ", unit: "$/MWh", decimals: 3),
    ]
    return Table(
      caption: "E2–E4: disclosure schemes (ΔEphys against S0 at the same α)", columns: columns,
      rows: rows.map { row in
        let m = row.metrics
        return [
          .text(row.scenario), .number(row.alpha), .number(row.ppaShare), .number(m.physicalCO2),
          .number(row.physicalChangePercent), .number(m.locationBasedCO2), .number(m.reportedCO2),
          .number(m.reshufflingGap), .number(m.reshufflingGap / max(m.locationBasedCO2, 1e-12)),
          .number(m.conventionalResidualCO2), .number(m.congestionRent), .number(Double(m.bindingLineHours)),
          .number(m.curtailmentMWh), .number(m.mdcEnergyMWh), .number(m.ownSiteEnergyMWh),
          .number(m.hyperscalerMoneyCost), .number(row.meanPremium), .number(row.meanCoverCost),
        ]
      })
  }

  private var ppaTable: Table {
    let epGap = disclosure.first { $0.scenario == "EP" && $0.alpha == settings.referenceAlpha }?.metrics.reshufflingGap ?? .nan
    return Table(
      caption: "E4: PPA share at α_ref = \(settings.referenceAlpha) (reported, not asserted)",
      columns: [
        .init("PPA share", decimals: 2), .init("ΔEphys vs S0", unit: "%", decimals: 4),
        .init("Gap/Gap(EP)", decimals: 4), .init("mean π", unit: "$/MWh", decimals: 3),
      ],
      rows: ppaSweep.map { row in
        [.number(row.ppaShare), .number(row.physicalChangePercent), .number(row.metrics.reshufflingGap / epGap),
         .number(row.meanPremium)]
      })
  }

  private var premiumTable: Table {
    let rows: [[Table.Cell]] = (premiums?.hours ?? []).flatMap { hour in
      market.zeroEmissionUnits.map { j -> [Table.Cell] in
        [.number(Double(hour.hour + 1)), .text(market.units[j].name), .number(hour.premium[j]), .number(hour.backing[j]),
         .number(market.units[j].availableMW[hour.hour] - hour.output[j])]
      }
    }
    return Table(
      caption: "E4: attribute premiums in EP+PPA at α_ref",
      columns: [
        .init("t", decimals: 0), .init("unit"), .init("π", unit: "$/MWh", decimals: 4),
        .init("γ", unit: "$/MWh", decimals: 4), .init("available − output", unit: "MW", decimals: 3),
      ], rows: rows)
  }

  private var uniquenessTable: Table {
    Table(
      caption: "E5: largest relative spread per quantity group (quantities norm-wise, prices element-wise)",
      columns: [
        .init("scenario"), .init("alpha", decimals: 2), .init("group"), .init("starts", decimals: 12),
        .init("welfare QP", decimals: 12), .init("gap QP", decimals: 12), .init("asserted"),
      ],
      rows: uniqueness.map { row in
        [.text(row.scenario), .number(row.alpha), .text(row.group.rawValue), .text(scientific(row.startSpread)),
         .text(scientific(row.qpSpread)), .text(scientific(row.gapQPSpread)),
         .text(row.group.isInformational ? "no (not unique, §5)" : "yes")]
      })
  }

  private func scientific(_ value: Double) -> String { String(format: "%.2e", value) }

  // MARK: Charts

  private func sweepSeries(_ value: (ScenarioRow) -> Double) -> [Series] {
    ["S0", "EP+PPA"].map { scenario in
      let rows = sweep.filter { $0.scenario == scenario }
      return Series(name: scenario, x: rows.map(\.alpha), y: rows.map(value))
    }
  }

  private var sweepCharts: [(String, any Chart)] {
    let s0 = sweep.filter { $0.scenario == "S0" }
    return [
      ("e1_congestion_rent.svg", LineChart(
        title: "Congestion rent against cost-awareness", series: sweepSeries { $0.metrics.congestionRent },
        xLabel: "α", yLabel: "congestion rent", yUnit: "$/day", includeZero: true)),
      ("e1_binding_hours.svg", LineChart(
        title: "Binding line-hours against cost-awareness",
        series: sweepSeries { Double($0.metrics.bindingLineHours) }, xLabel: "α", yLabel: "binding line-hours",
        yUnit: "h")),
      ("e1_site_energy.svg", StackedChart(
        title: "Hyperscaler energy by site (S0)", categories: s0.map { String(format: "%.1f", $0.alpha) },
        components: market.sites.indices.map { s in
          .init(name: market.sites[s].name, values: s0.map { $0.metrics.siteEnergyMWh[s] })
        }, xLabel: "α", yLabel: "energy", yUnit: "MWh/day", style: .bars)),
      ("e1_curtailment.svg", LineChart(
        title: "Wind curtailment against cost-awareness", series: sweepSeries { $0.metrics.curtailmentMWh },
        xLabel: "α", yLabel: "curtailment", yUnit: "MWh/day", includeZero: true)),
    ]
  }

  private var disclosureCharts: [(String, any Chart)] {
    let reference = ["S0", "EP", "EA", "EP+PPA"].compactMap { scenario in
      disclosure.first { $0.scenario == scenario && $0.alpha == settings.referenceAlpha }
    }
    return [
      ("e2_e4_emissions.svg", StackedChart(
        title: "Physical emissions split into reported and residual, α = \(settings.referenceAlpha)",
        categories: reference.map(\.scenario),
        components: [
          .init(name: "reported by the hyperscaler and MDCs (Erep_H)", values: reference.map(\.metrics.reportedCO2)),
          .init(name: "left to conventional loads (Econv_res)", values: reference.map(\.metrics.conventionalResidualCO2)),
        ], xLabel: "scheme", yLabel: "emissions (bar height = Ephys)", yUnit: "tCO2/day", style: .bars)),
      ("e2_e4_delta.svg", LineChart(
        title: "Change in physical emissions against S0",
        series: ["EP", "EA", "EP+PPA"].map { scenario in
          let rows = disclosure.filter { $0.scenario == scenario }
          return Series(name: scenario, x: rows.map(\.alpha), y: rows.map(\.physicalChangePercent))
        }, xLabel: "α", yLabel: "ΔEphys", yUnit: "%", includeZero: true)),
    ]
  }

  // MARK: Findings and report

  private var findingsJSON: JSONValue {
    .object([
      ("scenario", .string(market.name)),
      ("findings", .array(findings.map { finding in
        .object([
          ("id", .string(finding.id)), ("statement", .string(finding.statement)), ("holds", .bool(finding.holds)),
          ("detail", .string(finding.detail)),
        ])
      })),
      ("seconds", .object(seconds.map { ($0.0, .number($0.1)) })),
    ])
  }

  private var html: HTMLReport {
    var sections: [HTMLReport.Section] = [
      .init("Findings (§8 acceptance criteria)", [
        .table(Table(
          columns: [.init("id"), .init("statement"), .init("holds"), .init("numbers")],
          rows: findings.map { [.text($0.id), .text($0.statement), .text($0.holds ? "yes" : "NO"), .text($0.detail)] })),
        .facts(seconds.map { ($0.0, String(format: "%.2f s", $0.1)) }),
      ])
    ]
    if !sweep.isEmpty {
      sections.append(.init("E1 — cost-awareness sweep", sweepCharts.map { .chart($0.1) } + [.table(sweepTable)]))
    }
    if !disclosure.isEmpty {
      sections.append(.init(
        "E2–E4 — disclosure schemes and PPAs",
        disclosureCharts.map { .chart($0.1) } + [.table(disclosureTable(disclosure)), .table(ppaTable)]))
    }
    if !uniqueness.isEmpty { sections.append(.init("E5 — uniqueness", [.table(uniquenessTable)])) }
    return HTMLReport(
      title: "\(market.name): experiments of the hyperscaler power market",
      introduction: "The experiments of hyperscaler-market.md §8 on \(market.name): every row is a 24-hour "
        + "equilibrium solved by the MLCP route; each scheme follows the S0 run at the same α, which fixes the "
        + "default emission factor. A finding marked NO means the case data do not show it (§10 failure policy).",
      sections: sections)
  }
}
