@testable import SparseAlgebra
import Testing

/// White-box tests of the AMD workspace: with no elbow room, garbage collection runs at nearly every pivot,
/// and the order must be exactly the one obtained with the default workspace.
@Suite struct AMDWorkspaceTests {
  private func order(_ pattern: CSCMatrix, elbowRoom: Int?) -> (permutation: [Int32], collections: Int) {
    let graph = SymmetricGraph(pattern)
    let kind = (0..<pattern.columnCount).map {
      graph.degree($0) == 0 ? AMDQuotientGraph.excluded : AMDQuotientGraph.variable
    }
    let nodeCount = kind.filter { $0 == AMDQuotientGraph.variable }.count
    var permutation: [Int32] = []
    guard nodeCount > 0 else { return ([], 0) }
    let quotientGraph = AMDQuotientGraph(graph: graph, kind: kind, nodeCount: nodeCount, elbowRoom: elbowRoom)
    quotientGraph.eliminate(aggressiveAbsorption: true)
    quotientGraph.appendPostorder(to: &permutation)
    return (permutation, quotientGraph.garbageCollections)
  }

  @Test func tightWorkspaceGivesTheSameOrder() throws {
    var rng = SplitMix64(seed: 99)
    var patterns = [try gridLaplacianUpper(12)]
    for trial in 0..<20 {
      patterns.append(
        try randomSymmetricPattern(
          dimension: 40 + 10 * trial, density: [0.02, 0.05, 0.15][trial % 3], stored: .both, using: &rng))
    }
    for pattern in patterns {
      let roomy = order(pattern, elbowRoom: nil)
      let tight = order(pattern, elbowRoom: 0)
      #expect(tight.permutation == roomy.permutation)
      #expect(tight.collections > roomy.collections)
      let graph = SymmetricGraph(pattern)
      let graphNodes = (0..<pattern.columnCount).filter { graph.degree($0) > 0 }
      #expect(tight.permutation.map(Int.init).sorted() == graphNodes)
    }
  }
}
