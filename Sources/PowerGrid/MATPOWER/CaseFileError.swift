/// An error in a MATPOWER case file, phrased for the person who has to fix the file.
///
/// The description always names the file and, where known, the line, the element
/// (e.g. `branch row 7, column RATE_A`) and the offending value:
/// `case30.m:87: branch row 7, column RATE_A: value -5: RATE_A must be ≥ 0 (0 means unlimited)`.
public struct CaseFileError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What went wrong, for programmatic checks (tests, callers that want to recover).
  public enum Kind: String, Sendable, Equatable {
    /// Text that is not MATLAB case syntax (unterminated matrix, stray character).
    case syntax
    /// A matrix entry or scalar that is not a number.
    case malformedNumber
    /// A matrix row with too few columns, or rows of different lengths.
    case columnCount
    /// A required field (`baseMVA`, `bus`, `gen`, `branch`) is absent.
    case missingField
    /// A generator or branch names a bus number that is not in the bus matrix.
    case unknownBus
    /// A value outside its meaningful range (negative RATE_A, PMAX < PMIN, x = 0 in service, …).
    case invalidValue
    /// `gencost` has neither one row per generator nor two.
    case rowCountMismatch
    /// Valid MATPOWER that this reader does not handle (version 1, cubic costs, …).
    case unsupported
    /// The file could not be read.
    case io
  }

  public var kind: Kind
  /// File name or path as given to the reader (e.g. `case30.m`).
  public var file: String
  /// 1-based line number, when the problem has a place in the file.
  public var line: Int?
  /// The element at fault, e.g. `bus row 3`, `branch row 7, column RATE_A`, `mpc.baseMVA`.
  public var element: String?
  /// The offending text or value as it appears in the file.
  public var value: String?
  /// What is wrong and, where possible, what is expected.
  public var message: String

  public init(
    _ kind: Kind, file: String, line: Int? = nil, element: String? = nil, value: String? = nil, message: String
  ) {
    self.kind = kind
    self.file = file
    self.line = line
    self.element = element
    self.value = value
    self.message = message
  }

  public var description: String {
    var text = file
    if let line { text += ":\(line)" }
    text += ": "
    if let element { text += "\(element): " }
    if let value { text += "value '\(value)': " }
    return text + message
  }
}
