import Foundation

/// A fixed, documented daily load shape for multi-period runs without a profile file [PROPOSED]: a weekday with
/// a night trough at 55 % and an evening peak at 100 % of the case's PD (multipliers per hour 1…24).
public enum DailyLoadShape {
  public static let proposed: [Double] = [
    0.62, 0.58, 0.56, 0.55, 0.56, 0.60, 0.68, 0.78, 0.86, 0.91, 0.94, 0.96,
    0.97, 0.97, 0.96, 0.95, 0.95, 0.97, 1.00, 0.99, 0.94, 0.86, 0.76, 0.67,
  ]

  /// The first `periods` multipliers of the shape, repeated daily.
  public static func multipliers(periods: Int) -> [Double] { (0..<periods).map { proposed[$0 % proposed.count] } }
}

/// An error in a CSV input file, naming the file, line, column and value.
public struct ProfileFileError: Error, Equatable, CustomStringConvertible {
  public let file: String
  public let line: Int
  public let message: String
  public var description: String { "\(file):\(line): \(message)" }
}

/// Readers of the small CSV inputs of `computegrid opf`.
public enum ProfileFiles {
  /// `period,load_multiplier` rows (header required), periods 1…T in order. Returns the multipliers.
  public static func readLoadProfile(path: String) throws -> [Double] {
    let rows = try table(path: path, header: ["period", "load_multiplier"])
    var multipliers: [Double] = []
    for (line, fields) in rows {
      let period = try integer(fields[0], path: path, line: line, column: "period")
      guard period == multipliers.count + 1 else {
        throw ProfileFileError(file: path, line: line, message: "period \(period) out of order; expected \(multipliers.count + 1)")
      }
      let value = try number(fields[1], path: path, line: line, column: "load_multiplier")
      guard value >= 0 else { throw ProfileFileError(file: path, line: line, message: "load_multiplier \(value) must be ≥ 0") }
      multipliers.append(value)
    }
    guard !multipliers.isEmpty else { throw ProfileFileError(file: path, line: 1, message: "no periods in the profile") }
    return multipliers
  }

  /// `name,bus,type,period,available_mw` rows (type `wind` or `solar`); every unit needs every period 1…T.
  public static func readRenewables(path: String, periods: Int) throws -> [RenewableUnit] {
    let rows = try table(path: path, header: ["name", "bus", "type", "period", "available_mw"])
    var order: [String] = []
    var units: [String: RenewableUnit] = [:]
    var seen: [String: [Bool]] = [:]
    for (line, fields) in rows {
      let name = fields[0]
      let bus = try integer(fields[1], path: path, line: line, column: "bus")
      guard let kind = RenewableUnit.Kind(rawValue: fields[2].lowercased()) else {
        throw ProfileFileError(file: path, line: line, message: "type '\(fields[2])' must be wind or solar")
      }
      let period = try integer(fields[3], path: path, line: line, column: "period")
      guard (1...periods).contains(period) else {
        throw ProfileFileError(file: path, line: line, message: "period \(period) outside 1…\(periods)")
      }
      let available = try number(fields[4], path: path, line: line, column: "available_mw")
      guard available >= 0 else {
        throw ProfileFileError(file: path, line: line, message: "available_mw \(available) must be ≥ 0")
      }
      if units[name] == nil {
        order.append(name)
        units[name] = RenewableUnit(
          name: name, busNumber: bus, kind: kind, availableMW: [Double](repeating: 0, count: periods))
        seen[name] = [Bool](repeating: false, count: periods)
      }
      guard units[name]!.busNumber == bus, units[name]!.kind == kind else {
        throw ProfileFileError(file: path, line: line, message: "unit '\(name)' changes its bus or type")
      }
      guard !seen[name]![period - 1] else {
        throw ProfileFileError(file: path, line: line, message: "unit '\(name)' lists period \(period) twice")
      }
      seen[name]![period - 1] = true
      units[name]!.availableMW[period - 1] = available
    }
    for name in order {
      if let missing = seen[name]!.firstIndex(of: false) {
        throw ProfileFileError(file: path, line: 0, message: "unit '\(name)' has no row for period \(missing + 1)")
      }
    }
    return order.map { units[$0]! }
  }

  /// Data rows as (1-based line number, trimmed fields), after checking the header.
  static func table(path: String, header: [String]) throws -> [(Int, [String])] {
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
      throw ProfileFileError(file: path, line: 0, message: "cannot read the file")
    }
    var rows: [(Int, [String])] = []
    var headerSeen = false
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
      if line.isEmpty || line.hasPrefix("#") { continue }
      let fields = line.split(separator: ",", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      if !headerSeen {
        guard fields.map({ $0.lowercased() }) == header else {
          throw ProfileFileError(
            file: path, line: index + 1, message: "header must be '\(header.joined(separator: ","))', found '\(line)'")
        }
        headerSeen = true
        continue
      }
      guard fields.count == header.count else {
        throw ProfileFileError(
          file: path, line: index + 1, message: "expected \(header.count) fields, found \(fields.count)")
      }
      rows.append((index + 1, fields))
    }
    guard headerSeen else { throw ProfileFileError(file: path, line: 1, message: "empty file") }
    return rows
  }

  static func number(_ text: String, path: String, line: Int, column: String) throws -> Double {
    guard let value = Double(text), value.isFinite else {
      throw ProfileFileError(file: path, line: line, message: "\(column): '\(text)' is not a finite number")
    }
    return value
  }

  static func integer(_ text: String, path: String, line: Int, column: String) throws -> Int {
    guard let value = Int(text) else {
      throw ProfileFileError(file: path, line: line, message: "\(column): '\(text)' is not an integer")
    }
    return value
  }
}
