import SparseAlgebra
import Testing

@testable import Optimization

/// Builds a canonical problem from dense rows (test helper).
func canonical(
  p: [[Double]] = [], q: [Double], a: [[Double]], b: [Double], equalities: Int, constant: Double = 0
) throws -> CanonicalQP {
  let n = q.count
  var at = TripletBuilder(rowCount: a.count, columnCount: n)
  for (i, row) in a.enumerated() { for (j, v) in row.enumerated() where v != 0 { at.append(row: i, column: j, value: v) } }
  var pt = TripletBuilder(rowCount: n, columnCount: n)
  for (i, row) in p.enumerated() { for (j, v) in row.enumerated() where v != 0 && i <= j { pt.append(row: i, column: j, value: v) } }
  return CanonicalQP(
    quadratic: try pt.makeCSC(), linear: q, constraints: try at.makeCSC(), rightHandSide: b, equalityCount: equalities,
    objectiveConstant: constant)
}

@Suite("Canonical QP solver (solver.md §7.4, canonical form)")
struct CanonicalQPTests {
  /// T1: min 10g1 + 30g2, g1 + g2 = 100, 0 ≤ g1 ≤ 60, 0 ≤ g2 ≤ 100 → g = (60, 40), z = (−30 | 20, 0 | 0, 0).
  @Test func meritOrderDispatchT1() throws {
    let problem = try canonical(
      q: [10, 30], a: [[1, 1], [1, 0], [0, 1], [-1, 0], [0, -1]], b: [100, 60, 100, 0, 0], equalities: 1)
    for equilibrate in [true, false] {
      var settings = QPSettings()
      settings.equilibrate = equilibrate
      let solution = try QPSolver.solve(problem, settings: settings)
      #expect(solution.status == .optimal)
      #expect(abs(solution.objective - 1800) <= 1800 * 1e-9)
      #expect(abs(solution.x[0] - 60) <= 1e-8 && abs(solution.x[1] - 40) <= 1e-8)
      let expectedZ = [-30.0, 20, 0, 0, 0]
      for (got, want) in zip(solution.z, expectedZ) { #expect(abs(got - want) <= 1e-8, "z \(solution.z)") }
    }
  }
}
