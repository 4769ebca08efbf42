import Testing

@testable import Optimization

/// Tolerances of solver.md §7.4, as named constants.
enum Tolerance {
  static let objectiveRelative = 1e-9
  static let primal = 1e-8
  static let dualAbsolute = 1e-8
  static let dualRelative = 1e-9
}

/// Every catalogue problem runs with equilibration on and off and with both centring rules.
let settingVariants: [QPSettings] = {
  var variants: [QPSettings] = []
  for equilibrate in [true, false] {
    for centring in [CentringRule.mehrotraCubic, .stepBased] {
      var settings = QPSettings.priceGrade
      settings.equilibrate = equilibrate
      settings.centring = centring
      variants.append(settings)
    }
  }
  return variants
}()

func expectClose(_ got: Double, _ want: Double, absolute: Double, relative: Double = 0, _ what: String,
                 sourceLocation: SourceLocation = #_sourceLocation) {
  #expect(abs(got - want) <= absolute + relative * abs(want), "\(what): got \(got), want \(want)",
          sourceLocation: sourceLocation)
}

/// The tiny problems of solver.md §7.4, with the exact optima and duals derived by hand there
/// (T1, T2, T6–T8 cross-checked by the spec's authors with SciPy's HiGHS interface).
@Suite("Catalogue T1–T8 (solver.md §7.4)")
struct CatalogueTests {
  @Test("T1 merit-order dispatch: LMP 30, cap shadow price −20", arguments: settingVariants.indices)
  func t1(variant: Int) throws {
    var model = Model(name: "T1")
    let g1 = model.addVariable("g1", upper: 60)
    let g2 = model.addVariable("g2", upper: 100)
    model.setObjective(linear: 10 * g1 + 30 * g2)
    let balance = model.addConstraint("balance", g1 + g2, .equal(100))
    let solution = try model.solve(settings: settingVariants[variant])
    #expect(solution.status == .optimal)
    expectClose(solution.objective, 1800, absolute: 0, relative: Tolerance.objectiveRelative, "objective")
    expectClose(solution.value(g1), 60, absolute: Tolerance.primal, "g1")
    expectClose(solution.value(g2), 40, absolute: Tolerance.primal, "g2")
    expectClose(solution.shadowPrice(balance), 30, absolute: Tolerance.dualAbsolute, relative: Tolerance.dualRelative, "π(balance)")
    expectClose(solution.reducedCost(g1), -20, absolute: Tolerance.dualAbsolute, relative: Tolerance.dualRelative, "d(g1)")
    expectClose(solution.reducedCost(g2), 0, absolute: Tolerance.dualAbsolute, "d(g2)")
  }

  @Test("T2 two buses with congestion: LMPs 10 and 30", arguments: settingVariants.indices)
  func t2(variant: Int) throws {
    var model = Model(name: "T2")
    let g1 = model.addVariable("g1", upper: 200)
    let g2 = model.addVariable("g2", upper: 200)
    let flow = model.addVariable("f", lower: -100, upper: 100)
    model.setObjective(linear: 10 * g1 + 30 * g2)
    let a = model.addConstraint(Name("balance", 0), g1 - flow, .equal(50))
    let b = model.addConstraint(Name("balance", 1), g2 + flow, .equal(150))
    let solution = try model.solve(settings: settingVariants[variant])
    #expect(solution.status == .optimal)
    expectClose(solution.objective, 3000, absolute: 0, relative: Tolerance.objectiveRelative, "objective")
    for (variable, want) in [(g1, 150.0), (g2, 50), (flow, 100)] {
      expectClose(solution.value(variable), want, absolute: Tolerance.primal, "x")
    }
    expectClose(solution.shadowPrice(a), 10, absolute: Tolerance.dualAbsolute, relative: Tolerance.dualRelative, "π(A)")
    expectClose(solution.shadowPrice(b), 30, absolute: Tolerance.dualAbsolute, relative: Tolerance.dualRelative, "π(B)")
    expectClose(solution.reducedCost(flow), -20, absolute: Tolerance.dualAbsolute, relative: Tolerance.dualRelative, "π(f ≤ 100)")
    // Congestion rent Σ LMP·(load − gen) = 20·100.
    let rent = solution.shadowPrice(a) * (50 - 150) + solution.shadowPrice(b) * (150 - 50)
    expectClose(rent, 2000, absolute: 1e-6, "congestion rent")
  }

  @Test("T3 quadratic costs with an active capacity bound, and T3b inactive", arguments: settingVariants.indices)
  func t3(variant: Int) throws {
    for (cap, g1Want, g2Want, price, objective, capPrice) in [
      (150.0, 150.0, 150.0, 35.0, 6750.0, -10.0), (250, 200, 100, 30, 6500, 0),
    ] {
      var model = Model(name: "T3")
      let g1 = model.addVariable("g1", upper: cap)
      let g2 = model.addVariable("g2", upper: 400)
      model.setObjective(linear: 10 * g1 + 20 * g2)
      model.addQuadraticObjectiveTerm(g1, g1, 0.05)
      model.addQuadraticObjectiveTerm(g2, g2, 0.05)
      let balance = model.addConstraint("balance", g1 + g2, .equal(300))
      let solution = try model.solve(settings: settingVariants[variant])
      #expect(solution.status == .optimal)
      expectClose(solution.objective, objective, absolute: 0, relative: Tolerance.objectiveRelative, "objective")
      expectClose(solution.value(g1), g1Want, absolute: Tolerance.primal, "g1")
      expectClose(solution.value(g2), g2Want, absolute: Tolerance.primal, "g2")
      expectClose(solution.shadowPrice(balance), price, absolute: Tolerance.dualAbsolute, relative: Tolerance.dualRelative, "LMP")
      expectClose(solution.reducedCost(g1), capPrice, absolute: Tolerance.dualAbsolute, relative: Tolerance.dualRelative, "cap")
    }
  }

  @Test("T4 sign conventions for ≤ and ≥ rows, minimise and maximise", arguments: settingVariants.indices)
  func t4(variant: Int) throws {
    for sense in [ObjectiveSense.minimise, .maximise] {
      let sign: Double = sense == .minimise ? 1 : -1
      var model = Model(name: "T4", sense: sense)
      let x1 = model.addVariable("x1", lower: -.infinity)
      let x2 = model.addVariable("x2", lower: -.infinity)
      model.setObjective(linear: sign * (-6 * x1 + 6 * x2 + 18))
      model.addQuadraticObjectiveTerm(x1, x1, sign)
      model.addQuadraticObjectiveTerm(x2, x2, sign)
      let c1 = model.addConstraint("c1", x1.expression, .lessEqual(1))
      let c2 = model.addConstraint("c2", x2.expression, .greaterEqual(1))
      let solution = try model.solve(settings: settingVariants[variant])
      #expect(solution.status == .optimal)
      expectClose(solution.objective, sign * 20, absolute: 0, relative: Tolerance.objectiveRelative, "objective")
      expectClose(solution.value(x1), 1, absolute: Tolerance.primal, "x1")
      expectClose(solution.value(x2), 1, absolute: Tolerance.primal, "x2")
      expectClose(solution.shadowPrice(c1), -4 * sign, absolute: Tolerance.dualAbsolute, relative: Tolerance.dualRelative, "π(c1)")
      expectClose(solution.shadowPrice(c2), 8 * sign, absolute: Tolerance.dualAbsolute, relative: Tolerance.dualRelative, "π(c2)")
      if sense == .minimise {
        expectClose(solution.multiplier(c1), 4, absolute: Tolerance.dualAbsolute, "y(c1)")
        expectClose(solution.multiplier(c2), -8, absolute: Tolerance.dualAbsolute, "y(c2)")
      }
    }
  }

  @Test("T5 equality-only QP and the rank-deficient copy T5b", arguments: settingVariants.indices)
  func t5(variant: Int) throws {
    for duplicated in [false, true] {
      var model = Model(name: "T5")
      let x1 = model.addVariable("x1", lower: -.infinity)
      let x2 = model.addVariable("x2", lower: -.infinity)
      model.addQuadraticObjectiveTerm(x1, x1, 0.5)
      model.addQuadraticObjectiveTerm(x2, x2, 0.5)
      let e = model.addConstraint("e", x1 + x2, .equal(1))
      let copy = duplicated ? model.addConstraint("e'", x1 + x2, .equal(1)) : nil
      let solution = try model.solve(settings: settingVariants[variant])
      #expect(solution.status == .optimal)
      expectClose(solution.objective, 0.25, absolute: 0, relative: Tolerance.objectiveRelative, "objective")
      expectClose(solution.value(x1), 0.5, absolute: Tolerance.primal, "x1")
      let total = solution.shadowPrice(e) + (copy.map { solution.shadowPrice($0) } ?? 0)
      expectClose(total, 0.5, absolute: Tolerance.dualAbsolute, "π(e) + π(e')")
      if duplicated { #expect(solution.report.refinementSteps > 0) }
    }
  }

  @Test("T6 degenerate LP: LMP inside [10, 30], flagged", arguments: settingVariants.indices)
  func t6(variant: Int) throws {
    var model = Model(name: "T6")
    let g1 = model.addVariable("g1", upper: 100)
    let g2 = model.addVariable("g2", upper: 100)
    model.setObjective(linear: 10 * g1 + 30 * g2)
    let balance = model.addConstraint("balance", g1 + g2, .equal(100))
    let solution = try model.solve(settings: settingVariants[variant])
    #expect(solution.status == .optimal)
    expectClose(solution.objective, 1000, absolute: 0, relative: Tolerance.objectiveRelative, "objective")
    expectClose(solution.value(g1), 100, absolute: Tolerance.primal, "g1")
    expectClose(solution.value(g2), 0, absolute: Tolerance.primal, "g2")
    let lmp = solution.shadowPrice(balance)
    #expect(lmp >= 10 - 1e-6 && lmp <= 30 + 1e-6, "LMP \(lmp) outside the dual interval [10, 30]")
    #expect(solution.report.dualDegenerate)
  }

  @Test("T7 infeasible LP names balance and both capacities", arguments: settingVariants.indices)
  func t7(variant: Int) throws {
    var model = Model(name: "T7")
    let g1 = model.addVariable("g1", upper: 100)
    let g2 = model.addVariable("g2", upper: 150)
    model.setObjective(linear: 10 * g1 + 20 * g2)
    model.addConstraint("balance", g1 + g2, .equal(300))
    let lowered = try model.lower()
    let raw = try QPSolver.solve(lowered.problem, settings: settingVariants[variant])
    #expect(raw.status == .primalInfeasible)
    let z = try #require(raw.farkasCertificate)
    let problem = lowered.problem
    let bz = zip(problem.rightHandSide, z).reduce(0) { $0 + $1.0 * $1.1 }
    let aTz = problem.constraints.transposeTimes(z)
    let zNorm = z.map(abs).max() ?? 0
    #expect(bz < 0)
    #expect((aTz.map(abs).max() ?? 0) / max(1, zNorm) < -1e-8 * bz)
    for i in problem.equalityCount..<problem.rowCount { #expect(z[i] >= -1e-12 * zNorm) }
    let diagnosis = try #require(lowered.solution(from: raw, model: model).infeasibility)
    let names = diagnosis.constraints.prefix(3).map(\.name)
    #expect(Set(names) == ["balance", "g1 ≤ 100.0", "g2 ≤ 150.0"], "\(names)")
    #expect(diagnosis.gamma > 0 && diagnosis.gamma <= 50 + 1e-6)
    #expect(diagnosis.message.contains("balance"))
  }

  @Test("T8 unbounded LP: a ray with qᵀx̂ = −1 naming c and d", arguments: settingVariants.indices)
  func t8(variant: Int) throws {
    var model = Model(name: "T8")
    let charge = model.addVariable("c")
    let discharge = model.addVariable("d")
    model.setObjective(linear: 10 * charge - 20 * discharge)
    model.addConstraint("energy", discharge - charge, .lessEqual(0))
    let solution = try model.solve(settings: settingVariants[variant])
    #expect(solution.status == .dualInfeasible)
    let diagnosis = try #require(solution.unboundedness)
    #expect(Set(diagnosis.variables.map(\.name)) == ["c", "d"])
    let ray = Dictionary(uniqueKeysWithValues: diagnosis.variables.map { ($0.name, $0.direction) })
    let c = ray["c"] ?? 0
    let d = ray["d"] ?? 0
    expectClose(10 * c - 20 * d, -1, absolute: 1e-9, "qᵀx̂")
    #expect(d - c <= 1e-8 && c >= -1e-8 && d >= -1e-8)
  }
}
