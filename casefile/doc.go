// Package casefile reads and writes the contract's case file
// (reunite.case/v1) as JSON: a strict reader that reports every bad field at
// once by its path, unknown keys included, and a canonical writer with a
// stable key order so that import and export round-trip.
package casefile
