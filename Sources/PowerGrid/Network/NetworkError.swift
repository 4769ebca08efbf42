/// Problems found while turning a `PowerCase` into a DC `Network`, or while using it.
public enum NetworkError: Error, Sendable, Equatable, CustomStringConvertible {
  /// An island (connected over in-service branches) has no in-service generator, so its load cannot be
  /// served. `buses` are external bus numbers.
  case islandWithoutGenerator(source: String, buses: [Int])
  /// An island has no reference bus (BUS_TYPE 3), so its angles are undetermined.
  case islandWithoutReference(source: String, buses: [Int])
  /// An argument has the wrong length or refers to a bus that does not exist.
  case invalidArgument(String)
  /// The reduced susceptance matrix could not be factorised (should not happen once islands are valid).
  case factorizationFailed(source: String, detail: String)

  public var description: String {
    switch self {
    case .islandWithoutGenerator(let source, let buses):
      return "\(source): island of \(buses.count) bus(es) \(Self.list(buses)) has no in-service generator; "
        + "connect it, remove its load or mark its buses isolated (BUS_TYPE 4)"
    case .islandWithoutReference(let source, let buses):
      return "\(source): island of \(buses.count) bus(es) \(Self.list(buses)) has no reference bus (BUS_TYPE 3); "
        + "mark one of its generator buses as type 3"
    case .invalidArgument(let detail):
      return "invalid argument: \(detail)"
    case .factorizationFailed(let source, let detail):
      return "\(source): cannot factorise the reduced bus susceptance matrix: \(detail)"
    }
  }

  static func list(_ buses: [Int]) -> String {
    let shown = buses.prefix(20).map(String.init).joined(separator: ", ")
    return buses.count > 20 ? "[\(shown), … (\(buses.count - 20) more)]" : "[\(shown)]"
  }
}
