package requisites

// Catalogue codes (contracts/errors/requisites.yaml) the domain returns.
const (
	CodeServiceNotFound   = "1001"
	CodeServiceNotSetUp   = "1002"
	CodeUserNotFound      = "1004"
	CodeNoData            = "1008"
	CodeNoAccess          = "1009"
	CodeAccountNotFound   = "1013"
	CodeBankNotSMP        = "1014"
	CodeReceiverNameChars = "1015"
	CodePurposeChars      = "1016"
	CodeMissingFields     = "1017"
	CodeDocumentDate      = "3333"
	CodeCritical          = "2222"
	CodeSystem            = "1111"
)

// Payment-order statuses, verbatim on the wire.
type Status string

const (
	StatusEntered Status = "Введен"   // accepted, not executed yet: poll
	StatusPosted  Status = "Проведен" // executed
	StatusDeleted Status = "Удален"   // refused by the ABS; the debit is refunded
)

// Service kinds (the `type` of GET /api/v2/services).
const (
	TypeWorkingWithCard = "WORKING_WITH_CARD"
	TypeCardIsOptional  = "CARD_IS_OPTIONAL"
	TypeWithoutCard     = "WITHOUT_CARD" // scenario-only kind; shown as CARD_IS_OPTIONAL
)
