package dev.runbooks.starter.rails.internal;

import dev.runbooks.starter.rails.GuardRailViews.Automation;
import dev.runbooks.starter.rails.GuardRailViews.Autonomies;
import dev.runbooks.starter.rails.GuardRailViews.AutonomyOverride;
import dev.runbooks.starter.rails.GuardRailViews.Freeze;
import dev.runbooks.starter.rails.GuardRailViews.Limits;
import dev.runbooks.starter.rails.GuardRailViews.RunbookRails;
import dev.runbooks.starter.rails.GuardRailViews.Snapshot;
import dev.runbooks.starter.rails.GuardRailViews.Switch;
import dev.runbooks.starter.rails.GuardRailViews.Trip;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The guard rails as the JSON of {@code /api/guard-rails} and {@code /api/freezes}. */
public final class RailJson {
  private RailJson() {}

  /** The whole snapshot. */
  public static Map<String, Object> snapshot(Snapshot s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("automation", automation(s.automation()));
    m.put("runbooks", s.runbooks().stream().map(RailJson::runbook).toList());
    m.put("freezes", s.freezes().stream().map(RailJson::freeze).toList());
    return m;
  }

  static Map<String, Object> automation(Automation a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("disabled", a.disabled());
    m.put("reason", a.reason());
    m.put("by", a.by());
    m.put("at", text(a.at()));
    m.put("until", text(a.until()));
    return m;
  }

  static Map<String, Object> runbook(RunbookRails r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("runbook", r.runbook());
    m.put("disabled", r.disabled() == null ? null : switched(r.disabled()));
    m.put("tripped", r.tripped() == null ? null : trip(r.tripped()));
    m.put("autonomy", autonomy(r.autonomy()));
    m.put("limits", r.limits() == null ? null : limits(r.limits()));
    m.put("recent", Map.of("starts", r.recent().starts(), "limited", r.recent().limited()));
    return m;
  }

  /** A kill switch that is on. */
  public static Map<String, Object> switched(Switch s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("reason", s.reason());
    m.put("by", s.by());
    m.put("at", text(s.at()));
    m.put("until", text(s.until()));
    return m;
  }

  /** A trip. */
  public static Map<String, Object> trip(Trip t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("at", text(t.at()));
    m.put("limit", t.limit());
    m.put("message", t.message());
    return m;
  }

  /** A runbook's autonomy. */
  public static Map<String, Object> autonomy(Autonomies a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("written", a.written().toString());
    m.put("effective", a.effective().toString());
    AutonomyOverride o = a.override();
    if (o == null) {
      m.put("override", null);
    } else {
      Map<String, Object> om = new LinkedHashMap<>();
      om.put("mode", o.mode().toString());
      om.put("by", o.by());
      om.put("reason", o.reason());
      om.put("at", text(o.at()));
      m.put("override", om);
    }
    m.put("freeze", a.freeze() == null ? null : freeze(a.freeze()));
    return m;
  }

  static Map<String, Object> limits(Limits l) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("runs", l.runs());
    if (l.perTarget() == null) {
      m.put("perTarget", null);
    } else {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("key", l.perTarget().key());
      p.put("runs", l.perTarget().runs());
      m.put("perTarget", p);
    }
    m.put("trip", l.trip());
    m.put("source", l.source());
    return m;
  }

  /** A change freeze. */
  public static Map<String, Object> freeze(Freeze f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", f.id());
    m.put("reason", f.reason());
    m.put("startsAt", text(f.startsAt()));
    m.put("endsAt", text(f.endsAt()));
    m.put("runbooks", f.runbooks());
    m.put("by", f.by());
    m.put("origin", f.origin());
    m.put("deletedAt", text(f.deletedAt()));
    m.put("deletedBy", f.deletedBy());
    return m;
  }

  private static String text(Instant at) {
    return at == null ? null : at.toString();
  }
}
