package dev.runbooks.worker.internal;

/**
 * The embedded PostgreSQL that the dev configuration started for the alert inbox, by its JDBC URL
 * (user and password included). A type of its own so that the inbox's data source does not link the
 * embedded PostgreSQL classes, which the production jar leaves out.
 *
 * @param jdbcUrl the JDBC URL of the embedded server's {@code postgres} database
 */
record DevDatabase(String jdbcUrl) {

  @Override
  public String toString() {
    return "DevDatabase[embedded PostgreSQL]";
  }
}
