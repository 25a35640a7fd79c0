package dev.runbooks.starter.dispatch.internal;

import dev.runbooks.language.catalog.RunbookCatalog;
import dev.runbooks.starter.audit.ActionAudit;
import dev.runbooks.starter.inbox.internal.InboxRow;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guard rails of the dispatcher's passes: loads a batch's {@link DispatchRails} in the pass's
 * transaction, and sends the notices a pass recorded once it committed.
 */
final class PassRails {
  private static final Logger log = LoggerFactory.getLogger(PassRails.class);

  private final DispatchRails.Deps deps;
  private final RunbookCatalog catalog;
  private final String defaultRunbook;

  PassRails(
      AlertDispatcher.Rails rails,
      ActionAudit audit,
      RunbookCatalog catalog,
      String defaultRunbook) {
    this.deps =
        new DispatchRails.Deps(
            rails.store(),
            rails.notices(),
            rails.ledger(),
            rails.properties(),
            rails.metrics(),
            rails.notifier(),
            audit);
    this.catalog = catalog;
    this.defaultRunbook = defaultRunbook;
  }

  /** The rails of a batch: for its firing rows' runbooks, and the default runbook. */
  DispatchRails load(
      Handle h, List<InboxRow> batch, List<RowDispatch.Routing> routings, Instant now) {
    Set<String> runbooks = new TreeSet<>();
    for (RowDispatch.Routing routing : routings) {
      if (routing != null && !routing.alert().resolved()) {
        routing.routes().forEach(r -> runbooks.add(r.runbook()));
      }
    }
    if (defaultRunbook != null) {
      runbooks.add(defaultRunbook);
    }
    return DispatchRails.load(h, deps, catalog, batch, runbooks, now);
  }

  /** Sends the notices a pass recorded, after it committed; a failed send is logged. */
  void send(List<DispatchRails.Written> notices) {
    for (DispatchRails.Written w : notices) {
      try {
        if (deps.notifier().send(w.notice())) {
          deps.notices().delivered(w.id());
        }
      } catch (RuntimeException e) {
        log.warn(
            "guard-rail notice for {} could not be sent: {}", w.notice().runbook(), e.toString());
      }
    }
  }
}
