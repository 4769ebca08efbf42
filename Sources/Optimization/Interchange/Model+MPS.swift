import SparseAlgebra

extension Model {
  /// A model with one variable per MPS column and one constraint per MPS row, named as in the file.
  /// Free rows (both sides infinite) become constraints without canonical rows (their dual is 0).
  public init(_ mps: MPSModel) {
    self.init(name: mps.name.isEmpty ? "model" : mps.name, sense: mps.isMaximisation ? .maximise : .minimise)
    let variables = (0..<mps.columnCount).map {
      addVariable(Name(mps.columnNames[$0]), lower: mps.columnLower[$0], upper: mps.columnUpper[$0])
    }
    var objective = LinearExpression(constant: mps.objectiveConstant)
    for (j, coefficient) in mps.objective.enumerated() where coefficient != 0 { objective.add(variables[j], coefficient) }
    setObjective(linear: objective)
    let p = mps.quadratic
    for column in 0..<p.columnCount {
      for entry in Int(p.columnStarts[column])..<Int(p.columnStarts[column + 1]) {
        let row = Int(p.rowIndices[entry])
        // ½·P_ii·x_i² is the term (P_ii/2)·x_i·x_i; an off-diagonal pair contributes P_ij·x_i·x_j.
        let coefficient = row == column ? p.values[entry] / 2 : p.values[entry]
        addQuadraticObjectiveTerm(variables[row], variables[column], coefficient)
      }
    }
    let rows = mps.matrix.transposed()
    for i in 0..<mps.rowCount {
      var lhs = LinearExpression()
      for entry in Int(rows.columnStarts[i])..<Int(rows.columnStarts[i + 1]) {
        lhs.add(variables[Int(rows.rowIndices[entry])], rows.values[entry])
      }
      addConstraint(Name(mps.rowNames[i]), lhs, Self.relation(lower: mps.rowLower[i], upper: mps.rowUpper[i]))
    }
  }

  static func relation(lower: Double, upper: Double) -> Relation {
    if lower == upper { return .equal(upper) }
    if lower == -.infinity { return .lessEqual(upper) }
    if upper == .infinity { return .greaterEqual(lower) }
    return .range(lower: lower, upper: upper)
  }

  /// The model as MPS data: rows are user constraints (constants and parameters moved to the right-hand side),
  /// bounds are variable bounds, names are the formatted `Name`s (the writer sanitises them).
  public func mpsModel() throws -> MPSModel {
    var matrix = TripletBuilder(rowCount: constraintCount, columnCount: variableCount, reserve: termVariables.count)
    var rowLower: [Double] = []
    var rowUpper: [Double] = []
    for c in 0..<constraintCount {
      for t in termStarts[c]..<termStarts[c + 1] {
        matrix.append(row: c, column: Int(termVariables[t]), value: termCoefficients[t])
      }
      let constant = lhsConstant(of: ConstraintRef(index: Int32(c)))
      let (lower, upper) = relations[c].bounds
      rowLower.append(lower - constant)
      rowUpper.append(upper - constant)
    }
    var quadratic = TripletBuilder(rowCount: variableCount, columnCount: variableCount)
    for (row, column, value) in quadraticTerms { quadratic.append(row: row, column: column, value: value) }
    return MPSModel(
      name: name, isMaximisation: sense == .maximise, objectiveConstant: objectiveConstant,
      columnNames: variableNames.map(\.description), objective: objectiveCoefficients, columnLower: variableLower,
      columnUpper: variableUpper, rowNames: constraintNames.map(\.description), rowLower: rowLower, rowUpper: rowUpper,
      matrix: try matrix.makeCSC(), quadratic: try quadratic.makeCSC())
  }
}
