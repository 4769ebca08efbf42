/// A decision variable of a `Model`.
public struct Variable: Hashable, Sendable {
  public let index: Int32
}

/// A parameter of a `Model`: a named number that may appear in constraints; changing it changes only
/// right-hand sides, so the sparsity pattern stays fixed. `ModelSolution.sensitivity(to:)` is ∂f*/∂p.
public struct Parameter: Hashable, Sendable {
  public let index: Int32
}

/// A constraint of a `Model`.
public struct ConstraintRef: Hashable, Sendable {
  public let index: Int32
}

/// Σ aᵢ xᵢ + Σ cₚ pₚ + constant. Duplicate variables are summed when the model is lowered.
public struct LinearExpression: Sendable {
  public var variables: [Int32] = []
  public var coefficients: [Double] = []
  public var parameters: [Int32] = []
  public var parameterCoefficients: [Double] = []
  public var constant: Double = 0

  public init() {}

  public init(constant: Double) { self.constant = constant }

  public init(_ variable: Variable, coefficient: Double = 1) {
    variables = [variable.index]
    coefficients = [coefficient]
  }

  public init(_ parameter: Parameter, coefficient: Double = 1) {
    parameters = [parameter.index]
    parameterCoefficients = [coefficient]
  }

  /// Adds `coefficient·variable` (an explicit zero is kept, for pattern stability).
  public mutating func add(_ variable: Variable, _ coefficient: Double) {
    variables.append(variable.index)
    coefficients.append(coefficient)
  }

  /// Adds `coefficient·parameter`.
  public mutating func add(_ parameter: Parameter, _ coefficient: Double) {
    parameters.append(parameter.index)
    parameterCoefficients.append(coefficient)
  }

  public mutating func add(_ other: LinearExpression, scale: Double = 1) {
    variables += other.variables
    coefficients += other.coefficients.map { $0 * scale }
    parameters += other.parameters
    parameterCoefficients += other.parameterCoefficients.map { $0 * scale }
    constant += scale * other.constant
  }

  public static func + (lhs: LinearExpression, rhs: LinearExpression) -> LinearExpression {
    var result = lhs
    result.add(rhs)
    return result
  }

  public static func - (lhs: LinearExpression, rhs: LinearExpression) -> LinearExpression {
    var result = lhs
    result.add(rhs, scale: -1)
    return result
  }

  public static prefix func - (expression: LinearExpression) -> LinearExpression {
    LinearExpression() - expression
  }

  public static func * (scale: Double, expression: LinearExpression) -> LinearExpression {
    var result = LinearExpression()
    result.add(expression, scale: scale)
    return result
  }

  public static func + (lhs: LinearExpression, rhs: Double) -> LinearExpression {
    var result = lhs
    result.constant += rhs
    return result
  }

  public static func - (lhs: LinearExpression, rhs: Double) -> LinearExpression { lhs + (-rhs) }

  public static func += (lhs: inout LinearExpression, rhs: LinearExpression) { lhs.add(rhs) }
  public static func -= (lhs: inout LinearExpression, rhs: LinearExpression) { lhs.add(rhs, scale: -1) }
}

extension Variable {
  public static func * (coefficient: Double, variable: Variable) -> LinearExpression {
    LinearExpression(variable, coefficient: coefficient)
  }
  public static func + (lhs: Variable, rhs: Variable) -> LinearExpression { 1 * lhs + 1 * rhs }
  public static func - (lhs: Variable, rhs: Variable) -> LinearExpression { 1 * lhs - 1 * rhs }
  public static func + (lhs: LinearExpression, rhs: Variable) -> LinearExpression { lhs + 1 * rhs }
  public static func - (lhs: LinearExpression, rhs: Variable) -> LinearExpression { lhs - 1 * rhs }
  public static func + (lhs: Variable, rhs: LinearExpression) -> LinearExpression { 1 * lhs + rhs }
  public static func - (lhs: Variable, rhs: LinearExpression) -> LinearExpression { 1 * lhs - rhs }
  public static func + (lhs: Variable, rhs: Double) -> LinearExpression { 1 * lhs + rhs }
  public static func - (lhs: Variable, rhs: Double) -> LinearExpression { 1 * lhs - rhs }
  /// The expression `1·variable`.
  public var expression: LinearExpression { LinearExpression(self) }
}

extension Parameter {
  public static func * (coefficient: Double, parameter: Parameter) -> LinearExpression {
    LinearExpression(parameter, coefficient: coefficient)
  }
  public static func + (lhs: LinearExpression, rhs: Parameter) -> LinearExpression { lhs + 1 * rhs }
  public static func - (lhs: LinearExpression, rhs: Parameter) -> LinearExpression { lhs - 1 * rhs }
}

/// Σ of expressions.
public func sum<S: Sequence>(_ expressions: S) -> LinearExpression where S.Element == LinearExpression {
  var total = LinearExpression()
  for expression in expressions { total.add(expression) }
  return total
}

/// Σ of variables with coefficient 1.
public func sum<S: Sequence>(_ variables: S) -> LinearExpression where S.Element == Variable {
  var total = LinearExpression()
  for variable in variables { total.add(variable, 1) }
  return total
}
