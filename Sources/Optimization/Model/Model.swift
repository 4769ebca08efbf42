/// The relation of a constraint `lhs REL rhs`. A side with |value| ≥ 1e20 counts as infinite (solver.md §1.2).
public enum Relation: Sendable, Equatable {
  case lessEqual(Double)
  case greaterEqual(Double)
  case equal(Double)
  case range(lower: Double, upper: Double)

  /// Lower and upper bound on the lhs (±∞ where absent).
  public var bounds: (lower: Double, upper: Double) {
    switch self {
    case .lessEqual(let upper): return (-.infinity, upper)
    case .greaterEqual(let lower): return (lower, .infinity)
    case .equal(let value): return (value, value)
    case .range(let lower, let upper): return (lower, upper)
    }
  }

  /// "≤", "≥", "=" or "range".
  public var symbol: String {
    switch self {
    case .lessEqual: return "≤"
    case .greaterEqual: return "≥"
    case .equal: return "="
    case .range: return "range"
    }
  }
}

public enum ObjectiveSense: String, Sendable, Codable {
  case minimise
  case maximise
}

/// Errors found when a model is lowered to canonical form.
public enum ModelError: Error, Equatable, Sendable, CustomStringConvertible {
  case duplicateName(String)
  /// A constraint without variables that cannot hold, e.g. "balance[7,3]: 0 = 12.5".
  case trivialInfeasibility(name: String, detail: String)
  case invalidBounds(name: String, lower: Double, upper: Double)
  case nonFinite(name: String, detail: String)

  public var description: String {
    switch self {
    case .duplicateName(let name): return "duplicate name '\(name)'"
    case .trivialInfeasibility(let name, let detail): return "\(name) can never hold: \(detail)"
    case .invalidBounds(let name, let lower, let upper): return "\(name): lower bound \(lower) exceeds upper bound \(upper)"
    case .nonFinite(let name, let detail): return "\(name): \(detail) is not a finite number"
    }
  }
}

/// A named optimisation model: variables with bounds, parameters, named linear constraints and a convex
/// quadratic objective (solver.md §2.4). A value type: build once, lower once, solve; repeated solves change
/// parameters, bounds and objective coefficients without changing the pattern.
public struct Model: Sendable {
  public var name: String
  public var sense: ObjectiveSense

  public private(set) var variableNames: [Name] = []
  public private(set) var variableLower: [Double] = []
  public private(set) var variableUpper: [Double] = []

  public private(set) var parameterNames: [Name] = []
  public private(set) var parameterValues: [Double] = []

  public private(set) var constraintNames: [Name] = []
  public private(set) var relations: [Relation] = []
  /// Flattened constraint terms: constraint c owns terms `termStarts[c]..<termStarts[c+1]`.
  private(set) var termStarts: [Int] = [0]
  private(set) var termVariables: [Int32] = []
  private(set) var termCoefficients: [Double] = []
  private(set) var parameterTermStarts: [Int] = [0]
  private(set) var parameterTermIndices: [Int32] = []
  private(set) var parameterTermCoefficients: [Double] = []
  private(set) var constraintConstants: [Double] = []

  /// Linear objective coefficient per variable, the constant, and quadratic terms coefficient·a·b.
  public private(set) var objectiveCoefficients: [Double] = []
  public private(set) var objectiveConstant: Double = 0
  private(set) var quadraticRows: [Int32] = []
  private(set) var quadraticColumns: [Int32] = []
  private(set) var quadraticCoefficients: [Double] = []

  public init(name: String = "model", sense: ObjectiveSense = .minimise) {
    self.name = name
    self.sense = sense
  }

  public var variableCount: Int { variableNames.count }
  public var constraintCount: Int { constraintNames.count }
  public var parameterCount: Int { parameterNames.count }

  // MARK: Variables and parameters

  /// Adds a variable with bounds (default [0, ∞)); use −.infinity / .infinity for free sides.
  public mutating func addVariable(_ name: Name, lower: Double = 0, upper: Double = .infinity) -> Variable {
    variableNames.append(name)
    variableLower.append(lower)
    variableUpper.append(upper)
    objectiveCoefficients.append(0)
    return Variable(index: Int32(variableNames.count - 1))
  }

  /// Adds `count` variables named `family[0]`, `family[1]`, ….
  public mutating func addVariables(
    _ family: String, count: Int, lower: Double = 0, upper: Double = .infinity
  ) -> [Variable] {
    (0..<count).map { addVariable(Name(family, $0), lower: lower, upper: upper) }
  }

  public mutating func setBounds(_ variable: Variable, lower: Double, upper: Double) {
    variableLower[Int(variable.index)] = lower
    variableUpper[Int(variable.index)] = upper
  }

  public mutating func addParameter(_ name: Name, value: Double) -> Parameter {
    parameterNames.append(name)
    parameterValues.append(value)
    return Parameter(index: Int32(parameterNames.count - 1))
  }

  /// Changes a parameter's value: right-hand sides only, the pattern is unchanged.
  public mutating func setParameter(_ parameter: Parameter, value: Double) {
    parameterValues[Int(parameter.index)] = value
  }

  public func value(of parameter: Parameter) -> Double { parameterValues[Int(parameter.index)] }

  // MARK: Constraints

  /// Adds the constraint `lhs REL rhs`. Parameters and the constant of `lhs` move to the right-hand side.
  @discardableResult
  public mutating func addConstraint(_ name: Name, _ lhs: LinearExpression, _ relation: Relation) -> ConstraintRef {
    constraintNames.append(name)
    relations.append(relation)
    termVariables += lhs.variables
    termCoefficients += lhs.coefficients
    termStarts.append(termVariables.count)
    parameterTermIndices += lhs.parameters
    parameterTermCoefficients += lhs.parameterCoefficients
    parameterTermStarts.append(parameterTermIndices.count)
    constraintConstants.append(lhs.constant)
    return ConstraintRef(index: Int32(constraintNames.count - 1))
  }

  /// Replaces the relation (and so the right-hand side) of a constraint; the pattern is unchanged.
  public mutating func setRelation(_ constraint: ConstraintRef, _ relation: Relation) {
    relations[Int(constraint.index)] = relation
  }

  /// Terms of constraint `c` as (variable, coefficient) pairs, duplicates not yet summed.
  public func terms(of constraint: ConstraintRef) -> [(Variable, Double)] {
    let c = Int(constraint.index)
    return (termStarts[c]..<termStarts[c + 1]).map { (Variable(index: termVariables[$0]), termCoefficients[$0]) }
  }

  /// The constant part of a constraint's lhs, parameters included at their current values.
  public func lhsConstant(of constraint: ConstraintRef) -> Double {
    let c = Int(constraint.index)
    var total = constraintConstants[c]
    for t in parameterTermStarts[c]..<parameterTermStarts[c + 1] {
      total += parameterTermCoefficients[t] * parameterValues[Int(parameterTermIndices[t])]
    }
    return total
  }

  // MARK: Objective

  /// Sets the linear part and constant of the objective (parameters in it count at their current value).
  public mutating func setObjective(linear: LinearExpression) {
    objectiveCoefficients = [Double](repeating: 0, count: variableCount)
    for (variable, coefficient) in zip(linear.variables, linear.coefficients) {
      objectiveCoefficients[Int(variable)] += coefficient
    }
    var constant = linear.constant
    for (parameter, coefficient) in zip(linear.parameters, linear.parameterCoefficients) {
      constant += coefficient * parameterValues[Int(parameter)]
    }
    objectiveConstant = constant
  }

  public mutating func setObjectiveCoefficient(_ variable: Variable, _ coefficient: Double) {
    objectiveCoefficients[Int(variable.index)] = coefficient
  }

  public mutating func setObjectiveConstant(_ constant: Double) { objectiveConstant = constant }

  /// Adds coefficient·a·b to the objective: a == b gives P_aa += 2·coefficient (so ½P_aa·a² matches);
  /// a ≠ b gives P_ab = P_ba += coefficient.
  public mutating func addQuadraticObjectiveTerm(_ a: Variable, _ b: Variable, _ coefficient: Double) {
    let (row, column) = a.index <= b.index ? (a.index, b.index) : (b.index, a.index)
    quadraticRows.append(row)
    quadraticColumns.append(column)
    quadraticCoefficients.append(a == b ? 2 * coefficient : coefficient)
  }

  /// Stored quadratic terms as (row ≤ column, P entry) triplets of the upper triangle of P.
  public var quadraticTerms: [(Int, Int, Double)] {
    (0..<quadraticRows.count).map { (Int(quadraticRows[$0]), Int(quadraticColumns[$0]), quadraticCoefficients[$0]) }
  }
}
