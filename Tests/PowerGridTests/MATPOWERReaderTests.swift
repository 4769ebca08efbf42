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
