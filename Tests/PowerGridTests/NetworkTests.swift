import Foundation
import Testing

@testable import PowerGrid

/// Builds a case from compact rows: bus (number, type, PD, GS), gen (bus, PG, PMAX, status),
/// branch (from, to, x, tap, shift°, status).
private func makeCase(
  buses: [(Int, BusType, Double, Double)], generators: [(Int, Double, Double, Double)],
  branches: [(Int, Int, Double, Double, Double, Double)]
) -> PowerCase {
  PowerCase(
    name: "t", source: "t.m", baseMVA: 100,
    buses: buses.map { Bus(number: $0.0, type: $0.1, demandMW: $0.2, shuntConductanceMW: $0.3) },
    generators: generators.map { Generator(bus: $0.0, outputMW: $0.1, status: $0.3, maxOutputMW: $0.2) },
    branches: branches.map {
      Branch(fromBus: $0.0, toBus: $0.1, reactance: $0.2, tapRatio: $0.3, shiftDegrees: $0.4, status: $0.5)
    })
}

private func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool { abs(a - b) <= tolerance }

@Suite struct NetworkStructureTests {
  @Test func busSusceptanceMatricesFollowMakeBdc() throws {
    // Bus numbers 5, 9, 2 (not sorted); branch 5→9 with tap 0.5 gives b = 1/(0.1·0.5) = 20.
    let c = makeCase(
      buses: [(5, .reference, 0, 0), (9, .pq, 30, 2), (2, .pq, 0, 0)], generators: [(5, 32, 100, 1)],
      branches: [(5, 9, 0.1, 0.5, 0, 1), (9, 2, 0.2, 1, 0, 1), (5, 2, 0.1, 1, 0, 0)])
    let net = try Network(c)
    #expect(net.busIndex == [5: 0, 9: 1, 2: 2])
    #expect(net.branchRows == [0, 1])  // out-of-service row 3 is not in the network
    #expect(net.branchSusceptance == [20, 5])
    #expect(net.susceptanceMatrix.denseRows() == [[20, -20, 0], [-20, 25, -5], [0, -5, 5]])
    #expect(net.branchSusceptanceMatrix.denseRows() == [[20, -20, 0], [0, 5, -5]])
    #expect(net.loadsMW == [0, 32, 0])  // GS counts as load
    #expect(try net.netInjectionsMW(generatorOutputMW: [32]) == [32, -32, 0])
    #expect(net.perCaseBranchRow([1, 2]) == [1, 2, 0])
  }

  @Test func isolatedBusesAndOutOfServiceElementsAreLeftOut() throws {
    let c = makeCase(
      buses: [(1, .reference, 0, 0), (2, .pq, 10, 0), (3, .isolated, 40, 0)],
      generators: [(1, 10, 100, 1), (3, 0, 50, 1), (2, 0, 50, 0)],
      branches: [(1, 2, 0.1, 1, 0, 1), (2, 3, 0.1, 1, 0, 1)])
    let net = try Network(c)
    #expect(net.islands == [[0, 1]])
    #expect(net.islandOfBus == [0, 0, -1])
    #expect(net.branchRows == [0])  // branch to the isolated bus dropped, as in MATPOWER's ext2int
    #expect(net.generatorRows == [0])
    #expect(net.loadsMW == [0, 10, 0])
  }

  @Test func islandWithoutGeneratorIsNamed() throws {
    let c = makeCase(
      buses: [(1, .reference, 0, 0), (2, .pq, 10, 0), (7, .pq, 5, 0), (8, .pq, 5, 0)], generators: [(1, 10, 100, 1)],
      branches: [(1, 2, 0.1, 1, 0, 1), (7, 8, 0.1, 1, 0, 1), (2, 7, 0.1, 1, 0, 0)])
    #expect(throws: NetworkError.islandWithoutGenerator(source: "t.m", buses: [7, 8])) { try Network(c) }
    do {
      _ = try Network(c)
    } catch {
      #expect("\(error)".contains("t.m: island of 2 bus(es) [7, 8] has no in-service generator"))
    }
  }

  @Test func islandWithoutReferenceIsNamed() throws {
    let c = makeCase(
      buses: [(1, .reference, 0, 0), (2, .pq, 10, 0), (7, .pv, 5, 0), (8, .pq, 5, 0)],
      generators: [(1, 10, 100, 1), (7, 10, 100, 1)], branches: [(1, 2, 0.1, 1, 0, 1), (7, 8, 0.1, 1, 0, 1)])
    #expect(throws: NetworkError.islandWithoutReference(source: "t.m", buses: [7, 8])) { try Network(c) }
    // Two islands each with a generator and a reference bus are fine.
    var fixed = c
    fixed.buses[2].type = .reference
    let net = try Network(fixed)
    #expect(net.islands.count == 2 && net.referenceBuses == [0, 2])
  }

  @Test func sharedCasesAreSingleIslands() throws {
    for name in ["case30", "case24_ieee_rts", "case118", "case300"] {
      let net = try Network(BuiltInCases.load(name))
      #expect(net.islands.count == 1, "\(name)")
      #expect(net.susceptanceMatrix.rowCount == net.busCount)
    }
  }
}

@Suite struct DCPowerFlowTests {
  /// Hand-worked: triangle of x = 0.1 p.u. lines (b = 10), 100 MW base, bus 1 reference, 100 MW load at
  /// bus 3 served from bus 1. B_red (buses 2, 3) = [[20, −10], [−10, 20]], P = [0, −1] p.u.,
  /// θ = B_red⁻¹P = [−1/30, −1/15] rad, so flows 1→2 = 10·(1/30) = 33.33 MW, 1→3 = 66.67 MW,
  /// 2→3 = 10·(−1/30 + 1/15) = 33.33 MW, and bus 1 supplies 100 MW.
  @Test func threeBusHandWorked() throws {
    let c = makeCase(
      buses: [(1, .reference, 0, 0), (2, .pq, 0, 0), (3, .pq, 100, 0)], generators: [(1, 0, 200, 1)],
      branches: [(1, 2, 0.1, 1, 0, 1), (1, 3, 0.1, 1, 0, 1), (2, 3, 0.1, 1, 0, 1)])
    let net = try Network(c)
    let dc = try DCFactorization(net)
    let result = try dc.powerFlow(injectionsMW: net.netInjectionsMW(generatorOutputMW: [0]))
    #expect(close(result.anglesRadians[1], -1.0 / 30))
    #expect(close(result.anglesRadians[2], -1.0 / 15))
    #expect(close(result.branchFlowsMW[0], 100.0 / 3))
    #expect(close(result.branchFlowsMW[1], 200.0 / 3))
    #expect(close(result.branchFlowsMW[2], 100.0 / 3))
    #expect(close(result.busInjectionsMW[0], 100))
    #expect(close(result.slackMW[0], 100))
  }

  /// A phase shifter on a radial line with no load carries no flow; in a loop it drives a circulating flow
  /// that matches the hand calculation −b·shift·baseMVA split by the loop's reactances.
  @Test func phaseShifters() throws {
    let radial = makeCase(
      buses: [(1, .reference, 0, 0), (2, .pq, 0, 0)], generators: [(1, 0, 10, 1)],
      branches: [(1, 2, 0.1, 1, 5, 1)])
    let net = try Network(radial)
    let flow = try DCFactorization(net).powerFlow(injectionsMW: [0, 0])
    #expect(close(flow.branchFlowsMW[0], 0))
    #expect(close(flow.anglesDegrees[1], -5))
    // Loop 1→2 (x 0.1, shift 6°) ∥ 1→2 (x 0.1): circulating flow = shift/(x1 + x2)·base
    //   = (6π/180)/0.2·100 = 52.36 MW, −52.36 MW on the parallel line.
    let loop = makeCase(
      buses: [(1, .reference, 0, 0), (2, .pq, 0, 0)], generators: [(1, 0, 10, 1)],
      branches: [(1, 2, 0.1, 1, 6, 1), (1, 2, 0.1, 1, 0, 1)])
    let loopNet = try Network(loop)
    let loopFlow = try DCFactorization(loopNet).powerFlow(injectionsMW: [0, 0])
    let expected = (6 * Double.pi / 180) / 0.2 * 100
    #expect(close(loopFlow.branchFlowsMW[0], -expected, 1e-9))
    #expect(close(loopFlow.branchFlowsMW[1], expected, 1e-9))
    #expect(close(loopNet.phaseShiftFlowMW[0], -10 * (6 * Double.pi / 180) * 100))
  }
}

@Suite struct PTDFTests {
  /// Flows from PTDF · (injections − Pbusinj) + Pfinj equal the DC power flow flows; reference column zero.
  @Test(arguments: ["case30", "case24_ieee_rts", "case118", "case300"])
  func ptdfMatchesPowerFlow(name: String) throws {
    let c = try BuiltInCases.load(name)
    let net = try Network(c)
    let dc = try DCFactorization(net)
    // case300 has one series capacitor (x < 0, awk over its branch block): B_red is indefinite there.
    #expect((dc.negativePivotCount > 0) == (name == "case300"))
    let injections = try net.netInjectionsMW(filedDispatchOf: c)
    let flows = try dc.powerFlow(injectionsMW: injections).branchFlowsMW
    let h = try dc.ptdf()
    let reference = net.referenceBuses[0]
    #expect(h.column(bus: reference)!.allSatisfy { $0 == 0 })
    var shifted = injections
    for bus in 0..<net.busCount { shifted[bus] -= net.phaseShiftInjectionMW[bus] }
    let viaPTDF = h.times(shifted)
    let scale = max(1, flows.map(abs).max() ?? 1)
    for l in 0..<net.branchCount {
      #expect(close(viaPTDF[l] + net.phaseShiftFlowMW[l], flows[l], 1e-8 * scale), "\(name) branch \(l)")
    }
  }

  /// Distributed slack: with normalised weights w, Σ_k w_k·H_w[l, k] = 0 on every branch (injecting the
  /// slack pattern itself moves nothing), columns equal H[:, k] − H·w, and balanced flows are unchanged.
  @Test func distributedSlack() throws {
    let c = try BuiltInCases.load("case30")
    let net = try Network(c)
    let dc = try DCFactorization(net)
    let weights = net.loadsMW  // slack shared by load
    let totalWeight = weights.reduce(0, +)
    let h = try dc.ptdf()
    let hw = try dc.ptdf(slack: .distributed(weights: weights))
    for l in 0..<net.branchCount {
      var weighted = 0.0
      for bus in 0..<net.busCount { weighted += weights[bus] / totalWeight * hw[l, bus]! }
      #expect(abs(weighted) < 1e-12, "branch row \(net.branchRows[l] + 1)")
      let hDotW = (0..<net.busCount).reduce(0.0) { $0 + h[l, $1]! * weights[$1] / totalWeight }
      #expect(close(hw[l, 3]!, h[l, 3]! - hDotW, 1e-12))
    }
    // Balanced injections (the file dispatch minus load, made balanced at bus 1): same flows.
    var injections = try net.netInjectionsMW(filedDispatchOf: c)
    injections[0] -= injections.reduce(0, +)
    let a = h.times(injections)
    let b = hw.times(injections)
    for l in 0..<net.branchCount { #expect(close(a[l], b[l], 1e-9)) }
    // A single column on demand agrees with the full matrix.
    let column = try dc.ptdfColumn(bus: 7, slack: .distributed(weights: weights))
    #expect(zip(column, hw.column(bus: 7)!).allSatisfy { close($0, $1, 1e-13) })
    #expect(throws: NetworkError.self) { try dc.ptdf(slack: .distributed(weights: [1, 2])) }
  }

  /// Hand-worked triangle: injecting 1 MW at bus 3 and withdrawing it at bus 1 sends 2/3 on 1→3 (against
  /// its direction), 1/3 around 1→2→3.
  @Test func triangleFactors() throws {
    let c = makeCase(
      buses: [(1, .reference, 0, 0), (2, .pq, 0, 0), (3, .pq, 0, 0)], generators: [(1, 0, 200, 1)],
      branches: [(1, 2, 0.1, 1, 0, 1), (1, 3, 0.1, 1, 0, 1), (2, 3, 0.1, 1, 0, 1)])
    let h = try DCFactorization(Network(c)).ptdf()
    #expect(close(h[0, 2]!, -1.0 / 3) && close(h[1, 2]!, -2.0 / 3) && close(h[2, 2]!, -1.0 / 3))
    #expect(close(h[0, 1]!, -2.0 / 3) && close(h[1, 1]!, -1.0 / 3) && close(h[2, 1]!, 1.0 / 3))
    #expect(h[0, 0] == 0)
  }
}

@Suite struct OrderingTests {
  /// AMD (default) and the natural order give the same angles on case118.
  @Test func orderingDoesNotChangeTheAnswer() throws {
    let c = try BuiltInCases.load("case118")
    let net = try Network(c)
    let injections = try net.netInjectionsMW(filedDispatchOf: c)
    let amd = try DCFactorization(net).powerFlow(injectionsMW: injections)
    let natural = try DCFactorization(net, ordering: .natural).powerFlow(injectionsMW: injections)
    for bus in 0..<net.busCount { #expect(abs(amd.anglesRadians[bus] - natural.anglesRadians[bus]) < 1e-12) }
  }
}
