package dev.runbooks.api;

import java.util.List;
import java.util.Objects;

/**
 * Who acts: the authenticated name, the groups the identity provider (or the local users'
 * configuration) gives it, and the channel the action came through. The engine fills it from the
 * authenticated request, never from a request body.
 *
 * @param name the principal's name (an OIDC subject's preferred user name, a local user, or an API
 *     token's owner)
 * @param groups the principal's groups, without the {@code group:} prefix
 * @param channel how the action reached the engine
 */
public record Actor(String name, List<String> groups, Channel channel) {
  /** Checks the name and copies the groups. */
  public Actor {
    Objects.requireNonNull(name, "name");
    groups = groups == null ? List.of() : List.copyOf(groups);
    channel = channel == null ? Channel.TEMPORAL : channel;
  }

  /**
   * Whether this actor is one of the given principals: {@code user:<name>}, {@code group:<name>} or
   * a bare name (a user).
   */
  public boolean isAnyOf(List<String> principals) {
    for (String p : principals) {
      if (p.startsWith("group:") ? groups.contains(p.substring(6)) : name.equals(user(p))) {
        return true;
      }
    }
    return false;
  }

  private static String user(String principal) {
    return principal.startsWith("user:") ? principal.substring(5) : principal;
  }
}
