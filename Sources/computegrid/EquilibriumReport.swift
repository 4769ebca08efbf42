import Foundation
import HyperscalerMarket
import Reports

/// report.html of one equilibrium run: the summary beside the S0 baseline, and charts of prices, compute load,
/// network loading, curtailment and emissions.
extension EquilibriumRunOutput {
  static func schemeDescription(_ terms: MarketTerms) -> String {
    switch terms.scenarioLabel {
    case "S0": return "S0, no disclosure (reports use the hourly average factor)"
    case "EP": return "EP, ex-post disclosure: sites cover their energy with zero-emission attributes after clearing"
    case "EA": return "EA, ex-ante disclosure: sites declare intensities before the market, priced at τ"
    case "EP+PPA":
      return "EP+PPA, ex-post disclosure with \(terms.ppaShare) of zero-emission output contracted to conventional loads"
    default: return "EA+PPA, ex-ante disclosure with a PPA share of \(terms.ppaShare) (PPAs do not enter EA)"
    }
  }

  var html: HTMLReport {
    let hours = run.hours
    let hourLabels = hours.map { String($0.hour + 1) }
    let m = metrics
    let lmp = Heatmap(
      title: "LMP by bus and hour", rowLabels: busNumbers.map(String.init), columnLabels: hourLabels,
      values: busNumbers.indices.map { i in hours.map { $0.price[i] } }, unit: "$/MWh", rowAxisLabel: "bus",
      columnAxisLabel: "hour")
    let siteLoad = StackedChart(
      title: "Hyperscaler requests served by site", categories: hourLabels,
      components: market.sites.enumerated().map { s, site in
        .init(name: "\(site.name) (bus \(busNumbers[site.bus]))", values: hours.map { $0.siteLoad[s] })
      }, xLabel: "hour", yLabel: "site load", yUnit: "Mreq/h")
    let leasePrices = LineChart(
      title: "MDC lease prices", series: market.modularSites.map { s in
        Series(name: market.sites[s].name, y: hours.map { $0.leasePrice[s] }, start: 1)
      }, xLabel: "hour", yLabel: "lease price ρ", yUnit: "$/Mreq")
    let branches = market.network.branches
    let flows = hours.map { market.flows($0) }
    let loading = Heatmap(
      title: "Line loading |flow| / limit", rowLabels: branches.map { "\($0.number) (\($0.fromBus)–\($0.toBus))" },
      columnLabels: hourLabels,
      values: branches.indices.map { k in flows.map { 100 * abs($0[k]) / branches[k].limitMW } }, unit: "%",
      rowAxisLabel: "branch", columnAxisLabel: "hour", range: 0...100)
    let bindingCounts = branches.indices.map { k in
      Double(hours.filter { $0.flowUpperPrice[k] + $0.flowLowerPrice[k] >= EquilibriumMetrics.bindingThreshold }.count)
    }
    let bound = branches.indices.filter { bindingCounts[$0] > 0 }
    let binding = StackedChart(
      title: "Binding hours per branch (λ⁺ + λ⁻ ≥ 1e-3 $/MWh; branches that bind at least once)",
      categories: bound.map { String(branches[$0].number) },
      components: [
        .init(name: "backbone", values: bound.map { branches[$0].isTie ? 0 : bindingCounts[$0] }),
        .init(name: "edge tie", values: bound.map { branches[$0].isTie ? bindingCounts[$0] : 0 }),
      ], xLabel: "branch", yLabel: "binding hours", yUnit: "h", style: .bars)
    let wind = market.units.indices.filter { market.units[$0].isWind }
    let curtailed = StackedChart(
      title: "Wind curtailment by farm", categories: hourLabels,
      components: wind.map { j in
        .init(name: "\(market.units[j].name) (bus \(busNumbers[market.units[j].bus]))", values: hours.map { curtailment(j, $0) })
      }, xLabel: "hour", yLabel: "curtailment", yUnit: "MW", style: .bars)
    return HTMLReport(
      title: "\(market.name): \(label) equilibrium at α = \(terms.alpha)",
      introduction: introduction,
      sections: [
        HTMLReport.Section("Summary", [.facts(facts), .table(summaryTable)]),
        HTMLReport.Section(
          "Prices",
          [
            .chart(lmp),
            .paragraph(
              String(
                format:
                  "Load-weighted mean LMP %.2f $/MWh. The congestion component of an LMP is its difference to the hub bus (%d); buses.csv lists both.",
                m.loadWeightedMeanLMP, busNumbers[market.network.hubBus])),
            .chart(leasePrices),
          ]),
        HTMLReport.Section(
          "Compute load",
          [
            .chart(siteLoad),
            .paragraph(
              "Mean served latency per region: "
                + zip(market.regions, m.meanLatencyMs).map { String(format: "%@ %.2f ms (SLO %.0f ms)", $0.name, $1, $0.meanLatencyMs) }
                .joined(separator: ", ") + ". routing.csv lists every (region, site) flow."),
          ]),
        HTMLReport.Section("Network", [.chart(loading), .chart(binding)]),
        HTMLReport.Section(
          "Curtailment",
          [
            .chart(curtailed),
            .paragraph(String(format: "Wind curtailed over the day: %.1f MWh.", m.curtailmentMWh)),
          ]),
        HTMLReport.Section("Emissions", emissionBlocks),
      ],
      footer:
        "ComputeGrid — computegrid equilibrium (hyperscaler-market.md). Tables beside this page: "
        + Self.files.filter { $0 != "report.html" }.joined(separator: ", ") + ".")
  }

  private var introduction: String {
    "Scenario \(market.name): \(market.network.busCount) buses, \(market.network.branches.count) branches, "
      + "\(market.units.count) producers, \(market.sites.count) compute sites (\(market.ownSites.count) own, "
      + "\(market.modularSites.count) MDCs), \(market.regions.count) user regions, \(market.hours) independent hours. "
      + "Cost-awareness α = \(terms.alpha) (the hyperscaler's weight on money); scheme \(Self.schemeDescription(terms)). "
      + "Solved by the \(routeDescription)"
      + (terms.disclosure == .none ? "." : ", after the S0 run at the same α that fixes the default factor ēdef.")
      + " Prices in $/MWh, requests in Mreq/h (10⁶ requests), emissions in tCO2, money and energy per day."
  }

  private var routeDescription: String {
    switch run.route {
    case .mlcp where settings.stackHours: return "MLCP route (the hours stacked into one block-diagonal MLCP)"
    case .mlcp: return "MLCP route (one MLCP per hour: the players' KKT conditions and the market clearing)"
    case .qp: return "welfare-QP route (the equivalent QP of §4.6)"
    case .gapQP: return "gap-QP route (solver.md §5.9)"
    }
  }

  private var facts: [(String, String)] {
    [
      ("status", "solved (\(run.hours.count) hours, at most \(run.iterations.max() ?? 0) interior-point iterations per hour)"),
      ("solve time", String(format: "%.2f s (%@ route check %.2f s)", run.solveSeconds, checks.otherRoute.rawValue, checks.otherRouteSeconds)),
      ("max KKT residual", String(format: "%.1e relative to 1 + |q_i| (row %@)", checks.maxResidual, checks.worstRow)),
      (
        "price gap to the \(checks.otherRoute.rawValue) route",
        checks.priceGap.map { String(format: "%.1e (relative to max(1, |p_QP|))", $0) }
          ?? "not available: \(checks.otherRouteError ?? "the route failed")"
      ),
      ("degenerate pairs", run.degeneratePairs.isEmpty ? "none" : "\(run.degeneratePairs.count), e.g. \(run.degeneratePairs.prefix(3).joined(separator: ", "))"),
    ]
  }

  private var summaryTable: Table {
    let withBaseline = terms.disclosure != .none
    func rows(_ m: EquilibriumMetrics) -> [(String, String, Double)] {
      [
        ("congestion rent", "$/day", m.congestionRent), ("… backbone (branches other than the edge ties)", "$/day", m.congestionRentBackbone),
        ("… edge ties", "$/day", m.congestionRentTies), ("binding line-hours", "", Double(m.bindingLineHours)),
        ("… backbone", "", Double(m.bindingLineHoursBackbone)), ("… edge ties", "", Double(m.bindingLineHoursTies)),
        ("wind curtailment", "MWh/day", m.curtailmentMWh), ("physical CO2 (Ephys)", "t/day", m.physicalCO2),
        ("reported hyperscaler CO2 (Erep_H)", "t/day", m.reportedCO2),
        ("location-based hyperscaler CO2 (Eloc_H)", "t/day", m.locationBasedCO2),
        ("reshuffling gap (Eloc_H − Erep_H)", "t/day", m.reshufflingGap),
        ("conventional-load residual (Ephys − Erep_H)", "t/day", m.conventionalResidualCO2),
        ("hyperscaler energy at own sites", "MWh/day", m.ownSiteEnergyMWh),
        ("hyperscaler energy at MDCs", "MWh/day", m.mdcEnergyMWh),
        ("hyperscaler money cost (H36a)", "$/day", m.hyperscalerMoneyCost),
        ("unserved requests", "Mreq/day", m.unservedMreq),
        ("load-weighted mean LMP", "$/MWh", m.loadWeightedMeanLMP),
      ]
    }
    let these = rows(metrics)
    let baseline = rows(outcome.baselineMetrics)
    return Table(
      caption: "Daily figures" + (withBaseline ? " of \(label) beside S0 at the same α" : ""),
      columns: [.init("quantity"), .init("unit"), .init(label, decimals: 1)] + (withBaseline ? [.init("S0", decimals: 1)] : []),
      rows: these.indices.map { i in
        [.text(these[i].0), .text(these[i].1), .number(these[i].2)] + (withBaseline ? [.number(baseline[i].2)] : [])
      })
  }

  private var emissionBlocks: [HTMLReport.Block] {
    let withBaseline = terms.disclosure != .none
    let runs: [(String, EquilibriumMetrics)] = withBaseline ? [("S0", outcome.baselineMetrics), (label, metrics)] : [(label, metrics)]
    let kinds: [(String, (EquilibriumMetrics) -> Double)] = [
      ("physical", \.physicalCO2), ("reported", \.reportedCO2), ("location-based", \.locationBasedCO2),
    ]
    // One bar per (metric, run), labelled by the run: each metric is a component that is non-zero only in its own
    // bars, so the colour says which metric a bar shows (short labels, so the axis keeps all of them).
    var categories: [String] = []
    for _ in kinds { for run in runs { categories.append(run.0) } }
    let bars = StackedChart(
      title: "Daily CO2: physical (all generators), reported and location-based (hyperscaler and MDCs)",
      categories: categories,
      components: kinds.enumerated().map { k, kind in
        .init(
          name: kind.0,
          values: categories.indices.map { c in c / runs.count == k ? kind.1(runs[c % runs.count].1) : 0 })
      }, xLabel: "scheme (colour: metric)", yLabel: "emissions", yUnit: "tCO2/day", style: .bars)
    let hourly = { (run: EquilibriumRun) in
      run.hours.map { hour in market.units.indices.reduce(0) { $0 + market.units[$1].emissionRate * hour.output[$1] } }
    }
    var series = [Series(name: "physical \(label)", y: hourly(run), start: 1)]
    if withBaseline { series.append(Series(name: "physical S0", y: hourly(outcome.baseline), start: 1)) }
    let physical = LineChart(
      title: "Physical emissions by hour", series: series, xLabel: "hour", yLabel: "emissions", yUnit: "tCO2/h")
    var text = String(
      format: "Physical emissions %.1f t/day; the hyperscaler reports %.1f t against %.1f t location-based (gap %.1f t).",
      metrics.physicalCO2, metrics.reportedCO2, metrics.locationBasedCO2, metrics.reshufflingGap)
    if withBaseline {
      let b = outcome.baselineMetrics
      text += String(
        format: " S0 at the same α: physical %.1f t, reported %.1f t; the scheme changes physical emissions by %+.3f %%.",
        b.physicalCO2, b.reportedCO2, b.physicalCO2 > 0 ? 100 * (metrics.physicalCO2 - b.physicalCO2) / b.physicalCO2 : 0)
    }
    return [.chart(bars), .chart(physical), .paragraph(text)]
  }
}
