import SparseAlgebra

/// Detection of a signature E = diag(e), eᵢ = ±1, with E·M symmetric (solver.md §3.10 (a)). Such an E exists for
/// QP-derived MLCPs and for competitive equilibria whose clearing rows have the right orientation.
enum MLCPSignature {
  /// Breadth-first search over the pattern graph, eᵢeⱼ = sign(M_ij·M_ji); then every pair is verified:
  /// |M_ij − eᵢeⱼM_ji| ≤ 1e-12·max(|M_ij|, |M_ji|), and the nonzero patterns of M and Mᵀ must match.
  /// Returns nil when no signature exists. O(nnz·log) time.
  static func detect(_ matrix: CSCMatrix) -> [Int8]? {
    let n = matrix.columnCount
    let transpose = matrix.transposed()
    // Entry (i, j) of Mᵀ stored in column j of `transpose` is M_ji.
    func partner(_ row: Int, _ column: Int) -> Double { transpose[row, column] }
    var signs = [Int8](repeating: 0, count: n)
    var queue: [Int] = []
    queue.reserveCapacity(n)
    for root in 0..<n where signs[root] == 0 {
      signs[root] = 1
      queue.removeAll(keepingCapacity: true)
      queue.append(root)
      var head = 0
      while head < queue.count {
        let j = queue[head]
        head += 1
        // Neighbours through column j of M (entries M_ij) and column j of Mᵀ (entries M_ji).
        for pass in 0..<2 {
          let source = pass == 0 ? matrix : transpose
          for entry in Int(source.columnStarts[j])..<Int(source.columnStarts[j + 1]) {
            let i = Int(source.rowIndices[entry])
            let value = source.values[entry]
            if i == j || value == 0 { continue }
            let other = pass == 0 ? partner(i, j) : matrix[i, j]
            if other == 0 { return nil }  // patterns differ: no E can symmetrise
            let product: Int8 = (value > 0) == (other > 0) ? 1 : -1
            let wanted = signs[j] * product
            if signs[i] == 0 {
              signs[i] = wanted
              queue.append(i)
            } else if signs[i] != wanted {
              return nil
            }
          }
        }
      }
    }
    // Verify values: e_i·M_ij = e_j·M_ji for every stored pair.
    for j in 0..<n {
      for entry in Int(matrix.columnStarts[j])..<Int(matrix.columnStarts[j + 1]) {
        let i = Int(matrix.rowIndices[entry])
        if i == j { continue }
        let mij = matrix.values[entry]
        let mji = partner(i, j)
        if mij == 0 && mji == 0 { continue }
        let expected = Double(signs[i] * signs[j]) * mji
        if abs(mij - expected) > 1e-12 * max(abs(mij), abs(mji)) { return nil }
      }
    }
    return signs
  }
}
