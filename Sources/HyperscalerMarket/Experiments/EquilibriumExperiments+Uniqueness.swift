import Optimization

/// E5: the spread of one quantity group across the runs of one (scheme, α).
public struct UniquenessRow: Sendable, Codable {
  public var scenario: String
  public var alpha: Double
  public var group: QuantityGroup
  /// Largest spread over the interior-point starts (ϱ multipliers and random starts) against the first start.
  public var startSpread: Double
  /// Spread of the welfare-QP route against the first start.
  public var qpSpread: Double
  /// Spread of the gap-QP route against the first start (a looser solver, about 1e-5).
  public var gapQPSpread: Double
}

extension EquilibriumExperiments {
  /// E5: S0, EP and EP+PPA at each uniqueness α, from every start, by the QP route and by the gap QP.
  public mutating func uniqueness() throws -> [UniquenessRow] {
    var rows: [UniquenessRow] = []
    for alpha in settings.uniquenessAlphas {
      for (disclosure, share) in [(Disclosure.none, 0.0), (.exPost, 0), (.exPost, settings.ppaShare)] {
        let terms = try self.terms(alpha: alpha, disclosure: disclosure, ppaShare: share)
        rows += try uniqueness(terms)
      }
    }
    return rows
  }

  private func uniqueness(_ terms: MarketTerms) throws -> [UniquenessRow] {
    var starts: [MLCPSettings] = settings.startScales.map { scale in
      var mlcp = settings.equilibrium.mlcp
      mlcp.startScale = scale
      return mlcp
    }
    starts += settings.randomSeeds.map { seed in
      var mlcp = settings.equilibrium.mlcp
      mlcp.randomStartSeed = seed
      return mlcp
    }
    let runs = try starts.map { start -> EquilibriumRun in
      var equilibrium = settings.equilibrium
      equilibrium.mlcp = start
      return try EquilibriumSolver.solve(market, terms: terms, settings: equilibrium)
    }
    var qpSettings = settings.equilibrium
    qpSettings.route = .qp
    let qp = try EquilibriumSolver.solve(market, terms: terms, settings: qpSettings)
    qpSettings.route = .gapQP
    let gap = try EquilibriumSolver.solve(market, terms: terms, settings: qpSettings)
    progress("E5 \(terms.scenarioLabel) at α = \(terms.alpha): \(runs.count) starts, QP and gap QP")
    return QuantityGroup.allCases.map { group in
      UniquenessRow(
        scenario: terms.scenarioLabel, alpha: terms.alpha, group: group,
        startSpread: runs.dropFirst().reduce(0) { max($0, market.spread(of: group, between: $1, and: runs[0])) },
        qpSpread: market.spread(of: group, between: qp, and: runs[0]),
        gapQPSpread: market.spread(of: group, between: gap, and: runs[0]))
    }
  }
}
