package dev.runbooks.starter.security;

import dev.runbooks.api.Actor;
import dev.runbooks.api.Channel;
import java.util.List;
import java.util.Objects;

/**
 * The authenticated caller of a request: who, with which groups and role, through which channel,
 * from which address. Controllers take it as a parameter; it is never read from a request body.
 *
 * @param name the principal's name
 * @param groups the principal's groups
 * @param role the highest role the principal has
 * @param channel how the request reached the engine
 * @param address the client's address
 */
public record Caller(String name, List<String> groups, Role role, Channel channel, String address) {
  /** Checks the parts and copies the groups. */
  public Caller {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(channel, "channel");
    groups = groups == null ? List.of() : List.copyOf(groups);
  }

  /** The caller as a run sees it. */
  public Actor actor() {
    return new Actor(name, groups, channel);
  }

  /** Whether the caller's role includes {@code role}. */
  public boolean has(Role role) {
    return this.role.includes(role);
  }
}
