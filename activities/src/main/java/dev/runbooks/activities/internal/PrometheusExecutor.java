package dev.runbooks.activities.internal;

import dev.runbooks.activities.StepContext;
import dev.runbooks.activities.StepExecutor;
import dev.runbooks.activities.StepFailures;
import dev.runbooks.language.steps.ActionRequest;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Executes {@code prometheus} steps: {@code GET {url}/api/v1/query} with the query, the optional
 * evaluation time and the step's timeout. Read-only, so retrying is always safe.
 *
 * <p>The result is {@code {query, resultType, samples, value, count, evidence}}: each sample is
 * {@code {metric, value, timestamp}} (for a range vector also {@code values}, the points as {@code
 * [timestamp, value]}); {@code value} is the first sample's value. Prometheus sends values as text;
 * they become doubles, and NaN or infinities become null (their text stays in {@code valueText}).
 * {@code evidence} is {@code {url, query, time, durationMs}}.
 *
 * <p>Requests go through {@link JsonHttp}, which resolves and checks each host with the step's
 * {@link dev.runbooks.activities.Destinations} and connects to the checked address ({@link
 * PinnedHttp}).
 */
final class PrometheusExecutor implements StepExecutor {
  private static final int EXCERPT = 300;

  /** An executor; it needs nothing of the environment. */
  PrometheusExecutor() {}

  @Override
  public String type() {
    return "prometheus";
  }

  @Override
  public Map<String, Object> execute(ActionRequest request, StepContext ctx) {
    PrometheusConfig config = PrometheusConfig.bind(request.config());
    StringBuilder q =
        new StringBuilder("query=")
            .append(URLEncoder.encode(config.query(), StandardCharsets.UTF_8));
    if (config.time() != null) {
      q.append("&time=").append(URLEncoder.encode(config.time(), StandardCharsets.UTF_8));
    }
    q.append("&timeout=").append(Math.max(1, config.timeout().toMillis())).append("ms");
    URI endpoint = URI.create(config.url() + "/api/v1/query?" + q);
    String what = "Prometheus query '" + config.query() + "' at " + JsonHttp.safe(config.url());
    JsonHttp.Response response =
        JsonHttp.exchange(
            "GET",
            endpoint,
            config.headers(),
            null,
            config.timeout(),
            ctx,
            what,
            StepFailures.PROMETHEUS_UNAVAILABLE);
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("url", JsonHttp.safe(config.url()) + "/api/v1/query");
    evidence.put("query", config.query());
    evidence.put("time", config.time());
    evidence.put("durationMs", response.durationMs());
    Map<String, Object> body = response.json() instanceof Map<?, ?> m ? asMap(m) : null;
    failOnError(response, body, what, evidence);
    Map<String, Object> result = result(config, body, evidence, what);
    if (config.expect() != null) {
      ResultExpect.check(
          config.expect(),
          what,
          result,
          "value " + result.get("value") + ", " + result.get("count") + " samples");
    }
    return result;
  }

  private static void failOnError(
      JsonHttp.Response response, Map<String, Object> body, String what, Object evidence) {
    int status = response.status();
    boolean success = body != null && "success".equals(body.get("status"));
    if (status == 200 && success) {
      return;
    }
    String reason =
        body != null && body.get("error") != null
            ? body.getOrDefault("errorType", "error") + ": " + body.get("error")
            : "answered " + status + ": " + JsonValues.head(response.text(), EXCERPT);
    if (status == 429 || status >= 500 || (status == 200 && body == null)) {
      throw StepFailures.retryable(
          what + " failed, Prometheus is unavailable (" + status + "): " + reason,
          StepFailures.PROMETHEUS_UNAVAILABLE,
          evidence);
    }
    throw ApplicationFailure.newNonRetryableFailure(
        what + " was refused (" + status + ") " + reason,
        StepFailures.PROMETHEUS_QUERY_ERROR,
        evidence);
  }

  private static Map<String, Object> result(
      PrometheusConfig config, Map<String, Object> body, Object evidence, String what) {
    Map<String, Object> data = body.get("data") instanceof Map<?, ?> d ? asMap(d) : Map.of();
    String resultType = String.valueOf(data.getOrDefault("resultType", ""));
    Object raw = data.get("result");
    List<Map<String, Object>> samples = new ArrayList<>();
    switch (resultType) {
      case "vector", "matrix" -> {
        if (raw instanceof List<?> series) {
          for (Object s : series) {
            if (s instanceof Map<?, ?> m) {
              samples.add(sample(asMap(m)));
            }
          }
        }
      }
      case "scalar", "string" -> {
        if (raw instanceof List<?> point) {
          Map<String, Object> one = new LinkedHashMap<>();
          one.put("metric", Map.of());
          one.putAll(point(point));
          samples.add(one);
        }
      }
      default ->
          throw StepFailures.retryable(
              what + ": Prometheus answered an unknown resultType '" + resultType + "'",
              StepFailures.PROMETHEUS_UNAVAILABLE,
              evidence);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("query", config.query());
    result.put("resultType", resultType);
    result.put("samples", samples);
    result.put("value", samples.isEmpty() ? null : samples.get(0).get("value"));
    result.put("count", (long) samples.size());
    result.put("evidence", evidence);
    return result;
  }

  private static Map<String, Object> sample(Map<String, Object> series) {
    Map<String, Object> sample = new LinkedHashMap<>();
    sample.put("metric", series.get("metric") instanceof Map<?, ?> m ? asMap(m) : Map.of());
    if (series.get("value") instanceof List<?> point) {
      sample.putAll(point(point));
    } else if (series.get("values") instanceof List<?> points && !points.isEmpty()) {
      List<Object> values = new ArrayList<>();
      Map<String, Object> last = Map.of();
      for (Object p : points) {
        if (p instanceof List<?> point) {
          last = point(point);
          values.add(List.of(last.get("timestamp"), last.get("valueText")));
        }
      }
      sample.putAll(last);
      sample.put("values", values);
    }
    return sample;
  }

  /** A {@code [timestamp, "value"]} pair as {@code {value, valueText, timestamp}}. */
  private static Map<String, Object> point(List<?> point) {
    Map<String, Object> out = new LinkedHashMap<>();
    Object ts = point.isEmpty() ? null : point.get(0);
    String text = point.size() < 2 ? null : String.valueOf(point.get(1));
    out.put("value", number(text));
    out.put("valueText", text);
    out.put("timestamp", ts instanceof Number n ? n.doubleValue() : null);
    return out;
  }

  private static Double number(String text) {
    if (text == null) {
      return null;
    }
    try {
      double d = Double.parseDouble(text.toLowerCase(Locale.ROOT).replace("inf", "Infinity"));
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }
}
