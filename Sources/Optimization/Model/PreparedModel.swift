/// A model lowered and analysed once, for repeated solves that change only objective coefficients and finite
/// bounds (solver.md §3.8): the KKT pattern, its ordering and symbolic factorisation are reused, so a re-solve costs
/// only the interior-point iterations. Used by iterative schemes (ADMM, bi-level loops). Not `Sendable`.
public final class PreparedModel {
  public private(set) var model: Model
  private var lowered: LoweredModel
  private let symbolic: SymbolicKKT
  public let settings: QPSettings

  public init(_ model: Model, settings: QPSettings = QPSettings()) throws {
    self.model = model
    self.settings = settings
    lowered = try model.lower()
    symbolic = try QPSolver.analyse(lowered.problem, settings: settings)
  }

  /// Changes the linear objective coefficient of `variable` (user sense).
  public func setObjectiveCoefficient(_ variable: Variable, _ coefficient: Double) {
    model.setObjectiveCoefficient(variable, coefficient)
    lowered.problem.linear[Int(variable.index)] = lowered.senseSign * coefficient
  }

  /// Changes the bounds of `variable`. Which sides are finite, and whether the variable is fixed, must stay as
  /// when the model was prepared (that would change the pattern); otherwise this throws.
  public func setBounds(_ variable: Variable, lower: Double, upper: Double) throws {
    let j = Int(variable.index)
    let name = model.variableNames[j].description
    let oldLower = model.variableLower[j]
    let oldUpper = model.variableUpper[j]
    let sameStructure =
      (abs(oldLower) < Model.infiniteSide) == (abs(lower) < Model.infiniteSide)
      && (abs(oldUpper) < Model.infiniteSide) == (abs(upper) < Model.infiniteSide) && (oldLower == oldUpper) == (lower == upper)
    guard sameStructure, lower <= upper else {
      throw ModelError.invalidBounds(name: "\(name) (prepared model: bound structure must not change)", lower: lower, upper: upper)
    }
    model.setBounds(variable, lower: lower, upper: upper)
    let upperRow = lowered.boundUpperRow[j]
    let lowerRow = lowered.boundLowerRow[j]
    if upperRow >= 0 { lowered.problem.rightHandSide[Int(upperRow)] = upper }
    if lowerRow >= 0 { lowered.problem.rightHandSide[Int(lowerRow)] = -lower }
  }

  /// Solves with the current coefficients and bounds, reusing the symbolic analysis.
  public func solve() throws -> ModelSolution {
    let result = try QPSolver.solve(lowered.problem, settings: settings, reusing: symbolic)
    return lowered.solution(from: result, model: model)
  }
}
