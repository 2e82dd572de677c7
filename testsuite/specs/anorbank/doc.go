// Package anorbank holds the Anor Bank specs of the contract suite.
// Blank-imported by the suite.
package anorbank
