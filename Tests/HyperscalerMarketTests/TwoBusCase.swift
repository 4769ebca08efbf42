@testable import HyperscalerMarket

/// The two-bus golden case G2 of hyperscaler-market.md §9.7: bus 1 (hub) with zero-emission G1 and MDC M, bus 2
/// with G2, the consumer and the own site H; one 100 MW line 1→2 (PTDF[1→2, bus 2] = −1).
func twoBusCase() -> MarketCase {
  let network = MarketNetwork(
    busNumbers: [1, 2], hubBus: 0,
    branches: [MarketBranch(number: 1, fromBus: 1, toBus: 2, limitMW: 100, isTie: false)], ptdf: [[0, -1]])
  let units = [
    GeneratingUnit(
      name: "G1", type: "zero", bus: 0, linearCost: 10, quadraticCost: 0.05, availableMW: [1000], emissionRate: 0,
      isWind: false),
    GeneratingUnit(
      name: "G2", type: "fossil", bus: 1, linearCost: 30, quadraticCost: 0.05, availableMW: [1000], emissionRate: 1,
      isWind: false),
  ]
  let sites = [
    ComputeSite(name: "H", kind: .own, bus: 1, capacity: 20, energyPerMreq: 1, linearCost: 0, quadraticCost: 0),
    ComputeSite(name: "M", kind: .modular, bus: 0, capacity: 20, energyPerMreq: 1, linearCost: 0, quadraticCost: 0),
  ]
  let region = UserRegion(name: "R", demand: [10], latencyMs: [0, 5], maxLatencyMs: 10, meanLatencyMs: 10)
  return MarketCase(
    name: "G2", hours: 1, network: network, units: units,
    loads: [ConventionalLoad(bus: 1, chokePrice: [100], slope: [0.5])], sites: sites, regions: [region],
    latencyValue: 2.65, unservedValue: 1000, carbonPrice: 50)
}

/// |a − b| ≤ tolerance·max(1, |b|).
func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-6) -> Bool {
  abs(a - b) <= tolerance * max(1, abs(b))
}

/// The built-in case of hyperscaler-market.md §7.
func rts24Case() throws -> MarketCase { try EquilibriumScenario.load("rts24-mdc").makeCase() }

/// Settings that solve only the given hours (0-based) by `route`.
func settings(hours: [Int]? = nil, route: EquilibriumRoute = .mlcp) -> EquilibriumSettings {
  var settings = EquilibriumSettings()
  settings.hours = hours
  settings.route = route
  return settings
}
