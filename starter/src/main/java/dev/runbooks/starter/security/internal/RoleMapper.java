package dev.runbooks.starter.security.internal;

import dev.runbooks.starter.security.Role;
import dev.runbooks.starter.security.RunbookSecurityProperties;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Maps a principal's groups to its role ({@code runbook.security.roles.*}), and both to Spring
 * Security authorities: {@code ROLE_<ROLE>} for the role and every role it includes, {@code
 * GROUP_<group>} for each group.
 */
public final class RoleMapper {
  /** The prefix of group authorities. */
  public static final String GROUP = "GROUP_";

  private final RunbookSecurityProperties.Roles roles;
  private final Role authenticatedRole;

  /** A mapper following {@code properties}. */
  public RoleMapper(RunbookSecurityProperties properties) {
    this.roles = properties.roles();
    this.authenticatedRole = properties.authenticatedRole();
  }

  /** The highest role one of {@code groups} gives, else the role of any authenticated principal. */
  public Role role(Collection<String> groups) {
    Role[] all = Role.values();
    for (int i = all.length - 1; i >= 0; i--) {
      if (roles.of(all[i]).stream().anyMatch(groups::contains)) {
        return all[i];
      }
    }
    return authenticatedRole;
  }

  /** The authorities of a principal with these groups. */
  public List<GrantedAuthority> authorities(Collection<String> groups) {
    return authorities(role(groups), groups);
  }

  /** The authorities of a principal with this role and these groups. */
  public static List<GrantedAuthority> authorities(Role role, Collection<String> groups) {
    List<GrantedAuthority> authorities = new ArrayList<>();
    for (Role r : Role.values()) {
      if (role.includes(r)) {
        authorities.add(new SimpleGrantedAuthority("ROLE_" + r.name()));
      }
    }
    for (String group : groups) {
      authorities.add(new SimpleGrantedAuthority(GROUP + group));
    }
    return authorities;
  }

  /** The first admin group, given to the bootstrap admin. */
  public String adminGroup() {
    return roles.admin().isEmpty() ? "runbook-admins" : roles.admin().get(0);
  }
}
