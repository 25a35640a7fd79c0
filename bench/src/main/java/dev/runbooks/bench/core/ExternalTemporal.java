package dev.runbooks.bench.core;

import java.util.Map;

/**
 * A Temporal server the bench does not start (a production topology): the bench's processes connect
 * to it in their own namespace, registered when missing, so that nothing they run reaches the task
 * queues of the workers already serving that server.
 *
 * @param address the frontend, {@code host:port}
 * @param namespace the bench's own namespace on it
 * @param databaseUrl the inbox database of the runbook worker the bench starts ({@code
 *     postgres://user:password@host:port/db}); never printed
 */
public record ExternalTemporal(String address, String namespace, String databaseUrl) {
  /** The environment variable the bench reads the worker's database URL from. */
  public static final String DATABASE_URL_ENV = "BENCH_DATABASE_URL";

  /** The namespace when {@code --namespace} is not given. */
  public static final String DEFAULT_NAMESPACE = "runbook-bench";

  /** Checks the address and that a database is given; the URL never appears in a message. */
  public ExternalTemporal {
    if (address == null || !address.matches("[A-Za-z0-9._\\-\\[\\]:]+:[0-9]{1,5}")) {
      throw new IllegalArgumentException(
          "--temporal-address must be host:port of a Temporal frontend, got '" + address + "'");
    }
    if (namespace == null || namespace.isBlank()) {
      namespace = DEFAULT_NAMESPACE;
    }
    if (databaseUrl == null || databaseUrl.isBlank()) {
      throw new IllegalArgumentException(
          "--temporal-address needs the runbook worker's database: set "
              + DATABASE_URL_ENV
              + "=postgres://user:password@host:port/database (the production jar refuses to"
              + " start without one)");
    }
  }

  /**
   * The external server from the bench's arguments and environment, or null when no {@code
   * temporal-address} is given (the bench then starts its own dev server).
   */
  public static ExternalTemporal from(Map<String, String> arguments, Map<String, String> env) {
    String address = arguments.getOrDefault("temporal-address", "");
    if (address.isBlank()) {
      return null;
    }
    return new ExternalTemporal(
        address.trim(), arguments.get("namespace"), env.get(DATABASE_URL_ENV));
  }

  @Override
  public String toString() {
    return "ExternalTemporal[" + address + ", namespace=" + namespace + "]";
  }
}
