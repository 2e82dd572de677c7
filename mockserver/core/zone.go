package core

import "time"

// Tashkent is the one zone card rules are judged in, for every provider:
// Asia/Tashkent, UTC+5, no daylight saving since 1992. The providers are
// Uzbek and count their days there; judging one shared card in UTC for one
// provider and in Tashkent for another made it expired for one and valid for
// the other for five hours each month (issue 17). A fixed zone, not
// time.LoadLocation, so the answer does not depend on the host's tz database.
var Tashkent = time.FixedZone("Asia/Tashkent", 5*60*60)

// DayOf is the Tashkent calendar day of t as YYYY-MM-DD: the day a
// per-day limit (limits.daily_sms) counts in.
func DayOf(t time.Time) string { return t.In(Tashkent).Format(time.DateOnly) }
