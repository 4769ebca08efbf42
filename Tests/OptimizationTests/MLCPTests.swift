import SparseAlgebra
import Testing

@testable import Optimization

/// GAMS model library `transmcp` (Dantzig's transport model as an LCP, fixed demand), with the data and expected
/// values of hyperscaler-market.md §9.7 G1.
func transmcp() -> MLCP {
  let plants = ["seattle", "san-diego"]
  let markets = ["new-york", "chicago", "topeka"]
  let capacity = [350.0, 600]
  let demand = [325.0, 300, 275]
  let distance = [[2.5, 1.7, 1.8], [2.5, 1.8, 1.4]]
  var builder = MLCPBuilder()
  let x = plants.map { i in markets.map { j in builder.addUnknown("x[\(i),\(j)]", kind: .complementary) } }
  let w = plants.map { builder.addUnknown("w[\($0)]", kind: .complementary) }
  let p = markets.map { builder.addUnknown("p[\($0)]", kind: .complementary) }
  for i in plants.indices {
    builder.addConstant(row: w[i], capacity[i])  // 0 ≤ w[i] ⊥ a[i] − Σ_j x[i,j] ≥ 0
    for j in markets.indices {
      builder.addConstant(row: x[i][j], 90 * distance[i][j] / 1000)  // 0 ≤ x ⊥ w[i] + c[i,j] − p[j] ≥ 0
      builder.addSkew(row: x[i][j], column: w[i], 1)
      builder.addSkew(row: x[i][j], column: p[j], -1)
    }
  }
  for j in markets.indices { builder.addConstant(row: p[j], -demand[j]) }  // 0 ≤ p[j] ⊥ Σ_i x[i,j] − b[j] ≥ 0
  return builder.build()
}

/// solver.md §7.4 M1: single-market equilibrium with a free price. Exact answer p = 35, g = d = 150, μ = 10.
func singleMarket() -> MLCP {
  var builder = MLCPBuilder()
  let p = builder.addUnknown("price", kind: .free)
  let g = builder.addUnknown("supply", kind: .complementary)
  let d = builder.addUnknown("demand", kind: .complementary)
  let cap = builder.addUnknown("capacity rent", kind: .complementary)
  builder.addSkew(row: p, column: g, 1)  // clearing: g − d = 0
  builder.addSkew(row: p, column: d, -1)
  builder.add(row: g, column: g, 0.1)  // 10 + 0.1 g − p + μ ≥ 0
  builder.addConstant(row: g, 10)
  builder.addSkew(row: g, column: cap, 1)  // μ-row: 150 − g ≥ 0
  builder.addConstant(row: cap, 150)
  builder.add(row: d, column: d, 0.1)  // p − 50 + 0.1 d ≥ 0
  builder.addConstant(row: d, -50)
  return builder.build()
}

/// A random strictly monotone MLCP: M = LLᵀ + 0.1·I + (K − Kᵀ), `free` free unknowns first. Unique solution.
func randomMonotone(seed: UInt64, size: Int, free: Int, density: Double = 0.15) -> MLCP {
  var random = SplitMix64(seed: seed)
  var builder = MLCPBuilder()
  for i in 0..<size { builder.addUnknown("u[\(i)]", kind: i < free ? .free : .complementary) }
  for i in 0..<size {
    builder.add(row: i, column: i, 0.1)
    builder.addConstant(row: i, random.uniform(-10, 10))
  }
  // L: a few random entries per column; LLᵀ added entry by entry.
  for _ in 0..<size {
    var column: [(Int, Double)] = []
    for i in 0..<size where random.unit() < density { column.append((i, random.uniform(-2, 2))) }
    for (i, a) in column { for (j, b) in column { builder.add(row: i, column: j, a * b) } }
  }
  for i in 0..<size {
    for j in (i + 1)..<size where random.unit() < density { builder.addSkew(row: i, column: j, random.uniform(-3, 3)) }
  }
  return builder.build()
}

/// A random sparse monotone MLCP with NO signature (solver.md §3.10 (b)): M = S + K, banded (couplings within
/// `bandwidth` of the diagonal, so AMD fill stays small at N in the thousands). Each coupling (i, j) is one of:
/// one-sided (M_ij ≠ 0 = M_ji), two independent values (often of the same sign and always of different magnitudes),
/// or a skew pair M_ij = −M_ji. The diagonal is the absolute row sum of the symmetric part plus a random margin in
/// [0.01, 1], so ½(M + Mᵀ) is positive definite: strictly monotone, unique solution. The first `prices` unknowns
/// (free) are price-like instead: zero diagonal and skew couplings only, so J has zero diagonal entries there.
func randomNoSignature(seed: UInt64, size n: Int, free: Int, prices: Int = 0, bandwidth: Int = 8) -> MLCP {
  var random = SplitMix64(seed: seed)
  var builder = MLCPBuilder()
  for i in 0..<n { builder.addUnknown("u[\(i)]", kind: i < free ? .free : .complementary) }
  var symmetricRowSums = [Double](repeating: 0, count: n)
  for i in 0..<n {
    builder.addConstant(row: i, random.uniform(-10, 10))
    for _ in 0..<3 {
      let j = i + 1 + random.index(bandwidth)
      guard j < n else { continue }
      let a = random.uniform(-3, 3)
      let kind = (i < prices || j < prices) ? 2 : random.index(3)
      switch kind {
      case 0:
        builder.add(row: i, column: j, a)
        symmetricRowSums[i] += abs(a) / 2
        symmetricRowSums[j] += abs(a) / 2
      case 1:
        let b = a.sign == .minus ? random.uniform(-3, 0) : random.uniform(0, 3)  // same sign, other magnitude
        builder.add(row: i, column: j, a)
        builder.add(row: j, column: i, b)
        symmetricRowSums[i] += abs(a + b) / 2
        symmetricRowSums[j] += abs(a + b) / 2
      default:
        builder.addSkew(row: i, column: j, a)
      }
    }
  }
  for i in prices..<n { builder.add(row: i, column: i, symmetricRowSums[i] + random.uniform(0.01, 1)) }
  return builder.build()
}

/// A random QP-derived (sign-symmetrisable) MLCP with a feasible, bounded QP: P = LLᵀ + 0.05·I.
func randomQPMLCP(seed: UInt64, variables n: Int, equalities me: Int, inequalities mi: Int) -> MLCP {
  var random = SplitMix64(seed: seed)
  var p = TripletBuilder(rowCount: n, columnCount: n)
  for i in 0..<n { p.append(row: i, column: i, value: 0.05) }
  for _ in 0..<n {
    var column: [(Int, Double)] = []
    for i in 0..<n where random.unit() < 0.2 { column.append((i, random.uniform(-1, 1))) }
    for (i, a) in column { for (j, b) in column where i <= j { p.append(row: i, column: j, value: a * b) } }
  }
  let center = (0..<n).map { _ in random.uniform(-5, 5) }
  var a = TripletBuilder(rowCount: me + mi, columnCount: n)
  var rows = [[Double]](repeating: [Double](repeating: 0, count: n), count: me + mi)
  for r in 0..<(me + mi) {
    for j in 0..<n where random.unit() < 0.3 || j == r % n {
      let value = random.uniform(-2, 2)
      rows[r][j] += value
      a.append(row: r, column: j, value: value)
    }
  }
  let b = (0..<(me + mi)).map { r in
    zip(rows[r], center).reduce(0) { $0 + $1.0 * $1.1 } + (r < me ? 0 : random.uniform(0, 3))
  }
  let qp = CanonicalQP(
    quadratic: try! p.makeCSC(), linear: (0..<n).map { _ in random.uniform(-10, 10) }, constraints: try! a.makeCSC(),
    rightHandSide: b, equalityCount: me)
  return MLCP.fromQP(qp)
}

/// A banded QP-derived MLCP of market size (3000 variables, 500 equality and 4000 inequality rows: N = 7500,
/// about the stacked 24-hour hyperscaler MLCP); dual degenerate (more rows than columns locally).
func bandedQPMLCP(seed: UInt64) -> MLCP {
  var random = SplitMix64(seed: seed)
  let n = 3000, me = 500, mi = 4000
  var p = TripletBuilder(rowCount: n, columnCount: n)
  for i in 0..<n { p.append(row: i, column: i, value: random.uniform(0.01, 1)) }
  let center = (0..<n).map { _ in random.uniform(-5, 5) }
  var a = TripletBuilder(rowCount: me + mi, columnCount: n)
  var b = [Double](repeating: 0, count: me + mi)
  for r in 0..<(me + mi) {
    for _ in 0..<4 {
      let j = ((r % n) + random.index(20)) % n
      let v = random.uniform(-2, 2)
      a.append(row: r, column: j, value: v)
      b[r] += v * center[j]
    }
    if r >= me { b[r] += random.uniform(0, 3) }
  }
  let qp = CanonicalQP(
    quadratic: try! p.makeCSC(), linear: (0..<n).map { _ in random.uniform(-10, 10) }, constraints: try! a.makeCSC(),
    rightHandSide: b, equalityCount: me)
  return MLCP.fromQP(qp)
}

/// Checks a claimed MLCP solution directly on the original data.
func expectSolves(_ problem: MLCP, _ result: MLCPResult, tolerance: Double = 1e-7,
                  sourceLocation: SourceLocation = #_sourceLocation) {
  let f = problem.evaluate(result.values)
  let scale = 1 + Vector.infNorm(problem.constant)
  for i in 0..<problem.dimension {
    if problem.kinds[i] == .free {
      #expect(abs(f[i]) <= tolerance * scale, "free row \(problem.names[i]): F = \(f[i])", sourceLocation: sourceLocation)
    } else {
      let z = result.values[i]
      #expect(z >= -tolerance * scale && f[i] >= -tolerance * scale && abs(min(z, f[i])) <= tolerance * scale,
              "pair \(problem.names[i]): z = \(z), F = \(f[i])", sourceLocation: sourceLocation)
    }
  }
}

@Suite("MLCP interior-point method (solver.md §5)")
struct MLCPTests {
  @Test("G1 transmcp (GAMS model library, Dantzig): unique values to 1e-6")
  func transmcpGolden() {
    let problem = transmcp()
    let result = MLCPSolver.solve(problem)
    #expect(result.status == .solved, "\(result.message)")
    #expect(result.newtonMethod == .signSymmetric)
    func value(_ name: String) -> Double { result.value(named: name)! }
    let tolerance = 1e-6
    expectClose(value("x[seattle,chicago]"), 300, absolute: tolerance, "x[seattle,chicago]")
    expectClose(value("p[new-york]"), 0.225, absolute: tolerance, "p[new-york]")
    expectClose(value("p[chicago]"), 0.153, absolute: tolerance, "p[chicago]")
    expectClose(value("p[topeka]"), 0.126, absolute: tolerance, "p[topeka]")
    expectClose(value("w[seattle]"), 0, absolute: tolerance, "w[seattle]")
    expectClose(value("w[san-diego]"), 0, absolute: tolerance, "w[san-diego]")
    expectClose(value("x[san-diego,topeka]"), 275, absolute: tolerance, "x[san-diego,topeka]")
    expectClose(value("x[seattle,topeka]"), 0, absolute: tolerance, "x[seattle,topeka]")
    expectClose(value("x[san-diego,chicago]"), 0, absolute: tolerance, "x[san-diego,chicago]")
    expectClose(value("x[seattle,new-york]") + value("x[san-diego,new-york]"), 325, absolute: tolerance, "NY shipments")
    let cost = [("seattle", "new-york", 0.225), ("seattle", "chicago", 0.153), ("seattle", "topeka", 0.162),
                ("san-diego", "new-york", 0.225), ("san-diego", "chicago", 0.162), ("san-diego", "topeka", 0.126)]
      .reduce(0.0) { $0 + $1.2 * value("x[\($1.0),\($1.1)]") }
    expectClose(cost, 153.675, absolute: tolerance, "total cost")
    #expect(result.iterations >= 5 && result.iterations <= 30, "iterations \(result.iterations)")
    print("G1 transmcp: \(result.iterations) iterations; \(result.message)")
  }

  @Test("M1 single market with a free price: exact equilibrium, LDLᵀ and dense LU agree to 1e-10")
  func singleMarketExact() {
    let problem = singleMarket()
    let sparse = MLCPSolver.solve(problem)
    var denseSettings = MLCPSettings()
    denseSettings.forceDenseLU = true
    let dense = MLCPSolver.solve(problem, settings: denseSettings)
    #expect(sparse.newtonMethod == .signSymmetric)
    #expect(dense.newtonMethod == .denseLU)
    for result in [sparse, dense] {
      #expect(result.status == .solved, "\(result.message)")
      expectClose(result.value(named: "price")!, 35, absolute: 1e-7, "price")
      expectClose(result.value(named: "supply")!, 150, absolute: 1e-7, "supply")
      expectClose(result.value(named: "demand")!, 150, absolute: 1e-7, "demand")
      expectClose(result.value(named: "capacity rent")!, 10, absolute: 1e-7, "capacity rent")
      #expect(result.strictlyComplementaryPairs == 3 && result.degeneratePairs == 0)
    }
    for i in 0..<problem.dimension {
      expectClose(sparse.values[i], dense.values[i], absolute: 1e-10 * (1 + abs(dense.values[i])), problem.names[i])
    }
  }

  @Test("QP catalogue through the KKT map (§1.3): T1, T3, T4 duals to 1e-7")
  func qpCatalogue() throws {
    // T1 merit order.
    var t1 = Model(name: "T1")
    let g1 = t1.addVariable("g1", upper: 60)
    let g2 = t1.addVariable("g2", upper: 100)
    t1.setObjective(linear: 10 * g1 + 30 * g2)
    let balance1 = t1.addConstraint("balance", g1 + g2, .equal(100))
    let (s1, r1) = try t1.solveAsMLCP()
    #expect(r1.status == .solved, "\(r1.message)")
    expectClose(s1.value(g1), 60, absolute: 1e-7, "T1 g1")
    expectClose(s1.shadowPrice(balance1), 30, absolute: 1e-7, "T1 π(balance)")
    expectClose(s1.reducedCost(g1), -20, absolute: 1e-7, "T1 d(g1)")
    expectClose(s1.objective, 1800, absolute: 1e-6, "T1 objective")
    // T3 quadratic costs with an active capacity bound.
    var t3 = Model(name: "T3")
    let h1 = t3.addVariable("g1", upper: 150)
    let h2 = t3.addVariable("g2", upper: 400)
    t3.setObjective(linear: 10 * h1 + 20 * h2)
    t3.addQuadraticObjectiveTerm(h1, h1, 0.05)
    t3.addQuadraticObjectiveTerm(h2, h2, 0.05)
    let balance3 = t3.addConstraint("balance", h1 + h2, .equal(300))
    let (s3, r3) = try t3.solveAsMLCP()
    #expect(r3.status == .solved, "\(r3.message)")
    expectClose(s3.value(h1), 150, absolute: 1e-7, "T3 g1")
    expectClose(s3.value(h2), 150, absolute: 1e-7, "T3 g2")
    expectClose(s3.shadowPrice(balance3), 35, absolute: 1e-7, "T3 π(balance)")
    expectClose(s3.reducedCost(h1), -10, absolute: 1e-7, "T3 d(g1)")
    expectClose(s3.objective, 6750, absolute: 1e-6, "T3 objective")
    // T4 sign conventions (free x, ≤ and ≥ rows).
    var t4 = Model(name: "T4")
    let x1 = t4.addVariable("x1", lower: -.infinity)
    let x2 = t4.addVariable("x2", lower: -.infinity)
    t4.setObjective(linear: -6 * x1 + 6 * x2 + 18)
    t4.addQuadraticObjectiveTerm(x1, x1, 1)
    t4.addQuadraticObjectiveTerm(x2, x2, 1)
    let c1 = t4.addConstraint("c1", x1.expression, .lessEqual(1))
    let c2 = t4.addConstraint("c2", x2.expression, .greaterEqual(1))
    let (s4, r4) = try t4.solveAsMLCP()
    #expect(r4.status == .solved, "\(r4.message)")
    expectClose(s4.value(x1), 1, absolute: 1e-7, "T4 x1")
    expectClose(s4.value(x2), 1, absolute: 1e-7, "T4 x2")
    expectClose(s4.shadowPrice(c1), -4, absolute: 1e-7, "T4 π(c1)")
    expectClose(s4.shadowPrice(c2), 8, absolute: 1e-7, "T4 π(c2)")
    expectClose(s4.objective, 20, absolute: 1e-6, "T4 objective")
    // Same duals as the QP solver.
    for (model, mlcpSolution) in [(t1, s1), (t3, s3), (t4, s4)] {
      let qp = try model.solve(settings: .priceGrade)
      for c in 0..<model.constraintCount {
        expectClose(mlcpSolution.shadowPrices[c], qp.shadowPrices[c], absolute: 1e-7, "\(model.name) π[\(c)] vs QP")
      }
    }
  }

  @Test("Random strictly monotone MLCPs (static-pivot LU and forced dense LU): residuals and the gap QP agree to 1e-5",
        arguments: [UInt64(11), 12, 13])
  func randomMonotoneProblems(seed: UInt64) throws {
    let problem = randomMonotone(seed: seed, size: 40, free: 8)
    let result = MLCPSolver.solve(problem)
    var denseSettings = MLCPSettings()
    denseSettings.forceDenseLU = true
    let dense = MLCPSolver.solve(problem, settings: denseSettings)
    #expect(result.newtonMethod == .staticPivotLU)
    #expect(dense.newtonMethod == .denseLU)
    let gap = try MLCPSolver.solveGapQP(problem)
    #expect(gap.status == .optimal)
    for run in [result, dense] {
      #expect(run.status == .solved, "\(run.message)")
      expectSolves(problem, run)
      for i in 0..<problem.dimension {
        expectClose(run.values[i], gap.values[i], absolute: 1e-5, relative: 1e-5, "u[\(i)] vs gap QP")
      }
    }
    print("random monotone seed \(seed): \(result.iterations) iterations (LU), \(dense.iterations) (dense)")
  }

  @Test("No signature, N = 3000 with a free block: static-pivot LU, no dense fallback (price rows: luGrowth reported)",
        arguments: [(UInt64(7), 0), (UInt64(8), 60)])
  func staticPivotLarge(seed: UInt64, prices: Int) {
    let problem = randomNoSignature(seed: seed, size: 3000, free: 300, prices: prices)
    #expect(MLCPSignature.detect(MLCPScaling(problem: problem, settings: MLCPSettings()).matrix) == nil)
    let result = MLCPSolver.solve(problem)
    #expect(result.status == .solved, "\(result.message)")
    #expect(result.newtonMethod == .staticPivotLU)
    #expect(result.denseFallbacks == 0)
    #expect(result.iterations <= 30)
    expectSolves(problem, result)
    if prices > 0 {
      // Pivots equal to δ on the zero diagonal: growth ≈ 1/δ, but refinement against J still reaches 1e-10.
      #expect(result.warnings.contains { $0.hasPrefix("luGrowth") && $0.contains("above denseLimit") })
    } else {
      #expect(result.warnings.isEmpty, "\(result.warnings)")
    }
    print("no-signature N = 3000, \(prices) price rows: \(result.iterations) iterations, \(result.solveSeconds) s")
  }

  @Test("No signature, N = 300: static-pivot LU and dense LU agree to 1e-8; growth is reported, refinement decides",
        arguments: [UInt64(3), 4])
  func staticPivotAgreesWithDense(seed: UInt64) {
    var denseSettings = MLCPSettings()
    denseSettings.forceDenseLU = true
    for prices in [0, 10] {
      let problem = randomNoSignature(seed: seed, size: 300, free: 30, prices: prices)
      let lu = MLCPSolver.solve(problem)
      let dense = MLCPSolver.solve(problem, settings: denseSettings)
      #expect(lu.newtonMethod == .staticPivotLU)
      #expect(dense.newtonMethod == .denseLU)
      // Refinement reaches 1e-10 at every iteration, so no solve needs the dense LU, even where zero-diagonal free
      // rows give pivots δ and growth ≈ 1/δ > 1e10 (then reported as luGrowth).
      #expect(lu.denseFallbacks == 0)
      if prices > 0 { #expect(lu.warnings.contains { $0.hasPrefix("luGrowth") }) }
      for result in [lu, dense] {
        #expect(result.status == .solved, "\(result.message)")
        expectSolves(problem, result)
        for i in 0..<problem.dimension {
          expectClose(result.values[i], dense.values[i], absolute: 1e-8, relative: 1e-8, problem.names[i])
        }
      }
      print("no-signature N = 300, \(prices) price rows, seed \(seed): LU \(lu.iterations) iterations, "
        + "dense \(dense.iterations)")
    }
  }

  @Test("preferStaticPivotLU: G1 transmcp and M1 give the answers of the sign-symmetric route")
  func preferStaticPivot() {
    var settings = MLCPSettings()
    settings.preferStaticPivotLU = true
    for problem in [transmcp(), singleMarket()] {
      let reference = MLCPSolver.solve(problem)
      let result = MLCPSolver.solve(problem, settings: settings)
      #expect(reference.newtonMethod == .signSymmetric)
      #expect(result.newtonMethod == .staticPivotLU)
      #expect(result.status == .solved, "\(result.message)")
      // transmcp's split of the New York demand between the plants is not unique (only the sum is, §9.7 G1).
      let split = ["x[seattle,new-york]", "x[san-diego,new-york]"]
      for i in 0..<problem.dimension where !split.contains(problem.names[i]) {
        expectClose(result.values[i], reference.values[i], absolute: 1e-7, problem.names[i])
      }
      if problem.names.contains(split[0]) {
        let sum = { (r: MLCPResult) in r.value(named: split[0])! + r.value(named: split[1])! }
        expectClose(sum(result), sum(reference), absolute: 1e-7, "NY shipments")
      }
      print("prefer static-pivot LU: \(result.iterations) iterations (LDLᵀ \(reference.iterations)), "
        + "\(result.denseFallbacks) dense fallbacks, \(result.warnings)")
    }
    let g1 = MLCPSolver.solve(transmcp(), settings: settings)
    expectClose(g1.value(named: "p[new-york]")!, 0.225, absolute: 1e-6, "p[new-york]")
    expectClose(g1.value(named: "x[san-diego,topeka]")!, 275, absolute: 1e-6, "x[san-diego,topeka]")
  }

  @Test("forceDenseLU above denseLimit is a numerical_error that points to the sparse methods")
  func forceDenseTooLarge() {
    var settings = MLCPSettings()
    settings.forceDenseLU = true
    settings.denseLimit = 100
    let result = MLCPSolver.solve(randomNoSignature(seed: 1, size: 150, free: 10), settings: settings)
    #expect(result.status == .numericalError)
    #expect(result.message.contains("forceDenseLU") && result.message.contains("static-pivot LU"), "\(result.message)")
  }

  @Test("Random QP-derived MLCPs (sign-symmetric LDLᵀ route): residuals, QP solver and gap QP agree",
        arguments: [UInt64(21), 22, 23])
  func randomQPProblems(seed: UInt64) throws {
    let problem = randomQPMLCP(seed: seed, variables: 30, equalities: 5, inequalities: 25)
    let result = MLCPSolver.solve(problem)
    #expect(result.status == .solved, "\(result.message)")
    #expect(result.newtonMethod == .signSymmetric)
    #expect(result.monotonicityViolations.isEmpty)
    expectSolves(problem, result)
    let gap = try MLCPSolver.solveGapQP(problem)
    #expect(gap.status == .optimal)
    // x is unique (P ≻ 0); multipliers need not be, so compare the primal part.
    for i in 0..<30 { expectClose(result.values[i], gap.values[i], absolute: 1e-5, relative: 1e-5, "x[\(i)] vs gap QP") }
    print("random QP-MLCP seed \(seed): \(result.iterations) iterations, dense fallbacks \(result.denseFallbacks)")
  }

  @Test("Market-size sign-symmetric MLCP (N = 7500): sparse LDLᵀ, solved, no dense fallback")
  func marketSize() {
    let problem = bandedQPMLCP(seed: 99)
    let result = MLCPSolver.solve(problem)
    #expect(result.status == .solved, "\(result.message)")
    #expect(result.newtonMethod == .signSymmetric)
    #expect(result.iterations <= 30)
    expectSolves(problem, result)
    print("banded QP-MLCP N = \(problem.dimension): \(result.iterations) iterations, \(result.solveSeconds) s")
  }

  @Test("A non-monotone M is reported with the unknown named; allowNonMonotone solves it with the dense LU")
  func nonMonotone() {
    // M = [1 3; 0 1]: a P-matrix (unique solution (0, 1) for q = (−1, −1)) whose symmetric part is indefinite.
    var builder = MLCPBuilder()
    let a = builder.addUnknown("left", kind: .complementary)
    let b = builder.addUnknown("right", kind: .complementary)
    builder.add(row: a, column: a, 1)
    builder.add(row: a, column: b, 3)
    builder.add(row: b, column: b, 1)
    builder.addConstant(row: a, -1)
    builder.addConstant(row: b, -1)
    let problem = builder.build()
    let result = MLCPSolver.solve(problem)
    #expect(result.status == .nonMonotone)
    #expect(result.message.contains("'left'") && result.message.contains("'right'"), "\(result.message)")
    var settings = MLCPSettings()
    settings.allowNonMonotone = true
    let forced = MLCPSolver.solve(problem, settings: settings)
    #expect(forced.status == .solved, "\(forced.message)")
    #expect(forced.newtonMethod == .denseLU)
    #expect(forced.warnings.contains { $0.contains("not monotone") })
    expectClose(forced.value(named: "left")!, 0, absolute: 1e-8, "left")
    expectClose(forced.value(named: "right")!, 1, absolute: 1e-8, "right")
  }

  @Test("An infeasible MLCP names the conflicting rows")
  func infeasible() {
    var builder = MLCPBuilder()
    let price = builder.addUnknown("clearing", kind: .free)
    let supply = builder.addUnknown("supply", kind: .complementary)
    builder.addSkew(row: price, column: supply, 1)  // clearing row: supply + 10 = 0, impossible with supply ≥ 0
    builder.addConstant(row: price, 10)
    builder.addConstant(row: supply, 1)
    let result = MLCPSolver.solve(builder.build())
    #expect(result.status == .infeasible, "\(result.message)")
    #expect(result.message.contains("clearing") && result.message.contains("supply"), "\(result.message)")
    #expect(result.infeasibility?.constraints.contains { $0.name == "clearing" } == true)
  }

  @Test("Starts ϱ×1, ×10, ×100 and random positive starts reach the same unique solution")
  func startsAgree() {
    let problem = randomMonotone(seed: 5, size: 30, free: 5)
    var reference: [Double]?
    var configurations: [MLCPSettings] = []
    for scale in [1.0, 10, 100] {
      var settings = MLCPSettings()
      settings.startScale = scale
      configurations.append(settings)
    }
    for seed in [UInt64(1), 2] {
      var settings = MLCPSettings()
      settings.randomStartSeed = seed
      configurations.append(settings)
    }
    for settings in configurations {
      let result = MLCPSolver.solve(problem, settings: settings)
      #expect(result.status == .solved, "\(result.message)")
      if let reference {
        for i in 0..<problem.dimension {
          expectClose(result.values[i], reference[i], absolute: 1e-7, relative: 1e-7, "u[\(i)]")
        }
      } else {
        reference = result.values
      }
    }
  }

  @Test("Iteration limit is honoured")
  func iterationLimit() {
    var settings = MLCPSettings()
    settings.maxIterations = 2
    let result = MLCPSolver.solve(transmcp(), settings: settings)
    #expect(result.status == .iterationLimit)
    #expect(result.iterations == 2)
    #expect(result.message.hasPrefix("iteration_limit"))
  }
}

/// Non-finite data are rejected before any factorisation, naming the entry.
@Test func nonFiniteDataAreNamed() {
  var builder = MLCPBuilder()
  let price = builder.addUnknown("price", kind: .free)
  let supply = builder.addUnknown("supply", kind: .complementary)
  builder.addSkew(row: price, column: supply, 1)
  builder.add(row: supply, column: supply, .nan)
  builder.addConstant(row: price, -10)
  let result = MLCPSolver.solve(builder.build())
  #expect(result.status == .numericalError)
  #expect(result.message.contains("'supply'") && result.message.contains("nan"), "\(result.message)")
}
