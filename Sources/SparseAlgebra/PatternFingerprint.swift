/// FNV-1a-64 over index arrays (solver.md §3.8): deterministic across processes, unlike Swift's `Hasher`.
public struct PatternFingerprint: Sendable {
  public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

  public init() {}

  public mutating func combine(_ indices: [Int32]) {
    for index in indices { combine(UInt32(bitPattern: index)) }
  }

  public mutating func combine(_ word: UInt32) {
    var remaining = word
    for _ in 0..<4 {
      value ^= UInt64(remaining & 0xff)
      value &*= 0x0000_0100_0000_01b3
      remaining >>= 8
    }
  }
}

extension CSCMatrix {
  /// Fingerprint of the sparsity pattern (dimensions, column starts, row indices).
  public var patternFingerprint: UInt64 {
    var fingerprint = PatternFingerprint()
    fingerprint.combine(UInt32(truncatingIfNeeded: rowCount))
    fingerprint.combine(UInt32(truncatingIfNeeded: columnCount))
    fingerprint.combine(columnStarts)
    fingerprint.combine(rowIndices)
    return fingerprint.value
  }

  /// True when both matrices have identical dimensions and stored index arrays.
  public func hasSamePattern(as other: CSCMatrix) -> Bool {
    rowCount == other.rowCount && columnCount == other.columnCount && columnStarts == other.columnStarts
      && rowIndices == other.rowIndices
  }
}
