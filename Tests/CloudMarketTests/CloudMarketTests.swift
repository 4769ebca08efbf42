@testable import DataCenters
import Foundation
import Optimization
import Testing

@testable import CloudMarket

/// Four data centers shaped like ieee30-4dc (datacenter-market.md §8.4) over `hours` hours, with a small
/// deadline; electricity prices per DC and hour are given by the test.
func marketCenters(hours: Int) -> [DataCenter] {
  let iw: [[Double]] = [
    [1935, 1720, 3096, 4300, 4214, 3440], [1530, 1360, 2448, 3400, 3332, 2720],
    [1485, 1320, 2376, 3300, 3234, 2640], [1755, 1560, 2808, 3900, 3822, 3120],
  ]
  let bw: [[Double]] = [
    [420, 385, 770, 980, 910, 700], [330, 302, 605, 770, 715, 550], [330, 302, 605, 770, 715, 550],
    [360, 330, 660, 840, 780, 600],
  ]
  let specs: [(String, Double, Double, Double, Double)] = [
    ("DC1", 80000, 5.0, 35, 40), ("DC2", 60000, 3.2, 26, 30), ("DC3", 60000, 3.0, 26, 30), ("DC4", 70000, 4.5, 30, 35),
  ]
  return specs.enumerated().map { k, spec in
    let (name, servers, cop, qmax, pmax) = spec
    return DataCenter(
      name: name, bus: k + 1, servers: servers, idlePowerKw: 0.15, peakPowerKw: 0.30, serviceRate: 100,
      delayBound: 0.05, edgeSwitches: (servers / 24).rounded(.up), aggregationSwitches: (servers / 24).rounded(.up),
      coreSwitches: (servers / 48).rounded(.up), edgeSwitchPowerKw: 0.12, aggregationSwitchPowerKw: 0.15,
      coreSwitchPowerKw: 0.20, auxiliaryShare: 0.10, cop: cop, coolingMinMw: 0, coolingMaxMw: qmax, airDensity: 1.2,
      airSpecificHeat: 1005, airVolume: 50000, envelopeConductance: 0.06, indoorMinC: 25, indoorMaxC: 25,
      initialIndoorC: 25, gridLimitMw: pmax, batchDeadlineHours: 2, serviceFee: 1.3, depreciation: 0.32,
      interactiveArrivals: Array(iw[k].prefix(hours)), batchArrivals: Array(bw[k].prefix(hours)),
      outdoorTemperatureC: [Double](repeating: 30, count: hours))
  }
}

/// Prices with a congested pocket: DC2 and DC3 pay more in the peak hours.
let marketPrices: [[Double]] = [
  [64, 64, 73, 77, 76, 74], [64, 64, 112, 166, 182, 157], [64, 64, 95, 126, 135, 122], [64, 64, 94, 123, 132, 120],
]

@Suite("Peer-to-peer cloud market (datacenter-market.md §5–6, §10)")
struct CloudMarketTests {
  static let hours = 6

  @Test func centralClearingIdentities() throws {
    let centers = marketCenters(hours: Self.hours)
    let topology = MarketTopology.fullMesh(4)
    var market = MarketSettings()
    market.pairLimit = 600
    let outcome = try CentralClearing.clear(
      centers: centers, topology: topology, prices: marketPrices, periods: Self.hours, market: market)
    // §10.7: limits, conservation of interactive work, payments cancel.
    for t in 0..<Self.hours {
      var served = 0.0
      var arrived = 0.0
      for (i, center) in centers.enumerated() {
        served += outcome.schedules[i].interactive[t]
        arrived += center.interactiveArrivals[t]
      }
      #expect(abs(served - arrived) <= 1e-6)
    }
    for list in outcome.trades { for x in list { #expect(abs(x) <= 600 + 1e-6) } }
    expectWorkBalances(outcome, centers: centers, hours: Self.hours, tolerance: 1e-6)
    // §10.9: every price lies between the seller's and the buyer's marginal cost (each trade is voluntary).
    for (e, pair) in topology.pairs.enumerated() {
      for t in 0..<Self.hours where abs(outcome.trades[e][t]) > 1e-3 {
        let a = outcome.schedules[pair.first].interactiveMarginalCost[t]
        let b = outcome.schedules[pair.second].interactiveMarginalCost[t]
        #expect(outcome.prices[e][t] >= min(a, b) - 1e-3 && outcome.prices[e][t] <= max(a, b) + 1e-3)
        // Work moves from the site with the higher marginal cost to the lower one.
        if outcome.trades[e][t] > 1e-3 { #expect(a >= b - 1e-3) }
      }
    }
    // The market never lowers total profit: welfare with trades ≤ cost without (X = 0 is the baseline, §10.12).
    var closed = market
    closed.pairLimit = 0
    let baseline = try CentralClearing.clear(
      centers: centers, topology: topology, prices: marketPrices, periods: Self.hours, market: closed)
    #expect(outcome.cost <= baseline.cost + 1e-6)
    #expect(baseline.tradedInteractive <= 1e-9)
  }

  /// ADMM at fixed prices reaches the central welfare (1e-4 relative, §10.8), with antisymmetric trades.
  /// Two hours keep the debug run short (the full case is checked by `computegrid study` in release mode).
  @Test func consensusADMMMatchesCentral() throws {
    let hours = 2
    let centers = marketCenters(hours: hours)
    let marketPrices = marketPrices.map { Array($0.prefix(hours)) }
    let topology = MarketTopology.fullMesh(4)
    let market = MarketSettings()
    let central = try CentralClearing.clear(
      centers: centers, topology: topology, prices: marketPrices, periods: hours, market: market)
    var transport = InProcessTransport(agents: 4)
    let admm = try ConsensusADMM.clear(
      centers: centers, topology: topology, prices: marketPrices, periods: hours, market: market,
      transport: &transport)
    #expect(admm.iterations < market.maxIterations)
    #expect(abs(admm.cost - central.cost) <= 1e-4 * abs(central.cost), "\(admm.cost) vs \(central.cost)")
    #expect(admm.imbalance <= market.primalTolerance)
    expectWorkBalances(admm, centers: centers, hours: hours, tolerance: market.primalTolerance)
    // Messages carry only prices (one per pair and hour) and trades (one per hour): their encoded keys are exactly
    // these, and their payloads have exactly those lengths.
    for message in transport.delivered {
      switch message {
      case .prices(let estimate): #expect(estimate.prices.count == topology.pairs.count * hours)
      case .trades(let proposal): #expect(proposal.trades.count == hours)
      }
    }
    let allowed: Set<String> = ["prices", "trades", "from", "iteration", "pair", "_0"]
    for message in transport.delivered.prefix(50) {
      let data = try JSONEncoder().encode(message)
      let object = try JSONSerialization.jsonObject(with: data)
      var keys = Set<String>()
      func collect(_ value: Any) {
        if let dictionary = value as? [String: Any] {
          for (key, inner) in dictionary {
            keys.insert(key)
            collect(inner)
          }
        }
      }
      collect(object)
      #expect(keys.isSubset(of: allowed), "unexpected message fields \(keys.subtracting(allowed))")
    }
  }
}

/// M4 with the reported trades: each data center serves locally its arrivals minus what it bought, so
/// served + Σ bought = arrivals (independent of prices and payments).
func expectWorkBalances(
  _ outcome: MarketOutcome, centers: [DataCenter], hours: Int, tolerance: Double,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  for (i, center) in centers.enumerated() {
    for t in 0..<hours {
      var bought = 0.0
      for (e, pair) in outcome.topology.pairs.enumerated() {
        if pair.first == i { bought += outcome.trades[e][t] } else if pair.second == i { bought -= outcome.trades[e][t] }
      }
      let served = outcome.schedules[i].interactive[t]
      #expect(
        abs(served + bought - center.interactiveArrivals[t]) <= tolerance, "\(center.name) hour \(t + 1)",
        sourceLocation: sourceLocation)
    }
  }
}
