/// Settings of iterative refinement (solver.md §3.7).
public struct RefinementSettings: Sendable, Equatable {
  /// Stop when ‖b − Kx‖∞ ≤ absoluteTolerance + relativeTolerance·‖b‖∞ (defaults 1e-12, 1e-13).
  public var absoluteTolerance: Double = 1e-12
  public var relativeTolerance: Double = 1e-13
  /// At most this many correction steps (default 10).
  public var maxIterations: Int = 10
  /// Stop when a step improves the residual by less than this factor (default 5).
  public var stopRatio: Double = 5

  public init() {}
}

/// Result statistics of one refined solve.
public struct RefinementInfo: Sendable, Equatable {
  public var steps: Int
  /// Final ‖b − K_true·x‖∞.
  public var residualNorm: Double
}

extension NumericLDL {
  /// Solves K_true·x = b, using this (possibly regularised) factor as a preconditioner and refining against
  /// `applyTrue`, which must compute y = K_true·x (the unregularised matrix).
  public func solveRefined(
    _ rhs: [Double], settings: RefinementSettings = RefinementSettings(),
    applyTrue: (_ x: [Double], _ y: inout [Double]) -> Void
  ) -> (solution: [Double], info: RefinementInfo) {
    var solution = [Double](repeating: 0, count: rhs.count)
    let info = solveRefined(rhs, into: &solution, settings: settings, applyTrue: applyTrue)
    return (solution, info)
  }

  /// As `solveRefined(_:settings:applyTrue:)`, writing into `solution` (length N) and using the factor's own
  /// workspaces, so that repeated solves allocate nothing (solver.md §9.2, rule 3).
  public func solveRefined(
    _ rhs: [Double], into solution: inout [Double], settings: RefinementSettings = RefinementSettings(),
    applyTrue: (_ x: [Double], _ y: inout [Double]) -> Void
  ) -> RefinementInfo {
    refineWithOwnWorkspace(rhs, into: &solution, settings: settings, applyTrue: applyTrue)
  }
}

/// A factor that solves in place and owns a refinement workspace (`NumericLDL`, `StaticPivotLU`).
protocol RefinableFactor: AnyObject {
  var refinementWorkspace: RefinementWorkspace { get set }
  func solve(_ rhs: inout [Double])
}

extension RefinableFactor {
  /// `refineSolution` with the factor's own workspace, so that repeated solves allocate nothing.
  func refineWithOwnWorkspace(
    _ rhs: [Double], into solution: inout [Double], settings: RefinementSettings,
    applyTrue: (_ x: [Double], _ y: inout [Double]) -> Void
  ) -> RefinementInfo {
    precondition(
      solution.count == rhs.count, "solveRefined: solution has \(solution.count) entries, expected \(rhs.count)")
    // Take the workspace out of the object for the duration (a move, not a copy) so that no class property is
    // accessed while another is being modified.
    var work = RefinementWorkspace(dimension: 0)
    swap(&work, &refinementWorkspace)
    defer { swap(&work, &refinementWorkspace) }
    return refineSolution(
      rhs, into: &solution, work: &work, settings: settings, solve: { self.solve(&$0) }, applyTrue: applyTrue)
  }
}

extension NumericLDL: RefinableFactor {}
extension StaticPivotLU: RefinableFactor {}

/// The refinement loop of solver.md §3.7, shared by `NumericLDL` and `StaticPivotLU`: `solve` applies the
/// (regularised) factor in place, `applyTrue` computes y = K_true·x. Writes the refined x into `solution`.
func refineSolution(
  _ rhs: [Double], into solution: inout [Double], work: inout RefinementWorkspace, settings: RefinementSettings,
  solve: (inout [Double]) -> Void, applyTrue: (_ x: [Double], _ y: inout [Double]) -> Void
) -> RefinementInfo {
  let count = rhs.count
  for i in 0..<count { solution[i] = rhs[i] }
  solve(&solution)
  var errorNorm = refinementResidual(rhs, solution, product: &work.product, into: &work.residual, applyTrue: applyTrue)
  var rhsNorm = 0.0
  for value in rhs { rhsNorm = max(rhsNorm, abs(value)) }
  let threshold = settings.absoluteTolerance + settings.relativeTolerance * rhsNorm
  var steps = 0
  while steps < settings.maxIterations && errorNorm > threshold {
    for i in 0..<count { work.correction[i] = work.residual[i] }
    solve(&work.correction)
    for i in 0..<count { work.candidate[i] = solution[i] + work.correction[i] }
    let candidateNorm = refinementResidual(
      rhs, work.candidate, product: &work.product, into: &work.candidateResidual, applyTrue: applyTrue)
    steps += 1
    if !candidateNorm.isFinite { break }
    let improved = candidateNorm < errorNorm
    if improved {
      swap(&solution, &work.candidate)
      swap(&work.residual, &work.candidateResidual)
    }
    if errorNorm / candidateNorm < settings.stopRatio {
      if improved { errorNorm = candidateNorm }
      break
    }
    errorNorm = candidateNorm
  }
  return RefinementInfo(steps: steps, residualNorm: errorNorm)
}

/// r = b − K_true·x; returns ‖r‖∞.
private func refinementResidual(
  _ rhs: [Double], _ x: [Double], product: inout [Double], into residual: inout [Double],
  applyTrue: (_ x: [Double], _ y: inout [Double]) -> Void
) -> Double {
  applyTrue(x, &product)
  var norm = 0.0
  for i in 0..<rhs.count {
    let value = rhs[i] - product[i]
    residual[i] = value
    norm = max(norm, abs(value))
  }
  return norm
}

/// Work vectors of iterative refinement, owned by a `NumericLDL` or `StaticPivotLU` and reused by every solve.
struct RefinementWorkspace {
  var residual: [Double]
  var candidateResidual: [Double]
  var correction: [Double]
  var candidate: [Double]
  var product: [Double]

  init(dimension: Int) {
    let zeros = [Double](repeating: 0, count: dimension)
    residual = zeros
    candidateResidual = zeros
    correction = zeros
    candidate = zeros
    product = zeros
  }
}
