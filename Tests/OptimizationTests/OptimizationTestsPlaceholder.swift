// Placeholder so that SwiftPM can resolve the `OptimizationTests` target declared in Package.swift: without a
// Tests/OptimizationTests directory, `swift build`/`swift test` fail for the whole package. Replace or delete this
// file when the first Optimization tests land.
