package dev.runbooks.testbed.miniminimoon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbooks.testbed.http.Metrics;
import java.util.List;
import java.util.Map;

/**
 * The Prometheus metrics of MINIMINIMOON, which the alert rules in {@code
 * docker/prometheus/rules/miniminimoon.yml} read.
 */
final class MiniminimoonMetrics {
  private MiniminimoonMetrics() {}

  static void write(MiniminimoonSystem system, Metrics m) {
    ObjectNode health = system.pipeline().health();
    String overall = health.path("overall_status").asText();
    for (String status : List.of("healthy", "degraded", "unhealthy")) {
      m.gauge(
          "miniminimoon_pipeline_status",
          "1 for the pipeline's overall status from its health check.",
          Map.of("status", status),
          status.equals(overall) ? 1 : 0);
    }
    m.gauge(
        "miniminimoon_pipeline_error_ratio",
        "Share of plans that fail at the current error rates.",
        health.path("error_rate").asDouble());
    JsonNode latency = health.path("latency");
    for (String p : List.of("p50", "p95", "p99")) {
      m.gauge(
          "miniminimoon_plan_latency_" + p + "_seconds",
          "The " + p + " of plan processing latency.",
          latency.path(p + "_seconds").asDouble());
    }
    m.gauge(
        "miniminimoon_health_check_seconds",
        "How long the health check takes.",
        Cpu.round(health.path("health_check_ms").asDouble() / 1000));
    // A metric's samples must be one group in the exposition format: one loop per metric.
    for (String component : Pipeline.COMPONENTS) {
      m.gauge(
          "miniminimoon_component_healthy",
          "1 when the pipeline node is healthy.",
          Map.of("component", component),
          health.path("components").path(component).path("status").asText().equals("healthy")
              ? 1
              : 0);
    }
    for (String component : Pipeline.COMPONENTS) {
      m.counter(
          "miniminimoon_component_errors_total",
          "Plans that failed at this node.",
          Map.of("component", component),
          health.path("components").path(component).path("errors_total").asDouble());
    }
    m.counter(
        "miniminimoon_plans_total",
        "Plans processed, by result.",
        Map.of("result", "success"),
        system.pipeline().succeeded());
    m.counter(
        "miniminimoon_plans_total",
        "Plans processed, by result.",
        Map.of("result", "failure"),
        system.pipeline().failed());
    Network network = system.network();
    for (String host : Network.HOSTS) {
      m.gauge(
          "miniminimoon_network_reachable",
          "1 when the model host answers at all.",
          Map.of("host", host),
          network.loss(host) < 1 ? 1 : 0);
    }
    for (String host : Network.HOSTS) {
      m.gauge(
          "miniminimoon_network_packet_loss_ratio",
          "Share of packets to the model host that are lost.",
          Map.of("host", host),
          network.loss(host));
    }
    for (String mode : List.of("online", "hybrid", "offline")) {
      m.gauge(
          "miniminimoon_network_mode",
          "1 for the mode the pipeline uses the network in.",
          Map.of("mode", mode),
          mode.equals(network.mode()) ? 1 : 0);
    }
    JsonNode df = system.storage().df();
    m.gauge(
        "miniminimoon_disk_capacity_bytes",
        "Capacity of the data volume.",
        df.path("capacity_bytes").asDouble());
    m.gauge(
        "miniminimoon_disk_used_bytes",
        "Bytes used on the data volume.",
        df.path("used_bytes").asDouble());
    m.gauge(
        "miniminimoon_disk_used_ratio",
        "Share of the data volume in use.",
        df.path("used_percent").asDouble() / 100);
    m.counter(
        "miniminimoon_disk_write_failures_total",
        "Writes refused for lack of space.",
        Map.of(),
        df.path("write_failures").asDouble());
    Cpu cpu = system.cpu();
    m.gauge("miniminimoon_cpu_usage_ratio", "CPU usage of the machine.", cpu.percent() / 100);
    m.gauge(
        "miniminimoon_cpu_frequency_ratio",
        "CPU frequency as a share of the nominal one (below 1: throttled).",
        cpu.diagnostics().path("frequency_mhz").asDouble() / 3000);
    m.gauge("miniminimoon_cpu_temperature_celsius", "CPU package temperature.", cpu.temperature());
    m.gauge("miniminimoon_workers", "Pipeline worker processes running.", cpu.activeWorkers());
    m.gauge(
        "miniminimoon_embedding_batch_size",
        "Embedding batch size.",
        cpu.config().path("embedding_batch_size").asDouble());
  }
}
