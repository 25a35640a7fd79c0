package dev.runbooks.starter.security;

/**
 * Local users of the security tests, one per role below admin (admin is the bootstrap admin):
 * {@code viewer}/{@code pw-viewer} in no group (an authenticated principal is a viewer), {@code
 * operator}/{@code pw-operator} in runbook-operators, {@code approver}/{@code pw-approver} in
 * runbook-approvers. The hashes are bcrypt with cost 4, to keep tests fast.
 */
final class TestUsers {
  static final String VIEWER = "runbook.security.local.users[0].name=viewer";
  static final String VIEWER_HASH =
      "runbook.security.local.users[0].password-hash="
          + "$2a$04$WQ5EWe1e6AfEd9lcYLktXOP.pzVva5ZqWuyZCSz/Ch0bt30ZoxexW";
  static final String OPERATOR = "runbook.security.local.users[1].name=operator";
  static final String OPERATOR_HASH =
      "runbook.security.local.users[1].password-hash="
          + "$2a$04$/i89lR75zLnZdRoWa9wiDeXTbrFN2DQnRtUwbB2VvbOWdQEk2JTra";
  static final String OPERATOR_GROUPS = "runbook.security.local.users[1].groups=runbook-operators";
  static final String APPROVER = "runbook.security.local.users[2].name=approver";
  static final String APPROVER_HASH =
      "runbook.security.local.users[2].password-hash="
          + "$2a$04$V7/Qk9zZbgSttQX.cQVUDu.J5sZ1KQtpCvANJZWneqsfEvSuGgf6O";
  static final String APPROVER_GROUPS = "runbook.security.local.users[2].groups=runbook-approvers";

  private TestUsers() {}
}
