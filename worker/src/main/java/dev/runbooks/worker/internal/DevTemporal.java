package dev.runbooks.worker.internal;

/**
 * The in-process Temporal test server that the dev configuration started ({@link
 * EmbeddedTemporal}). The service stubs depend on it, when there is one, so that it listens before
 * they connect; the interface keeps the test server's classes, which the production jar leaves out,
 * away from the stubs' configuration.
 */
interface DevTemporal {}
