import SparseAlgebra

// The two bridges between the MLCP and the QP solver (solver.md §1.3, §5.8, §5.9):
// the QP-KKT map (every QP becomes a monotone MLCP), and the feasibility LP / gap QP built on `Model`.

extension MLCP {
  /// The KKT conditions of a convex QP as an MLCP (solver.md §1.3). Unknowns: x (free, n), then one multiplier per
  /// canonical row (free on the equality rows, complementary on the inequality rows), in the QP's row order:
  ///
  ///     row x:      P x + Aᵀz + q = 0
  ///     row z_E:   −A_E x + b_E = 0
  ///     row z_I:    w = −A_I x + b_I ≥ 0,  0 ≤ z_I ⊥ w
  ///
  /// so u = (x, z) with z exactly the canonical multiplier of `CanonicalQP` (Px + q + Aᵀz = 0), and w the slack s.
  /// The symmetric part of M is diag(P, 0): monotone; E = diag(+1_n, −1_m) makes E·M symmetric.
  public static func fromQP(_ qp: CanonicalQP, variableNames: [String]? = nil, rowNames: [String]? = nil) -> MLCP {
    let n = qp.variableCount
    let m = qp.rowCount
    var triplets = TripletBuilder(
      rowCount: n + m, columnCount: n + m, reserve: 2 * qp.quadratic.nonzeroCount + 2 * qp.constraints.nonzeroCount)
    let p = qp.quadratic
    for column in 0..<n {
      for entry in Int(p.columnStarts[column])..<Int(p.columnStarts[column + 1]) {
        let row = Int(p.rowIndices[entry])
        triplets.append(row: row, column: column, value: p.values[entry])
        if row != column { triplets.append(row: column, column: row, value: p.values[entry]) }
      }
    }
    let a = qp.constraints
    for column in 0..<n {
      for entry in Int(a.columnStarts[column])..<Int(a.columnStarts[column + 1]) {
        let row = Int(a.rowIndices[entry])
        triplets.append(row: column, column: n + row, value: a.values[entry])
        triplets.append(row: n + row, column: column, value: -a.values[entry])
      }
    }
    var matrix = try! triplets.makeCSC()
    matrix.dropExplicitZeros()
    let kinds =
      [MLCPVariableKind](repeating: .free, count: n + qp.equalityCount)
      + [MLCPVariableKind](repeating: .complementary, count: qp.inequalityCount)
    let names =
      (variableNames ?? (0..<n).map { "x[\($0)]" }) + (rowNames ?? (0..<m).map { "z[\($0)]" })
    return MLCP(matrix: matrix, constant: qp.linear + qp.rightHandSide, kinds: kinds, names: names)
  }

  /// The feasibility LP of §5.8 (or, with `gapObjective`, the gap QP of §5.9) as a named `Model`: one variable per
  /// unknown (free, or ≥ 0), one constraint per row named like the unknown it pairs with:
  /// free rows Σ_j M_ij u_j = −q_i, complementary rows Σ_j M_ij u_j ≥ −q_i.
  func constraintModel(gapObjective: Bool) -> (Model, [Variable]) {
    var model = Model(name: gapObjective ? "MLCP gap QP" : "MLCP feasibility LP")
    let labels = uniqueLabels()
    let variables = (0..<dimension).map {
      model.addVariable(Name(labels[$0]), lower: kinds[$0] == .free ? -.infinity : 0)
    }
    let rows = matrix.transposed()
    for i in 0..<dimension {
      var expression = LinearExpression()
      for entry in Int(rows.columnStarts[i])..<Int(rows.columnStarts[i + 1]) {
        expression.add(variables[Int(rows.rowIndices[entry])], rows.values[entry])
      }
      let relation: Relation = kinds[i] == .free ? .equal(-constant[i]) : .greaterEqual(-constant[i])
      model.addConstraint(Name(labels[i]), expression, relation)
    }
    if gapObjective {
      // ½uᵀ(M + Mᵀ)u + qᵀu = Σ_ij M_ij u_i u_j + qᵀu.
      for column in 0..<dimension {
        for entry in Int(matrix.columnStarts[column])..<Int(matrix.columnStarts[column + 1]) {
          model.addQuadraticObjectiveTerm(variables[Int(matrix.rowIndices[entry])], variables[column], matrix.values[entry])
        }
      }
      var linear = LinearExpression()
      for i in 0..<dimension where constant[i] != 0 { linear.add(variables[i], constant[i]) }
      model.setObjective(linear: linear)
    }
    return (model, variables)
  }

  /// Names made unique for `Model` (a repeated name gets "#index").
  private func uniqueLabels() -> [String] {
    var seen = Set<String>()
    return names.enumerated().map { index, name in
      seen.insert(name).inserted ? name : "\(name)#\(index)"
    }
  }

  /// Runs the feasibility LP of §5.8 on the QP solver.
  func feasibility() -> MLCPFeasibility {
    let (model, _) = constraintModel(gapObjective: false)
    do {
      let solution = try model.solve()
      switch solution.status {
      case .primalInfeasible, .almostPrimalInfeasible:
        guard let diagnosis = solution.infeasibility else { return .unknown("no Farkas certificate") }
        return .infeasible(diagnosis, diagnosis.message)
      case .optimal, .almostOptimal:
        return .feasible
      default:
        return .unknown("feasibility LP status \(solution.status.rawValue)")
      }
    } catch ModelError.trivialInfeasibility(let name, let detail) {
      return .infeasible(nil, "the row \(name) can never hold: \(detail)")
    } catch {
      return .unknown("\(error)")
    }
  }
}

/// Outcome of the feasibility LP of solver.md §5.8.
enum MLCPFeasibility {
  case feasible
  case infeasible(InfeasibilityDiagnosis?, String)
  case unknown(String)
}

/// The gap QP of solver.md §5.9 solved by the QP solver: an independent check of an MLCP solution.
public struct MLCPGapQPSolution: Sendable {
  public let status: SolveStatus
  /// u in the order of the MLCP's unknowns (NaN unless (almost) optimal).
  public let values: [Double]
  /// ½uᵀ(M + Mᵀ)u + qᵀu = zᵀw at a feasible u; 0 exactly when u solves the MLCP.
  public let objective: Double
}

extension MLCPSolver {
  /// Solves minimise ½uᵀ(M + Mᵀ)u + qᵀu s.t. M₁₁x + M₁₂z + q₁ = 0, M₂₁x + M₂₂z + q₂ ≥ 0, z ≥ 0 (solver.md §5.9)
  /// with the QP solver. Convex when M is monotone; its optimum is 0 exactly when the MLCP is solvable, and every
  /// optimal u then solves the MLCP. Looser than the MLCP IPM (compare u to about 1e-5).
  public static func solveGapQP(_ problem: MLCP, settings: QPSettings = .priceGrade) throws -> MLCPGapQPSolution {
    let (model, variables) = problem.constraintModel(gapObjective: true)
    let solution = try model.solve(settings: settings)
    return MLCPGapQPSolution(
      status: solution.status, values: variables.map { solution.value($0) }, objective: solution.objective)
  }
}

extension Model {
  /// This model's KKT conditions as an MLCP (solver.md §1.3, through `lower()` and `MLCP.fromQP`). Unknowns are
  /// the variables (by name), then one multiplier per canonical row, named by the constraint ("name", or
  /// "name (≤ side)" / "name (≥ side)" for ranges) or bound ("x ≤ 60", "x ≥ 0", "x = 5").
  public func mlcp() throws -> (MLCP, LoweredModel) {
    let lowered = try lower()
    let rowNames = lowered.rowOrigin.enumerated().map { row, origin -> String in
      switch origin {
      case .constraint(let c):
        let name = constraintNames[Int(c)].description
        let twoSided = lowered.constraintUpperRow[Int(c)] >= 0 && lowered.constraintLowerRow[Int(c)] >= 0
        return twoSided ? "\(name) (\(lowered.rowSide[row] > 0 ? "≤" : "≥") side)" : name
      case .upperBound(let j):
        let fixed = variableLower[Int(j)] == variableUpper[Int(j)]
        return "\(variableNames[Int(j)]) \(fixed ? "=" : "≤") \(formatted(variableUpper[Int(j)]))"
      case .lowerBound(let j):
        return "\(variableNames[Int(j)]) ≥ \(formatted(variableLower[Int(j)]))"
      }
    }
    let problem = MLCP.fromQP(lowered.problem, variableNames: variableNames.map(\.description), rowNames: rowNames)
    return (problem, lowered)
  }

  /// Solves this QP through its KKT MLCP and maps the result back to names exactly like `solve` (values,
  /// multipliers, shadow prices, reduced costs). MLCP statuses map to `SolveStatus`: solved → optimal,
  /// iteration_limit / time_limit as such, stalled → insufficient_progress, infeasible → primal_infeasible (the
  /// KKT system has no solution: the QP is primal or dual infeasible), others → numerical_failure.
  public func solveAsMLCP(settings: MLCPSettings = MLCPSettings()) throws -> (ModelSolution, MLCPResult) {
    let (problem, lowered) = try mlcp()
    let result = MLCPSolver.solve(problem, settings: settings)
    let qp = lowered.problem
    let n = qp.variableCount
    let status: SolveStatus
    switch result.status {
    case .solved: status = .optimal
    case .iterationLimit: status = .iterationLimit
    case .timeLimit: status = .timeLimit
    case .stalled: status = .insufficientProgress
    case .infeasible: status = .primalInfeasible
    case .nonMonotone, .numericalError: status = .numericalError
    }
    let x = Array(result.values[0..<n])
    let z = Array(result.values[n...])
    let s = (0..<qp.rowCount).map { result.conditions[n + $0] }
    var px = [Double](repeating: 0, count: n)
    qp.quadratic.symmetricMultiply(x, into: &px)
    let objective = 0.5 * Vector.dot(x, px) + Vector.dot(qp.linear, x) + qp.objectiveConstant
    var report = SolveReport()
    report.iterations = result.iterations
    report.totalSeconds = result.solveSeconds
    report.mu = result.mu
    report.primalResidual = result.naturalResidual
    report.dualResidual = result.freeResidual
    report.events = result.warnings + [result.message]
    report.dualDegenerate = result.degeneratePairs > 0
    let solution = QPSolution(
      status: status, x: x, s: s, z: z, objective: objective, dualObjective: objective, farkasCertificate: nil,
      unboundedRay: nil, report: report)
    return (lowered.solution(from: solution, model: self), result)
  }
}
