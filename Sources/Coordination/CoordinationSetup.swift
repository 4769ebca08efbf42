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
  /// Solver settings of every subproblem: tolerances 1e-9 and polish (the J1 numerics note of §7.3).
  public var settings = QPSettings.priceGrade

  public init(scenario: Scenario, file: String = "scenario") throws {
    self.scenario = scenario
    powerCase = try scenario.powerCase(file: file)
    network = try Network(powerCase)
    gridInput = scenario.gridInput(powerCase: powerCase)
    factorization = try DCFactorization(network)
    let network = self.network
    dataCenterBus = try scenario.dataCenters.map { try network.index(ofBus: $0.bus) }
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

  /// Per-period grid results (LMPs with their split, flows, dispatch) of a solved grid model.
  func gridPeriods(_ builder: DCOPFBuilder, _ solution: ModelSolution) throws -> [DCOPFPeriodResult] {
    try (0..<periods).map { try DCOPF.periodResult($0, builder: builder, solution: solution, factorization: factorization) }
  }
}

/// Hourly values of one data center's schedule (MW, kreq/s, kilo-servers, °C).
public struct ScheduleValues: Sendable, Equatable {
  public var gridMW: [Double]
  public var serverMW: [Double]
  public var networkMW: [Double]
  public var coolingMW: [Double]
  public var auxiliaryMW: [Double]
  public var coolingOutputMW: [Double]
  /// Indoor temperature at the start of hours 1…NT+1.
  public var indoorC: [Double]
  public var interactive: [Double]
  public var batch: [Double]
  public var activeKiloServers: [Double]
  public var interactiveKiloServers: [Double]
  /// Marginal cost of serving one more kreq/s·h of interactive work (dual of D14/M4, $ per kreq/s·h).
  public var interactiveMarginalCost: [Double]

  init(_ solution: ModelSolution, _ variables: DataCenterVariables) {
    func values(_ list: [Variable]) -> [Double] { list.map { solution.value($0) } }
    gridMW = values(variables.gridPower)
    serverMW = values(variables.serverPower)
    networkMW = values(variables.networkPower)
    coolingMW = values(variables.coolingPower)
    auxiliaryMW = values(variables.auxiliaryPower)
    coolingOutputMW = values(variables.coolingOutput)
    indoorC = values(variables.indoorTemperature)
    interactive = values(variables.interactive)
    batch = values(variables.batch)
    activeKiloServers = values(variables.activeServers)
    interactiveKiloServers = values(variables.interactiveServers)
    interactiveMarginalCost = variables.interactiveBalance.map { solution.shadowPrice($0) }
  }

  /// Profit = revenue − depreciation − electricity at `prices` ($/MWh per hour), D21–D24.
  public func profit(_ center: DataCenter, prices: [Double]) -> Double {
    var cost = 0.0
    for t in gridMW.indices { cost += center.depreciation * (interactive[t] + batch[t]) + prices[t] * gridMW[t] }
    return center.revenue - cost
  }
}
