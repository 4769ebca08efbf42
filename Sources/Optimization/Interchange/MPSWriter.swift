#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif
import SparseAlgebra

/// The names `MPSWriter` puts in a file for a model: sanitised and unique. Arrays are indexed like the model's.
public struct MPSExportNames: Sendable, Equatable {
  /// Name on the `NAME` line (empty when the model has none).
  public var modelName: String
  /// Name of the `N` row.
  public var objectiveName: String
  /// Exported name of each constraint row (rows and the objective share one namespace).
  public var rowNames: [String]
  /// Exported name of each column.
  public var columnNames: [String]
}

/// Writer for free MPS / QPS (solver.md §8.1, §8.2).
///
/// Layout and conventions:
/// - Always a minimisation. For a maximisation the objective, P and the constant are negated and the comment
///   `* sense: maximise, objective negated` is written; `MPSReader` recognises that comment and undoes the negation.
/// - Rows: `E` when lower = upper, `L` when only the upper side is finite, `G` when only the lower side is finite,
///   a range as a `G` row with rhs l and `RANGES` u − l. The reader rebuilds the other side as r ± |R| in double
///   arithmetic, so when l + (u − l) does not give back u exactly, a nearby range value or an `L` row with rhs u is
///   chosen to reproduce both sides bit for bit. Some pairs (l, u) are reachable by no such addition; then the side of
///   larger magnitude is kept exact and the other is off by about one ulp of max(|l|, |u|). Exactly reproducible are
///   all pairs with u = l + w or l = u − w for some double w. A free row is written as `L` with rhs 1e+30. Rows with
///   lower > upper cannot be represented.
/// - Bounds (default [0, ∞)): `FX` when l = u, `FR` when free, `MI` for l = −∞, `LO` (before `UP`) when l ≠ 0 or
///   u < 0, `UP` when u < ∞. Infinite values elsewhere are written as ±1e+30.
/// - The objective constant c₀ is written as `RHS  <obj>  −c₀` (HiGHS convention; the reader reads it back as +c₀).
///   This deviates from solver.md §8.1 ("not exported") so that a round trip keeps the constant.
/// - `QUADOBJ`: one line `name(i) name(j) P_ij` per stored upper entry (i ≤ j), in lower-triangle column order.
///   `quadratic` must be upper triangular; both triangles would double the off-diagonal terms.
/// - Numbers use `String(describing:)`, the shortest representation that reads back to the same `Double`.
/// - Finite values with |v| ≥ 1e20 in sides and bounds read back as infinite (solver.md §1.2).
public enum MPSWriter {
  /// The sanitised, unique names used in the file: whitespace, control and non-ASCII characters become `_`, empty
  /// names become `_`, names are cut to 255 characters, and a collision gets a `~k` suffix (first come keeps it; a row named
  /// `'MARKER'` always gets one, since it would read as an integer marker).
  public static func exportNames(_ model: MPSModel) -> MPSExportNames {
    // A row named 'MARKER' would make a COLUMNS line look like an integer marker: keep that name out.
    var rowSpace = UniqueNames(used: ["'MARKER'"])
    let objectiveName = rowSpace.add(model.objectiveName)
    let rowNames = model.rowNames.map { rowSpace.add($0) }
    var columnSpace = UniqueNames()
    let columnNames = model.columnNames.map { columnSpace.add($0) }
    let modelName = model.name.isEmpty ? "" : sanitise(model.name)
    return MPSExportNames(
      modelName: modelName, objectiveName: objectiveName, rowNames: rowNames, columnNames: columnNames)
  }

  /// Writes `model` to `path` (overwriting it).
  public static func write(_ model: MPSModel, toFile path: String) throws {
    let bytes = render(model)
    guard let file = fopen(path, "wb") else {
      throw MPSError(file: path, line: 0, message: "cannot open file for writing: \(String(cString: strerror(errno)))")
    }
    let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
    let closed = fclose(file)
    if written != bytes.count || closed != 0 {
      throw MPSError(file: path, line: 0, message: "write error: \(String(cString: strerror(errno)))")
    }
  }

  /// The free MPS / QPS text of `model`.
  public static func write(_ model: MPSModel) -> String {
    String(decoding: render(model), as: UTF8.self)
  }

  // MARK: - Rendering

  static func render(_ model: MPSModel) -> [UInt8] {
    let names = exportNames(model)
    let n = model.columnCount
    let m = model.rowCount
    let sign: Double = model.isMaximisation ? -1 : 1
    var out: [UInt8] = []
    out.reserveCapacity(64 * (model.matrix.nonzeroCount + model.quadratic.nonzeroCount + n + m) + 256)

    func put(_ parts: String...) {
      for part in parts { out.append(contentsOf: part.utf8) }
      out.append(10)
    }

    put(names.modelName.isEmpty ? "NAME" : "NAME          " + names.modelName)
    if model.isMaximisation { put(MPSReader.negatedMaximisationComment) }

    // ROWS
    put("ROWS")
    put(" N  ", names.objectiveName)
    var encodings: [RowEncoding] = []
    encodings.reserveCapacity(m)
    for i in 0..<m {
      let encoding = rowEncoding(lower: model.rowLower[i], upper: model.rowUpper[i])
      encodings.append(encoding)
      put(" ", encoding.type, "  ", names.rowNames[i])
    }

    // COLUMNS: objective entry first, at most two entries per line.
    put("COLUMNS")
    let matrix = model.matrix
    for j in 0..<n {
      var pending: [(String, Double)] = []
      let start = Int(matrix.columnStarts[j])
      let end = Int(matrix.columnStarts[j + 1])
      let cost = sign * model.objective[j]
      if cost.bitPattern != 0 || start == end { pending.append((names.objectiveName, cost)) }
      for entry in start..<end {
        pending.append((names.rowNames[Int(matrix.rowIndices[entry])], matrix.values[entry]))
      }
      var k = 0
      while k < pending.count {
        if k + 1 < pending.count {
          put(
            "    ", names.columnNames[j], "  ", pending[k].0, "  ", format(pending[k].1), "  ", pending[k + 1].0,
            "  ", format(pending[k + 1].1))
        } else {
          put("    ", names.columnNames[j], "  ", pending[k].0, "  ", format(pending[k].1))
        }
        k += 2
      }
    }

    // RHS: the objective constant as −c₀, then nonzero row right-hand sides.
    var rhsLines: [String] = []
    let fileConstant = sign * model.objectiveConstant
    if fileConstant.bitPattern != 0 {
      rhsLines.append("    RHS  " + names.objectiveName + "  " + format(-fileConstant))
    }
    for i in 0..<m where encodings[i].rhs.bitPattern != 0 {
      rhsLines.append("    RHS  " + names.rowNames[i] + "  " + format(encodings[i].rhs))
    }
    if !rhsLines.isEmpty {
      put("RHS")
      for text in rhsLines { put(text) }
    }

    // RANGES
    if encodings.contains(where: { $0.range != nil }) {
      put("RANGES")
      for i in 0..<m {
        if let value = encodings[i].range { put("    RNG  ", names.rowNames[i], "  ", format(value)) }
      }
    }

    // BOUNDS
    var boundLines: [String] = []
    for j in 0..<n {
      let lower = model.columnLower[j]
      let upper = model.columnUpper[j]
      let column = names.columnNames[j]
      if lower.bitPattern == upper.bitPattern {
        boundLines.append(" FX BND  " + column + "  " + format(lower))
      } else if lower == -.infinity && upper == .infinity {
        boundLines.append(" FR BND  " + column)
      } else {
        if lower == -.infinity {
          boundLines.append(" MI BND  " + column)
        } else if lower.bitPattern != 0 || upper < 0 {
          boundLines.append(" LO BND  " + column + "  " + format(lower))
        }
        if upper != .infinity { boundLines.append(" UP BND  " + column + "  " + format(upper)) }
      }
    }
    if !boundLines.isEmpty {
      put("BOUNDS")
      for text in boundLines { put(text) }
    }

    // QUADOBJ: lower triangle column by column = upper triangle row by row.
    if model.quadratic.nonzeroCount > 0 {
      put("QUADOBJ")
      let lower = model.quadratic.transposed()
      for i in 0..<lower.columnCount {
        for entry in Int(lower.columnStarts[i])..<Int(lower.columnStarts[i + 1]) {
          let j = Int(lower.rowIndices[entry])
          put("    ", names.columnNames[i], "  ", names.columnNames[j], "  ", format(sign * lower.values[entry]))
        }
      }
    }
    put("ENDATA")
    return out
  }

  /// Shortest round-trip text of `value`; infinities become ±1e+30 (read back as infinite sides/bounds).
  static func format(_ value: Double) -> String {
    if value == .infinity { return "1e+30" }
    if value == -.infinity { return "-1e+30" }
    return String(describing: value)
  }

  struct RowEncoding {
    var type: String
    var rhs: Double
    var range: Double?
  }

  /// Row type, rhs and optional range value that `MPSReader` turns back into exactly (lower, upper).
  static func rowEncoding(lower: Double, upper: Double) -> RowEncoding {
    if lower == upper { return RowEncoding(type: "E", rhs: lower, range: nil) }
    if lower == -.infinity { return RowEncoding(type: "L", rhs: upper, range: nil) }  // includes the free row
    if upper == .infinity { return RowEncoding(type: "G", rhs: lower, range: nil) }
    let first = upper - lower
    if first.isFinite && first > 0 {
      // The reader computes G: [r, r + |R|] and L: [r − |R|, r]. Find R reproducing the other side exactly.
      var candidates = [first]
      var up = first
      var down = first
      for _ in 0..<4 {
        up = up.nextUp
        down = down.nextDown
        candidates.append(up)
        candidates.append(down)
      }
      for range in candidates where range > 0 && (lower + range).bitPattern == upper.bitPattern {
        return RowEncoding(type: "G", rhs: lower, range: range)
      }
      for range in candidates where range > 0 && (upper - range).bitPattern == lower.bitPattern {
        return RowEncoding(type: "L", rhs: upper, range: range)
      }
      // Not every pair is reachable by one rounded addition (e.g. −1.3787223097513346 and 7.058537056762793):
      // keep the side of larger magnitude exact and round the other, so the absolute error stays within about one
      // ulp of max(|l|, |u|).
      var best = RowEncoding(type: "G", rhs: lower, range: first)
      var bestError = Double.infinity
      for range in candidates where range > 0 {
        let errorG = abs((lower + range) - upper)
        if errorG < bestError { (best, bestError) = (RowEncoding(type: "G", rhs: lower, range: range), errorG) }
        let errorL = abs((upper - range) - lower)
        if errorL < bestError { (best, bestError) = (RowEncoding(type: "L", rhs: upper, range: range), errorL) }
      }
      return best
    }
    return RowEncoding(type: "G", rhs: lower, range: first)
  }

  /// Whitespace, control and non-ASCII characters become `_`; empty becomes `_`; cut to 255 characters.
  static func sanitise(_ name: String) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(min(name.utf8.count, 255))
    for scalar in name.unicodeScalars {
      if bytes.count == 255 { break }
      let value = scalar.value
      bytes.append(value > 32 && value < 127 ? UInt8(value) : 95)
    }
    if bytes.isEmpty { bytes.append(95) }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// One namespace of exported names; the `Set` is used only for membership, never iterated.
  struct UniqueNames {
    var used: Set<String> = []
    var nextSuffix: [String: Int] = [:]

    mutating func add(_ raw: String) -> String {
      let base = MPSWriter.sanitise(raw)
      if used.insert(base).inserted { return base }
      var k = nextSuffix[base] ?? 1
      while true {
        let suffix = "~\(k)"
        let candidate = String(base.utf8.prefix(255 - suffix.utf8.count))! + suffix
        k += 1
        if used.insert(candidate).inserted {
          nextSuffix[base] = k
          return candidate
        }
      }
    }
  }
}
