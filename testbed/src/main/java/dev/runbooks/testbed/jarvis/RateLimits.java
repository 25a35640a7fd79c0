package dev.runbooks.testbed.jarvis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JARVIS's per-client rate limits ({@code generation} and {@code read} requests per minute) and the
 * traffic of its clients. A client above a limit gets 429 for the excess; a blocked client gets 403
 * for everything. Limits can be raised for a while (they fall back by themselves when the override
 * expires).
 */
final class RateLimits {
  static final int DEFAULT_GENERATION = 10;
  static final int DEFAULT_READ = 60;

  /** A client's request rates, per minute. */
  static final class Client {
    final String name;
    double generationPerMinute;
    double readPerMinute;

    Client(String name, double generationPerMinute, double readPerMinute) {
      this.name = name;
      this.generationPerMinute = generationPerMinute;
      this.readPerMinute = readPerMinute;
    }

    double total() {
      return generationPerMinute + readPerMinute;
    }
  }

  final Map<String, Client> clients = new LinkedHashMap<>();
  final Map<String, Instant> blocked = new LinkedHashMap<>();
  int generationLimit = DEFAULT_GENERATION;
  int readLimit = DEFAULT_READ;
  Instant overrideExpiresAt;
  double generationRequests;
  double readRequests;
  double generationRejected;
  double readRejected;
  double blockedRequests;

  void reset() {
    clients.clear();
    blocked.clear();
    clients.put("macos-app", new Client("macos-app", 4, 20));
    clients.put("shortcuts", new Client("shortcuts", 2, 6));
    clients.put("cli", new Client("cli", 1, 5));
    generationLimit = DEFAULT_GENERATION;
    readLimit = DEFAULT_READ;
    overrideExpiresAt = null;
    generationRequests = 0;
    readRequests = 0;
    generationRejected = 0;
    readRejected = 0;
    blockedRequests = 0;
  }

  boolean isBlocked(String client, Instant now) {
    Instant until = blocked.get(client);
    return until != null && now.isBefore(until);
  }

  /** Expires overrides and blocks, and counts the requests of the last {@code seconds}. */
  void tick(Instant now, double seconds, boolean serving) {
    if (overrideExpiresAt != null && !now.isBefore(overrideExpiresAt)) {
      generationLimit = DEFAULT_GENERATION;
      readLimit = DEFAULT_READ;
      overrideExpiresAt = null;
    }
    blocked.values().removeIf(until -> !now.isBefore(until));
    if (!serving) {
      return;
    }
    double minutes = seconds / 60;
    for (Client c : clients.values()) {
      if (isBlocked(c.name, now)) {
        blockedRequests += c.total() * minutes;
        continue;
      }
      generationRequests += c.generationPerMinute * minutes;
      readRequests += c.readPerMinute * minutes;
      generationRejected += Math.max(0, c.generationPerMinute - generationLimit) * minutes;
      readRejected += Math.max(0, c.readPerMinute - readLimit) * minutes;
    }
  }

  double rejectingGeneration(Instant now) {
    return clients.values().stream()
        .filter(c -> !isBlocked(c.name, now))
        .mapToDouble(c -> Math.max(0, c.generationPerMinute - generationLimit))
        .sum();
  }

  double rejectingRead(Instant now) {
    return clients.values().stream()
        .filter(c -> !isBlocked(c.name, now))
        .mapToDouble(c -> Math.max(0, c.readPerMinute - readLimit))
        .sum();
  }

  /** Parses {@code 20/minute}, {@code 1/second} or {@code 600/hour} into requests per minute. */
  static int perMinute(String text) {
    String[] parts = text.strip().split("/");
    if (parts.length != 2) {
      throw new IllegalArgumentException("limit '" + text + "' must look like 20/minute");
    }
    int n;
    try {
      n = Integer.parseInt(parts[0].strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("limit '" + text + "' must start with a number");
    }
    return switch (parts[1].strip()) {
      case "second" -> n * 60;
      case "minute" -> n;
      case "hour" -> Math.max(1, n / 60);
      default ->
          throw new IllegalArgumentException("limit '" + text + "': use /second, /minute, /hour");
    };
  }

  /** Sets limits (null keeps one), falling back to the defaults after {@code expiresIn}. */
  void setLimits(Integer generation, Integer read, Duration expiresIn, Instant now) {
    if (generation != null) {
      generationLimit = generation;
    }
    if (read != null) {
      readLimit = read;
    }
    overrideExpiresAt = expiresIn == null ? null : now.plus(expiresIn);
  }

  ObjectNode json(Instant now) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    ObjectNode limits = out.putObject("limits");
    limits.put("generation", generationLimit + "/minute");
    limits.put("read", readLimit + "/minute");
    out.put("override_expires_at", overrideExpiresAt == null ? null : overrideExpiresAt.toString());
    ObjectNode rejecting = out.putObject("rejecting_per_minute");
    double gen = rejectingGeneration(now);
    double read = rejectingRead(now);
    rejecting.put("generation", gen);
    rejecting.put("read", read);
    rejecting.put("total", gen + read);
    double all = clients.values().stream().mapToDouble(Client::total).sum();
    List<Client> top = new ArrayList<>(clients.values());
    top.sort(Comparator.comparingDouble(Client::total).reversed());
    ArrayNode list = out.putArray("top_clients");
    for (Client c : top) {
      ObjectNode node = list.addObject();
      node.put("client", c.name);
      node.put("requests_per_minute", c.total());
      node.put("generation_per_minute", c.generationPerMinute);
      node.put("read_per_minute", c.readPerMinute);
      node.put(
          "rejected_per_minute",
          isBlocked(c.name, now)
              ? 0
              : Math.max(0, c.generationPerMinute - generationLimit)
                  + Math.max(0, c.readPerMinute - readLimit));
      node.put("share", all == 0 ? 0 : Math.round(c.total() / all * 1000) / 1000.0);
      node.put("blocked", isBlocked(c.name, now));
    }
    ArrayNode blocks = out.putArray("blocked");
    blocked.forEach(
        (client, until) -> {
          ObjectNode node = blocks.addObject();
          node.put("client", client);
          node.put("until", until.toString());
        });
    return out;
  }
}
