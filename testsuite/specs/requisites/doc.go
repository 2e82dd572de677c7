// Package requisites holds the payment-by-requisites specs of the contract
// suite. Blank-imported by the suite.
package requisites
