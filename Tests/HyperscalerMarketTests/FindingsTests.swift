import Foundation
import Optimization
import Testing

@testable import HyperscalerMarket

/// The findings of hyperscaler-market.md §8 (E1–E5) and the day-long checks V9 and V12 on the built-in case. They
/// solve a few hundred 24-hour equilibria, so they run only in the release pass of .ci/run
/// (COMPUTEGRID_LARGE_TESTS=1), about 15 s there. Each finding is an inequality from §8, not a stored number.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["COMPUTEGRID_LARGE_TESTS"] == "1"))
struct FindingsTests {
  /// F-a: CR(1) ≤ 0.5·CR(0), Spearman(α, CR) ≤ −0.9, BLH(1) ≤ BLH(0), in S0 and EP+PPA.
  @Test func congestionFallsWithCostAwareness() throws {
    var experiments = EquilibriumExperiments(market: try rts24Case())
    let findings = Findings.congestion(try experiments.alphaSweep())
    #expect(findings.count == 2)
    for finding in findings { #expect(finding.holds, "\(finding.statement): \(finding.detail)") }
  }

  /// F-b at every α of E2 (with V12), F-c and F-d at α_ref, V10.
  @Test func disclosureSchemes() throws {
    var experiments = EquilibriumExperiments(market: try rts24Case())
    let rows = try experiments.disclosureComparison()
    let findings = Findings.disclosure(rows, referenceAlpha: 0.5)
    #expect(findings.map(\.id).sorted() == ["F-b", "F-b", "F-b", "F-b", "F-c", "F-d", "V10"])
    for finding in findings { #expect(finding.holds, "\(finding.id) \(finding.statement): \(finding.detail)") }
  }

  /// V12: EP equals S0 in g, d, Y, q, flows and p at every α of E2.
  @Test(arguments: [0.25, 0.5, 0.75, 1.0])
  func reshufflingInvariance(alpha: Double) throws {
    var experiments = EquilibriumExperiments(market: try rts24Case())
    let s0 = try experiments.baseline(alpha: alpha)
    let terms = try experiments.terms(alpha: alpha, disclosure: .exPost, ppaShare: 0)
    let ep = try EquilibriumSolver.solve(experiments.market, terms: terms)
    for group in [QuantityGroup.output, .demand, .ownLoad, .mdcLoad, .flow, .price] {
      let spread = experiments.market.spread(of: group, between: ep, and: s0)
      #expect(spread <= 1e-6, "\(group.rawValue): \(spread)")
    }
  }

  /// F-e (E5, V11): unique groups agree across five starts and with the QP route to 1e-6, with the gap QP to 1e-5.
  @Test func uniqueness() throws {
    var experiments = EquilibriumExperiments(market: try rts24Case())
    let rows = try experiments.uniqueness()
    #expect(rows.count == 6 * QuantityGroup.allCases.count)
    for finding in Findings.uniqueness(rows) { #expect(finding.holds, "\(finding.detail)") }
  }

  /// V7 on the whole day: the 24 hours stacked into one block-diagonal MLCP (N = 24·460 in EP+PPA) equal the
  /// per-hour solves.
  @Test func stackedDayEqualsHourly() throws {
    var experiments = EquilibriumExperiments(market: try rts24Case())
    let terms = try experiments.terms(alpha: 0.5, disclosure: .exPost, ppaShare: 0.97)
    var stacked = EquilibriumSettings()
    stacked.stackHours = true
    let one = try EquilibriumSolver.solve(experiments.market, terms: terms, settings: stacked)
    let each = try EquilibriumSolver.solve(experiments.market, terms: terms)
    for group in QuantityGroup.allCases where !group.isInformational {
      let spread = experiments.market.spread(of: group, between: one, and: each)
      #expect(spread <= 1e-7, "\(group.rawValue): \(spread)")
    }
  }

  /// V9: the α = 0 two-stage solution is the limit of α → 0⁺: site loads at α = 1e-3 agree to 1e-3.
  @Test func alphaZeroIsTheLimit() throws {
    let market = try rts24Case()
    let zero = try EquilibriumSolver.solve(market, terms: MarketTerms(alpha: 0))
    let small = try EquilibriumSolver.solve(market, terms: MarketTerms(alpha: 1e-3))
    for group in [QuantityGroup.ownLoad, .mdcLoad] {
      let spread = market.spread(of: group, between: small, and: zero)
      #expect(spread <= 1e-3, "\(group.rawValue): \(spread)")
    }
  }
}
