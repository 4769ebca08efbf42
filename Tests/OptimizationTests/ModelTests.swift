import SparseAlgebra
import Testing

@testable import Optimization

@Suite("Model builder: lowering, errors, parameters, MPS conversion")
struct ModelTests {
  @Test func duplicateNamesAreRejected() throws {
    var model = Model()
    _ = model.addVariable(Name("p", 1, 2))
    _ = model.addVariable(Name("p", 1, 2))
    #expect(throws: ModelError.duplicateName("p[1,2]")) { try model.lower() }
  }

  @Test func constraintWithoutVariables() throws {
    var model = Model()
    let x = model.addVariable("x")
    model.addConstraint(Name("balance", 7, 3), LinearExpression(constant: 0), .equal(12.5))
    model.setObjective(linear: 1 * x)
    #expect(throws: ModelError.trivialInfeasibility(name: "balance[7,3]", detail: "0 = 12.5")) { try model.lower() }
    var satisfied = Model()
    _ = satisfied.addVariable("x")
    satisfied.addConstraint("always", LinearExpression(constant: 2), .lessEqual(5))
    let lowered = try satisfied.lower()
    #expect(lowered.problem.rowCount == 1)  // only the bound row x ≥ 0
    #expect(lowered.warnings.count == 1)
  }

  @Test func invalidBoundsAndNonFiniteData() throws {
    var model = Model()
    _ = model.addVariable("x", lower: 5, upper: 1)
    #expect(throws: ModelError.invalidBounds(name: "x", lower: 5, upper: 1)) { try model.lower() }
    var nan = Model()
    let y = nan.addVariable("y")
    nan.addConstraint("c", Double.nan * y, .lessEqual(1))
    #expect(throws: ModelError.nonFinite(name: "c", detail: "coefficient nan")) { try nan.lower() }
  }

  /// Canonical layout of solver.md §1.2: equalities (incl. fixed variables) first, then general inequalities,
  /// then upper bounds, then lower bounds; ≥ rows and lower bounds are negated; a range gives two rows.
  @Test func loweringLayout() throws {
    var model = Model()
    let x = model.addVariable("x", lower: 1, upper: 4)
    let fixed = model.addVariable("f", lower: 2, upper: 2)
    model.addConstraint("ge", 1 * x + 1 * fixed, .greaterEqual(3))
    model.addConstraint("range", 2 * x, .range(lower: -1, upper: 6))
    model.addConstraint("eq", x - fixed, .equal(0.5))
    let lowered = try model.lower()
    let problem = lowered.problem
    #expect(problem.equalityCount == 2)
    #expect(problem.rightHandSide == [0.5, 2, -3, 6, 1, 4, -1])
    #expect(lowered.rowSide == [1, 1, -1, 1, -1, 1, -1])
    #expect(
      problem.constraints.denseRows() == [[1, -1], [0, 1], [-1, -1], [2, 0], [-2, 0], [1, 0], [-1, 0]])
  }

  /// Parameters move to the right-hand side; sensitivity(to:) is ∂f*/∂p. T1 with the load as a parameter:
  /// LMP 30 $/MWh; and changing the parameter re-solves with the same pattern.
  @Test func parameterSensitivityIsTheLMP() throws {
    var model = Model()
    let g1 = model.addVariable("g1", upper: 60)
    let g2 = model.addVariable("g2", upper: 100)
    let load = model.addParameter("load", value: 100)
    model.setObjective(linear: 10 * g1 + 30 * g2)
    let balance = model.addConstraint("balance", g1 + g2 - load, .equal(0))
    let solution = try model.solve(settings: .priceGrade)
    #expect(abs(solution.sensitivity(to: load) - 30) <= 1e-8)
    #expect(abs(solution.shadowPrice(balance) - 30) <= 1e-8)
    model.setParameter(load, value: 50)
    let cheaper = try model.solve(settings: .priceGrade)
    #expect(abs(cheaper.objective - 500) <= 1e-6 && abs(cheaper.sensitivity(to: load) - 10) <= 1e-8)
  }

  /// Model → MPS data → Model solves to the same optimum and duals (T3, a QP with a constant).
  @Test func mpsConversionRoundTrip() throws {
    var model = Model(name: "T3")
    let g1 = model.addVariable("g1", upper: 150)
    let g2 = model.addVariable("g2", upper: 400)
    model.setObjective(linear: 10 * g1 + 20 * g2 + 7)
    model.addQuadraticObjectiveTerm(g1, g1, 0.05)
    model.addQuadraticObjectiveTerm(g2, g2, 0.05)
    model.addConstraint("balance", g1 + g2, .equal(300))
    let text = MPSWriter.write(try model.mpsModel())
    let reread = Model(try MPSReader.parse(text))
    let a = try model.solve(settings: .priceGrade)
    let b = try reread.solve(settings: .priceGrade)
    #expect(abs(a.objective - 6757) <= 1e-6 && abs(b.objective - 6757) <= 1e-6)
    #expect(abs(b.shadowPrices[0] - 35) <= 1e-8)
    #expect(reread.variableNames.map(\.description) == ["g1", "g2"])
  }
}
