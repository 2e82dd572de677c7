// Package profile loads a live profile: the YAML file that tells a
// certification run (PAYSANDBOX_TARGET=live) where each real sandbox is, how
// to log in, which test cards, wallets, accounts and services it gives, the
// amounts to use and where the SMS codes come from (an OTP source: a fixed
// code, a command, or a prompt on the terminal).
//
// Loading checks schema.json (unknown keys are errors), expands ${ENV_VAR}
// references, then applies the PAYSANDBOX_LIVE_<PROVIDER>_* variables as
// overrides; an unknown PAYSANDBOX_LIVE_ variable is an error, so a typo
// cannot turn into a green run that tested nothing. Every problem is
// reported at once as `file: /json/pointer: message`, like scenarios.
// Secrets are of type Secret, which never prints its value.
//
// This package imports jsonschema/v6 (through scenarios/schemaref) and the
// YAML decoder; never net/http, the fake, or Ginkgo.
package profile
