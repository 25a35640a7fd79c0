package dev.runbooks.activities.internal;

import dev.runbooks.activities.Secrets;
import dev.runbooks.activities.StepFailures;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One step's use of secrets: resolves every {@code ${{ secrets.NAME }}} left in its config (the
 * workflow never renders them), remembers the values, and masks them as {@code ***} in whatever
 * leaves the activity: the result and failure messages and details.
 */
public final class SecretScope {
  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\{\\{\\s*secrets\\.([A-Za-z_][A-Za-z0-9_]*)\\s*}}");
  private static final String MASK = "***";

  private final Secrets secrets;
  private final String stepType;
  private final Set<String> used = new LinkedHashSet<>();

  /** A scope for one execution of a step of the given type. */
  public SecretScope(Secrets secrets, String stepType) {
    this.secrets = secrets;
    this.stepType = stepType;
  }

  /**
   * The config with every secret reference replaced by its value.
   *
   * @throws ApplicationFailure non-retryable {@code SecretUnavailable} naming a missing secret
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> resolve(Map<String, Object> config) {
    return (Map<String, Object>) resolveTree(config);
  }

  private Object resolveTree(Object value) {
    if (value instanceof String s && s.contains("${{")) {
      Matcher m = REFERENCE.matcher(s);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        String name = m.group(1);
        String secret =
            secrets
                .lookup(name)
                .orElseThrow(
                    () ->
                        ApplicationFailure.newNonRetryableFailure(
                            stepType
                                + " step: secret '"
                                + name
                                + "' is not set (RUNBOOK_SECRET_"
                                + name
                                + " or a file in RUNBOOK_SECRETS_DIR)",
                            StepFailures.SECRET_UNAVAILABLE));
        if (!secret.isEmpty()) {
          used.add(secret);
        }
        m.appendReplacement(out, Matcher.quoteReplacement(secret));
      }
      m.appendTail(out);
      return out.toString();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), resolveTree(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(resolveTree(v)));
      return out;
    }
    return value;
  }

  /** A value with every secret used in this scope replaced by {@code ***}. */
  public Object mask(Object value) {
    if (used.isEmpty()) {
      return value;
    }
    if (value instanceof String s) {
      String out = s;
      for (String secret : used) {
        out = out.replace(secret, MASK);
      }
      return out;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(mask(k)), mask(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(mask(v)));
      return out;
    }
    return value;
  }

  /** The failure with secrets masked in its message and details; the same when none were used. */
  public ApplicationFailure mask(ApplicationFailure failure) {
    if (used.isEmpty()) {
      return failure;
    }
    Object details = null;
    try {
      if (failure.getDetails().getSize() > 0) {
        details = failure.getDetails().get(0, Object.class);
      }
    } catch (RuntimeException e) {
      details = null;
    }
    ApplicationFailure.Builder masked =
        ApplicationFailure.newBuilder()
            .setMessage((String) mask(failure.getOriginalMessage()))
            .setType(failure.getType())
            .setNonRetryable(failure.isNonRetryable())
            .setNextRetryDelay(failure.getNextRetryDelay());
    if (details != null) {
      masked.setDetails(mask(details));
    }
    return masked.build();
  }
}
