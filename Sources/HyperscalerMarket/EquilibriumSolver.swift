import Foundation
import Optimization

/// Which assembly computes the equilibrium: the stacked players' KKT conditions as one MLCP (default), or the
/// equivalent welfare QP (H18) of §4.6 solved by the QP solver.
public enum EquilibriumRoute: String, Sendable, Codable, CaseIterable {
  case mlcp
  case qp
}

/// Settings of an equilibrium run; every default is the spec's.
public struct EquilibriumSettings: Sendable {
  public var route: EquilibriumRoute = .mlcp
  /// MLCP settings; the tolerance is 1e-12, tighter than solver.md's 1e-9: the stopping rule scales with ‖q‖∞,
  /// which holds V_U/α (up to 10⁴–10⁷ $/Mreq), and at 1e-9 the site loads of G2/G3 were only 1e-5 accurate.
  public var mlcp: MLCPSettings = {
    var settings = MLCPSettings()
    settings.tolerance = 1e-12
    return settings
  }()
  /// QP settings of the welfare route: `priceGrade` with a relative gap of 1e-13 and an absolute gap of 1e-8 $.
  /// The welfare objective is of the order of 10⁶ $ per hour, so a relative gap of 1e-9 left prices 1e-5 $/MWh
  /// off the MLCP's; with these settings they agree to 5e-8 relative.
  public var qp: QPSettings = {
    var settings = QPSettings.priceGrade
    settings.tolGapAbs = 1e-8
    settings.tolGapRel = 1e-13
    settings.tolFeasibility = 1e-11
    return settings
  }()
  /// Solve the hours as one block-diagonal MLCP instead of one MLCP per hour (check V7).
  public var stackHours = false
  /// Relaxation of Φ* in the α = 0 stage 2 (§3.3): Φ* = Φ*_LP·(1 + relative) + absolute.
  public var budgetRelativeRelaxation = 1e-10
  public var budgetAbsoluteRelaxation = 1e-9

  public init() {}
}

/// An equilibrium that could not be computed, with the hour and the solver's own explanation.
public struct EquilibriumError: Error, Sendable, CustomStringConvertible {
  public var hour: Int?
  public var message: String
  public var description: String {
    hour.map { "hour \($0 + 1): \(message)" } ?? message
  }
}

/// The equilibrium of every hour of a case for one set of terms.
public struct EquilibriumRun: Sendable {
  public var terms: MarketTerms
  public var route: EquilibriumRoute
  public var hours: [HourEquilibrium]
  /// Interior-point iterations per hour (per solve when stacked; the MLCP route's, or the QP's).
  public var iterations: [Int]
  /// Worst residual over the hours: the MLCP's max of free, complementarity and natural residuals, or the QP's
  /// primal/dual residual.
  public var maxResidual: Double
  /// Largest z·w over all complementarity pairs (MLCP route).
  public var maxComplementarityProduct: Double
  /// Pairs with both z and w below 1e-7 (solution may not be unique there, solver.md §5.6).
  public var degeneratePairs: [String]
  public var solveSeconds: Double
}

public enum EquilibriumSolver {
  /// Solves every hour of `market` under `terms`. α = 0 is solved in two stages (§3.3, §9.5).
  public static func solve(
    _ market: MarketCase, terms: MarketTerms, settings: EquilibriumSettings = EquilibriumSettings()
  ) throws -> EquilibriumRun {
    try validate(market, terms)
    let clock = ContinuousClock()
    let start = clock.now
    let budgets = try terms.alpha == 0 ? stageOneBudgets(market, settings: settings) : nil
    let hourTerms = (0..<market.hours).map { market.hourTerms(terms, hour: $0, latencyBudget: budgets?[$0]) }
    var run: EquilibriumRun
    switch settings.route {
    case .mlcp where settings.stackHours: run = try solveStacked(market, hourTerms, settings)
    case .mlcp: run = try solveHourly(market, hourTerms, settings)
    case .qp: run = try solveQP(market, hourTerms, settings)
    }
    run.terms = terms
    run.solveSeconds = (clock.now - start).inSeconds
    return run
  }

  /// The MLCP of the given hours, stacked block-diagonally, with each hour's layout (for tests and export).
  static func assemble(_ market: MarketCase, _ terms: [HourTerms]) -> (MLCP, [HourLayout]) {
    var builder = MLCPBuilder()
    var layouts: [HourLayout] = []
    let players = market.players
    for hour in terms {
      let layout = HourLayout(case: market, terms: hour, builder: &builder)
      for player in players { player.addConditions(terms: hour, layout: layout, to: &builder) }
      layouts.append(layout)
    }
    return (builder.build(), layouts)
  }

  /// The MLCP of one hour (public for inspection and the V4/V5 checks).
  public static func hourMLCP(_ market: MarketCase, terms: MarketTerms, hour: Int, latencyBudget: Double? = nil)
    -> MLCP
  {
    assemble(market, [market.hourTerms(terms, hour: hour, latencyBudget: latencyBudget)]).0
  }

  private static func solveHourly(_ market: MarketCase, _ terms: [HourTerms], _ settings: EquilibriumSettings) throws
    -> EquilibriumRun
  {
    var run = emptyRun(.mlcp)
    for hour in terms {
      let (problem, layouts) = assemble(market, [hour])
      let result = MLCPSolver.solve(problem, settings: settings.mlcp)
      try record(result, hour: hour.hour, into: &run)
      run.hours.append(layouts[0].extract(result.values, market: market))
    }
    return run
  }

  private static func solveStacked(_ market: MarketCase, _ terms: [HourTerms], _ settings: EquilibriumSettings) throws
    -> EquilibriumRun
  {
    var run = emptyRun(.mlcp)
    let (problem, layouts) = assemble(market, terms)
    let result = MLCPSolver.solve(problem, settings: settings.mlcp)
    try record(result, hour: nil, into: &run)
    run.hours = layouts.map { $0.extract(result.values, market: market) }
    return run
  }

  private static func solveQP(_ market: MarketCase, _ terms: [HourTerms], _ settings: EquilibriumSettings) throws
    -> EquilibriumRun
  {
    var run = emptyRun(.qp)
    for hour in terms {
      let (result, solution) = try WelfareQP(market: market, terms: hour).solve(settings: settings.qp)
      guard solution.status.isOptimal else {
        throw EquilibriumError(hour: hour.hour, message: "welfare QP ended \(solution.status.rawValue)")
      }
      run.iterations.append(solution.report.iterations)
      run.maxResidual = max(run.maxResidual, solution.report.primalResidual, solution.report.dualResidual)
      run.hours.append(result)
    }
    return run
  }

  private static func emptyRun(_ route: EquilibriumRoute) -> EquilibriumRun {
    EquilibriumRun(
      terms: MarketTerms(alpha: 1), route: route, hours: [], iterations: [], maxResidual: 0,
      maxComplementarityProduct: 0, degeneratePairs: [], solveSeconds: 0)
  }

  private static func record(_ result: MLCPResult, hour: Int?, into run: inout EquilibriumRun) throws {
    guard result.status == .solved else {
      throw EquilibriumError(hour: hour, message: "MLCP \(result.status.rawValue): \(result.message)")
    }
    run.iterations.append(result.iterations)
    run.maxResidual = max(
      run.maxResidual, result.freeResidual, result.complementarityResidual, result.naturalResidual)
    run.maxComplementarityProduct = max(run.maxComplementarityProduct, result.maxProduct)
    run.degeneratePairs += result.degeneratePairNames
  }

  /// Stage 1 of α = 0 (§3.3): per hour, the least latency-plus-unserved cost Φ*, relaxed as the spec says. Public so
  /// that a check of an α = 0 run can pass the same budget to `MarketCase.kktResiduals(_:terms:latencyBudget:)`.
  public static func stageOneBudgets(_ market: MarketCase, settings: EquilibriumSettings) throws -> [Double] {
    try (0..<market.hours).map { hour in
      let optimum = try LatencyFirstLP(market: market, hour: hour).solve(settings: settings.qp)
      return optimum * (1 + settings.budgetRelativeRelaxation) + settings.budgetAbsoluteRelaxation
    }
  }
}
