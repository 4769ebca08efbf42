import Foundation
import HyperscalerMarket

/// The standard output set of one equilibrium run (hyperscaler-market.md §8): the CSV tables, summary.json,
/// report.html and a text summary, all from (market, outcome) plus the independent checks. An experiment that runs
/// many (scenario, α) points can write each one's folder with this type and add its own tables beside them.
struct EquilibriumRunOutput {
  let market: MarketCase
  let outcome: ScenarioOutcome
  let checks: EquilibriumChecks
  let settings: EquilibriumSettings

  static let files = [
    "buses.csv", "lines.csv", "units.csv", "sites.csv", "regions.csv", "routing.csv", "lmp.csv", "summary.json",
    "report.html",
  ]

  var run: EquilibriumRun { outcome.run }
  var terms: MarketTerms { outcome.run.terms }
  var metrics: EquilibriumMetrics { outcome.metrics }
  var label: String { terms.scenarioLabel }
  var busNumbers: [Int] { market.network.busNumbers }

  func write(to folder: URL) throws {
    let tables: [(String, [[String]])] = [
      ("buses.csv", busTable), ("lines.csv", lineTable), ("units.csv", unitTable), ("sites.csv", siteTable),
      ("regions.csv", regionTable), ("routing.csv", routingTable), ("lmp.csv", lmpMatrix),
    ]
    for (name, rows) in tables {
      try csv(rows).write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    try (summary.serialised() + "\n").write(
      to: folder.appendingPathComponent("summary.json"), atomically: true, encoding: .utf8)
    try html.write(to: folder.appendingPathComponent("report.html"))
  }

  // MARK: Tables (§8 "Standard output set of one run"; t 1-based, bus and branch numbers as in the case)

  private func text(_ value: Double) -> String { "\(value)" }

  /// Conventional demand d per bus index, MW.
  func busDemand(_ hour: HourEquilibrium) -> [Double] {
    var demand = [Double](repeating: 0, count: market.network.busCount)
    for (c, load) in market.loads.enumerated() { demand[load.bus] += hour.demand[c] }
    return demand
  }

  var busTable: [[String]] {
    var rows = [
      [
        "t", "bus", "lmp_usd_per_mwh", "hub_usd_per_mwh", "congestion_component_usd_per_mwh", "demand_mw",
        "injection_mw",
      ]
    ]
    for hour in run.hours {
      let demand = busDemand(hour)
      for (i, number) in busNumbers.enumerated() {
        rows.append(
          [String(hour.hour + 1), String(number)]
            + [hour.price[i], hour.hubPrice, hour.price[i] - hour.hubPrice, demand[i], hour.injection[i]].map(text))
      }
    }
    return rows
  }

  var lineTable: [[String]] {
    var rows = [
      [
        "t", "branch", "from_bus", "to_bus", "is_tie", "flow_mw", "limit_mw", "lambda_plus", "lambda_minus", "binding",
      ]
    ]
    for hour in run.hours {
      let flows = market.flows(hour)
      for (k, branch) in market.network.branches.enumerated() {
        let shadow = hour.flowUpperPrice[k] + hour.flowLowerPrice[k]
        rows.append(
          [
            String(hour.hour + 1), String(branch.number), String(branch.fromBus), String(branch.toBus),
            branch.isTie ? "1" : "0", text(flows[k]), text(branch.limitMW), text(hour.flowUpperPrice[k]),
            text(hour.flowLowerPrice[k]), shadow >= EquilibriumMetrics.bindingThreshold ? "1" : "0",
          ])
      }
    }
    return rows
  }

  /// Wind curtailment Ḡ − g, MW (0 for dispatchable units, whose spare capacity is not curtailment).
  func curtailment(_ unit: Int, _ hour: HourEquilibrium) -> Double {
    market.units[unit].isWind ? market.units[unit].availableMW[hour.hour] - hour.output[unit] : 0
  }

  var unitTable: [[String]] {
    var rows = [
      [
        "t", "unit", "bus", "type", "output_mw", "available_mw", "curtailment_mw", "co2_t", "beta",
        "attributes_sold_mwh", "gamma", "premium_usd_per_mwh",
      ]
    ]
    for hour in run.hours {
      for (j, unit) in market.units.enumerated() {
        rows.append(
          [String(hour.hour + 1), unit.name, String(busNumbers[unit.bus]), unit.type]
            + [
              hour.output[j], unit.availableMW[hour.hour], curtailment(j, hour), unit.emissionRate * hour.output[j],
              hour.capacityRent[j], hour.attributesSold[j], hour.backing[j], hour.premium[j],
            ].map(text))
      }
    }
    return rows
  }

  /// εA[s,t] of (H29) in EA schemes, nil otherwise.
  func declaredIntensity(_ site: Int, _ hour: Int) -> Double? {
    guard terms.disclosure == .exAnte, let intensity = terms.defaultIntensity else { return nil }
    return market.declaredIntensity(site: site, hour: hour, defaultIntensity: intensity[hour])
  }

  var siteTable: [[String]] {
    var rows = [
      [
        "t", "site", "bus", "kind", "load_mreq_per_h", "energy_mw", "lease_price_usd_per_mreq",
        "capacity_rent_usd_per_mreq", "attr_covered_mwh", "uncovered_mwh", "psi", "declared_intensity",
        "utilization",
      ]
    ]
    for hour in run.hours {
      let energy = market.siteEnergy(hour)
      for (s, site) in market.sites.enumerated() {
        let covered = market.units.indices.reduce(0) { $0 + hour.claims[$1][s] }
        rows.append(
          [
            String(hour.hour + 1), site.name, String(busNumbers[site.bus]), site.kind.rawValue,
            text(hour.siteLoad[s]), text(energy[s]), site.kind == .modular ? text(hour.leasePrice[s]) : "",
            text(hour.siteRent[s]), text(covered), text(hour.uncovered[s]), text(hour.coverCost[s]),
            declaredIntensity(s, hour.hour).map(text) ?? "",
            site.capacity > 0 ? text(hour.siteLoad[s] / site.capacity) : "",
          ])
      }
    }
    return rows
  }

  /// Served requests (Mreq/h) and their mean latency (ms) per region.
  func served(_ hour: HourEquilibrium) -> (requests: [Double], meanLatency: [Double]) {
    var requests = [Double](repeating: 0, count: market.regions.count)
    var latency = [Double](repeating: 0, count: market.regions.count)
    for (p, pair) in market.eligiblePairs.enumerated() {
      requests[pair.region] += hour.routed[p]
      latency[pair.region] += hour.routed[p] * market.regions[pair.region].latencyMs[pair.site]
    }
    return (requests, zip(latency, requests).map { $1 > 0 ? $0 / $1 : 0 })
  }

  var regionTable: [[String]] {
    var rows = [["t", "region", "demand_mreq_per_h", "served", "unserved", "mean_latency_ms", "nu", "zeta"]]
    for hour in run.hours {
      let (requests, latency) = served(hour)
      for (r, region) in market.regions.enumerated() {
        rows.append(
          [String(hour.hour + 1), region.name]
            + [
              region.demand[hour.hour], requests[r], hour.unserved[r], latency[r], hour.servingValue[r],
              hour.latencyPrice[r],
            ].map(text))
      }
    }
    return rows
  }

  var routingTable: [[String]] {
    var rows = [["t", "region", "site", "requests_mreq_per_h", "latency_ms"]]
    for hour in run.hours {
      for (p, pair) in market.eligiblePairs.enumerated() {
        rows.append(
          [
            String(hour.hour + 1), market.regions[pair.region].name, market.sites[pair.site].name,
            text(hour.routed[p]), text(market.regions[pair.region].latencyMs[pair.site]),
          ])
      }
    }
    return rows
  }

  /// LMP ($/MWh), one row per hour and one column per bus.
  var lmpMatrix: [[String]] {
    [["t"] + busNumbers.map { "bus_\($0)" }] + run.hours.map { [String($0.hour + 1)] + $0.price.map(text) }
  }

  // MARK: summary.json

  private func emissions(_ m: EquilibriumMetrics) -> [(String, JSONValue)] {
    [
      ("physical_co2_t", .number(m.physicalCO2)), ("reported_co2_t", .number(m.reportedCO2)),
      ("location_based_co2_t", .number(m.locationBasedCO2)), ("reshuffling_gap_t", .number(m.reshufflingGap)),
      ("conventional_residual_co2_t", .number(m.conventionalResidualCO2)),
    ]
  }

  var summary: JSONValue {
    let m = metrics
    var members: [(String, JSONValue)] = [
      ("case", .string(market.name)),
      ("scenario", .string(label)),
      ("alpha", .number(terms.alpha)),
      ("disclosure", .string(terms.disclosure.rawValue)),
      ("ppa_share", .number(terms.ppaShare)),
      ("route", .string(run.route.rawValue)),
      ("stack_hours", .bool(settings.stackHours)),
      ("status", .string("solved")),
      ("hours", .integer(run.hours.count)),
      ("iterations", .integer(run.iterations.max() ?? 0)),
      ("iterations_total", .integer(run.iterations.reduce(0, +))),
      ("max_kkt_residual", .number(checks.maxResidual)),
      ("max_kkt_equation_residual", .number(checks.maxEquationResidual)),
      ("max_kkt_complementarity_residual", .number(checks.maxComplementarityResidual)),
      ("kkt_worst_row", .string(checks.worstRow)),
      ("solver_max_residual", .number(run.maxResidual)),
      ("max_complementarity_product", .number(run.maxComplementarityProduct)),
      ("congestion_rent_usd", .number(m.congestionRent)),
      ("congestion_rent_backbone_usd", .number(m.congestionRentBackbone)),
      ("congestion_rent_ties_usd", .number(m.congestionRentTies)),
      ("merchandising_surplus_usd", .number(m.merchandisingSurplus)),
      ("binding_line_hours", .integer(m.bindingLineHours)),
      ("binding_line_hours_backbone", .integer(m.bindingLineHoursBackbone)),
      ("binding_line_hours_ties", .integer(m.bindingLineHoursTies)),
    ]
    members += emissions(m)
    members += [
      ("curtailment_mwh", .number(m.curtailmentMWh)),
      ("hyperscaler_cost_usd", .number(m.hyperscalerMoneyCost)),
      ("hyperscaler_energy_mwh", .object(zip(market.sites, m.siteEnergyMWh).map { ($0.name, .number($1)) })),
      ("hyperscaler_energy_total_mwh", .number(m.hyperscalerEnergyMWh)),
      ("own_site_energy_mwh", .number(m.ownSiteEnergyMWh)),
      ("mdc_energy_mwh", .number(m.mdcEnergyMWh)),
      ("unserved_mreq", .number(m.unservedMreq)),
      ("mean_latency_ms", .object(zip(market.regions, m.meanLatencyMs).map { ($0.name, .number($1)) })),
      ("load_weighted_mean_lmp_usd_per_mwh", .number(m.loadWeightedMeanLMP)),
      ("qp_gap_price", .optionalNumber(checks.priceGap)),
      ("qp_gap_route", .string(checks.otherRoute.rawValue)),
      ("qp_gap_error", checks.otherRouteError.map { .string($0) } ?? .null),
      ("solve_seconds", .number(run.solveSeconds)),
      ("other_route_seconds", .number(checks.otherRouteSeconds)),
      (
        "degenerate_pairs",
        .object([
          ("count", .integer(run.degeneratePairs.count)),
          ("first", .array(run.degeneratePairs.prefix(5).map { .string($0) })),
        ])
      ),
      ("proposed_values", proposedValues),
    ]
    if terms.disclosure != .none {
      let b = outcome.baselineMetrics
      members.append(
        (
          "s0_baseline",
          .object(
            emissions(b) + [
              ("congestion_rent_usd", .number(b.congestionRent)), ("binding_line_hours", .integer(b.bindingLineHours)),
              ("curtailment_mwh", .number(b.curtailmentMWh)), ("solve_seconds", .number(outcome.baseline.solveSeconds)),
            ])
        ))
    }
    return .object(members)
  }

  /// The [PROPOSED] values this run uses (hyperscaler-market.md §7.6–7.7) and the solver tolerances that differ from
  /// solver.md's defaults (see `EquilibriumSettings`).
  var proposedValues: JSONValue {
    var members: [(String, JSONValue)] = [
      ("ppa_share_phi", .number(terms.ppaShare)),
      ("carbon_price_tau_usd_per_t", .number(market.carbonPrice)),
      ("latency_value_theta_usd_per_mreq_ms", .number(market.latencyValue)),
      ("unserved_value_v_u_usd_per_mreq", .number(market.unservedValue)),
      ("mlcp_tolerance", .number(settings.mlcp.tolerance)),
      ("qp_tol_gap_rel", .number(settings.qp.tolGapRel)),
      ("qp_tol_gap_abs_usd", .number(settings.qp.tolGapAbs)),
      ("qp_tol_feasibility", .number(settings.qp.tolFeasibility)),
      (
        "note",
        .string(
          "φPPA, τ, θ and V_U are [PROPOSED] case values (§7.6–7.7); τ and φPPA act only under a disclosure scheme. The MLCP tolerance (mlcp_tolerance; default 1e-12) is tighter than solver.md's 1e-9 because the stopping rule scales with ‖q‖∞, which holds V_U/α; the welfare-QP gaps are tightened so its prices match the MLCP's (EquilibriumSettings)."
        )
      ),
    ]
    if let relaxation = outcome.run.budgetRelaxation {
      members.append(("alpha0_budget_relative_relaxation", .number(relaxation)))
      members.append((
        "alpha0_note",
        .string(
          "α = 0 stage 2 relaxes Φ* by this relative amount (spec §3.3: 1e-10); hours whose MLCP stopped on the step safeguard were solved again with 1e-8, then 1e-6, at tolerance 1e-9. Lease prices of MDCs at capacity and the hyperscaler cost are not unique at α = 0."
        )))
    }
    return .object(members)
  }

  // MARK: Text

  var text: String {
    let m = metrics
    var lines = [
      "\(market.name): \(label) at α = \(terms.alpha)\(terms.ppaShare > 0 ? ", φPPA = \(terms.ppaShare)" : ""), route \(run.route.rawValue): solved \(run.hours.count) hours in \(String(format: "%.2f", run.solveSeconds)) s (max \(run.iterations.max() ?? 0) iterations per hour)",
      String(
        format: "congestion rent %.0f $/day (backbone %.0f, ties %.0f); binding line-hours %d (backbone %d, ties %d)",
        m.congestionRent, m.congestionRentBackbone, m.congestionRentTies, m.bindingLineHours,
        m.bindingLineHoursBackbone, m.bindingLineHoursTies),
      String(
        format: "CO2 t/day: physical %.1f, reported %.1f, location-based %.1f, gap %.1f, conventional residual %.1f",
        m.physicalCO2, m.reportedCO2, m.locationBasedCO2, m.reshufflingGap, m.conventionalResidualCO2),
      String(
        format: "curtailment %.1f MWh; hyperscaler energy %.1f MWh (own %.1f, MDC %.1f), cost %.0f $/day; unserved %.3g Mreq",
        m.curtailmentMWh, m.hyperscalerEnergyMWh, m.ownSiteEnergyMWh, m.mdcEnergyMWh, m.hyperscalerMoneyCost,
        m.unservedMreq),
    ]
    if terms.disclosure != .none {
      let b = outcome.baselineMetrics
      lines.append(
        String(
          format: "S0 at the same α: physical %.1f t, reported %.1f t (ΔEphys %+.3f %%)", b.physicalCO2, b.reportedCO2,
          b.physicalCO2 > 0 ? 100 * (m.physicalCO2 - b.physicalCO2) / b.physicalCO2 : 0))
    }
    lines.append(
      String(format: "checks: max KKT residual %.1e; qp_gap_price ", checks.maxResidual)
        + (checks.priceGap.map { String(format: "%.1e", $0) + " (\(checks.otherRoute.rawValue) route)" }
          ?? "n/a (the \(checks.otherRoute.rawValue) route failed)")
        + "; \(run.degeneratePairs.count) degenerate pairs")
    return lines.joined(separator: "\n")
  }
}
