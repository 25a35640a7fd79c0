/**
 * The typed contract of a runbook run as other programs read it: the {@code status} query's answer
 * ({@link dev.runbooks.api.RunStatus}), the run report that is the workflow's result ({@link
 * dev.runbooks.api.RunReport}), what a waiting step waits for ({@link dev.runbooks.api.Wait}), the
 * payloads of the signals a run accepts and the error types its steps fail with. The JSON of these
 * types is what the Web UI, {@code temporal workflow query}, the starter, the CLI and recorded
 * histories read; a compatibility test compares it with fixtures of the JSON the untyped maps
 * produced before.
 */
package dev.runbooks.api;
