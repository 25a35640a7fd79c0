package dev.runbooks.language.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * What one {@link RunbookCatalog#reload()} changed: runbooks added, updated (with the old and new
 * version), removed, and files rejected in this scan whose problems are new (a file that keeps
 * failing the same way is reported once; {@link RunbookCatalog#problems()} always lists them all).
 */
public record CatalogReport(
    List<CatalogEntry> added,
    List<Update> updated,
    List<String> removed,
    List<FileProblem> rejected) {
  public CatalogReport {
    added = List.copyOf(added);
    updated = List.copyOf(updated);
    removed = List.copyOf(removed);
    rejected = List.copyOf(rejected);
  }

  /** A runbook whose version in service changed from {@code oldVersion} to {@code newVersion}. */
  public record Update(String name, String oldVersion, String newVersion, CatalogEntry entry) {}

  /** Whether nothing changed and nothing new was rejected. */
  public boolean isEmpty() {
    return added.isEmpty() && updated.isEmpty() && removed.isEmpty() && rejected.isEmpty();
  }

  /** One line per change, for logs, such as {@code updated hello-http sha256:a -> sha256:b}. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    added.forEach(e -> lines.add("added " + e.name() + " " + e.version() + " from " + e.file()));
    updated.forEach(
        u -> lines.add("updated " + u.name() + " " + u.oldVersion() + " -> " + u.newVersion()));
    removed.forEach(name -> lines.add("removed " + name));
    for (FileProblem rejection : rejected) {
      lines.add("rejected " + rejection.file() + ":");
      rejection.messages().forEach(m -> lines.add("  " + m));
    }
    return lines;
  }
}
