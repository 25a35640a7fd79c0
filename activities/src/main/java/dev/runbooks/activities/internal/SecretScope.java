package dev.runbooks.activities.internal;

import dev.runbooks.activities.Secrets;
import dev.runbooks.activities.StepFailures;
import dev.runbooks.language.expr.Json;
import dev.runbooks.language.steps.SecretRef;
import io.temporal.client.ActivityCompletionException;
import io.temporal.common.converter.GlobalDataConverter;
import io.temporal.failure.ApplicationFailure;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One step's use of secrets: resolves the {@code ${{ secrets.NAME }}} references the runbook's
 * source wrote in the step's config, remembers the values, and masks them as {@code ***} in
 * whatever leaves the activity.
 *
 * <p><b>Only the source's references.</b> The workflow renders a config and says, in the request's
 * {@link SecretRef}s, where the runbook's own text put a reference (see {@code
 * ActionRequest.rendered} in the language module). {@link #resolve} replaces exactly those spans,
 * after checking that each still holds a reference to the secret it names. The same text anywhere
 * else (an alert label, an input, a step's output or an expression's result carried it in) is data
 * and is sent as it is: rendered strings are never scanned for references.
 *
 * <p><b>Requests from older workers.</b> A request without {@code secretRefs} (null: scheduled by a
 * worker from before this rule, typically a step of a run in flight during the upgrade) cannot say
 * which of its references are the source's. When its config holds none, it runs unchanged; when it
 * holds one, the step fails at once with the non-retryable {@link
 * StepFailures#SECRET_REFERENCE_UNVERIFIED}, naming the field and the secret, never resolving it.
 * Such a run is started again (new requests carry positions).
 *
 * <p><b>Masking.</b> Every value resolved here is replaced by {@code ***} in each form it can take
 * on the way out ({@link #forms}): as is, JSON-escaped, URL-encoded, and base64 (standard and
 * URL-safe, with or without padding, also inside a longer base64 text such as a Basic {@code
 * Authorization} header); in the result, in failures of any type (message, details and causes) and
 * in heartbeat details.
 */
public final class SecretScope {
  /** A reference as the source writes it; group 1 is the name. */
  static final Pattern REFERENCE =
      Pattern.compile("\\$\\{\\{\\s*secrets\\.([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

  private static final String MASK = "***";

  /** Base64 text shorter than this, cut out of a longer one, is not masked (too common). */
  private static final int MIN_BASE64_CORE = 6;

  private final Secrets secrets;
  private final String stepType;
  private final Set<String> used = new LinkedHashSet<>();
  private List<String> masked = List.of();

  /** A scope for one execution of a step of the given type. */
  public SecretScope(Secrets secrets, String stepType) {
    this.secrets = secrets;
    this.stepType = stepType;
  }

  /**
   * The config with the references {@code refs} points at replaced by their values; nothing else
   * changes.
   *
   * @param refs where the runbook's source put references; null for a request of the old format
   * @throws ApplicationFailure non-retryable: {@code SecretUnavailable} naming a missing secret,
   *     {@code SecretReferenceUnverified} for an old-format request holding a reference, {@code
   *     InvalidStepConfig} when a position does not hold the reference it names
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> resolve(Map<String, Object> config, List<SecretRef> refs) {
    if (refs == null) {
      refuseUnmarked(config, new ArrayList<>());
      return config;
    }
    if (refs.isEmpty()) {
      return config;
    }
    Map<List<Object>, List<SecretRef>> byPath = new HashMap<>();
    for (SecretRef ref : refs) {
      byPath.computeIfAbsent(normalize(ref.path()), p -> new ArrayList<>()).add(ref);
    }
    Set<List<Object>> found = new HashSet<>();
    Object out = resolveTree(config, new ArrayList<>(), byPath, found);
    for (List<Object> path : byPath.keySet()) {
      if (!found.contains(path)) {
        throw StepFailures.invalidConfig(
            stepType, fieldName(path), "is not a string of the config, but a secret points at it");
      }
    }
    return (Map<String, Object>) out;
  }

  private static List<Object> normalize(List<Object> path) {
    List<Object> out = new ArrayList<>(path.size());
    for (Object p : path) {
      out.add(p instanceof Number n ? (Object) n.intValue() : String.valueOf(p));
    }
    return List.copyOf(out);
  }

  private Object resolveTree(
      Object value,
      List<Object> path,
      Map<List<Object>, List<SecretRef>> byPath,
      Set<List<Object>> found) {
    if (value instanceof String s) {
      List<SecretRef> here = byPath.get(path);
      if (here == null) {
        return s;
      }
      found.add(List.copyOf(path));
      return substitute(s, here, path);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach(
          (k, v) -> {
            path.add(String.valueOf(k));
            out.put(String.valueOf(k), resolveTree(v, path, byPath, found));
            path.remove(path.size() - 1);
          });
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        path.add(i);
        out.add(resolveTree(list.get(i), path, byPath, found));
        path.remove(path.size() - 1);
      }
      return out;
    }
    return value;
  }

  private String substitute(String text, List<SecretRef> refs, List<Object> path) {
    List<SecretRef> sorted = new ArrayList<>(refs);
    sorted.sort(Comparator.comparingInt(SecretRef::start));
    StringBuilder out = new StringBuilder();
    int pos = 0;
    for (SecretRef ref : sorted) {
      if (ref.start() < pos || ref.end() > text.length() || ref.end() <= ref.start()) {
        throw misplaced(path, ref);
      }
      Matcher m = REFERENCE.matcher(text.substring(ref.start(), ref.end()));
      if (!m.matches() || !m.group(1).equals(ref.name())) {
        throw misplaced(path, ref);
      }
      out.append(text, pos, ref.start()).append(lookup(ref.name()));
      pos = ref.end();
    }
    return out.append(text, pos, text.length()).toString();
  }

  private ApplicationFailure misplaced(List<Object> path, SecretRef ref) {
    return StepFailures.invalidConfig(
        stepType,
        fieldName(path),
        "has no reference to secret '"
            + ref.name()
            + "' at ["
            + ref.start()
            + ", "
            + ref.end()
            + ") where the request's secretRefs point");
  }

  private String lookup(String name) {
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
    if (!secret.isEmpty() && used.add(secret)) {
      List<String> all = new ArrayList<>(masked);
      all.addAll(forms(secret));
      all.sort(Comparator.comparingInt(String::length).reversed());
      masked = List.copyOf(new LinkedHashSet<>(all));
    }
    return secret;
  }

  /** Fails an old-format request whose config holds a reference anywhere. */
  private void refuseUnmarked(Object value, List<Object> path) {
    if (value instanceof String s) {
      Matcher m = REFERENCE.matcher(s);
      if (m.find()) {
        throw ApplicationFailure.newNonRetryableFailure(
            stepType
                + " step: '"
                + fieldName(path)
                + "' holds a reference to secret '"
                + m.group(1)
                + "', but the request comes from an older worker that does not mark which"
                + " references the runbook's source wrote (no secretRefs), so it could be alert or"
                + " input data; refused, not resolved. Start the run again.",
            StepFailures.SECRET_REFERENCE_UNVERIFIED);
      }
    } else if (value instanceof Map<?, ?> map) {
      map.forEach(
          (k, v) -> {
            path.add(String.valueOf(k));
            refuseUnmarked(v, path);
            path.remove(path.size() - 1);
          });
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        path.add(i);
        refuseUnmarked(list.get(i), path);
        path.remove(path.size() - 1);
      }
    }
  }

  private static String fieldName(List<Object> path) {
    StringBuilder out = new StringBuilder();
    for (Object p : path) {
      if (p instanceof Integer i) {
        out.append('[').append(i).append(']');
      } else {
        out.append(out.isEmpty() ? "" : ".").append(p);
      }
    }
    return out.toString();
  }

  /**
   * The texts a secret value can show up as on the way out, longest first: the value; JSON-escaped
   * (also with {@code \/} and with non-ASCII as backslash-u escapes, either case); URL-encoded
   * ({@code +} or {@code %20} for spaces, either hex case); base64, standard and URL-safe, with and
   * without padding; and the part of its base64 that stays the same wherever it starts inside a
   * longer encoded text (at least {@value #MIN_BASE64_CORE} characters).
   */
  static List<String> forms(String secret) {
    Set<String> out = new LinkedHashSet<>();
    out.add(secret);
    String json = Json.write(secret);
    json = json.substring(1, json.length() - 1);
    out.add(json);
    out.add(json.replace("/", "\\/"));
    out.add(asciiJson(json, false));
    out.add(asciiJson(json, true));
    String url = URLEncoder.encode(secret, StandardCharsets.UTF_8);
    for (String u : List.of(url, url.replace("+", "%20"))) {
      out.add(u);
      out.add(lowerHex(u));
    }
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    for (int k = 0; k < 3; k++) {
      byte[] shifted = new byte[k + bytes.length];
      System.arraycopy(bytes, 0, shifted, k, bytes.length);
      String padded = Base64.getEncoder().encodeToString(shifted);
      String bare = padded.replace("=", "");
      if (k == 0) {
        out.add(padded);
        out.add(bare);
        out.add(urlSafe(padded));
        out.add(urlSafe(bare));
      }
      int from = (8 * k + 5) / 6;
      int to = (8 * (k + bytes.length)) / 6;
      if (to - from >= MIN_BASE64_CORE) {
        out.add(bare.substring(from, to));
        out.add(urlSafe(bare.substring(from, to)));
      }
    }
    out.removeIf(String::isEmpty);
    List<String> sorted = new ArrayList<>(out);
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    return sorted;
  }

  private static String urlSafe(String base64) {
    return base64.replace('+', '-').replace('/', '_');
  }

  private static String lowerHex(String urlEncoded) {
    Matcher m = Pattern.compile("%[0-9A-F]{2}").matcher(urlEncoded);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, m.group().toLowerCase(Locale.ROOT));
    }
    return m.appendTail(out).toString();
  }

  private static String asciiJson(String json, boolean lower) {
    StringBuilder out = new StringBuilder();
    json.chars()
        .forEach(
            c -> {
              if (c < 0x80) {
                out.append((char) c);
              } else {
                out.append(String.format(lower ? "\\u%04x" : "\\u%04X", c));
              }
            });
    return out.toString();
  }

  /** A text with every form of every secret used in this scope replaced by {@code ***}. */
  public String maskText(String text) {
    if (text == null || masked.isEmpty()) {
      return text;
    }
    String out = text;
    for (String form : masked) {
      out = out.replace(form, MASK);
    }
    return out;
  }

  /**
   * A value with every form of every secret used in this scope replaced by {@code ***}, in map keys
   * and strings at any depth; a value of another type is first turned into plain JSON values.
   */
  public Object mask(Object value) {
    if (masked.isEmpty() || value == null) {
      return value;
    }
    if (value instanceof String s) {
      return maskText(s);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(maskText(String.valueOf(k)), mask(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(mask(v)));
      return out;
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value;
    }
    try {
      return mask(Json.mapper().convertValue(value, Object.class));
    } catch (IllegalArgumentException e) {
      return maskText(String.valueOf(value));
    }
  }

  /**
   * What to throw instead of a failure of any type: the same failure when no secret was used, or an
   * activity completion signal (cancellation); otherwise an {@link ApplicationFailure} with the
   * same type (an exception's class name, as Temporal would name it), retry behaviour, stack trace
   * and details, its message, details and causes masked.
   */
  public RuntimeException maskFailure(Throwable failure) {
    if (failure instanceof ActivityCompletionException completion) {
      return completion;
    }
    if (masked.isEmpty()) {
      if (failure instanceof RuntimeException r) {
        return r;
      }
      if (failure instanceof Error e) {
        throw e;
      }
    }
    return maskedCopy(failure, 0);
  }

  private ApplicationFailure maskedCopy(Throwable failure, int depth) {
    ApplicationFailure.Builder copy = ApplicationFailure.newBuilder();
    if (failure instanceof ApplicationFailure app) {
      copy.setMessage(maskText(app.getOriginalMessage()))
          .setType(app.getType())
          .setNonRetryable(app.isNonRetryable())
          .setNextRetryDelay(app.getNextRetryDelay())
          .setCategory(app.getCategory());
      List<Object> details = details(app);
      if (!details.isEmpty()) {
        copy.setDetails(details.stream().map(this::mask).toArray());
      }
    } else {
      copy.setMessage(maskText(failure.getMessage())).setType(failure.getClass().getName());
    }
    Throwable cause = failure.getCause();
    if (cause != null && cause != failure && depth < 10) {
      copy.setCause(maskedCopy(cause, depth + 1));
    }
    ApplicationFailure out = copy.build();
    out.setStackTrace(failure.getStackTrace());
    return out;
  }

  private static List<Object> details(ApplicationFailure failure) {
    List<Object> out = new ArrayList<>();
    try {
      var values = failure.getDetails();
      if (values.getSize() == 0) {
        return out;
      }
      failure.setDataConverter(GlobalDataConverter.get());
      for (int i = 0; i < values.getSize(); i++) {
        out.add(values.get(i, Object.class));
      }
    } catch (RuntimeException e) {
      out.clear();
    }
    return out;
  }
}
