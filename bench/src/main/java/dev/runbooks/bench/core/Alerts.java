package dev.runbooks.bench.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** Alertmanager webhook notifications (version 4) as Alertmanager sends them, one alert each. */
public final class Alerts {
  private Alerts() {}

  /**
   * A firing notification of one alert.
   *
   * @param alertname the alert's name
   * @param labels further labels (alertname is added)
   * @param fingerprint the alert's fingerprint
   */
  public static ObjectNode firing(
      String alertname, Map<String, String> labels, String fingerprint) {
    Map<String, String> all = new TreeMap<>(labels);
    all.put("alertname", alertname);
    ObjectNode body = Http.JSON.createObjectNode();
    body.put("receiver", "runbooks");
    body.put("status", "firing");
    ObjectNode alert = body.putArray("alerts").addObject();
    alert.put("status", "firing");
    alert.set("labels", Http.JSON.valueToTree(all));
    alert.set("annotations", Http.JSON.createObjectNode());
    alert.put("startsAt", Instant.now().minusSeconds(60).toString());
    alert.put("endsAt", "0001-01-01T00:00:00Z");
    alert.put("generatorURL", "http://prometheus:9090/graph?g0.expr=" + alertname);
    alert.put("fingerprint", fingerprint);
    body.set("groupLabels", Http.JSON.valueToTree(Map.of("alertname", alertname)));
    body.set("commonLabels", Http.JSON.valueToTree(all));
    body.set("commonAnnotations", Http.JSON.createObjectNode());
    body.put("externalURL", "http://alertmanager:9093");
    body.put("version", "4");
    body.put("groupKey", "{}:{alertname=\"" + alertname + "\"}");
    body.put("truncatedAlerts", 0);
    return body;
  }
}
