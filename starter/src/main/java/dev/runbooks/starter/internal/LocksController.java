package dev.runbooks.starter.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/locks}: the resource locks held and waited for, each with its holder and waiters
 * (a viewer's right). {@code ?name=} (repeatable) asks for those locks only, which works on a
 * Temporal server without visibility too.
 */
@Tag(name = "locks")
@RestController
@RequestMapping("/api/locks")
public class LocksController {
  private final LockOperations locks;

  LocksController(LockOperations locks) {
    this.locks = locks;
  }

  @Operation(
      operationId = "listLocks",
      summary = "The locks runs hold, optionally of some lock names.")
  @GetMapping
  LockOperations.Locks list(@RequestParam(name = "name", required = false) List<String> names) {
    return locks.list(names);
  }
}
