import DataCenters
import Optimization
import PowerGrid
import Scenarios

/// What every coordination method shares: the scenario's power case and network, the grid input, one
/// factorisation of the network, and the bus of each data center.
public final class CoordinationSetup {
  public let scenario: Scenario
  public let powerCase: PowerCase
  public let network: Network
  public let gridInput: DCOPFInput
  let factorization: DCFactorization
  /// Internal bus index of each data center.
  public let dataCenterBus: [Int]
  public var periods: Int { scenario.periods }
  public var centers: [DataCenter] { scenario.dataCenters }
  /// Solver settings of every subproblem: tolerances 1e-9 and polish (the J1 numerics note of §7.3). The polish
  /// keeps its first active-set guess (one round): correcting the guess moves degenerate schedules between LP
  /// vertices from one outer iteration to the next, and the loops then chatter instead of converging.
  public var settings: QPSettings = {
    var settings = QPSettings.priceGrade
    settings.polishRounds = 1
    return settings
  }()

  public init(scenario: Scenario, file: String = "scenario") throws {
    self.scenario = scenario
    powerCase = try scenario.powerCase(file: file)
    network = try Network(powerCase)
    gridInput = scenario.gridInput(powerCase: powerCase)
    factorization = try DCFactorization(network)
    let network = self.network
    dataCenterBus = try scenario.dataCenters.enumerated().map { k, center in
      let bus = try network.index(ofBus: center.bus)
      guard network.isBusActive[bus] else {
        throw ScenarioError(file: file, field: "data_centers[\(k)].bus", message: "bus \(center.bus) is isolated (BUS_TYPE 4)")
      }
      return bus
    }
    for (k, unit) in scenario.renewables.enumerated() {
      guard let bus = network.busIndex[unit.bus], network.isBusActive[bus] else {
        throw ScenarioError(file: file, field: "renewables[\(k)].bus", message: "bus \(unit.bus) is isolated (BUS_TYPE 4)")
      }
    }
  }

  /// A grid model whose data-center demands are variables created by `makeDemand` (per DC, per hour), built
  /// with the scenario's formulation; the caller adds objective terms, then calls `finishObjective()`.
  func gridBuilder(model: Model = Model(name: "grid"), demand: [[Variable]]) throws -> DCOPFBuilder {
    var builder = DCOPFBuilder(
      input: gridInput, network: network, model: model,
      variableDemand: zip(dataCenterBus, demand).map { (bus: $0, variables: $1) })
    try builder.build(factorization: factorization)
    return builder
  }

  /// The LMP at each data center's bus per hour ($/MWh), from per-period grid results.
  func dataCenterPrices(_ grid: [DCOPFPeriodResult]) -> [[Double]] {
    dataCenterBus.map { bus in grid.map { $0.lmp[bus] } }
  }

  /// Per-period grid results (LMPs with their split, flows, dispatch) of a solved grid model.
  func gridPeriods(_ builder: DCOPFBuilder, _ solution: ModelSolution) throws -> [DCOPFPeriodResult] {
    try (0..<periods).map { try DCOPF.periodResult($0, builder: builder, solution: solution, factorization: factorization) }
  }
}

