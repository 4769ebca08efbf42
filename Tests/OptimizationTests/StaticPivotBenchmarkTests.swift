import Foundation
import SparseAlgebra
import Testing

@testable import Optimization

/// Timing of the static-pivot LU (§3.10 (b)) against the dense LU on the N = 3000 no-signature MLCP. Off by default:
/// MLCP_LU_BENCH=1 runs it (add MLCP_LU_BENCH_DENSE_SOLVE=1 for the full dense-LU solve, minutes in a debug build).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["MLCP_LU_BENCH"] == "1"))
struct StaticPivotBenchmarkTests {
  static func seconds(_ body: () -> Void) -> Double {
    let clock = ContinuousClock()
    let start = clock.now
    body()
    let elapsed = clock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
  }

  @Test("N = 3000 no-signature MLCP: static-pivot LU vs dense LU")
  func benchmark() throws {
    let problem = randomNoSignature(seed: 7, size: 3000, free: 300)
    let lu = MLCPSolver.solve(problem)
    #expect(lu.status == .solved && lu.newtonMethod == .staticPivotLU)
    print("BENCH static-pivot LU solve: \(lu.iterations) iterations, \(lu.solveSeconds) s")
    // One factorisation + one refined solve of J = M̃ + diag(0, w/z) each way.
    let scaled = MLCPScaling(problem: problem, settings: MLCPSettings()).matrix
    var random = SplitMix64(seed: 1)
    let diagonal = (0..<problem.dimension).map { problem.kinds[$0] == .free ? 0 : random.uniform(1e-3, 1e3) }
    let rhs = (0..<problem.dimension).map { _ in random.uniform(-1, 1) }
    var solution = [Double](repeating: 0, count: problem.dimension)
    var factor: StaticPivotFactor?
    let analyse = Self.seconds { factor = try? StaticPivotFactor(matrix: scaled, delta: 1e-12) }
    let sparseFactor = Self.seconds { for _ in 0..<10 { _ = try? factor!.factor(adding: diagonal) } } / 10
    var residual = 0.0
    let sparseSolve = Self.seconds { residual = factor!.solve(rhs, into: &solution) }
    print("BENCH static-pivot LU: analysis \(analyse) s, factor \(sparseFactor) s, refined solve \(sparseSolve) s "
      + "(residual \(residual)), nnz(L) = \(factor!.factorNonzeros)")
    let dense = DenseLU(dimension: problem.dimension)
    let denseFactor = Self.seconds { _ = dense.factor(scaled, diagonal: diagonal) }
    var denseSolution = rhs
    let denseSolve = Self.seconds { dense.solve(&denseSolution) }
    print("BENCH dense LU: factor \(denseFactor) s, solve \(denseSolve) s; factor ratio dense/sparse "
      + "\(denseFactor / sparseFactor)")
    if ProcessInfo.processInfo.environment["MLCP_LU_BENCH_DENSE_SOLVE"] == "1" {
      var settings = MLCPSettings()
      settings.forceDenseLU = true
      settings.denseLimit = problem.dimension
      let denseRun = MLCPSolver.solve(problem, settings: settings)
      print("BENCH dense LU solve: \(denseRun.status) in \(denseRun.iterations) iterations, \(denseRun.solveSeconds) s; "
        + "ratio dense/static-pivot \(denseRun.solveSeconds / lu.solveSeconds)")
      for i in 0..<problem.dimension {
        expectClose(denseRun.values[i], lu.values[i], absolute: 1e-8, relative: 1e-8, problem.names[i])
      }
    }
  }
}
