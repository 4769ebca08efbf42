import SparseAlgebra
import Testing

/// Dense boolean symbolic elimination: the pattern of L (strictly lower) of the symmetric matrix `upper`.
private func denseSymbolicFactor(_ upper: CSCMatrix) -> [[Bool]] {
  let n = upper.columnCount
  var pattern = [[Bool]](repeating: [Bool](repeating: false, count: n), count: n)  // pattern[i][j], i > j
  for column in 0..<n {
    for entry in Int(upper.columnStarts[column])..<Int(upper.columnStarts[column + 1]) {
      let row = Int(upper.rowIndices[entry])
      if row < column { pattern[column][row] = true }
    }
  }
  for j in 0..<n {
    let below = (j + 1..<n).filter { pattern[$0][j] }
    for a in below {
      for b in below where b < a { pattern[a][b] = true }
    }
  }
  return pattern
}

@Suite struct EliminationTreeTests {
  @Test(arguments: [(10, 909), (20, 7619), (30, 26129)])
  func gridLaplacianInNaturalOrderFillsTheEnvelope(k: Int, expected: Int) throws {
    #expect((k - 1) * (k * k + 1) == expected)
    let tree = EliminationTree(upperTriangle: try gridLaplacianUpper(k))
    #expect(tree.factorNonzeros == expected)
    #expect(tree.columnStarts.count == k * k + 1)
    #expect(tree.columnStarts.last.map(Int.init) == expected)
    // Natural order of a grid gives a path: every column's parent is the next column.
    #expect(tree.parent == (0..<k * k).map { $0 + 1 < k * k ? Int32($0 + 1) : -1 })
  }

  @Test func matchesDenseSymbolicEliminationOnRandomMatrices() throws {
    var rng = SplitMix64(seed: 0x5EED_0001)
    for trial in 0..<60 {
      let n = Int.random(in: 0...24, using: &rng)
      let density = [0.05, 0.1, 0.2, 0.4][trial % 4]
      let upper = try randomSymmetricPattern(dimension: n, density: density, stored: .upper, using: &rng)
      let tree = EliminationTree(upperTriangle: upper)
      let dense = denseSymbolicFactor(upper)
      var expectedCounts = [Int32](repeating: 0, count: n)
      var expectedParent = [Int32](repeating: -1, count: n)
      for j in 0..<n {
        for i in j + 1..<max(n, j + 1) where dense[i][j] {
          expectedCounts[j] += 1
          if expectedParent[j] == -1 { expectedParent[j] = Int32(i) }
        }
      }
      #expect(tree.columnCounts == expectedCounts, "trial \(trial)")
      #expect(tree.parent == expectedParent, "trial \(trial)")
      #expect(tree.factorNonzeros == expectedCounts.reduce(0) { $0 + Int($1) })
      var starts: [Int32] = [0]
      for count in expectedCounts { starts.append(starts.last! + count) }
      #expect(tree.columnStarts == starts)
    }
  }

  @Test func ignoresEntriesBelowTheDiagonal() throws {
    var builder = TripletBuilder(rowCount: 3, columnCount: 3)
    builder.append(row: 2, column: 0, value: 1)  // lower entry: ignored
    builder.append(row: 0, column: 1, value: 1)
    let tree = EliminationTree(upperTriangle: try builder.makeCSC())
    #expect(tree.parent == [1, -1, -1])
    #expect(tree.columnCounts == [1, 0, 0])
  }

  @Test func emptyMatrix() throws {
    let tree = EliminationTree(upperTriangle: .zeros(rowCount: 0, columnCount: 0))
    #expect(tree.parent.isEmpty)
    #expect(tree.factorNonzeros == 0)
    #expect(tree.columnStarts == [0])
  }
}
