import SparseAlgebra

/// Entry points of the LP/QP interior-point solver.
public enum QPSolver {
  /// Builds and analyses the KKT pattern of `problem` once, for reuse across problems with the same pattern.
  public static func analyse(_ problem: CanonicalQP, settings: QPSettings = QPSettings()) throws -> SymbolicKKT {
    try problem.validate()
    return try SymbolicKKT(problem: problem, settings: settings)
  }

  /// Solves `problem` with the homogeneous self-dual interior-point method of solver.md §4.
  /// Throws only for invalid input; every solver outcome is a `SolveStatus`.
  public static func solve(
    _ problem: CanonicalQP, settings: QPSettings = QPSettings(), reusing symbolic: SymbolicKKT? = nil
  ) throws -> QPSolution {
    let solver = try HSDESolver(problem: problem, settings: settings, reusing: symbolic)
    return solver.run()
  }
}

/// Primal–dual interior-point method on the homogeneous self-dual embedding with Mehrotra predictor–corrector
/// (solver.md §4.2–4.11). Iterates live in the equilibrated space; all stopping tests use unscaled quantities.
final class HSDESolver {
  let original: CanonicalQP
  var scaled: CanonicalQP
  let scaling: Equilibration
  let settings: QPSettings
  let kkt: KKTSystem
  let n: Int
  let m: Int
  let equalityCount: Int
  var report = SolveReport()
  private let clock = ContinuousClock()
  private let start: ContinuousClock.Instant

  // Iterates (scaled space).
  var x: [Double]
  var s: [Double]
  var z: [Double]
  var tau = 1.0
  var kappa = 1.0

  // Residuals of the current iterate (scaled).
  private var rx: [Double]
  private var rz: [Double]
  private var rtau = 0.0
  private var px: [Double]
  private var xPx = 0.0
  private var mu = 0.0

  // Norms of the unscaled data for relative tests.
  private let bNorm: Double
  private let qNorm: Double
  var polishOutcome = "off"
  private var workspace: StepWorkspace

  init(problem: CanonicalQP, settings: QPSettings, reusing: SymbolicKKT?) throws {
    try problem.validate()
    start = clock.now
    original = problem
    self.settings = settings
    n = problem.variableCount
    m = problem.rowCount
    equalityCount = problem.equalityCount
    var working = problem
    scaling = Equilibration.apply(to: &working, settings: settings)
    scaled = working
    let symbolic: SymbolicKKT
    if let reusing, reusing.variableCount == n, reusing.rowCount == m,
      reusing.pattern.hasSamePattern(as: try SymbolicKKT.patternOnly(problem: problem))
    {
      symbolic = reusing
    } else {
      symbolic = try SymbolicKKT(problem: problem, settings: settings)
    }
    kkt = KKTSystem(symbolic: symbolic, settings: settings)
    x = [Double](repeating: 0, count: n)
    s = [Double](repeating: 0, count: m)
    z = [Double](repeating: 0, count: m)
    rx = [Double](repeating: 0, count: n)
    rz = [Double](repeating: 0, count: m)
    px = [Double](repeating: 0, count: n)
    workspace = StepWorkspace(variables: n, rows: m)
    bNorm = Vector.infNorm(problem.rightHandSide)
    qNorm = Vector.infNorm(problem.linear)
    report.kktDimension = n + m
    report.kktNonzeros = symbolic.kktNonzeros
    report.factorNonzeros = symbolic.factorNonzeros
    report.setupSeconds = seconds(since: start)
  }

  private func seconds(since instant: ContinuousClock.Instant) -> Double {
    let elapsed = clock.now - instant
    return elapsed.inSeconds
  }

  var inequalityRange: Range<Int> { equalityCount..<m }

  // MARK: - Main loop

  func run() -> QPSolution {
    guard initialise() else { return finish(.numericalError) }
    var retried = false
    var iteration = 0
    var lastStep = 0.0
    while true {
      computeResiduals()
      let metrics = unscaledMetrics()
      report.log.append(
        IterationRecord(
          iteration: iteration, primalObjective: metrics.primalObjective, dualObjective: metrics.dualObjective,
          primalResidual: metrics.primalResidual, dualResidual: metrics.dualResidual, relativeGap: metrics.relativeGap,
          mu: mu, kappaOverTau: kappa / tau, step: lastStep))
      if let status = terminationStatus(metrics, reduced: false) { return finish(status) }
      if iteration >= settings.maxIterations { return finishWithAlmostCheck(.iterationLimit) }
      if seconds(since: start) > settings.timeLimit { return finishWithAlmostCheck(.timeLimit) }
      iteration += 1
      report.iterations = iteration
      switch step(firstIteration: iteration == 1) {
      case .success(let alpha):
        lastStep = alpha
        if alpha < 1e-4 {
          guard !retried else { return finishWithAlmostCheck(.insufficientProgress) }
          retried = true
          boostRegularisation(iteration: iteration, reason: "step length \(alpha) below 1e-4")
        }
      case .failure(let reason):
        guard !retried else { return finishWithAlmostCheck(.numericalError) }
        retried = true
        boostRegularisation(iteration: iteration, reason: reason)
      }
    }
  }

  private func boostRegularisation(iteration: Int, reason: String) {
    kkt.staticBoost *= 100
    report.events.append("iteration \(iteration): \(reason); static regularisation ×100 and retry")
  }

  // MARK: - Initial point (§4.6)

  private func initialise() -> Bool {
    var identityH = [Double](repeating: 0, count: m)
    for i in inequalityRange { identityH[i] = 1 }
    do { try factorise(h: identityH) } catch { return false }
    if scaled.isLinear {
      guard let primal = kkt.solve([Double](repeating: 0, count: n) + scaled.rightHandSide),
        let dual = kkt.solve(scaled.linear.map { -$0 } + [Double](repeating: 0, count: m))
      else { return false }
      x = Array(primal[0..<n])
      for i in 0..<m { s[i] = i < equalityCount ? 0 : -primal[n + i] }
      z = Array(dual[n...])
    } else {
      guard let solution = kkt.solve(scaled.linear.map { -$0 } + scaled.rightHandSide) else { return false }
      x = Array(solution[0..<n])
      for i in 0..<m {
        s[i] = i < equalityCount ? 0 : -solution[n + i]
        z[i] = solution[n + i]
      }
    }
    shiftIntoInterior(&s)
    shiftIntoInterior(&z)
    tau = 1
    kappa = 1
    return true
  }

  private func shiftIntoInterior(_ vector: inout [Double]) {
    guard !inequalityRange.isEmpty else { return }
    var smallest = Double.infinity
    var largest = 0.0
    for i in inequalityRange {
      smallest = min(smallest, vector[i])
      largest = max(largest, abs(vector[i]))
    }
    let shift: Double
    if smallest <= 0 {
      shift = 1 - smallest
    } else if smallest < 1e-2 * (1 + largest) {
      shift = 1e-2 * (1 + largest)
    } else {
      shift = 0
    }
    for i in inequalityRange { vector[i] += shift }
  }

  private func factorise(h: [Double]) throws {
    let factorStart = clock.now
    defer { report.factorSeconds += seconds(since: factorStart) }
    try kkt.update(problem: scaled, blockDiagonal: h)
    report.regularisedPivots += kkt.lastFactorInfo.regularisedPivots
    report.staticRegularisation = kkt.staticDelta
  }

  // MARK: - Residuals and metrics (§4.2, §4.7)

  func computeResiduals() {
    scaled.quadratic.symmetricMultiply(x, into: &px)
    xPx = Vector.dot(x, px)
    rx = px
    scaled.constraints.multiplyTransposed(z, into: &rx, beta: 1)
    Vector.axpy(tau, scaled.linear, &rx)
    scaled.constraints.multiply(x, into: &rz)
    for i in 0..<m { rz[i] += s[i] - scaled.rightHandSide[i] * tau }
    rtau = Vector.dot(scaled.linear, x) + Vector.dot(scaled.rightHandSide, z) + xPx / tau + kappa
    var complementarity = tau * kappa
    for i in inequalityRange { complementarity += s[i] * z[i] }
    mu = complementarity / Double(m - equalityCount + 1)
  }

  struct Metrics {
    var primalObjective: Double
    var dualObjective: Double
    var absoluteGap: Double
    var relativeGap: Double
    var primalResidual: Double
    var dualResidual: Double
  }

  func unscaledMetrics() -> Metrics {
    let c = scaling.costScale
    let constant = original.objectiveConstant
    let quadratic = 0.5 * xPx / (tau * tau) / c
    let primal = quadratic + Vector.dot(scaled.linear, x) / tau / c + constant
    let dual = -quadratic - Vector.dot(scaled.rightHandSide, z) / tau / c + constant
    var xNorm = 0.0
    for j in 0..<n { xNorm = max(xNorm, abs(scaling.columnScale[j] * x[j] / tau)) }
    var sNorm = 0.0
    var zNorm = 0.0
    var primalResidual = 0.0
    for i in 0..<m {
      let e = scaling.rowScale[i]
      sNorm = max(sNorm, abs(s[i] / e / tau))
      zNorm = max(zNorm, abs(e * z[i] / (c * tau)))
      primalResidual = max(primalResidual, abs(rz[i] / e / tau))
    }
    var dualResidual = 0.0
    for j in 0..<n { dualResidual = max(dualResidual, abs(rx[j] / scaling.columnScale[j] / (c * tau))) }
    let gap = abs(primal - dual)
    return Metrics(
      primalObjective: primal, dualObjective: dual, absoluteGap: gap,
      relativeGap: gap / max(1, min(abs(primal), abs(dual))),
      primalResidual: primalResidual / max(1, bNorm + xNorm + sNorm),
      dualResidual: dualResidual / max(1, qNorm + xNorm + zNorm))
  }

  private func terminationStatus(_ metrics: Metrics, reduced: Bool) -> SolveStatus? {
    let feasibility = reduced ? settings.reducedTolFeasibility : settings.tolFeasibility
    let gapAbs = reduced ? settings.reducedTolGap : settings.tolGapAbs
    let gapRel = reduced ? settings.reducedTolGap : settings.tolGapRel
    let infeasibility = reduced ? settings.reducedTolInfeas : settings.tolInfeasRel
    let infeasibilityAbs = reduced ? settings.reducedTolInfeas : settings.tolInfeasAbs
    recordMetrics(metrics)
    if kappa / tau <= 1, metrics.primalResidual <= feasibility, metrics.dualResidual <= feasibility,
      metrics.absoluteGap <= gapAbs || metrics.relativeGap <= gapRel
    {
      return reduced ? .almostOptimal : .optimal
    }
    guard reduced || kappa / tau > settings.kappaTauThreshold else { return nil }
    if isPrimalInfeasible(absolute: infeasibilityAbs, relative: infeasibility) {
      return reduced ? .almostPrimalInfeasible : .primalInfeasible
    }
    if isDualInfeasible(absolute: infeasibilityAbs, relative: infeasibility) {
      return reduced ? .almostDualInfeasible : .dualInfeasible
    }
    return nil
  }

  private func recordMetrics(_ metrics: Metrics) {
    report.primalResidual = metrics.primalResidual
    report.dualResidual = metrics.dualResidual
    report.absoluteGap = metrics.absoluteGap
    report.relativeGap = metrics.relativeGap
    report.mu = mu
    report.kappaOverTau = kappa / tau
  }

  /// Unscaled, unnormalised multiplier ray z = E z̃ / c.
  private func unscaledDualRay() -> [Double] {
    (0..<m).map { scaling.rowScale[$0] * z[$0] / scaling.costScale }
  }

  /// Unscaled, unnormalised primal ray x = D x̃.
  private func unscaledPrimalRay() -> [Double] {
    (0..<n).map { scaling.columnScale[$0] * x[$0] }
  }

  /// Farkas test (§4.7): bᵀz < −ε_abs and ‖Aᵀz‖∞ < −ε_rel·bᵀz, on the unscaled ray.
  private func isPrimalInfeasible(absolute: Double, relative: Double) -> Bool {
    let ray = unscaledDualRay()
    let bz = Vector.dot(original.rightHandSide, ray)
    guard bz < -absolute else { return false }
    let aTz = original.constraints.transposeTimes(ray)
    return Vector.infNorm(aTz) < -relative * bz
  }

  /// Unboundedness test (§4.7): qᵀx < −ε_abs and max(‖Px‖∞, ‖Ax + s‖∞) < −ε_rel·qᵀx.
  private func isDualInfeasible(absolute: Double, relative: Double) -> Bool {
    let ray = unscaledPrimalRay()
    let qx = Vector.dot(original.linear, ray)
    guard qx < -absolute else { return false }
    var px = [Double](repeating: 0, count: n)
    original.quadratic.symmetricMultiply(ray, into: &px)
    var ax = original.constraints.times(ray)
    for i in 0..<m { ax[i] += s[i] / scaling.rowScale[i] }
    // A ray needs A_E x = 0 and A_I x ≤ 0: measure the violation of that cone condition.
    var coneViolation = 0.0
    for i in 0..<m {
      let value = original.constraints.rowCount > 0 ? ax[i] - s[i] / scaling.rowScale[i] : 0
      coneViolation = max(coneViolation, i < equalityCount ? abs(value) : max(0, value))
    }
    return max(Vector.infNorm(px), coneViolation) < -relative * qx
  }

  // MARK: - One predictor–corrector iteration (§4.3–4.5)

  enum StepOutcome {
    case success(Double)
    case failure(String)
  }

  struct Direction {
    var dx: [Double]
    var dz: [Double]
    var ds: [Double]
    var dtau = 0.0
    var dkappa = 0.0

    init(variables: Int, rows: Int) {
      dx = [Double](repeating: 0, count: variables)
      dz = [Double](repeating: 0, count: rows)
      ds = [Double](repeating: 0, count: rows)
    }
  }

  /// Vectors of one iteration, allocated once per solve (solver.md §9.2, rule 3).
  struct StepWorkspace {
    var h: [Double]
    /// K·[x₂; z₂] = [−q; b] (the "constant solve").
    var constant: [Double]
    var constantRHS: [Double]
    var rhs: [Double]
    var first: [Double]
    var xiMinusX2: [Double]
    var pXi: [Double]
    var complementarity: [Double]
    var affine: Direction
    var corrector: Direction

    init(variables n: Int, rows m: Int) {
      h = [Double](repeating: 0, count: m)
      constant = [Double](repeating: 0, count: n + m)
      constantRHS = [Double](repeating: 0, count: n + m)
      rhs = [Double](repeating: 0, count: n + m)
      first = [Double](repeating: 0, count: n + m)
      xiMinusX2 = [Double](repeating: 0, count: n)
      pXi = [Double](repeating: 0, count: n)
      complementarity = [Double](repeating: 0, count: m)
      affine = Direction(variables: n, rows: m)
      corrector = Direction(variables: n, rows: m)
    }
  }

  private func step(firstIteration: Bool) -> StepOutcome {
    var work = StepWorkspace(variables: 0, rows: 0)
    swap(&work, &workspace)
    defer { swap(&work, &workspace) }
    for i in inequalityRange { work.h[i] = s[i] / z[i] }
    do { try factorise(h: work.h) } catch { return .failure("factorisation failed: \(error)") }
    for j in 0..<n { work.constantRHS[j] = -scaled.linear[j] }
    for i in 0..<m { work.constantRHS[n + i] = scaled.rightHandSide[i] }
    guard kkt.solve(work.constantRHS, into: &work.constant) else { return .failure("non-finite constant solve") }
    // Denominator of Δτ (§4.3), with the P-terms grouped to limit cancellation.
    var qx2 = 0.0
    var bz2 = 0.0
    for j in 0..<n {
      work.xiMinusX2[j] = x[j] / tau - work.constant[j]
      work.pXi[j] = px[j] / tau
      qx2 += scaled.linear[j] * work.constant[j]
    }
    for i in 0..<m { bz2 += scaled.rightHandSide[i] * work.constant[n + i] }
    let x2PX2 = scaled.isLinear ? 0 : scaled.quadratic.quadraticForm(Array(work.constant[0..<n]))
    let denominator =
      kappa / tau + scaled.quadratic.quadraticForm(work.xiMinusX2) - x2PX2 - qx2 - bz2
    guard denominator > 0, denominator.isFinite else { return .failure("Δτ denominator \(denominator) ≤ 0") }
    // Predictor.
    for i in inequalityRange { work.complementarity[i] = s[i] * z[i] }
    guard direction(eta: 1, dkappa: tau * kappa, denominator: denominator, work: &work, into: \.affine) else {
      return .failure("non-finite predictor direction")
    }
    let affine = work.affine
    let affineStep = maxStep(affine)
    // Centring.
    let sigma: Double
    switch settings.centring {
    case .mehrotraCubic:
      var affineMu = (tau + affineStep * affine.dtau) * (kappa + affineStep * affine.dkappa)
      for i in inequalityRange {
        affineMu += (s[i] + affineStep * affine.ds[i]) * (z[i] + affineStep * affine.dz[i])
      }
      affineMu /= Double(m - equalityCount + 1)
      sigma = min(max(pow3(affineMu / mu), 0), 1)
    case .stepBased:
      sigma = pow3(1 - affineStep)
    }
    // Corrector.
    let secondOrder = firstIteration ? affineStep : 1
    for i in inequalityRange {
      work.complementarity[i] = s[i] * z[i] + secondOrder * affine.ds[i] * affine.dz[i] - sigma * mu
    }
    let kappaCombined = tau * kappa + secondOrder * affine.dtau * affine.dkappa - sigma * mu
    guard direction(eta: 1 - sigma, dkappa: kappaCombined, denominator: denominator, work: &work, into: \.corrector)
    else {
      return .failure("non-finite corrector direction")
    }
    let corrector = work.corrector
    let alpha = min(1, settings.maxStepFraction * maxStep(corrector))
    Vector.axpy(alpha, corrector.dx, &x)
    Vector.axpy(alpha, corrector.dz, &z)
    Vector.axpy(alpha, corrector.ds, &s)
    tau += alpha * corrector.dtau
    kappa += alpha * corrector.dkappa
    return .success(alpha)
  }

  /// One Newton direction of §4.3 for reduction η and complementarity right-hand sides `work.complementarity`
  /// (d_s) and `dkappa` (d_κ), from two solves with the current factorisation. False on a non-finite value.
  private func direction(
    eta: Double, dkappa kappaTerm: Double, denominator: Double, work: inout StepWorkspace,
    into target: WritableKeyPath<StepWorkspace, Direction>
  ) -> Bool {
    for j in 0..<n { work.rhs[j] = -eta * rx[j] }
    for i in 0..<m {
      work.rhs[n + i] = -eta * rz[i] + (i < equalityCount ? 0 : work.complementarity[i] / z[i])
    }
    guard kkt.solve(work.rhs, into: &work.first) else { return false }
    var numerator = eta * rtau - kappaTerm / tau
    for j in 0..<n { numerator += (scaled.linear[j] + 2 * work.pXi[j]) * work.first[j] }
    for i in 0..<m { numerator += scaled.rightHandSide[i] * work.first[n + i] }
    let dtau = numerator / denominator
    let dkappa = -(kappaTerm + kappa * dtau) / tau
    guard dtau.isFinite, dkappa.isFinite else { return false }
    var result = work[keyPath: target]
    work[keyPath: target] = Direction(variables: 0, rows: 0)
    for j in 0..<n { result.dx[j] = work.first[j] + dtau * work.constant[j] }
    for i in 0..<m {
      let dz = work.first[n + i] + dtau * work.constant[n + i]
      result.dz[i] = dz
      result.ds[i] = i < equalityCount ? 0 : -work.complementarity[i] / z[i] - work.h[i] * dz
    }
    result.dtau = dtau
    result.dkappa = dkappa
    work[keyPath: target] = result
    return true
  }

  private func pow3(_ value: Double) -> Double { value * value * value }

  /// Largest α ∈ (0, 1] keeping s, z (inequality rows), τ and κ nonnegative (§4.5).
  private func maxStep(_ direction: Direction) -> Double {
    var alpha = 1.0
    for i in inequalityRange {
      if direction.ds[i] < 0 { alpha = min(alpha, -s[i] / direction.ds[i]) }
      if direction.dz[i] < 0 { alpha = min(alpha, -z[i] / direction.dz[i]) }
    }
    if direction.dtau < 0 { alpha = min(alpha, -tau / direction.dtau) }
    if direction.dkappa < 0 { alpha = min(alpha, -kappa / direction.dkappa) }
    return max(alpha, 0)
  }

  // MARK: - Finishing

  private func finishWithAlmostCheck(_ status: SolveStatus) -> QPSolution {
    computeResiduals()
    let metrics = unscaledMetrics()
    if let relaxed = terminationStatus(metrics, reduced: true) {
      report.events.append("stopped with \(status.rawValue); relaxed tolerances give \(relaxed.rawValue)")
      return finish(relaxed)
    }
    return finish(status)
  }

  private func finish(_ status: SolveStatus) -> QPSolution {
    report.refinementSteps = kkt.refinementSteps
    report.worstRefinementResidual = kkt.worstRefinementResidual
    let c = scaling.costScale
    let xOut = (0..<n).map { scaling.columnScale[$0] * x[$0] / tau }
    let sOut = (0..<m).map { s[$0] / scaling.rowScale[$0] / tau }
    let zOut = (0..<m).map { scaling.rowScale[$0] * z[$0] / (c * tau) }
    var solution = QPSolution(
      status: status, x: xOut, s: sOut, z: zOut, objective: .nan, dualObjective: .nan, farkasCertificate: nil,
      unboundedRay: nil, report: report)
    if status == .optimal || status == .almostOptimal {
      computeResiduals()
      let metrics = unscaledMetrics()
      solution.objective = metrics.primalObjective
      solution.dualObjective = metrics.dualObjective
      solution.report.dualDegenerate = isDualDegenerate()
      if settings.polish, let polished = polish() {
        solution.x = polished.x
        solution.s = polished.s
        solution.z = polished.z
        solution.objective = polished.metrics.primalObjective
        solution.dualObjective = polished.metrics.dualObjective
        solution.report.primalResidual = polished.metrics.primalResidual
        solution.report.dualResidual = polished.metrics.dualResidual
        solution.report.absoluteGap = polished.metrics.absoluteGap
        solution.report.relativeGap = polished.metrics.relativeGap
      }
      solution.report.polish = polishOutcome
    }
    if status == .primalInfeasible || status == .almostPrimalInfeasible {
      let ray = unscaledDualRay()
      let largest = Vector.infNorm(ray)
      solution.farkasCertificate = largest > 0 ? ray.map { $0 / largest } : ray
    }
    if status == .dualInfeasible || status == .almostDualInfeasible {
      let ray = unscaledPrimalRay()
      let descent = -Vector.dot(original.linear, ray)
      solution.unboundedRay = descent > 0 ? ray.map { $0 / descent } : ray
    }
    solution.report.totalSeconds = seconds(since: start)
    return solution
  }

  /// §6.5: more active rows than variables, or a pair with neither s nor z away from zero (scaled space).
  private func isDualDegenerate() -> Bool {
    var active = equalityCount
    for i in inequalityRange {
      let slack = s[i] / tau
      let multiplier = z[i] / tau
      if multiplier > slack { active += 1 }
      if slack < 1e-7 && multiplier < 1e-7 { return true }
    }
    return active > n
  }
}

extension SymbolicKKT {
  /// The KKT pattern alone (no ordering), to compare with a stored analysis.
  static func patternOnly(problem: CanonicalQP) throws -> CSCMatrix { try patternTriplets(problem).makeCSC() }
}
