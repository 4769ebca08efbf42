import DataCenters
import Foundation
import PowerGrid

extension Scenario {
  /// The scenario's power case: the named case with generator removals, cost scaling and new ratings applied.
  public func powerCase(file: String = "scenario") throws -> PowerCase {
    var powerCase =
      network.case.hasSuffix(".m")
      ? try MATPOWERReader.read(contentsOf: URL(fileURLWithPath: network.case)) : try BuiltInCases.load(network.case)
    for row in network.removeGeneratorRows ?? [] {
      guard row >= 1 && row <= powerCase.generators.count else {
        throw ScenarioError(
          file: file, field: "network.remove_generator_rows",
          message: "generator row \(row) outside 1…\(powerCase.generators.count)")
      }
      powerCase.generators[row - 1].status = 0
    }
    if let scale = network.costScale, var costs = powerCase.generatorCosts {
      for k in costs.indices {
        switch costs[k].curve {
        case .polynomial(let a, let b, let c): costs[k].curve = .polynomial(quadratic: a * scale, linear: b * scale, constant: c * scale)
        case .piecewiseLinear(let points):
          costs[k].curve = .piecewiseLinear(points.map { CostPoint(mw: $0.mw, costPerHour: $0.costPerHour * scale) })
        }
      }
      powerCase.generatorCosts = costs
    }
    for (k, rating) in (network.branchRatings ?? []).enumerated() {
      let rows = powerCase.branches.indices.filter {
        let branch = powerCase.branches[$0]
        return (branch.fromBus == rating.from && branch.toBus == rating.to)
          || (branch.fromBus == rating.to && branch.toBus == rating.from)
      }
      guard !rows.isEmpty else {
        throw ScenarioError(
          file: file, field: "network.branch_ratings[\(k)]",
          message: "no branch joins buses \(rating.from) and \(rating.to) in \(network.case)")
      }
      for row in rows { powerCase.branches[row].rateAMVA = rating.rateMw }
    }
    let buses = Set(powerCase.buses.map(\.number))
    for (k, center) in dataCenters.enumerated() where !buses.contains(center.bus) {
      throw ScenarioError(file: file, field: "data_centers[\(k)].bus", message: "unknown bus \(center.bus)")
    }
    for (k, unit) in renewables.enumerated() where !buses.contains(unit.bus) {
      throw ScenarioError(file: file, field: "renewables[\(k)].bus", message: "unknown bus \(unit.bus)")
    }
    return powerCase
  }

  /// The DC-OPF input for the conventional part of the system (data-center demand is added by the caller).
  public func gridInput(powerCase: PowerCase) -> DCOPFInput {
    DCOPFInput(
      powerCase: powerCase, periods: periods, loadProfile: loadShape,
      renewables: renewables.map { unit in
        RenewableUnit(
          name: unit.name, busNumber: unit.bus, kind: unit.type == "wind" ? .wind : .solar,
          availableMW: unit.shape.map { $0 * unit.capacityMw })
      })
  }
}
