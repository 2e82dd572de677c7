// Package mirror replays a live run's requests against the fake, so the
// drift report can say where the real sandbox and the fake answer the same
// request differently. Each process serves one in-process sandbox with
// the default scenario (never a listener: requests go to its handler);
// each spec replays in its own namespace, in step with the live run (so
// clocks, holds and statuses move alike), with the profile's values mapped
// onto the default scenario's, the ids and tokens the live sandbox answered
// mapped onto the fake's answers, and OTP codes the profile's source gave
// replaced by the code the fake sent.
package mirror
