package anorbank

import "strings"

// issuerSpelling is how get-user-cards spells the banks it names (§3.5's
// example: "AnorBank", "KapitalBank"), keyed by the name folded: lower
// case, no spaces, dashes or underscores. A scenario may write "Anorbank"
// or "Anor Bank"; the answer shows the reference's spelling.
var issuerSpelling = map[string]string{
	"anorbank":    "AnorBank",
	"kapitalbank": "KapitalBank",
}

// defaultIssuer names the bank of a card whose scenario entry names none.
// §3.5 gives bankName as the issuing bank, independent of the vendor (its
// UZCARD is AnorBank's, its HUMO KapitalBank's), and the sandbox has no
// BIN table of issuers: a card without a bank is taken to be the gateway's
// own bank's, whatever its vendor.
const defaultIssuer = "AnorBank"

// bankNameOf is a bound card's bankName: the scenario's bank in the
// reference's spelling when the reference names it, as written otherwise,
// and defaultIssuer when the scenario names no bank.
func bankNameOf(bank string) string {
	bank = strings.TrimSpace(bank)
	if bank == "" {
		return defaultIssuer
	}
	folded := strings.NewReplacer(" ", "", "-", "", "_", "").Replace(strings.ToLower(bank))
	if name, ok := issuerSpelling[folded]; ok {
		return name
	}
	return bank
}
