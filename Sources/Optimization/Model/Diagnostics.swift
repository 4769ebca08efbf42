/// One constraint or bound implicated by an infeasibility certificate.
public struct ImplicatedConstraint: Sendable, Equatable {
  /// The constraint name, or `name ≤ upper` / `name ≥ lower` for a variable bound.
  public let name: String
  /// "=", "≤", "≥" or "range".
  public let relation: String
  /// The right-hand side as the canonical row sees it (constants of the lhs moved over).
  public let rhs: Double
  /// Certificate weight ω, scaled so that the largest |ω| is 1.
  public let weight: Double
  /// −ω·rhs: this element's share of γ.
  public let contribution: Double
}

/// A human-readable Farkas certificate (solver.md §4.8): multiplying each listed constraint by its weight and
/// adding them up cancels every variable, while a feasible point would make the sum ≤ 0; it equals γ > 0.
public struct InfeasibilityDiagnosis: Sendable {
  /// The implicated constraints, largest |weight| first, covering 99 % of Σ|ω| (at most 20).
  public let constraints: [ImplicatedConstraint]
  /// γ = −Σ ω·rhs > 0, in rhs units.
  public let gamma: Double

  init(certificate z: [Double], lowered: LoweredModel, model: Model) {
    var weights: [RowOrigin: Double] = [:]
    var contributions: [RowOrigin: Double] = [:]
    var rhsOf: [RowOrigin: Double] = [:]
    var order: [RowOrigin] = []
    let b = lowered.problem.rightHandSide
    for (r, origin) in lowered.rowOrigin.enumerated() where z[r] != 0 {
      let key = origin
      if weights[key] == nil { order.append(key) }
      weights[key, default: 0] += Double(lowered.rowSide[r]) * z[r]
      contributions[key, default: 0] += -z[r] * b[r]
      if lowered.rowSide[r] > 0 || rhsOf[key] == nil { rhsOf[key] = Double(lowered.rowSide[r]) * b[r] }
    }
    let largest = weights.values.map(abs).max() ?? 1
    let scale = largest > 0 ? 1 / largest : 1
    let sorted = order.sorted { abs(weights[$0]!) > abs(weights[$1]!) }
    let total = sorted.reduce(0) { $0 + abs(weights[$1]!) }
    var covered = 0.0
    var entries: [ImplicatedConstraint] = []
    for key in sorted where entries.count < 20 && covered < 0.99 * total {
      covered += abs(weights[key]!)
      entries.append(
        ImplicatedConstraint(
          name: Self.label(key, model: model), relation: Self.relation(key, model: model), rhs: rhsOf[key] ?? 0,
          weight: weights[key]! * scale, contribution: contributions[key]! * scale))
    }
    constraints = entries
    gamma = sorted.reduce(0) { $0 + contributions[$1]! } * scale
  }

  private static func label(_ origin: RowOrigin, model: Model) -> String {
    switch origin {
    case .constraint(let c): return model.constraintNames[Int(c)].description
    case .upperBound(let j):
      let lower = model.variableLower[Int(j)]
      let upper = model.variableUpper[Int(j)]
      return lower == upper ? "\(model.variableNames[Int(j)]) = \(upper)" : "\(model.variableNames[Int(j)]) ≤ \(upper)"
    case .lowerBound(let j): return "\(model.variableNames[Int(j)]) ≥ \(model.variableLower[Int(j)])"
    }
  }

  private static func relation(_ origin: RowOrigin, model: Model) -> String {
    switch origin {
    case .constraint(let c): return model.relations[Int(c)].symbol
    case .upperBound(let j): return model.variableLower[Int(j)] == model.variableUpper[Int(j)] ? "=" : "≤"
    case .lowerBound: return "≥"
    }
  }

  /// The explanation of §4.8 with a table of the implicated constraints.
  public var message: String {
    var lines = [
      "Infeasible. Multiply each constraint below by its weight and add them up: every variable cancels,",
      "and a feasible point would make the sum ≤ 0, yet it equals γ = \(formatted(gamma)) (rhs units). Relax at least one of them.",
      "  weight   constraint                          relation  rhs            contribution",
    ]
    for entry in constraints {
      lines.append(
        "  \(pad(formatted(entry.weight, digits: 3), 8)) \(pad(entry.name, 35)) \(pad(entry.relation, 9)) \(pad(formatted(entry.rhs), 14)) \(formatted(entry.contribution))"
      )
    }
    return lines.joined(separator: "\n")
  }
}

/// A direction along which the objective improves without limit (solver.md §4.8).
public struct UnboundednessDiagnosis: Sendable {
  /// Variables with the largest |x̂ⱼ| of the ray normalised to improve the objective by 1 per unit step.
  public let variables: [(name: String, direction: Double, lower: Double, upper: Double, objective: Double)]

  init(ray: [Double], lowered: LoweredModel, model: Model) {
    let largest = ray.map(abs).max() ?? 0
    let order = ray.indices.filter { abs(ray[$0]) > 1e-6 * largest }.sorted { abs(ray[$0]) > abs(ray[$1]) }
    variables = order.prefix(10).map {
      (
        model.variableNames[$0].description, ray[$0], model.variableLower[$0], model.variableUpper[$0],
        model.objectiveCoefficients[$0]
      )
    }
  }

  public var message: String {
    let names = variables.map(\.name)
    var lines = [
      "The objective can improve without limit (by 1 per unit step) along this direction.",
      "\(names.joined(separator: ", ")) grow together and have no finite bound in that direction;"
        + " a capacity limit is probably missing.",
      "  direction   variable                            bounds                  objective coef.",
    ]
    for variable in variables {
      lines.append(
        "  \(pad(formatted(variable.direction, digits: 4), 11)) \(pad(variable.name, 35)) \(pad("[\(formatted(variable.lower)), \(formatted(variable.upper))]", 23)) \(formatted(variable.objective))"
      )
    }
    return lines.joined(separator: "\n")
  }
}

func formatted(_ value: Double, digits: Int = 6) -> String {
  if value == .infinity { return "∞" }
  if value == -.infinity { return "−∞" }
  if value == value.rounded() && abs(value) < 1e15 { return String(Int(value)) }
  var scale = 1.0
  for _ in 0..<digits { scale *= 10 }
  let rounded = (value * scale).rounded() / scale
  return String(describing: rounded)
}

func pad(_ text: String, _ width: Int) -> String {
  text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}
