/**
 * Runbook tests: {@code <name>.test.yaml} files whose cases run a runbook's real interpreter on
 * Temporal's time-skipping test environment with mocked step results, and check its outcome, path,
 * outputs and escalations ({@code bin/runbook test}); and test cases recorded from a real run's
 * history ({@code bin/runbook test --record}).
 */
package dev.runbooks.tester;
