// Placeholder so that SwiftPM finds a source file for the declared OptimizationTests target.
// Real Optimization tests replace this file when that module gains code worth testing.
