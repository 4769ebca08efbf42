import Foundation
import Optimization

/// Which assembly computes the equilibrium: the stacked players' KKT conditions as one MLCP (default), or the
/// equivalent welfare QP (H18) of §4.6 solved by the QP solver.
/// A third route, `gapQP`, solves the assembled MLCP through the gap QP of solver.md §5.9 with the QP solver: an
/// assembly-independent check of the MLCP solver (looser, about 1e-5).
public enum EquilibriumRoute: String, Sendable, Codable, CaseIterable {
  case mlcp
  case qp
  case gapQP = "gap-qp"
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
  /// QP settings of the gap-QP route (solver.md §5.9: its objective reaches about 1e-8, so u agrees to about 1e-5).
  public var gapQP = QPSettings()
  /// The hours to solve (0-based); nil solves every hour of the case.
  public var hours: [Int]?
  /// Solve the hours as one block-diagonal MLCP instead of one MLCP per hour (check V7).
  public var stackHours = false
  /// Relaxation of Φ* in the α = 0 stage 2 (§3.3): Φ* = Φ*_LP·(1 + relative) + absolute.
  public var budgetRelativeRelaxation = 1e-10
  public var budgetAbsoluteRelaxation = 1e-9
  /// Stage 2 has no strictly feasible point (§3.3), and on some RTS-24 hours the MLCP's step safeguard fails at
  /// the 1e-10 relaxation. Such an hour is solved again with the relative relaxation multiplied by each of these
  /// factors in turn, at the spec's tolerance 1e-9; the relaxation used is reported in `EquilibriumRun`.
  public var budgetRetryFactors: [Double] = [1, 100, 10_000]

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
  /// α = 0 only: the largest relative relaxation of Φ* that stage 2 needed (§3.3).
  public var budgetRelaxation: Double?
  /// α = 0 only: the relaxed Φ* of each solved hour (the right-hand side of K8b), for checks of the solution.
  public var latencyBudgets: [Int: Double] = [:]
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
    let hours = settings.hours ?? Array(0..<market.hours)
    if let bad = hours.first(where: { !(0..<market.hours).contains($0) }) {
      throw EquilibriumError(hour: nil, message: "hour \(bad + 1) is outside 1…\(market.hours)")
    }
    let budgets = try terms.alpha == 0 ? stageOneOptima(market, hours: hours, settings: settings) : nil
    func budget(_ hour: Int, _ factor: Double) -> Double? {
      budgets.map { $0[hour]! * (1 + factor * settings.budgetRelativeRelaxation) + settings.budgetAbsoluteRelaxation }
    }
    let hourTerms = hours.map { market.hourTerms(terms, hour: $0, latencyBudget: budget($0, 1)) }
    var run: EquilibriumRun
    switch settings.route {
    case .mlcp where settings.stackHours: run = try solveStacked(market, hourTerms, settings)
    case .mlcp where budgets != nil:
      run = try solveStageTwo(market, hours.map { hour in
        settings.budgetRetryFactors.map { market.hourTerms(terms, hour: hour, latencyBudget: budget(hour, $0)) }
      }, settings)
    case .mlcp: run = try solveHourly(market, hourTerms, settings)
    case .qp: run = try solveQP(market, hourTerms, settings)
    case .gapQP: run = try solveGapQP(market, hourTerms, settings)
    }
    if budgets != nil && run.latencyBudgets.isEmpty {
      for hour in hourTerms { run.latencyBudgets[hour.hour] = hour.latencyBudget }
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
    throws -> MLCP
  {
    try assemble(market, [market.checkedHourTerms(terms, hour: hour, latencyBudget: latencyBudget)]).0
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

  /// α = 0 stage 2, hour by hour: each hour's terms in order of increasing Φ* relaxation, the first that solves.
  private static func solveStageTwo(
    _ market: MarketCase, _ candidates: [[HourTerms]], _ settings: EquilibriumSettings
  ) throws -> EquilibriumRun {
    var run = emptyRun(.mlcp)
    var mlcp = settings.mlcp
    mlcp.tolerance = max(mlcp.tolerance, 1e-9)
    run.budgetRelaxation = 0
    for tries in candidates {
      var failure: MLCPResult?
      for (attempt, hour) in tries.enumerated() {
        let (problem, layouts) = assemble(market, [hour])
        let result = MLCPSolver.solve(problem, settings: mlcp)
        guard result.status == .solved else {
          failure = result
          continue
        }
        failure = nil
        try record(result, hour: hour.hour, into: &run)
        run.hours.append(layouts[0].extract(result.values, market: market))
        let relaxation = settings.budgetRetryFactors[attempt] * settings.budgetRelativeRelaxation
        run.budgetRelaxation = max(run.budgetRelaxation ?? 0, relaxation)
        run.latencyBudgets[hour.hour] = hour.latencyBudget
        break
      }
      // Every relaxation failed: `record` throws with the solver's message.
      if let failure { try record(failure, hour: tries[0].hour, into: &run) }
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

  private static func solveGapQP(_ market: MarketCase, _ terms: [HourTerms], _ settings: EquilibriumSettings) throws
    -> EquilibriumRun
  {
    var run = emptyRun(.gapQP)
    for hour in terms {
      let (problem, layouts) = assemble(market, [hour])
      let solution = try MLCPSolver.solveGapQP(problem, settings: settings.gapQP)
      // The gap QP is degenerate by construction (optimum 0 with every pair active), and the QP solver often stops
      // at its relaxed tolerances; its objective zᵀw, recorded below, says how good the point is.
      guard solution.status == .optimal || solution.status == .almostOptimal else {
        throw EquilibriumError(hour: hour.hour, message: "gap QP ended \(solution.status.rawValue)")
      }
      run.iterations.append(0)
      run.maxComplementarityProduct = max(run.maxComplementarityProduct, solution.objective)
      run.hours.append(layouts[0].extract(solution.values, market: market))
    }
    return run
  }

  private static func emptyRun(_ route: EquilibriumRoute) -> EquilibriumRun {
    EquilibriumRun(
      terms: MarketTerms(alpha: 1), route: route, hours: [], iterations: [], maxResidual: 0,
      maxComplementarityProduct: 0, degeneratePairs: [], budgetRelaxation: nil, solveSeconds: 0)
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

  /// Stage 1 of α = 0 (§3.3): per hour, the least latency-plus-unserved cost Φ*_LP (relaxed by the caller).
  static func stageOneOptima(_ market: MarketCase, hours: [Int], settings: EquilibriumSettings) throws -> [Int: Double] {
    var optima: [Int: Double] = [:]
    for hour in hours { optima[hour] = try LatencyFirstLP(market: market, hour: hour).solve(settings: settings.qp) }
    return optima
  }
}
