import CloudMarket
import Coordination
import DataCenters
import Foundation
import Scenarios

/// summary.json, the CSV tables and the text summary of a coordination run (units in every column name).
struct CoordinationReport {
  let scenario: Scenario
  let setup: CoordinationSetup
  let outcome: CoordinationOutcome
  let joint: CoordinationOutcome
  let market: String
  let welfareGap: (gap: Double, iterations: Int)?
  let seconds: Double

  var profits: [Double] { outcome.profits(scenario.dataCenters) }
  var jointProfits: [Double] { joint.profits(scenario.dataCenters) }

  var summary: JSONValue {
    let total = profits.reduce(0, +)
    let jointTotal = jointProfits.reduce(0, +)
    var members: [(String, JSONValue)] = [
      ("scenario", .string(scenario.name)),
      ("market", .string(market)),
      ("coordination", .string(outcome.method)),
      ("converged", .bool(outcome.converged)),
      ("bilevel_iterations", .integer(outcome.iterations)),
      ("oscillations", .integer(outcome.oscillations)),
      ("joint_gap_lmp", .number(outcome.lmpGap(to: joint))),
      ("total_profit_usd", .number(total)),
      ("profit_usd", .object(zip(scenario.dataCenters, profits).map { ($0.name, .number($1)) })),
      ("energy_mwh", .number(outcome.energyMWh)),
      ("seconds", .number(seconds)),
      ("joint_total_profit_usd", .number(jointTotal)),
      ("joint_profit_gap_relative", .number(abs(total - jointTotal) / max(1, abs(jointTotal)))),
      ("joint_energy_mwh", .number(joint.energyMWh)),
      ("joint_seconds", .number(joint.seconds)),
      ("method_seconds", .number(outcome.seconds)),
    ]
    if let clearing = outcome.market {
      members.append(("admm_iterations", .integer(outcome.marketIterations.last ?? clearing.iterations)))
      members.append(("admm_iterations_total", .integer(outcome.marketIterations.reduce(0, +))))
      members.append(("admm_gap_welfare", .optionalNumber(welfareGap?.gap ?? (market == "central" ? 0 : nil))))
      if let check = welfareGap { members.append(("admm_cold_start_iterations", .integer(check.iterations))) }
      members.append(("traded_iw", .number(clearing.tradedInteractive)))
      members.append(("market_imbalance_kreq_s", .number(clearing.imbalance)))
      members.append(("joint_traded_iw", .optionalNumber(joint.market?.tradedInteractive)))
    }
    if let active = outcome.activeBounds { members.append(("active_bounds", .integer(active))) }
    if let gap = outcome.unboundedGapMW { members.append(("unbounded_gap_mw", .number(gap))) }
    return .object(members)
  }

  func write(to folder: URL) throws {
    try (summary.serialised() + "\n").write(to: folder.appendingPathComponent("summary.json"), atomically: true, encoding: .utf8)
    try csv(lmpTable).write(to: folder.appendingPathComponent("lmp.csv"), atomically: true, encoding: .utf8)
    try csv(dataCenterTable).write(to: folder.appendingPathComponent("data_centers.csv"), atomically: true, encoding: .utf8)
    try csv(iterationTable).write(to: folder.appendingPathComponent("iterations.csv"), atomically: true, encoding: .utf8)
    try csv(lineTable).write(to: folder.appendingPathComponent("lines.csv"), atomically: true, encoding: .utf8)
    if outcome.market != nil {
      try csv(tradeTable).write(to: folder.appendingPathComponent("trades.csv"), atomically: true, encoding: .utf8)
    }
  }

  private var lmpTable: [[String]] {
    var rows = [["hour", "bus", "lmp_usd_per_mwh", "energy_usd_per_mwh", "congestion_usd_per_mwh", "joint_lmp_usd_per_mwh"]]
    for (t, period) in outcome.grid.enumerated() {
      for (k, bus) in setup.powerCase.buses.enumerated() where period.lmp[k].isFinite {
        rows.append(
          [String(t + 1), String(bus.number)]
            + [period.lmp[k], period.lmpEnergy[k], period.lmpCongestion[k], joint.grid[t].lmp[k]].map { "\($0)" })
      }
    }
    return rows
  }

  private var dataCenterTable: [[String]] {
    var rows = [
      [
        "data_center", "hour", "grid_mw", "it_mw", "server_mw", "network_mw", "cooling_mw", "auxiliary_mw",
        "cooling_output_mw", "active_servers", "interactive_kreq_s", "batch_kreq_s", "indoor_temperature_c",
        "price_usd_per_mwh", "profit_usd",
      ]
    ]
    for (k, center) in scenario.dataCenters.enumerated() {
      let schedule = outcome.schedules[k]
      for t in 0..<scenario.periods {
        let price = outcome.dataCenterPrices[k][t]
        let work = schedule.interactive[t] + schedule.batch[t]
        let revenue = center.serviceFee * (center.interactiveArrivals[t] + center.batchArrivals[t])
        let payment = outcome.market?.payment(agent: k, hour: t) ?? 0
        let profit = revenue - center.depreciation * work - price * schedule.gridMW[t] - payment
        let values = [
          schedule.gridMW[t], schedule.serverMW[t] + schedule.networkMW[t], schedule.serverMW[t], schedule.networkMW[t],
          schedule.coolingMW[t], schedule.auxiliaryMW[t], schedule.coolingOutputMW[t],
          schedule.activeKiloServers[t] * 1000, schedule.interactive[t], schedule.batch[t], schedule.indoorC[t + 1],
          price, profit,
        ]
        rows.append([center.name, String(t + 1)] + values.map { "\($0)" })
      }
    }
    return rows
  }

  private var tradeTable: [[String]] {
    var rows = [
      [
        "pair", "hour", "buyer", "seller", "trade_kreq_s", "price_usd_per_kreq_s_h", "price_low_usd_per_kreq_s_h",
        "price_high_usd_per_kreq_s_h",
      ]
    ]
    guard let clearing = outcome.market else { return rows }
    for (e, pair) in clearing.topology.pairs.enumerated() {
      for t in 0..<scenario.periods {
        let bought = clearing.trades[e][t]
        let (buyer, seller) = bought >= 0 ? (pair.first, pair.second) : (pair.second, pair.first)
        let interval = clearing.priceIntervals[e][t]
        rows.append(
          [
            String(e + 1), String(t + 1), scenario.dataCenters[buyer].name, scenario.dataCenters[seller].name,
            "\(abs(bought))", "\(clearing.prices[e][t])", "\(interval.lowerBound)", "\(interval.upperBound)",
          ])
      }
    }
    return rows
  }

  private var iterationTable: [[String]] {
    [["iteration", "power_residual_mw", "price_change_usd_per_mwh", "bracketed_entries", "seconds"]]
      + outcome.log.map {
        [String($0.iteration), "\($0.powerResidualMW)", "\($0.priceChange)", String($0.bracketed), "\($0.seconds)"]
      }
  }

  private var lineTable: [[String]] {
    var rows = [["hour", "branch_row", "from_bus", "to_bus", "flow_mw", "shadow_price_usd_per_mwh"]]
    for (t, period) in outcome.grid.enumerated() {
      for row in period.bindingBranches {
        let branch = setup.powerCase.branches[row]
        rows.append(
          [String(t + 1), String(row + 1), String(branch.fromBus), String(branch.toBus)]
            + ["\(period.branchFlowMW[row])", "\(period.branchShadowPriceUSDPerMWh[row])"])
      }
    }
    return rows
  }

  var text: String {
    var lines = [
      "\(scenario.name): coordination \(outcome.method), \(outcome.converged ? "converged" : "NOT converged") after \(outcome.iterations) outer iterations (\(outcome.oscillations) oscillations)",
      "distance to the joint reference J1: max |ΔLMP| \(String(format: "%.4f", outcome.lmpGap(to: joint))) $/MWh",
    ]
    if let active = outcome.activeBounds, let gap = outcome.unboundedGapMW {
      lines.append("bisection: \(active) active interval bounds; unbounded-response gap \(String(format: "%.3f", gap)) MW")
    }
    lines.append("data center   profit $/day      J1 profit $/day   energy MWh")
    for (k, center) in scenario.dataCenters.enumerated() {
      lines.append(
        center.name.padding(toLength: 14, withPad: " ", startingAt: 0)
          + String(format: "%-18.2f%-18.2f%.3f", profits[k], jointProfits[k], outcome.schedules[k].gridMW.reduce(0, +)))
    }
    lines.append(
      "total         " + String(format: "%-18.2f%-18.2f%.3f", profits.reduce(0, +), jointProfits.reduce(0, +), outcome.energyMWh))
    lines.append(String(format: "time %.2f s (method %.2f s, J1 %.2f s)", seconds, outcome.seconds, joint.seconds))
    return lines.joined(separator: "\n")
  }
}
