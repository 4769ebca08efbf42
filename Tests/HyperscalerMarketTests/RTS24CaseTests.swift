import Foundation
import Optimization
import PowerGrid
import SparseAlgebra
import Testing

@testable import HyperscalerMarket

/// The built-in case `rts24-mdc` (hyperscaler-market.md §7) and the checks V3 and V5 of §10.
@Suite struct RTS24CaseTests {
  @Test func sizesOfSection7() throws {
    let market = try rts24Case()
    #expect(market.network.busCount == 30)
    #expect(market.network.branches.count == 44)
    #expect(market.units.count == 38)
    #expect(market.zeroEmissionUnits.count == 14)
    #expect(market.loads.count == 17)
    #expect(market.eligiblePairs.count == 19)
    #expect(abs(market.units.filter { !$0.isWind }.reduce(0) { $0 + $1.availableMW[0] } - 3405) < 1e-9)
  }
}

/// V3: the PTDF of the extended network (hyperscaler-market.md §7.1, (H12)).
@Suite struct EdgeNetworkPTDFTests {
  @Test func hubColumnIsZeroAndTiesAreRadial() throws {
    let network = try rts24Case().network
    let hub = try #require(network.busNumbers.firstIndex(of: 13))
    #expect(network.hubBus == hub)
    #expect(network.ptdf.allSatisfy { $0[hub] == 0 })
    for branch in network.branches.enumerated() where branch.element.isTie {
      let edge = try #require(network.busNumbers.firstIndex(of: branch.element.toBus))
      for i in 0..<network.busCount {
        #expect(abs(network.ptdf[branch.offset][i] - (i == edge ? -1 : 0)) < 1e-12, "tie \(branch.element.number), bus \(i)")
      }
    }
  }

  /// Flows from the PTDF equal B-θ flows (θ₁₃ = 0) for 10 random balanced injections; B-θ is solved here with a
  /// dense elimination on the reduced susceptance matrix built from the branch data, independent of PowerGrid.
  @Test func flowsMatchAnIndependentBThetaSolve() throws {
    let scenario = try EquilibriumScenario.load("rts24-mdc")
    let market = try scenario.makeCase()
    var powerCase = try BuiltInCases.load("case24_ieee_rts")
    for edge in scenario.network.edgeBuses ?? [] {
      powerCase.branches.append(Branch(fromBus: edge.hostBus, toBus: edge.bus, reactance: edge.reactancePu))
    }
    let buses = market.network.busNumbers, n = buses.count, hub = market.network.hubBus
    let index = Dictionary(uniqueKeysWithValues: buses.enumerated().map { ($1, $0) })
    var susceptance = Array(repeating: Array(repeating: 0.0, count: n), count: n)
    var branchTerms: [(Int, Int, Double)] = []
    for branch in powerCase.branches {
      let b = 1 / (branch.reactance * (branch.tapRatio == 0 ? 1 : branch.tapRatio))
      let f = index[branch.fromBus]!, t = index[branch.toBus]!
      susceptance[f][f] += b; susceptance[t][t] += b; susceptance[f][t] -= b; susceptance[t][f] -= b
      branchTerms.append((f, t, b))
    }
    var random = SplitMix64(seed: 7)
    for _ in 0..<10 {
      var injection = (0..<n).map { _ in random.uniform(-100, 100) }
      injection[hub] -= injection.reduce(0, +)
      let keep = (0..<n).filter { $0 != hub }
      let reduced = keep.map { r in keep.map { susceptance[r][$0] } }
      let angles = solveDense(reduced, keep.map { injection[$0] })
      var theta = Array(repeating: 0.0, count: n)
      for (k, bus) in keep.enumerated() { theta[bus] = angles[k] }
      for (k, (f, t, b)) in branchTerms.enumerated() {
        let flow = b * (theta[f] - theta[t])
        let ptdfFlow = (0..<n).reduce(0) { $0 + market.network.ptdf[k][$1] * injection[$1] }
        #expect(abs(flow - ptdfFlow) <= 1e-9 * max(1, abs(flow)), "branch \(k + 1): \(flow) vs \(ptdfFlow)")
      }
    }
  }
}

/// Gaussian elimination with partial pivoting (test helper).
func solveDense(_ matrix: [[Double]], _ rhs: [Double]) -> [Double] {
  var a = matrix, b = rhs
  let n = b.count
  for column in 0..<n {
    let pivot = (column..<n).max { abs(a[$0][column]) < abs(a[$1][column]) }!
    a.swapAt(column, pivot); b.swapAt(column, pivot)
    for row in (column + 1)..<n where a[row][column] != 0 {
      let factor = a[row][column] / a[column][column]
      for k in column..<n { a[row][k] -= factor * a[column][k] }
      b[row] -= factor * b[column]
    }
  }
  var x = Array(repeating: 0.0, count: n)
  for row in stride(from: n - 1, through: 0, by: -1) {
    x[row] = (b[row] - ((row + 1)..<n).reduce(0) { $0 + a[row][$1] * x[$1] }) / a[row][row]
  }
  return x
}

/// The producers and declarations of §7.2–§7.3 and (H28)–(H29), computed by hand from the spec's tables.
@Suite struct RTS24DataTests {
  /// c2 per technology: the MATPOWER gencost values, with 0.001 only where the case's c2 is 0 (U20, U50).
  @Test func quadraticCostsFollowTheTableOfSection7() throws {
    let market = try rts24Case()
    let expected: [String: (Double, Double)] = [
      "U20": (0.001, 130), "U76": (0.014142, 16.0811), "U100": (0.052672, 43.6615), "U197": (0.00717, 48.5804),
      "U12": (0.328412, 56.564), "U155": (0.008342, 12.3883), "U400": (0.000213, 4.4231), "U50": (0.001, 0.001),
      "U350": (0.004895, 11.8495), "wind": (0.001, 0),
    ]
    for unit in market.units {
      let (c2, c1) = try #require(expected[unit.type], "type \(unit.type)")
      #expect(unit.quadraticCost == c2 && unit.linearCost == c1, "\(unit.name) \(unit.type)")
    }
    #expect(market.units.filter { $0.type == "U400" }.count == 2)
  }

  /// (H32) and (H28)–(H29) at three hours: t = 1 (W3 126 MW, surplus 46 ≥ 36 MW → φA = 1, εA = 0), t = 10
  /// (cf = 0.4612: W3 92.24 MW, surplus 12.24 MW → φA = 0.34), t = 14 (cf = 0.3551: W3 71.02 MW < 80 → εA = ēdef).
  @Test func exAnteDeclarations() throws {
    let market = try rts24Case()
    let m1 = try #require(market.sites.firstIndex { $0.name == "M1" })
    let w3 = try #require(market.sites[m1].windUnit)
    let cf = { (t: Double) in 0.5 + 0.15 * cos(2 * Double.pi * (t - 3) / 24) }
    #expect(abs(market.units[w3].availableMW[9] - 200 * cf(10)) < 1e-12)
    #expect(abs(market.units[w3].availableMW[0] - 125.98) < 0.01)
    #expect(market.declaredIntensity(site: m1, hour: 0, defaultIntensity: 0.5) == 0)
    let share = (200 * cf(10) - 80) / 36
    #expect(abs(market.declaredIntensity(site: m1, hour: 9, defaultIntensity: 0.5) - 0.5 * (1 - share)) < 1e-12)
    #expect(market.declaredIntensity(site: m1, hour: 13, defaultIntensity: 0.5) == 0.5)
    let h1 = try #require(market.sites.firstIndex { $0.name == "H1" })
    #expect(market.declaredIntensity(site: h1, hour: 0, defaultIntensity: 0.5) == 0.5)
    // The charge enters the hyperscaler's routing cost as cA = τ·εA·η per Mreq (K6).
    let terms = market.hourTerms(MarketTerms(alpha: 0.5, disclosure: .exAnte, defaultIntensity: Array(repeating: 0.5, count: 24)), hour: 9)
    #expect(abs(terms.declaredCarbonCost[m1] - 50 * 0.5 * (1 - share) * 3.6) < 1e-9)
  }
}
