package dev.runbooks.starter.security.internal;

import dev.runbooks.starter.security.RunbookSecurityProperties;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The local users ({@code runbook.security.local.users}, bcrypt hashes) and the bootstrap admin
 * ({@code runbook.security.bootstrap.admin-password}, hashed here).
 */
public final class LocalUsers {
  private LocalUsers() {}

  /** The users of {@code properties}, with their role and group authorities. */
  public static InMemoryUserDetailsManager of(
      RunbookSecurityProperties properties, RoleMapper roles) {
    List<UserDetails> users = new ArrayList<>();
    for (RunbookSecurityProperties.User user : properties.local().users()) {
      if (user.name() == null || user.passwordHash() == null) {
        throw new IllegalArgumentException(
            "runbook.security.local.users: every user needs a name and a password-hash");
      }
      String hash = user.passwordHash().strip();
      if (!hash.startsWith("{")) {
        hash = "{bcrypt}" + hash;
      }
      if (!hash.startsWith("{bcrypt}$2")) {
        throw new IllegalArgumentException(
            "runbook.security.local.users: the password-hash of '"
                + user.name()
                + "' is not a bcrypt hash ($2a$..., from htpasswd -bnBC 12 '' <password>)");
      }
      users.add(
          User.withUsername(user.name())
              .password(hash)
              .authorities(roles.authorities(user.groups()))
              .build());
    }
    String password = properties.bootstrap().adminPassword();
    if (password != null && !password.isBlank()) {
      List<String> groups = List.of(roles.adminGroup());
      users.add(
          User.withUsername("admin")
              .password("{bcrypt}" + new BCryptPasswordEncoder().encode(password))
              .authorities(roles.authorities(groups))
              .build());
    }
    InMemoryUserDetailsManager manager = new InMemoryUserDetailsManager(users);
    return manager;
  }
}
