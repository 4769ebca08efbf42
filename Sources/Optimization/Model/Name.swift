/// The name of a variable, parameter or constraint: a family (such as `"balance"`) and up to three integer
/// indices, formatted lazily as `balance[12,5]` (solver.md §2.4). A name read from a file is a family alone.
public struct Name: Hashable, Sendable, CustomStringConvertible, Comparable {
  public let family: String
  private let first: Int32
  private let second: Int32
  private let third: Int32
  private static let absent = Int32.min

  public init(_ family: String, _ i: Int? = nil, _ j: Int? = nil, _ k: Int? = nil) {
    self.family = family
    first = i.map { Int32(truncatingIfNeeded: $0) } ?? Self.absent
    second = j.map { Int32(truncatingIfNeeded: $0) } ?? Self.absent
    third = k.map { Int32(truncatingIfNeeded: $0) } ?? Self.absent
  }

  /// The integer indices, in order.
  public var indices: [Int] { [first, second, third].filter { $0 != Self.absent }.map { Int($0) } }

  public var description: String {
    let list = indices
    return list.isEmpty ? family : "\(family)[\(list.map(String.init).joined(separator: ","))]"
  }

  public static func < (lhs: Name, rhs: Name) -> Bool {
    if lhs.family != rhs.family { return lhs.family < rhs.family }
    return (lhs.first, lhs.second, lhs.third) < (rhs.first, rhs.second, rhs.third)
  }
}

extension Name: ExpressibleByStringLiteral {
  public init(stringLiteral value: String) { self.init(value) }
}
