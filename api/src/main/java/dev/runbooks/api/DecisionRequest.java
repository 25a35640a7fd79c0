package dev.runbooks.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The payload of a decision update (or signal): {@code {"approver"|"by": name, "groups": [...],
 * "channel", "comment", "step"?, "reason"?, "seal"?}}. The engine fills who decides from the
 * authenticated caller and seals the payload ({@link DecisionSeal}); a payload without a valid seal
 * is unverified.
 *
 * @param name who decides
 * @param groups the decider's groups, without the {@code group:} prefix
 * @param channel how the decision reached the engine
 * @param comment why, or null
 * @param step the approval or ladder decided, or null when only one waits
 * @param reason an abort's reason, or null
 * @param seal the engine's seal over the other fields, or null
 */
public record DecisionRequest(
    String name,
    List<String> groups,
    Channel channel,
    String comment,
    String step,
    String reason,
    String seal) {
  /** Who signs a payload that names nobody. */
  public static final String ANONYMOUS = "anonymous";

  /** Fills the defaults: an anonymous name, no groups, the temporal channel. */
  public DecisionRequest {
    name = name == null || name.isBlank() ? ANONYMOUS : name;
    groups = groups == null ? List.of() : List.copyOf(groups);
    channel = channel == null ? Channel.TEMPORAL : channel;
  }

  /** An unsealed request from an actor. */
  public static DecisionRequest of(Actor actor, String comment, String step, String reason) {
    return new DecisionRequest(
        actor.name(), actor.groups(), actor.channel(), comment, step, reason, null);
  }

  /** The decider as an {@link Actor}. */
  public Actor actor() {
    return new Actor(name, groups, channel);
  }

  /** This request with the given seal. */
  public DecisionRequest withSeal(String seal) {
    return new DecisionRequest(name, groups, channel, comment, step, reason, seal);
  }

  /** The payload as JSON-ready map for {@code action}, keys left out when null. */
  public Map<String, Object> toPayload(DecisionAction action) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(action.nameKey(), name);
    m.put("groups", groups);
    m.put("channel", channel.wire());
    putIfPresent(m, "comment", comment);
    putIfPresent(m, "step", step);
    putIfPresent(m, "reason", reason);
    putIfPresent(m, "seal", seal);
    return m;
  }

  /**
   * The request a payload holds, read leniently (missing or non-text values as their text or null).
   * Without a seal the channel is {@link Channel#TEMPORAL} whatever the payload says.
   */
  public static DecisionRequest from(DecisionAction action, Map<String, Object> payload) {
    String seal = Payloads.text(payload, "seal");
    return new DecisionRequest(
        Payloads.text(payload, action.nameKey()),
        groups(payload == null ? null : payload.get("groups")),
        seal == null ? Channel.TEMPORAL : Channel.of(Payloads.text(payload, "channel")),
        Payloads.text(payload, "comment"),
        Payloads.text(payload, "step"),
        Payloads.text(payload, "reason"),
        seal);
  }

  private static List<String> groups(Object raw) {
    List<String> out = new ArrayList<>();
    if (raw instanceof List<?> list) {
      list.stream().filter(Objects::nonNull).map(String::valueOf).forEach(out::add);
    }
    return out;
  }

  private static void putIfPresent(Map<String, Object> m, String key, String value) {
    if (value != null) {
      m.put(key, value);
    }
  }
}
