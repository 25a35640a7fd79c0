package dev.runbooks.workflows;

/**
 * The source of one runbook version, as the catalog served it when a run started. Recorded in the
 * run's history, so the run keeps this version for its whole life.
 */
public record RunbookSource(String name, String version, String file, String source) {}
