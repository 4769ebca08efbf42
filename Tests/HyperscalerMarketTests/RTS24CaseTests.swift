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
