import SparseAlgebra

/// Entry point of the monotone MLCP interior-point method (solver.md §5).
public enum MLCPSolver {
  /// Solves F(u) = M·u + q: F_i(u) = 0 on free unknowns, 0 ≤ u_i ⊥ F_i(u) ≥ 0 on complementary ones, with the
  /// infeasible-start Mehrotra predictor–corrector of §5.3–§5.6 on symmetrically scaled data (§5.10).
  /// Never throws: every outcome is an `MLCPStatus` with a message.
  public static func solve(_ problem: MLCP, settings: MLCPSettings = MLCPSettings()) -> MLCPResult {
    let first = MLCPInteriorPoint(problem: problem, settings: settings).run()
    guard case .retry(let reason, let warnings, _) = first else { return first.result! }
    // §5.8: the feasibility LP is feasible, so the stop was numerical. Rerun once with a smaller static δ.
    var tighter = settings
    tighter.staticRegularisation *= 1e-2
    tighter.luStaticRegularisation *= 1e-2
    let second = MLCPInteriorPoint(
      problem: problem, settings: tighter, inheritedWarnings: warnings + [
        "first run stopped (\(reason)) although the feasibility LP is feasible; rerun with static regularisation ×0.01"
      ]
    ).run()
    switch second {
    case .done(let result): return result
    case .retry(let reason, _, let last):
      return last.replacingMessage(
        "numerical_error: the interior-point method stopped twice (\(reason)), yet the feasibility LP is "
          + "feasible, so a solution exists for a monotone M. Check the data scaling or near-singular free rows.")
    }
  }
}

enum MLCPRunOutcome {
  case done(MLCPResult)
  /// Trouble signs, feasibility LP feasible: rerun (§5.8). `last` holds the stopped run's iterate.
  case retry(reason: String, warnings: [String], last: MLCPResult)

  var result: MLCPResult? {
    if case .done(let result) = self { return result }
    return nil
  }
}

/// One run of the MLCP interior-point method. Iterates live in the scaled space; stopping tests use unscaled data.
final class MLCPInteriorPoint {
  let problem: MLCP
  let settings: MLCPSettings
  let scaling: MLCPScaling
  let n: Int
  let isComplementary: [Bool]
  let complementaryCount: Int
  private let clock = ContinuousClock()
  private let start: ContinuousClock.Instant
  private var warnings: [String]
  private var violations: [MLCPMonotonicityViolation] = []
  /// The run's Newton system, once built; its `luGrowth` report joins the warnings in `finish`.
  private var newtonSystem: MLCPNewtonSystem?

  // Iterates (scaled): u = (x, z) in problem order, w zero on free unknowns.
  var u: [Double]
  var w: [Double]
  /// r = M̃u + q̃ − w.
  private var r: [Double]
  private var diagonal: [Double]
  private var rhs: [Double]
  private var du: [Double]
  private var dw: [Double]
  private var duAffine: [Double]
  private var dwAffine: [Double]
  private var dr: [Double]
  private var mu = 0.0

  // Unscaled data norms (§5.6) and the residual floor (§5.4).
  private let freeDataNorm: Double
  private let complementaryDataNorm: Double
  private let dataNorm: Double
  /// 0.1·ε·(1 + ‖q̃‖∞) of §5.4, raised to 0.1·ε·(1 + min(‖w̃‖∞, 1e3(1 + ‖q̃‖∞))) when the slacks outgrow the data (see `run`).
  private var residualFloor: Double
  private let baseResidualFloor: Double
  private let residualFloorCap: Double
  private let matrixMax: Double

  init(problem: MLCP, settings: MLCPSettings, inheritedWarnings: [String] = []) {
    self.problem = problem
    self.settings = settings
    start = clock.now
    warnings = inheritedWarnings
    scaling = MLCPScaling(problem: problem, settings: settings)
    n = problem.dimension
    isComplementary = problem.kinds.map { $0 == .complementary }
    complementaryCount = isComplementary.lazy.filter { $0 }.count
    let zeros = [Double](repeating: 0, count: n)
    u = zeros
    w = zeros
    r = zeros
    diagonal = zeros
    rhs = zeros
    du = zeros
    dw = zeros
    duAffine = zeros
    dwAffine = zeros
    dr = zeros
    var freeNorm = 0.0
    var complementaryNorm = 0.0
    for i in 0..<n {
      if isComplementary[i] {
        complementaryNorm = max(complementaryNorm, abs(problem.constant[i]))
      } else {
        freeNorm = max(freeNorm, abs(problem.constant[i]))
      }
    }
    freeDataNorm = freeNorm
    complementaryDataNorm = complementaryNorm
    dataNorm = max(freeNorm, complementaryNorm)
    baseResidualFloor = 0.1 * settings.tolerance * (1 + Vector.infNorm(scaling.constant))
    residualFloor = baseResidualFloor
    residualFloorCap = 1e3 * (1 + Vector.infNorm(scaling.constant))
    matrixMax = Vector.infNorm(scaling.matrix.values)
  }

  private var elapsed: Double { (clock.now - start).inSeconds }

  /// The first NaN or infinite entry of M or q, named by its row and column unknowns.
  private func firstNonFiniteEntry() -> String? {
    if let row = problem.constant.firstIndex(where: { !$0.isFinite }) {
      return "q['\(problem.names[row])'] = \(problem.constant[row])"
    }
    let matrix = problem.matrix
    for column in 0..<n {
      for entry in Int(matrix.columnStarts[column])..<Int(matrix.columnStarts[column + 1])
      where !matrix.values[entry].isFinite {
        let row = Int(matrix.rowIndices[entry])
        return "M['\(problem.names[row])', '\(problem.names[column])'] = \(matrix.values[entry])"
      }
    }
    return nil
  }

  // MARK: - Main loop

  func run() -> MLCPRunOutcome {
    if n == 0 { return .done(finish(.solved, iterations: 0, method: nil, fallbacks: 0)) }
    if let bad = firstNonFiniteEntry() {
      return .done(
        Self.failure(
          problem: problem, status: .numericalError, warnings: warnings,
          message: "numerical_error: the data are not finite: \(bad)"))
    }
    // §5.7 pre-check.
    var forceDense = settings.forceDenseLU
    if settings.runsMonotonicityCheck(dimension: n), let violation = MLCPMonotonicity.check(scaling.matrix) {
      let name = problem.names[violation.index]
      let coupled = violation.coupled.map { problem.names[$0] }
      let place = coupled.isEmpty ? "'\(name)'" : "'\(name)' / " + coupled.map { "'\($0)'" }.joined(separator: ", ")
      let what = "M is not monotone: the symmetric part ½(M + Mᵀ) is indefinite at \(place)"
      guard settings.allowNonMonotone else {
        return .done(
          Self.failure(
            problem: problem, status: .nonMonotone, warnings: warnings,
            message: "non_monotone: \(what). The interior-point method needs uᵀMu ≥ 0 for every u; check the "
              + "orientation and signs of these rows (a clearing row written with the wrong sign is the usual cause), "
              + "or set allowNonMonotone to try anyway (dense LU, no convergence or uniqueness guarantee)."))
      }
      guard n <= settings.denseLimit else {
        return .done(
          Self.failure(
            problem: problem, status: .nonMonotone, warnings: warnings,
            message: "non_monotone: \(what); allowNonMonotone needs the dense LU, which is limited to "
              + "N ≤ \(settings.denseLimit) (N = \(n))."))
      }
      warnings.append("\(what); solving anyway with the dense LU: convergence and uniqueness are not guaranteed")
      forceDense = true
    }
    // Newton system (§3.10): (a) when a signature exists, (b) the static-pivot sparse LU otherwise, (c) the dense
    // LU when forced or for a non-monotone M.
    let signs = forceDense || settings.preferStaticPivotLU ? nil : MLCPSignature.detect(scaling.matrix)
    let method: MLCPNewtonMethod = forceDense ? .denseLU : (signs != nil ? .signSymmetric : .staticPivotLU)
    var largestDiagonal = 0.0
    for i in 0..<n { largestDiagonal = max(largestDiagonal, abs(scaling.matrix[i, i])) }
    let delta =
      (method == .staticPivotLU ? settings.luStaticRegularisation : settings.staticRegularisation)
      * (1 + largestDiagonal)
    let newton: MLCPNewtonSystem
    switch Result(catching: { () throws(MLCPNewtonSystem.SetupError) in
      try MLCPNewtonSystem(matrix: scaling.matrix, method: method, signs: signs, settings: settings, delta: delta)
    }) {
    case .success(let system): newton = system
    case .failure(.tooLargeForDense(let size)):
      return .done(
        Self.failure(
          problem: problem, status: .numericalError, warnings: warnings,
          message: "numerical_error: forceDenseLU is set, and the dense LU is limited to N ≤ \(settings.denseLimit) "
            + "(N = \(size)). Turn forceDenseLU off to use the sparse factorisations of solver.md §3.10 (the "
            + "sign-symmetric LDLᵀ, or the static-pivot LU when M has no signature), or raise denseLimit."))
    case .failure(.analysis(let detail)):
      return .done(
        Self.failure(
          problem: problem, status: .numericalError, warnings: warnings,
          message: "numerical_error: symbolic analysis of the Newton system failed: \(detail)"))
    }
    newtonSystem = newton
    initialPoint(method: method, signs: signs, delta: delta)

    computeResidual()
    mu = currentMu()
    let initialResidual = Vector.infNorm(r)
    let initialMu = mu
    var iteration = 0
    var stallCount = 0
    var failedSteps = 0
    func done(_ status: MLCPStatus) -> MLCPRunOutcome {
      .done(finish(status, iterations: iteration, method: newton.method, fallbacks: newton.denseFallbacks))
    }
    while true {
      if isConverged() { return done(.solved) }
      if iteration >= settings.maxIterations { return done(.iterationLimit) }
      if elapsed > settings.timeLimit { return done(.timeLimit) }
      if stallCount >= settings.stallIterations { return done(.stalled) }
      iteration += 1

      // Newton matrix J = M̃ + diag(0, w/z).
      for i in 0..<n { diagonal[i] = isComplementary[i] ? w[i] / u[i] : 0 }
      guard newton.factor(diagonal: diagonal) else {
        return trouble("the Newton matrix could not be factorised at iteration \(iteration)", iteration, newton)
      }
      // Predictor: d_c = z∘w, so Z⁻¹d_c = w.
      for i in 0..<n { rhs[i] = isComplementary[i] ? -r[i] - w[i] : -r[i] }
      guard newton.solve(rhs, into: &du) else {
        return trouble("the predictor system could not be solved at iteration \(iteration)", iteration, newton)
      }
      for i in 0..<n { dw[i] = isComplementary[i] ? -w[i] - diagonal[i] * du[i] : 0 }
      let sigma: Double
      if complementaryCount > 0 {
        let affineStep = maxStep()
        let (affineMu, _) = complementarity(at: affineStep)
        let ratio = affineMu / mu
        sigma = min(max(ratio * ratio * ratio, 0), 1)
      } else {
        sigma = 0
      }
      swap(&du, &duAffine)
      swap(&dw, &dwAffine)
      // Corrector: d_c = z∘w + Δz_a∘Δw_a − σμe.
      for i in 0..<n {
        if isComplementary[i] {
          let dc = u[i] * w[i] + duAffine[i] * dwAffine[i] - sigma * mu
          rhs[i] = -r[i] - dc / u[i]
        } else {
          rhs[i] = -r[i]
        }
      }
      guard newton.solve(rhs, into: &du) else {
        return trouble("the corrector system could not be solved at iteration \(iteration)", iteration, newton)
      }
      for i in 0..<n {
        if isComplementary[i] {
          let dc = u[i] * w[i] + duAffine[i] * dwAffine[i] - sigma * mu
          dw[i] = -(dc + w[i] * du[i]) / u[i]
        } else {
          dw[i] = 0
        }
      }
      // §5.7 step 2 and the residual direction dr = M̃Δu − Δw (one product with M̃).
      scaling.matrix.multiply(du, into: &dr)
      let curvature = Vector.dot(du, dr)
      let stepNorm = Vector.dot(du, du)
      if curvature < -1e-10 * stepNorm * (1 + matrixMax) {
        violations.append(MLCPMonotonicityViolation(iteration: iteration, curvature: curvature / stepNorm))
      }
      for i in 0..<n { dr[i] -= dw[i] }

      // §5.4 step length with the neighbourhood safeguard and the residual rule. The floor follows the accuracy of
      // the Newton solves, which is relative to their right-hand side and so to ‖w̃‖∞ as well as ‖q̃‖∞; the ‖w̃‖∞
      // part is capped at 1e3·(1 + ‖q̃‖∞) so that slacks diverging on an infeasible problem cannot open the gate.
      residualFloor = max(baseResidualFloor, 0.1 * settings.tolerance * (1 + min(Vector.infNorm(w), residualFloorCap)))
      var alpha: Double
      var accepted = false
      if complementaryCount == 0 {
        alpha = 1
        accepted = true
      } else {
        alpha = settings.maxStepFraction * maxStep()
        var reductions = 0
        while alpha >= 1e-8 {
          let (trialMu, smallest) = complementarity(at: alpha)
          var residualNorm = 0.0
          for i in 0..<n { residualNorm = max(residualNorm, abs(r[i] + alpha * dr[i])) }
          let centred = smallest >= settings.neighbourhood * trialMu
          let feasibleEnough =
            residualNorm <= residualFloor
            || (initialResidual > 0 && residualNorm / initialResidual <= settings.residualRatioSlack * trialMu / initialMu)
          if centred && feasibleEnough {
            accepted = true
            break
          }
          if reductions == 30 { break }
          alpha *= 0.8
          reductions += 1
        }
        if alpha < 1e-8 { alpha = 0 }
      }
      failedSteps = accepted ? 0 : failedSteps + 1
      if alpha > 0 {
        for i in 0..<n {
          u[i] += alpha * du[i]
          w[i] += alpha * dw[i]
        }
      }
      computeResidual()
      let previousMu = mu
      mu = currentMu()
      stallCount = mu > settings.stallFactor * previousMu ? stallCount + 1 : 0

      // §5.8 trouble signs.
      if failedSteps >= 5 {
        return trouble("the step-length safeguard failed on 5 consecutive iterations", iteration, newton)
      }
      var largestUnknown = 0.0
      for i in 0..<n { largestUnknown = max(largestUnknown, abs(scaling.d[i] * u[i])) }
      if !largestUnknown.isFinite || largestUnknown > 1e12 * (1 + dataNorm) {
        return trouble("the iterates diverge (‖u‖∞ = \(largestUnknown))", iteration, newton)
      }
      let residualNorm = Vector.infNorm(r)
      if complementaryCount > 0 && initialMu > 0 && residualNorm > 10 * residualFloor && mu < previousMu
        && residualNorm / (mu * initialResidual / initialMu) > 1e6
      {
        return trouble("complementarity converges but feasibility does not", iteration, newton)
      }
    }
  }

  // MARK: - Pieces

  /// §5.5: z₀ = w₀ = ϱe (ϱ = startScale·max(1, ‖q̃₂‖∞)) or random positive; x₀ from the free rows if possible,
  /// with the Newton system's method on the block M₁₁ (the dense LU when the static-pivot LU fails and the block
  /// is small enough).
  private func initialPoint(method: MLCPNewtonMethod, signs: [Int8]?, delta: Double) {
    var complementaryNorm = 0.0
    for i in 0..<n where isComplementary[i] { complementaryNorm = max(complementaryNorm, abs(scaling.constant[i])) }
    let rho = settings.startScale * max(1, complementaryNorm)
    var generator = settings.randomStartSeed.map { SplitMix64(seed: $0) }
    for i in 0..<n where isComplementary[i] {
      if generator != nil {
        u[i] = rho * generator!.uniform(0.1, 10)
        w[i] = rho * generator!.uniform(0.1, 10)
      } else {
        u[i] = rho
        w[i] = rho
      }
    }
    let freeIndices = (0..<n).filter { !isComplementary[$0] }
    guard !freeIndices.isEmpty else { return }
    // M₁₁x = −q₁ − M₁₂z₀.
    var product = [Double](repeating: 0, count: n)
    scaling.matrix.multiply(u, into: &product)
    let blockRHS = freeIndices.map { -scaling.constant[$0] - product[$0] }
    let block = scaling.matrix.principalSubmatrix(freeIndices)
    var solution = [Double](repeating: 0, count: freeIndices.count)
    let tolerance = 1e-8 * (1 + Vector.infNorm(blockRHS))
    var solved = false
    if let signs {
      let blockSigns = freeIndices.map { signs[$0] }
      if let factor = try? SignSymmetricFactor(matrix: block, signs: blockSigns, delta: delta),
        (try? factor.factor(adding: nil, regularisation: .off)) != nil
      {
        solved = factor.solve(blockRHS, into: &solution) <= tolerance
      }
    } else if method == .staticPivotLU,
      let factor = try? StaticPivotFactor(matrix: block, delta: delta),
      (try? factor.factor(adding: nil, regularisation: .off)) != nil
    {
      solved = factor.solve(blockRHS, into: &solution) <= tolerance
    }
    if !solved && signs == nil && freeIndices.count <= settings.denseLimit {
      let lu = DenseLU(dimension: freeIndices.count)
      if lu.factor(block, diagonal: Optional<[Double]>.none) {
        solution = blockRHS
        lu.solve(&solution)
        let check = block.times(solution)
        solved = zip(check, blockRHS).allSatisfy { abs($0 - $1) <= tolerance }
      }
    }
    if solved && solution.allSatisfy({ $0.isFinite }) {
      for (k, i) in freeIndices.enumerated() { u[i] = solution[k] }
    } else {
      warnings.append("the free block M₁₁ could not be solved for the start (singular?); x₀ = 0")
    }
  }

  private func computeResidual() {
    scaling.matrix.multiply(u, into: &r)
    for i in 0..<n { r[i] += scaling.constant[i] - w[i] }
  }

  private func currentMu() -> Double {
    guard complementaryCount > 0 else { return 0 }
    var total = 0.0
    for i in 0..<n where isComplementary[i] { total += u[i] * w[i] }
    return total / Double(complementaryCount)
  }

  /// Largest α ∈ (0, 1] with z + αΔz ≥ 0 and w + αΔw ≥ 0 (one common step).
  private func maxStep() -> Double {
    var alpha = 1.0
    for i in 0..<n where isComplementary[i] {
      if du[i] < 0 { alpha = min(alpha, -u[i] / du[i]) }
      if dw[i] < 0 { alpha = min(alpha, -w[i] / dw[i]) }
    }
    return alpha
  }

  /// μ(α) and min_i (zᵢ + αΔzᵢ)(wᵢ + αΔwᵢ) along the current direction.
  private func complementarity(at alpha: Double) -> (mu: Double, smallest: Double) {
    var total = 0.0
    var smallest = Double.infinity
    for i in 0..<n where isComplementary[i] {
      let product = (u[i] + alpha * du[i]) * (w[i] + alpha * dw[i])
      total += product
      smallest = min(smallest, product)
    }
    return (total / Double(max(complementaryCount, 1)), smallest)
  }

  /// §5.6 on unscaled data: r = D⁻¹r̃, z = Dz̃, w = D⁻¹w̃.
  private func isConverged() -> Bool {
    var freeResidual = 0.0
    var complementarityResidual = 0.0
    var natural = 0.0
    for i in 0..<n {
      let residual = abs(r[i] / scaling.d[i])
      if isComplementary[i] {
        complementarityResidual = max(complementarityResidual, residual)
        natural = max(natural, abs(min(scaling.d[i] * u[i], w[i] / scaling.d[i])))
      } else {
        freeResidual = max(freeResidual, residual)
      }
    }
    let epsilon = settings.tolerance
    return freeResidual <= epsilon * (1 + freeDataNorm) && complementarityResidual <= epsilon * (1 + complementaryDataNorm)
      && natural <= epsilon * (1 + dataNorm)
  }

  /// §5.8: run the feasibility LP; infeasible → `infeasible` with the named rows, else ask for a rerun.
  private func trouble(_ reason: String, _ iteration: Int, _ newton: MLCPNewtonSystem) -> MLCPRunOutcome {
    warnings.append("iteration \(iteration): \(reason)")
    guard settings.detectInfeasibility else {
      var result = finish(.numericalError, iterations: iteration, method: newton.method, fallbacks: newton.denseFallbacks)
      result = result.replacingMessage("numerical_error: \(reason) (suspected infeasible; the feasibility LP is off).")
      return .done(result)
    }
    switch problem.feasibility() {
    case .infeasible(let diagnosis, let text):
      let result = finish(.infeasible, iterations: iteration, method: newton.method, fallbacks: newton.denseFallbacks)
      return .done(
        result.replacing(
          infeasibility: diagnosis,
          message: "infeasible: no point satisfies the free rows (= 0), the complementary rows (≥ 0) and z ≥ 0 "
            + "together, so the MLCP has no solution (stopped at iteration \(iteration): \(reason)).\n" + text))
    case .feasible:
      let last = finish(.numericalError, iterations: iteration, method: newton.method, fallbacks: newton.denseFallbacks)
      return .retry(reason: reason, warnings: warnings, last: last)
    case .unknown(let detail):
      var result = finish(.numericalError, iterations: iteration, method: newton.method, fallbacks: newton.denseFallbacks)
      result = result.replacingMessage(
        "numerical_error: \(reason); the feasibility LP was inconclusive (\(detail)), so infeasibility is not proven.")
      return .done(result)
    }
  }

  // MARK: - Result

  func finish(_ status: MLCPStatus, iterations: Int, method: MLCPNewtonMethod?, fallbacks: Int) -> MLCPResult {
    let values = scaling.unscaleUnknowns(u)
    let slacks = scaling.unscaleConditions(w)
    let conditions = problem.evaluate(values)
    var freeResidual = 0.0
    var complementarityResidual = 0.0
    var natural = 0.0
    var total = 0.0
    var largestProduct = 0.0
    var strict = 0
    var degenerateNames: [String] = []
    for i in 0..<n {
      if isComplementary[i] {
        let z = values[i]
        let s = slacks[i]
        complementarityResidual = max(complementarityResidual, abs(conditions[i] - s))
        natural = max(natural, abs(min(z, s)))
        total += z * s
        largestProduct = max(largestProduct, z * s)
        let high = max(z, s)
        let low = min(z, s)
        if high < 1e-7 {
          degenerateNames.append(problem.names[i])
        } else if low <= 1e-6 * high {
          strict += 1
        }
      } else {
        freeResidual = max(freeResidual, abs(conditions[i]))
      }
    }
    let finalMu = complementaryCount > 0 ? total / Double(complementaryCount) : 0
    let residuals =
      "‖r_f‖∞ = \(scientific(freeResidual)), ‖r_c‖∞ = \(scientific(complementarityResidual)), ‖min(z, w)‖∞ = \(scientific(natural)), μ = \(scientific(finalMu))"
    var message: String
    switch status {
    case .solved:
      message = "solved in \(iterations) iterations (\(residuals))."
      if !degenerateNames.isEmpty {
        message += " \(degenerateNames.count) degenerate pair(s) (z and w both ≈ 0): the solution may not be unique at "
          + degenerateNames.prefix(5).joined(separator: ", ") + (degenerateNames.count > 5 ? ", …" : "") + "."
      }
    case .iterationLimit:
      message = "iteration_limit: stopped after \(iterations) iterations without meeting the tolerance (\(residuals)). "
        + "Raise maxIterations or check the scaling of the data."
    case .timeLimit:
      message = "time_limit: stopped after \(scientific(elapsed)) s and \(iterations) iterations (\(residuals))."
    case .stalled:
      message = "stalled: μ fell by less than ×\(settings.stallFactor) on \(settings.stallIterations) consecutive "
        + "iterations (\(residuals)). The problem may be nearly infeasible or badly scaled."
    case .infeasible, .nonMonotone, .numericalError:
      message = "\(status.rawValue) after \(iterations) iterations (\(residuals))."
    }
    if let report = newtonSystem?.growthReport, !warnings.contains(report) { warnings.append(report) }
    if !violations.isEmpty {
      warnings.append(
        "ΔuᵀMΔu < 0 at \(violations.count) iteration(s) (first \(violations[0].iteration)): M may not be monotone")
    }
    return MLCPResult(
      status: status, values: values, conditions: conditions, iterations: iterations, solveSeconds: elapsed,
      freeResidual: freeResidual, complementarityResidual: complementarityResidual, naturalResidual: natural,
      mu: finalMu, maxProduct: largestProduct, strictlyComplementaryPairs: strict,
      degeneratePairs: degenerateNames.count, degeneratePairNames: degenerateNames, newtonMethod: method,
      denseFallbacks: fallbacks, monotonicityViolations: violations, warnings: warnings, infeasibility: nil,
      message: message, names: problem.names)
  }

  /// A result without iterations (pre-check failures).
  static func failure(problem: MLCP, status: MLCPStatus, warnings: [String], message: String) -> MLCPResult {
    let n = problem.dimension
    let nan = [Double](repeating: .nan, count: n)
    return MLCPResult(
      status: status, values: nan, conditions: nan, iterations: 0, solveSeconds: 0, freeResidual: .nan,
      complementarityResidual: .nan, naturalResidual: .nan, mu: .nan, maxProduct: .nan,
      strictlyComplementaryPairs: 0, degeneratePairs: 0, degeneratePairNames: [], newtonMethod: nil,
      denseFallbacks: 0, monotonicityViolations: [], warnings: warnings, infeasibility: nil, message: message,
      names: problem.names)
  }
}

/// Three significant digits in scientific notation, e.g. 1.23e-9 (no Foundation in this module).
func scientific(_ value: Double) -> String {
  guard value != 0, value.isFinite else { return "\(value)" }
  var mantissa = abs(value)
  var exponent = 0
  while mantissa >= 10 {
    mantissa /= 10
    exponent += 1
  }
  while mantissa < 1 {
    mantissa *= 10
    exponent -= 1
  }
  var rounded = (mantissa * 100).rounded() / 100
  if rounded >= 10 {
    rounded /= 10
    exponent += 1
  }
  return (value < 0 ? "-" : "") + "\(rounded)e\(exponent)"
}

extension MLCPResult {
  func replacingMessage(_ message: String) -> MLCPResult { replacing(infeasibility: infeasibility, message: message) }

  func replacing(infeasibility: InfeasibilityDiagnosis?, message: String) -> MLCPResult {
    MLCPResult(
      status: status, values: values, conditions: conditions, iterations: iterations, solveSeconds: solveSeconds,
      freeResidual: freeResidual, complementarityResidual: complementarityResidual, naturalResidual: naturalResidual,
      mu: mu, maxProduct: maxProduct, strictlyComplementaryPairs: strictlyComplementaryPairs,
      degeneratePairs: degeneratePairs, degeneratePairNames: degeneratePairNames, newtonMethod: newtonMethod,
      denseFallbacks: denseFallbacks, monotonicityViolations: monotonicityViolations, warnings: warnings,
      infeasibility: infeasibility, message: message, names: names)
  }
}

extension CSCMatrix {
  /// The principal submatrix A(indices, indices), in the order of `indices`.
  func principalSubmatrix(_ indices: [Int]) -> CSCMatrix {
    var position = [Int](repeating: -1, count: columnCount)
    for (k, i) in indices.enumerated() { position[i] = k }
    var triplets = TripletBuilder(rowCount: indices.count, columnCount: indices.count)
    for (k, column) in indices.enumerated() {
      for entry in Int(columnStarts[column])..<Int(columnStarts[column + 1]) {
        let row = position[Int(rowIndices[entry])]
        if row >= 0 { triplets.append(row: row, column: k, value: values[entry]) }
      }
    }
    return try! triplets.makeCSC()
  }
}
