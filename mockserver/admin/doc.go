// Package admin is the control API (/__admin, documented by
// contracts/admin.yaml): health, reset, scenario, clock, SMS outbox, request
// journal, faults and provider state, for one namespace per request. It works
// over core and a Host the sandbox implements; it knows providers only
// through core.Domain.
package admin
