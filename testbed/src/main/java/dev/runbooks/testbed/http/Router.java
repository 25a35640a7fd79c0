package dev.runbooks.testbed.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The route table of one system: a method and a path pattern per handler. Patterns are literal
 * segments and {@code {name}} segments, which match one path segment and become path parameters; a
 * last segment {@code {name*}} matches the rest of the path.
 */
public final class Router {

  /** Handles one request. */
  @FunctionalInterface
  public interface Handler {
    /** Answers the request; throw {@link HttpError} (or {@link IllegalArgumentException}: 400). */
    Response handle(Request request) throws Exception;
  }

  /** A handler found for a request, with the path parameters it matched. */
  public record Match(Handler handler, Map<String, String> params) {}

  private record Route(String method, String[] segments, Handler handler) {}

  private final List<Route> routes = new ArrayList<>();

  /** Adds a GET route. */
  public Router get(String pattern, Handler handler) {
    return add("GET", pattern, handler);
  }

  /** Adds a POST route. */
  public Router post(String pattern, Handler handler) {
    return add("POST", pattern, handler);
  }

  /** Adds a PUT route. */
  public Router put(String pattern, Handler handler) {
    return add("PUT", pattern, handler);
  }

  /** Adds a DELETE route. */
  public Router delete(String pattern, Handler handler) {
    return add("DELETE", pattern, handler);
  }

  /** Adds a route for any method name. */
  public Router add(String method, String pattern, Handler handler) {
    routes.add(new Route(method, split(pattern), handler));
    return this;
  }

  /** Finds the first route that matches, in the order they were added. */
  public Optional<Match> match(String method, String path) {
    String[] given = split(path);
    for (Route route : routes) {
      if (route.method().equals(method)) {
        Map<String, String> params = match(route.segments(), given);
        if (params != null) {
          return Optional.of(new Match(route.handler(), params));
        }
      }
    }
    return Optional.empty();
  }

  /** Whether any route has this path, whatever its method (for 405 instead of 404). */
  public boolean hasPath(String path) {
    String[] given = split(path);
    return routes.stream().anyMatch(route -> match(route.segments(), given) != null);
  }

  private static Map<String, String> match(String[] pattern, String[] given) {
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < pattern.length; i++) {
      String segment = pattern[i];
      if (segment.startsWith("{") && segment.endsWith("*}")) {
        if (i != pattern.length - 1 || given.length < pattern.length) {
          return null;
        }
        params.put(
            segment.substring(1, segment.length() - 2),
            String.join("/", List.of(given).subList(i, given.length)));
        return params;
      }
      if (i >= given.length) {
        return null;
      }
      if (segment.startsWith("{") && segment.endsWith("}")) {
        params.put(segment.substring(1, segment.length() - 1), given[i]);
      } else if (!segment.equals(given[i])) {
        return null;
      }
    }
    return given.length == pattern.length ? params : null;
  }

  private static String[] split(String path) {
    String trimmed = path.replaceAll("^/+|/+$", "");
    return trimmed.isEmpty() ? new String[0] : trimmed.split("/+");
  }
}
