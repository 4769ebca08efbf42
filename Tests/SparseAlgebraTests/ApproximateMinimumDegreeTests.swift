import SparseAlgebra
import Testing

/// Exact minimum degree on the explicit elimination graph, lowest index first among equal degrees.
/// Returns nnz(L) strictly below the diagonal: the sum of the degrees at elimination.
private func exactMinimumDegreeFill(_ upper: CSCMatrix) -> Int {
  let n = upper.columnCount
  var adjacent = [Bool](repeating: false, count: n * n)
  var degree = [Int](repeating: 0, count: n)
  for column in 0..<n {
    for entry in Int(upper.columnStarts[column])..<Int(upper.columnStarts[column + 1]) {
      let row = Int(upper.rowIndices[entry])
      if row != column && !adjacent[row * n + column] {
        adjacent[row * n + column] = true
        adjacent[column * n + row] = true
        degree[row] += 1
        degree[column] += 1
      }
    }
  }
  var eliminated = [Bool](repeating: false, count: n)
  var fill = 0
  for _ in 0..<n {
    var pivot = -1
    for node in 0..<n where !eliminated[node] && (pivot == -1 || degree[node] < degree[pivot]) { pivot = node }
    let neighbours = (0..<n).filter { !eliminated[$0] && adjacent[pivot * n + $0] }
    fill += neighbours.count
    for a in neighbours {
      degree[a] -= 1
      for b in neighbours where b != a && !adjacent[a * n + b] {
        adjacent[a * n + b] = true
        degree[a] += 1
      }
    }
    eliminated[pivot] = true
  }
  return fill
}

@Suite struct ApproximateMinimumDegreeTests {
  @Test func validPermutationOnRandomPatterns() throws {
    var rng = SplitMix64(seed: 42)
    for trial in 0..<150 {
      let n = Int.random(in: 0...70, using: &rng)
      let density = [0.0, 0.02, 0.05, 0.1, 0.3, 0.6][trial % 6]
      let stored = StoredTriangle.allCases[trial % 3]
      let pattern = try randomSymmetricPattern(dimension: n, density: density, stored: stored, using: &rng)
      let settings = AMDSettings(denseFactor: trial % 5 == 0 ? 1 : 10, aggressiveAbsorption: trial % 2 == 0)
      let permutation = ApproximateMinimumDegree.ordering(of: pattern, settings: settings)
      #expect(isPermutation(permutation, dimension: n), "trial \(trial), n = \(n)")
      if n > 0 {
        let upper = try symmetricUpper(pattern)
        let amd = factorNonzeros(upper, permutation: permutation)
        // Any order has at least the edges of the graph; a sane order never exceeds the complete factor.
        #expect(amd >= upper.nonzeroCount - n && amd <= n * (n - 1) / 2, "trial \(trial)")
      }
    }
  }

  @Test func smallAndDegenerateCases() throws {
    #expect(ApproximateMinimumDegree.ordering(of: .zeros(rowCount: 0, columnCount: 0)).isEmpty)
    #expect(ApproximateMinimumDegree.ordering(of: .identity(1)) == [0])
    #expect(ApproximateMinimumDegree.ordering(of: .zeros(rowCount: 1, columnCount: 1)) == [0])
    // Diagonal only: every row is empty, so the order is the identity.
    #expect(ApproximateMinimumDegree.ordering(of: .identity(7)) == (0..<7).map { Int32($0) })
    // Empty rows come first, in index order.
    var builder = TripletBuilder(rowCount: 6, columnCount: 6)
    builder.append(row: 0, column: 2, value: 1)
    builder.append(row: 2, column: 4, value: 1)
    builder.append(row: 5, column: 5, value: 1)
    let permutation = ApproximateMinimumDegree.ordering(of: try builder.makeCSC())
    #expect(isPermutation(permutation, dimension: 6))
    #expect(Array(permutation.prefix(3)) == [1, 3, 5])
    // A path 0 – 2 – 4: the middle node has degree 2, so it must not come first.
    #expect(permutation[3] != 2)
  }

  @Test func disconnectedComponentsKeepTheirFill() throws {
    // Three disjoint 8×8 grids placed along the diagonal: fill is the sum over components.
    let k = 8
    let block = try gridLaplacianUpper(k)
    let size = k * k
    var builder = TripletBuilder(rowCount: 3 * size, columnCount: 3 * size)
    for copy in 0..<3 {
      for column in 0..<size {
        for entry in Int(block.columnStarts[column])..<Int(block.columnStarts[column + 1]) {
          builder.append(row: copy * size + Int(block.rowIndices[entry]), column: copy * size + column, value: 1)
        }
      }
    }
    let pattern = try builder.makeCSC()
    let permutation = ApproximateMinimumDegree.ordering(of: pattern)
    #expect(isPermutation(permutation, dimension: 3 * size))
    let fill = factorNonzeros(pattern, permutation: permutation)
    #expect(fill <= Int(1.25 * Double(3 * exactMinimumDegreeFill(block))))
  }

  @Test func deterministic() throws {
    var rng = SplitMix64(seed: 7)
    let pattern = try randomSymmetricPattern(dimension: 400, density: 0.01, stored: .both, using: &rng)
    let first = ApproximateMinimumDegree.ordering(of: pattern)
    let second = ApproximateMinimumDegree.ordering(of: pattern)
    #expect(first == second)
    let grid = try gridLaplacianUpper(15)
    #expect(ApproximateMinimumDegree.ordering(of: grid) == ApproximateMinimumDegree.ordering(of: grid))
  }

  @Test func exactMinimumDegreeReferenceReproducesSpecValues() throws {
    #expect(exactMinimumDegreeFill(try gridLaplacianUpper(10)) == 556)
    #expect(exactMinimumDegreeFill(try gridLaplacianUpper(20)) == 3329)
    #expect(exactMinimumDegreeFill(try gridLaplacianUpper(30)) == 9451)
  }

  @Test(arguments: [(10, 0.70, 556), (20, 0.50, 3329), (30, 0.42, 9451)])
  func reducesFillOnGrids(k: Int, maximumRatio: Double, exactReference: Int) throws {
    let grid = try gridLaplacianUpper(k)
    let natural = (k - 1) * (k * k + 1)
    for aggressive in [true, false] {
      let permutation = ApproximateMinimumDegree.ordering(
        of: grid, settings: AMDSettings(aggressiveAbsorption: aggressive))
      #expect(isPermutation(permutation, dimension: k * k))
      let fill = factorNonzeros(grid, permutation: permutation)
      #expect(Double(fill) <= maximumRatio * Double(natural), "k = \(k), fill \(fill), natural \(natural)")
      #expect(Double(fill) <= 1.25 * Double(exactReference), "k = \(k), fill \(fill), exact MD \(exactReference)")
    }
  }

  @Test func denseRowIsOrderedLast() throws {
    let n = 1000
    var builder = TripletBuilder(rowCount: n, columnCount: n)
    for node in 0..<n {
      builder.append(row: node, column: node, value: 1)
      if node > 0 { builder.append(row: 0, column: node, value: 1) }
    }
    let arrow = try builder.makeCSC()
    let permutation = ApproximateMinimumDegree.ordering(of: arrow)
    #expect(isPermutation(permutation, dimension: n))
    #expect(permutation.last == 0)
    #expect(factorNonzeros(arrow, permutation: permutation) == n - 1)
    #expect(factorNonzeros(arrow, permutation: (0..<n).map { Int32($0) }) == n * (n - 1) / 2)
    // Without dense-row detection the hub still goes last: every leaf has degree 1 and is eliminated first.
    let plain = ApproximateMinimumDegree.ordering(of: arrow, settings: AMDSettings(denseFactor: -1))
    #expect(isPermutation(plain, dimension: n))
    #expect(factorNonzeros(arrow, permutation: plain) == n - 1)
  }

  @Test func indistinguishableColumnsFormSupervariables() throws {
    // A 6×6 grid where every node is replaced by a clique of 4 (Kronecker product with a full 4×4 block):
    // the copies of a node are indistinguishable, and merging them must not cost quality.
    let k = 6
    let copies = 4
    let grid = try gridLaplacianUpper(k)
    let n = k * k * copies
    var builder = TripletBuilder(rowCount: n, columnCount: n)
    for column in 0..<k * k {
      for entry in Int(grid.columnStarts[column])..<Int(grid.columnStarts[column + 1]) {
        let row = Int(grid.rowIndices[entry])
        for a in 0..<copies {
          for b in 0..<copies {
            let i = row * copies + a
            let j = column * copies + b
            builder.append(row: min(i, j), column: max(i, j), value: 1)
          }
        }
      }
    }
    let pattern = try builder.makeCSC()
    let permutation = ApproximateMinimumDegree.ordering(of: pattern)
    #expect(isPermutation(permutation, dimension: n))
    let fill = factorNonzeros(pattern, permutation: permutation)
    #expect(Double(fill) <= 1.25 * Double(exactMinimumDegreeFill(pattern)), "fill \(fill)")
    #expect(fill < factorNonzeros(pattern, permutation: (0..<n).map { Int32($0) }))
  }
}
