import Optimization
import SparseAlgebra


/// The kinds of generated benchmark QP.
enum BenchKind: String, CaseIterable {
  /// DC-OPF-shaped network QP on a k×k grid (B-θ form): balance equalities, flow definitions, bounded flows,
  /// generators with quadratic costs.
  case grid
  /// Random sparse QP with a planted, strictly complementary optimum (x*, y*, z*).
  case random
}

/// A generated instance: the model and what it is.
struct BenchInstance {
  var name: String
  var kind: BenchKind
  var nominalSize: Int
  var model: Model
}

enum BenchGenerator {
  static func make(_ kind: BenchKind, size: Int, seed: UInt64 = 20_251_126) -> BenchInstance {
    let model: Model
    switch kind {
    case .grid: model = grid(size: size, seed: seed)
    case .random: model = random(size: size, seed: seed)
    }
    return BenchInstance(name: "\(kind.rawValue)-\(size)", kind: kind, nominalSize: size, model: model)
  }

  /// DC-OPF-like QP on a k×k grid, k chosen so that the variable count 4k² − 2k is close to `size`.
  ///
  /// Buses (r, c) with demand d ∈ [50, 150) MW and one generator p ∈ [0, Pmax], Pmax ≥ d, cost c₁p + c₂p² with
  /// c₁ falling from west (≈ 50 $/MWh) to east (≈ 10 $/MWh) plus noise and c₂ ∈ [0.005, 0.05): cheap power flows west
  /// and congests lines. Lines between grid neighbours with B ∈ [500, 2000) MW/rad and limits |f| ≤ F ∈ [30, 120)
  /// MW. Angle θ₀ = 0 (reference), other angles free. Rows, written so that π(balance[r,c]) is the LMP:
  ///
  ///     balance[r,c]:  p[r,c] − Σ_{ℓ from (r,c)} f[ℓ] + Σ_{ℓ to (r,c)} f[ℓ] = d[r,c]
  ///     flowdef[ℓ]:    f[ℓ] − B_ℓ (θ[from] − θ[to]) = 0
  ///
  /// Always feasible (p = d, f = 0, θ = 0).
  static func grid(size: Int, seed: UInt64) -> Model {
    var rng = SplitMix64(seed: seed ^ 0x6772_6964)
    var k = 2
    while 4 * (k + 1) * (k + 1) - 2 * (k + 1) <= size { k += 1 }
    let busCount = k * k
    var model = Model(name: "grid\(size)")
    var theta: [Variable] = []
    var power: [Variable] = []
    var demand: [Double] = []
    theta.reserveCapacity(busCount)
    for r in 0..<k {
      for c in 0..<k {
        let isReference = r == 0 && c == 0
        theta.append(
          model.addVariable(Name("theta", r, c), lower: isReference ? 0 : -.infinity, upper: isReference ? 0 : .infinity))
      }
    }
    for r in 0..<k {
      for c in 0..<k {
        let d = rng.uniform(50, 150)
        demand.append(d)
        let p = model.addVariable(Name("p", r, c), lower: 0, upper: d * rng.uniform(1.0, 3.0))
        power.append(p)
        let westToEast = Double(c) / Double(max(k - 1, 1))
        model.setObjectiveCoefficient(p, 50 - 40 * westToEast + rng.uniform(-5, 5))
        model.addQuadraticObjectiveTerm(p, p, rng.uniform(0.005, 0.05))
      }
    }
    // Lines: horizontal (r,c)→(r,c+1) and vertical (r,c)→(r+1,c).
    var balance = [LinearExpression](repeating: LinearExpression(), count: busCount)
    for b in 0..<busCount { balance[b].add(power[b], 1) }
    var lineIndex = 0
    func addLine(_ from: Int, _ to: Int) {
      let limit = rng.uniform(30, 120)
      let susceptance = rng.uniform(500, 2000)
      let f = model.addVariable(Name("f", lineIndex), lower: -limit, upper: limit)
      balance[from].add(f, -1)
      balance[to].add(f, 1)
      var definition = LinearExpression(f)
      definition.add(theta[from], -susceptance)
      definition.add(theta[to], susceptance)
      model.addConstraint(Name("flowdef", lineIndex), definition, .equal(0))
      lineIndex += 1
    }
    for r in 0..<k {
      for c in 0..<k {
        if c + 1 < k { addLine(r * k + c, r * k + c + 1) }
        if r + 1 < k { addLine(r * k + c, (r + 1) * k + c) }
      }
    }
    for r in 0..<k {
      for c in 0..<k { model.addConstraint(Name("balance", r, c), balance[r * k + c], .equal(demand[r * k + c])) }
    }
    return model
  }

  /// Random sparse QP with n = `size` variables and a planted optimum.
  ///
  /// - P = D + BᵀB, D = diag(U[0.1, 1)), B with n/2 rows of 3 entries N(0,1)-ish in U[−1, 1).
  /// - n/4 equality rows and n/4 ≤ rows with 4 entries in U[−1, 1) each.
  /// - Every entry of a row of A or B lies in a random window of 60 consecutive columns: "random" in values and
  ///   placement, yet with bounded fill, so that a direct factorisation at 10⁵ variables stays possible for every
  ///   solver (a uniformly random pattern fills in almost completely).
  /// - Bounds x ∈ [−U[1,5), U[1,5)]. At x*: every fifth variable (j % 5 == 0) sits at a bound (lower and upper
  ///   alternately), the rest strictly inside. Rows of A never touch those bound variables, so the active bounds and
  ///   the active rows have linearly independent gradients (with random values and 4 entries per row, a rank
  ///   deficiency among the rows themselves is improbable) and the planted duals are the unique ones; half of the ≤ rows active with z* ∈ [0.5, 2), the other half with slack in [0.1, 1);
  ///   y*_E ∈ [−1, 1), bound multipliers ∈ [0.5, 2).
  /// - q = −Px* − A_Eᵀy* − A_Iᵀz* + λ_lower − λ_upper, so (x*, y*, z*, λ) satisfies the KKT conditions strictly
  ///   complementarily; with fewer active constraints than variables the duals are unique generically.
  static func random(size n: Int, seed: UInt64) -> Model {
    var rng = SplitMix64(seed: seed ^ 0x7261_6E64)
    let window = min(60, n)
    precondition(n >= 10, "random QP needs at least 10 variables")
    var model = Model(name: "random\(n)")
    var lower = [Double](repeating: 0, count: n)
    var upper = [Double](repeating: 0, count: n)
    var xStar = [Double](repeating: 0, count: n)
    var gradient = [Double](repeating: 0, count: n)  // accumulates Px* + Aᵀy − λ_l + λ_u; q = −gradient
    var x: [Variable] = []
    x.reserveCapacity(n)
    for j in 0..<n {
      lower[j] = -rng.uniform(1, 5)
      upper[j] = rng.uniform(1, 5)
      x.append(model.addVariable(Name("x", j), lower: lower[j], upper: upper[j]))
      if j % 10 == 0 {
        xStar[j] = lower[j]
        gradient[j] -= rng.uniform(0.5, 2)  // −λ_lower
      } else if j % 10 == 5 {
        xStar[j] = upper[j]
        gradient[j] += rng.uniform(0.5, 2)  // +λ_upper
      } else {
        xStar[j] = lower[j] + (upper[j] - lower[j]) * rng.uniform(0.1, 0.9)
      }
    }
    /// `count` distinct columns of one random window; `interiorOnly` skips the bound variables (j % 5 == 0).
    func windowColumns(_ count: Int, interiorOnly: Bool = false) -> [Int] {
      let start = rng.index(n - window + 1)
      var columns: [Int] = []
      while columns.count < count {
        let column = start + rng.index(window)
        if interiorOnly && column % 5 == 0 { continue }
        if !columns.contains(column) { columns.append(column) }
      }
      return columns.sorted()
    }
    // Quadratic objective ½xᵀ(D + BᵀB)x.
    for j in 0..<n {
      let d = rng.uniform(0.1, 1)
      model.addQuadraticObjectiveTerm(x[j], x[j], d / 2)
      gradient[j] += d * xStar[j]
    }
    for _ in 0..<(n / 2) {
      let columns = windowColumns(3)
      let values = columns.map { _ in rng.uniform(-1, 1) }
      var rowValue = 0.0
      for (column, value) in zip(columns, values) { rowValue += value * xStar[column] }
      for (a, (ca, va)) in zip(columns, values).enumerated() {
        gradient[ca] += va * rowValue
        model.addQuadraticObjectiveTerm(x[ca], x[ca], va * va / 2)
        for (cb, vb) in zip(columns, values).dropFirst(a + 1) { model.addQuadraticObjectiveTerm(x[ca], x[cb], va * vb) }
      }
    }
    // Rows.
    for i in 0..<(n / 4) {
      let columns = windowColumns(4, interiorOnly: true)
      var expression = LinearExpression()
      var activity = 0.0
      let y = rng.uniform(-1, 1)
      for column in columns {
        let value = rng.uniform(-1, 1)
        expression.add(x[column], value)
        activity += value * xStar[column]
        gradient[column] += value * y
      }
      model.addConstraint(Name("eq", i), expression, .equal(activity))
    }
    for i in 0..<(n / 4) {
      let columns = windowColumns(4, interiorOnly: true)
      var expression = LinearExpression()
      var activity = 0.0
      let active = i % 2 == 0
      let z = active ? rng.uniform(0.5, 2) : 0
      for column in columns {
        let value = rng.uniform(-1, 1)
        expression.add(x[column], value)
        activity += value * xStar[column]
        gradient[column] += value * z
      }
      model.addConstraint(Name("le", i), expression, .lessEqual(active ? activity : activity + rng.uniform(0.1, 1)))
    }
    for j in 0..<n { model.setObjectiveCoefficient(x[j], -gradient[j]) }
    return model
  }
}
