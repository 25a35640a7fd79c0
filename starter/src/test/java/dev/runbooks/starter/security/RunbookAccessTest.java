package dev.runbooks.starter.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.api.Channel;
import dev.runbooks.language.model.Access;
import dev.runbooks.language.model.AccessAction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-runbook access rule, caller by caller. */
class RunbookAccessTest {
  private static final Access ACCESS =
      new Access(
          Map.of(
              AccessAction.START, List.of("group:sre", "user:alice"),
              AccessAction.APPROVE, List.of("group:sre-leads")));

  private static Caller caller(String name, String... groups) {
    return new Caller(name, List.of(groups), Role.OPERATOR, Channel.API, "10.0.0.7");
  }

  @Test
  void aCallerInAListedGroupOrNamedAsAUserIsAllowed() {
    assertThat(RunbookAccess.refusal(ACCESS, caller("bob", "sre"), AccessAction.START)).isEmpty();
    assertThat(RunbookAccess.refusal(ACCESS, caller("alice"), AccessAction.START)).isEmpty();
    assertThat(RunbookAccess.refusal(ACCESS, caller("carol", "sre-leads"), AccessAction.APPROVE))
        .isEmpty();
  }

  @Test
  void aCallerTheListDoesNotNameIsRefusedWithTheReason() {
    assertThat(RunbookAccess.refusal(ACCESS, caller("mallory", "dev"), AccessAction.START))
        .contains("access.start allows only group:sre, user:alice, and 'mallory' is none of them");
    assertThat(RunbookAccess.refusal(ACCESS, caller("bob", "sre"), AccessAction.APPROVE))
        .contains("access.approve allows only group:sre-leads, and 'bob' is none of them");
  }

  @Test
  void aUserEntryIsNotAGroupAndAGroupEntryIsNotAUser() {
    assertThat(RunbookAccess.refusal(ACCESS, caller("sre"), AccessAction.START)).isPresent();
    assertThat(RunbookAccess.refusal(ACCESS, caller("bob", "alice"), AccessAction.START))
        .isPresent();
  }

  @Test
  void anActionTheBlockDoesNotListLeavesTheRoleDefaults() {
    assertThat(RunbookAccess.refusal(ACCESS, caller("mallory"), AccessAction.ABORT)).isEmpty();
    assertThat(RunbookAccess.refusal(Access.NONE, caller("mallory"), AccessAction.START)).isEmpty();
  }
}
