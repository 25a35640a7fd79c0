package dev.runbooks.testbed.miniminimoon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbooks.testbed.http.HttpError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pipeline's network dependency: the two model hosts, the connectivity they have (a full outage
 * with a cause, or packet loss per host), and how the pipeline uses them: its mode ({@code online}
 * fetches from the network, {@code hybrid} uses the cache first, {@code offline} only the cache)
 * and its retry policy.
 */
final class Network {
  /** The host the embedding model comes from. */
  static final String HUGGINGFACE = "huggingface.co";

  /** The host spaCy models are downloaded from. */
  static final String SPACY = "github.com";

  /** The hosts, in the order diagnostics list them. */
  static final List<String> HOSTS = List.of(HUGGINGFACE, SPACY);

  /** The components that need the network, and the host each needs. */
  static final Map<String, String> HOST_OF =
      Map.of("embedding", HUGGINGFACE, "responsibility_detection", SPACY);

  /** The cache (directory below {@code cache/}) that holds each network component's model. */
  static final Map<String, String> CACHE_OF =
      Map.of("embedding", "huggingface", "responsibility_detection", "spacy");

  /** The causes a full outage can have; only {@code service} is fixed by restarting the network. */
  static final Set<String> CAUSES = Set.of("upstream", "dns", "firewall", "service");

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final Map<String, Double> loss = new LinkedHashMap<>();
  private String outage;
  private String mode = "online";
  private int maxRetries = 3;
  private double backoffSeconds = 1.0;
  private int restarts;

  /** Back to a healthy network and the default configuration. */
  void reset() {
    loss.clear();
    outage = null;
    mode = "online";
    maxRetries = 3;
    backoffSeconds = 1.0;
    restarts = 0;
  }

  /** Starts a full outage with a cause (see {@link #CAUSES}). */
  void outage(String cause) {
    if (!CAUSES.contains(cause)) {
      throw new IllegalArgumentException(
          "cause must be one of " + CAUSES + ", not '" + cause + "'");
    }
    outage = cause;
  }

  /** Ends the full outage. */
  void restore() {
    outage = null;
  }

  /** Sets the packet loss of a host (0 to 1). */
  void loss(String host, double share) {
    if (!HOSTS.contains(host)) {
      throw new IllegalArgumentException("unknown host '" + host + "'; hosts: " + HOSTS);
    }
    if (share < 0 || share > 1) {
      throw new IllegalArgumentException("loss must be between 0 and 1, not " + share);
    }
    loss.put(host, share);
  }

  /** Ends the packet loss of every host. */
  void clearLoss() {
    loss.clear();
  }

  /** Whether a full outage is in progress. */
  boolean down() {
    return outage != null;
  }

  /** The share of packets to the host that are lost: 1 during an outage. */
  double loss(String host) {
    return down() ? 1.0 : loss.getOrDefault(host, 0.0);
  }

  /** The highest loss of any host. */
  double maxLoss() {
    return HOSTS.stream().mapToDouble(this::loss).max().orElse(0);
  }

  /** The pipeline's network mode. */
  String mode() {
    return mode;
  }

  /** Whether the component loads its model from the network rather than the cache. */
  private boolean usesNetwork(String component, boolean cached) {
    return HOST_OF.containsKey(component)
        && (mode.equals("online") || (mode.equals("hybrid") && !cached));
  }

  /** The share of the component's calls that fail, given whether its model is cached. */
  double errorRate(String component, boolean cached) {
    if (!HOST_OF.containsKey(component)) {
      return 0;
    }
    if (mode.equals("offline")) {
      return cached ? 0 : 1;
    }
    if (!usesNetwork(component, cached)) {
      return 0;
    }
    return Math.pow(loss(HOST_OF.get(component)), maxRetries + 1);
  }

  /** Seconds that retries add to the slowest 1% of the component's calls. */
  double retryDelayP99(String component, boolean cached) {
    if (!usesNetwork(component, cached)) {
      return 0;
    }
    double l = loss(HOST_OF.get(component));
    if (l <= 0) {
      return 0;
    }
    int retries = 0;
    while (retries < maxRetries && Math.pow(l, retries + 1) >= 0.01) {
      retries++;
    }
    return backoffSeconds * (Math.pow(2, retries) - 1);
  }

  /** The retries a successful call needed in the typical case, for the logs. */
  int typicalRetries(String component) {
    double l = loss(HOST_OF.getOrDefault(component, HUGGINGFACE));
    return l <= 0 ? 0 : Math.min(maxRetries, (int) Math.ceil(l * maxRetries));
  }

  /**
   * Applies a configuration change: {@code mode}, {@code max_retries}, {@code
   * backoff_base_seconds}. Offline mode needs every model cached, as the orchestrator cannot start
   * offline without them ({@code missingCaches} names the missing ones).
   */
  ObjectNode configure(JsonNode body, List<String> missingCaches) {
    String newMode = body.path("mode").asText(mode);
    if (!Set.of("online", "hybrid", "offline").contains(newMode)) {
      throw new IllegalArgumentException("mode must be online, hybrid or offline, not " + newMode);
    }
    int retries = body.path("max_retries").asInt(maxRetries);
    double backoff = body.path("backoff_base_seconds").asDouble(backoffSeconds);
    if (retries < 0 || retries > 10 || backoff <= 0 || backoff > 60) {
      throw new IllegalArgumentException(
          "max_retries must be 0..10 and backoff_base_seconds in (0, 60]");
    }
    if (newMode.equals("offline") && !missingCaches.isEmpty()) {
      throw HttpError.conflict(
          "cannot run offline: no cached model in ~/.cache/"
              + String.join(", ~/.cache/", missingCaches));
    }
    mode = newMode;
    maxRetries = retries;
    backoffSeconds = backoff;
    return config();
  }

  /**
   * Restarts the network service (NetworkManager); an outage caused by the service itself ends, any
   * other stays. Returns whether connectivity came back.
   */
  boolean restart() {
    restarts++;
    if ("service".equals(outage)) {
      outage = null;
      return true;
    }
    return !down();
  }

  /** The configuration the pipeline uses the network with. */
  ObjectNode config() {
    ObjectNode config = JSON.objectNode();
    config.put("mode", mode);
    config.put("max_retries", maxRetries);
    config.put("backoff_base_seconds", backoffSeconds);
    return config;
  }

  /**
   * The connectivity checks of the seed's diagnosis: ping, DNS, the firewall's outbound HTTPS rule
   * and the hosts, by host.
   */
  ObjectNode connectivity() {
    ObjectNode node = JSON.objectNode();
    boolean anyReachable = HOSTS.stream().anyMatch(h -> loss(h) < 1.0);
    node.put("reachable", anyReachable);
    node.put("outage", outage != null);
    node.put("cause", outage == null ? null : outage);
    node.put("max_loss", maxLoss());
    boolean pings = !down() || outage.equals("dns") || outage.equals("firewall");
    node.put("ping_8_8_8_8", pings ? "ok" : "100% packet loss");
    node.put("dns", "dns".equals(outage) ? "SERVFAIL" : "ok");
    node.put("firewall_outbound_443", "firewall".equals(outage) ? "DROP" : "ACCEPT");
    node.put("network_service", "service".equals(outage) ? "hung" : "running");
    node.put("restarts", restarts);
    ObjectNode hosts = node.putObject("hosts");
    for (String host : HOSTS) {
      ObjectNode h = hosts.putObject(host);
      h.put("loss", loss(host));
      h.put("reachable", loss(host) < 1.0);
    }
    return node;
  }
}
