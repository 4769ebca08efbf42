import Foundation
import Optimization
import Testing

@testable import PowerGrid

/// A two-bus case written by hand: bus 1 (reference) with generator 1, bus 2 with generator 2 and 80 MW of load,
/// one line of `rate` MW. Costs are given as MATPOWER gencost rows.
func twoBusCase(gencost: String, rate: Double = 0, load: Double = 80) throws -> PowerCase {
  try MATPOWERReader.parse(
    """
    function mpc = twobus
    mpc.version = '2';
    mpc.baseMVA = 100;
    mpc.bus = [
      1 3 0 0 0 0 1 1 0 230 1 1.1 0.9;
      2 1 \(load) 0 0 0 1 1 0 230 1 1.1 0.9;
    ];
    mpc.gen = [
      1 0 0 0 0 1 100 1 100 0 0 0 0 0 0 0 0 0 0 0 0;
      2 0 0 0 0 1 100 1 100 0 0 0 0 0 0 0 0 0 0 0 0;
    ];
    mpc.branch = [
      1 2 0 0.1 0 \(rate) 0 0 0 0 1 -360 360;
    ];
    mpc.gencost = [
    \(gencost)
    ];
    """, file: "twobus.m")
}

@Suite("DC-OPF features (issue 4)")
struct DCOPFTests {
  /// Hand-worked: g1 has a piecewise-linear cost through (0,0), (50,500), (100,1500) — slopes 10 and 20 $/MWh;
  /// g2 costs 15 $/MWh. For 80 MW, g1 runs its cheap segment (50 MW) and g2 the rest (30 MW):
  /// cost 500 + 450 = 950 $/h and LMP 15 $/MWh at both (uncongested) buses.
  @Test("piecewise-linear costs", arguments: DCOPFFormulation.allCases)
  func piecewiseLinear(formulation: DCOPFFormulation) throws {
    let powerCase = try twoBusCase(gencost: "1 0 0 3 0 0 50 500 100 1500;\n2 0 0 2 15 0 0 0 0 0;")
    let result = try DCOPF.solve(DCOPFInput(powerCase: powerCase, formulation: formulation))
    #expect(result.status == .optimal)
    let period = try #require(result.periods.first)
    #expect(abs(result.objectiveUSD - 950) <= 1e-6)
    #expect(abs(period.generatorMW[0] - 50) <= 1e-6 && abs(period.generatorMW[1] - 30) <= 1e-6)
    #expect(period.lmp.allSatisfy { abs($0 - 15) <= 1e-6 }, "\(period.lmp)")
  }

  /// Hand-worked congestion: g1 at 10 $/MWh, g2 at 30 $/MWh, 80 MW at bus 2 and a 50 MW line. g1 sends 50 MW,
  /// g2 makes 30 MW: LMPs 10 and 30, energy part 10 (reference bus 1), congestion part 0 and 20, line shadow
  /// price 20 $/MWh, congestion rent (30 − 10)·50 = 1000 $/h.
  @Test("two-bus congestion split", arguments: DCOPFFormulation.allCases)
  func twoBusCongestion(formulation: DCOPFFormulation) throws {
    let powerCase = try twoBusCase(gencost: "2 0 0 2 10 0;\n2 0 0 2 30 0;", rate: 50)
    let result = try DCOPF.solve(DCOPFInput(powerCase: powerCase, formulation: formulation))
    let period = try #require(result.periods.first)
    for (got, want) in zip(period.lmp, [10.0, 30]) { #expect(abs(got - want) <= 1e-6) }
    for (got, want) in zip(period.lmpEnergy, [10.0, 10]) { #expect(abs(got - want) <= 1e-6) }
    for (got, want) in zip(period.lmpCongestion, [0.0, 20]) { #expect(abs(got - want) <= 1e-6) }
    #expect(period.bindingBranches == [0])
    #expect(abs(period.branchShadowPriceUSDPerMWh[0] - 20) <= 1e-6)
    #expect(abs(period.congestionRentUSDPerHour - 1000) <= 1e-6)
  }

  /// Periods that share no constraint: one 3-period solve equals three single-period solves.
  @Test("decoupled horizon equals periods solved one by one")
  func multiPeriodSeparates() throws {
    let powerCase = try BuiltInCases.load("case24_ieee_rts")
    let profile = [0.7, 0.85, 1.0]
    let wind = RenewableUnit(name: "wind", busNumber: 14, kind: .wind, availableMW: [300, 150, 50])
    let joint = try DCOPF.solve(
      DCOPFInput(powerCase: powerCase, periods: 3, loadProfile: profile, rateScale: 0.5, renewables: [wind]))
    #expect(joint.status == .optimal)
    var total = 0.0
    for t in 0..<3 {
      let alone = try DCOPF.solve(
        DCOPFInput(
          powerCase: powerCase, periods: 1, loadProfile: [profile[t]], rateScale: 0.5,
          renewables: [RenewableUnit(name: "wind", busNumber: 14, kind: .wind, availableMW: [wind.availableMW[t]])]))
      let single = try #require(alone.periods.first)
      total += alone.objectiveUSD
      #expect(abs(joint.periods[t].objectiveUSDPerHour - single.objectiveUSDPerHour) <= 1e-6 * single.objectiveUSDPerHour)
      for (a, b) in zip(joint.periods[t].lmp, single.lmp) { #expect(abs(a - b) <= 1e-6 * max(1, abs(b)), "period \(t + 1)") }
      #expect(joint.periods[t].bindingBranches == single.bindingBranches)
    }
    #expect(abs(joint.objectiveUSD - total) <= 1e-6 * total)
  }

  /// B-θ and PTDF give the same dispatch and prices, with renewables and curtailment.
  @Test("B-θ and PTDF formulations agree")
  func formulationsAgree() throws {
    let powerCase = try BuiltInCases.load("case30")
    let solar = RenewableUnit(name: "pv", busNumber: 8, kind: .solar, availableMW: [0, 150])
    let results = try DCOPFFormulation.allCases.map {
      try DCOPF.solve(
        DCOPFInput(
          powerCase: powerCase, periods: 2, loadProfile: [0.8, 1.0], rateScale: 0.73, renewables: [solar],
          formulation: $0))
    }
    #expect(results.allSatisfy { $0.status == .optimal })
    #expect(abs(results[0].objectiveUSD - results[1].objectiveUSD) <= 1e-7 * results[0].objectiveUSD)
    for t in 0..<2 {
      let (a, b) = (results[0].periods[t], results[1].periods[t])
      for (x, y) in zip(a.lmp, b.lmp) { #expect(abs(x - y) <= 1e-6 * max(1, abs(x))) }
      for (x, y) in zip(a.lmpCongestion, b.lmpCongestion) { #expect(abs(x - y) <= 1e-6 * max(1, abs(x))) }
      for (x, y) in zip(a.generatorMW, b.generatorMW) { #expect(abs(x - y) <= 1e-5 * max(1, abs(x))) }
      #expect(abs(a.curtailmentMW[0] - b.curtailmentMW[0]) <= 1e-5)
    }
    // Bus 8 takes 30 MW of load and exports at most 2 × 23.36 MW (lines 6–8 and 8–28 at rate-scale 0.73), so
    // 150 MW of free PV there cannot all be used: about 73 MW is curtailed.
    #expect(results[0].periods[1].curtailmentMW[0] > 1)
    #expect(abs(results[0].periods[1].renewableMW[0] + results[0].periods[1].curtailmentMW[0] - 150) <= 1e-6)
  }

  /// Congestion rent Σ_n LMP_n·(demand − generation) equals Σ_l (μ⁺ − μ⁻)·flow_l over binding lines.
  @Test("congestion rent identity on case30 congested")
  func congestionRentIdentity() throws {
    let result = try DCOPF.solve(DCOPFInput(powerCase: try BuiltInCases.load("case30"), rateScale: 0.73))
    let period = try #require(result.periods.first)
    let lineSide = period.bindingBranches.reduce(0) {
      $0 + period.branchShadowPriceUSDPerMWh[$1] * period.branchFlowMW[$1]
    }
    #expect(period.bindingBranches.count == 4)
    #expect(abs(period.congestionRentUSDPerHour - lineSide) <= 1e-6 * abs(lineSide))
  }

  @Test("load above capacity is infeasible and names generators and balances")
  func infeasibleLoad() throws {
    let result = try DCOPF.solve(DCOPFInput(powerCase: try BuiltInCases.load("case30"), loadScale: 3))
    #expect(result.status == .primalInfeasible)
    let message = try #require(result.infeasibilityMessage)
    #expect(message.contains("balance[") && message.contains("pg["))
  }

  @Test("bad input names the element and value")
  func badInput() throws {
    let powerCase = try BuiltInCases.load("case30")
    #expect(throws: DCOPFError.invalidInput("rate scale -1.0 must be finite and > 0")) {
      try DCOPF.solve(DCOPFInput(powerCase: powerCase, rateScale: -1))
    }
    #expect(throws: DCOPFError.invalidInput("renewable 'w': unknown bus 999")) {
      try DCOPF.solve(
        DCOPFInput(powerCase: powerCase, renewables: [RenewableUnit(name: "w", busNumber: 999, kind: .wind, availableMW: [1])]))
    }
    #expect(throws: DCOPFError.invalidInput("load profile has 2 values for 3 period(s)")) {
      try DCOPF.solve(DCOPFInput(powerCase: powerCase, periods: 3, loadProfile: [1, 1]))
    }
  }

  @Test("CSV profiles are read and bad rows are named")
  func profileFiles() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cg-profiles-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let profile = folder.appendingPathComponent("profile.csv").path
    try "period,load_multiplier\n1,0.5\n2,1.25\n".write(toFile: profile, atomically: true, encoding: .utf8)
    #expect(try ProfileFiles.readLoadProfile(path: profile) == [0.5, 1.25])
    let bad = folder.appendingPathComponent("bad.csv").path
    try "period,load_multiplier\n1,0.5\n2,abc\n".write(toFile: bad, atomically: true, encoding: .utf8)
    #expect(throws: ProfileFileError(file: bad, line: 3, message: "load_multiplier: 'abc' is not a finite number")) {
      try ProfileFiles.readLoadProfile(path: bad)
    }
    let units = folder.appendingPathComponent("units.csv").path
    try "name,bus,type,period,available_mw\nw1,14,wind,1,30\nw1,14,wind,2,20\n".write(toFile: units, atomically: true, encoding: .utf8)
    let read = try ProfileFiles.readRenewables(path: units, periods: 2)
    #expect(read == [RenewableUnit(name: "w1", busNumber: 14, kind: .wind, availableMW: [30, 20])])
    #expect(throws: ProfileFileError(file: units, line: 0, message: "unit 'w1' has no row for period 3")) {
      try ProfileFiles.readRenewables(path: units, periods: 3)
    }
  }
}
