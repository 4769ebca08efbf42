import Optimization

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

  public init(_ solution: ModelSolution, _ variables: DataCenterVariables) {
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
