package dev.runbooks.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a waiting step waits for: an entry of the status query's {@code waiting} list, its {@code
 * kind} naming the variant. Each variant says in words what it waits for, the same words on the web
 * pages ({@link #summary}) and on the command line ({@link #line}). Instants are ISO-8601 text; the
 * {@code time} functions of the wording methods say how to show one.
 */
@JsonTypeInfo(
    use = JsonTypeInfo.Id.NAME,
    include = JsonTypeInfo.As.EXISTING_PROPERTY,
    property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Wait.Approval.class, name = Wait.Approval.KIND),
  @JsonSubTypes.Type(value = Wait.Acknowledgement.class, name = Wait.Acknowledgement.KIND),
  @JsonSubTypes.Type(value = Wait.WaitUntil.class, name = Wait.WaitUntil.KIND),
  @JsonSubTypes.Type(value = Wait.Sleep.class, name = Wait.Sleep.KIND)
})
public sealed interface Wait {
  /** The waiting step. */
  String step();

  /** The variant's name in JSON. */
  @JsonProperty("kind")
  String kind();

  /** One line saying what the step waits for, for the web pages. */
  String summary(Function<Object, String> time);

  /** One line saying what the step waits for and what ends the wait, for the command line. */
  String line(String workflowId);

  /**
   * An approval step waits for a decision.
   *
   * @param deadline when the timeout decides
   * @param onTimeout what the timeout decides: {@code reject} or {@code approve}
   * @param notified the routes told that it waits, when any
   * @param required how many distinct approvers must approve; absent in runs from before
   * @param distinct whether whoever started the run is kept from approving (four eyes)
   * @param via which decisions count: {@code engine} (sealed by the engine) or {@code any}
   * @param approvals who approved so far (a quorum short of {@code required})
   */
  @JsonPropertyOrder({
    "step",
    "kind",
    "prompt",
    "approvers",
    "deadline",
    "onTimeout",
    "notified",
    "required",
    "distinct",
    "via",
    "approvals"
  })
  @JsonIgnoreProperties(value = "kind", allowGetters = true)
  record Approval(
      String step,
      String prompt,
      List<String> approvers,
      String deadline,
      String onTimeout,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<String> notified,
      @JsonInclude(JsonInclude.Include.NON_NULL) Integer required,
      @JsonInclude(JsonInclude.Include.NON_NULL) Boolean distinct,
      @JsonInclude(JsonInclude.Include.NON_NULL) String via,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<String> approvals)
      implements Wait {
    public static final String KIND = "approval";

    /** An approval wait without rules (as runs from before them report it). */
    public Approval(
        String step,
        String prompt,
        List<String> approvers,
        String deadline,
        String onTimeout,
        List<String> notified) {
      this(step, prompt, approvers, deadline, onTimeout, notified, null, null, null, null);
    }

    /** This wait with the approvals so far. */
    public Approval withApprovals(List<String> names) {
      return new Approval(
          step,
          prompt,
          approvers,
          deadline,
          onTimeout,
          notified,
          required,
          distinct,
          via,
          List.copyOf(names));
    }

    /**
     * The rules that differ from the defaults, as words: {@code "; 1/2 approvals (alice); four
     * eyes"}, or empty.
     */
    public String rulesWords() {
      StringBuilder w = new StringBuilder();
      if (required != null && required > 1) {
        int got = approvals == null ? 0 : approvals.size();
        w.append("; ").append(got).append('/').append(required).append(" approvals");
        if (got > 0) {
          w.append(" (").append(String.join(", ", approvals)).append(')');
        }
      }
      if (Boolean.TRUE.equals(distinct)) {
        w.append("; four eyes");
      }
      if ("any".equals(via)) {
        w.append("; via any: decisions sent to Temporal directly count");
      }
      return w.toString();
    }

    @Override
    public String kind() {
      return KIND;
    }

    /** The approvers as {@code " (approvers: a, b)"}; empty when anyone may decide. */
    public String approversWords() {
      return approvers == null || approvers.isEmpty()
          ? ""
          : " (approvers: " + String.join(", ", approvers) + ")";
    }

    @Override
    public String summary(Function<Object, String> time) {
      return "approval: " + prompt + approversWords() + rulesWords();
    }

    @Override
    public String line(String workflowId) {
      return step
          + " waits for approval: "
          + prompt
          + approversWords()
          + rulesWords()
          + " (deadline "
          + deadline
          + "; bin/runbook approve|reject "
          + workflowId
          + ")";
    }
  }

  /**
   * An escalation ladder waits for an acknowledgement before it climbs.
   *
   * @param summary the page's summary
   * @param tier the tier paged last
   * @param tiers how many tiers the ladder has
   * @param route the route of the tier paged last
   * @param nextTier the tier paged next, when one is left
   * @param nextRoute its route
   * @param nextAt when it is paged
   * @param giveUpAt after the last tier: absent while a tier is left; empty (null in JSON) when the
   *     ladder waits as long as it takes, else when it gives up
   */
  @JsonPropertyOrder({
    "step",
    "kind",
    "summary",
    "tier",
    "tiers",
    "route",
    "nextTier",
    "nextRoute",
    "nextAt",
    "giveUpAt"
  })
  @JsonIgnoreProperties(value = "kind", allowGetters = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Acknowledgement(
      String step,
      @JsonInclude(JsonInclude.Include.ALWAYS) String summary,
      @JsonInclude(JsonInclude.Include.ALWAYS) Long tier,
      long tiers,
      @JsonInclude(JsonInclude.Include.ALWAYS) String route,
      Long nextTier,
      String nextRoute,
      String nextAt,
      Optional<String> giveUpAt)
      implements Wait {
    public static final String KIND = "acknowledgement";

    /** A ladder with a tier left has no {@code giveUpAt} (a reader may see it as empty). */
    public Acknowledgement {
      if (nextTier != null) {
        giveUpAt = null;
      }
    }

    @Override
    public String kind() {
      return KIND;
    }

    /** {@code acknowledgement of tier 1/2 (oncall): disk full}. */
    public String words() {
      return "acknowledgement of tier " + tier + "/" + tiers + " (" + route + "): " + summary;
    }

    /**
     * What the ladder does next if nobody acknowledges: the next tier, its route and when it is
     * paged; else when it gives up; else that this is the last tier.
     */
    public String climb(Function<Object, String> time) {
      if (nextTier != null) {
        return "tier " + nextTier + " (" + nextRoute + ") at " + time.apply(nextAt);
      }
      return giveUpAt == null || giveUpAt.isEmpty()
          ? "last tier"
          : "gives up at " + time.apply(giveUpAt.get());
    }

    @Override
    public String summary(Function<Object, String> time) {
      return words() + "; " + climb(time);
    }

    @Override
    public String line(String workflowId) {
      return step
          + " waits for an "
          + words()
          + " ("
          + climb(String::valueOf)
          + "; bin/runbook ack "
          + workflowId
          + ")";
    }
  }

  /**
   * A waitUntil step waits between probes.
   *
   * @param condition the condition it waits for
   * @param probes how many probes it made
   * @param nextProbeAt when it probes next
   * @param deadline when it gives up
   */
  @JsonPropertyOrder({"step", "kind", "condition", "probes", "nextProbeAt", "deadline"})
  @JsonIgnoreProperties(value = "kind", allowGetters = true)
  record WaitUntil(String step, String condition, long probes, String nextProbeAt, String deadline)
      implements Wait {
    public static final String KIND = "waitUntil";

    @Override
    public String kind() {
      return KIND;
    }

    @Override
    public String summary(Function<Object, String> time) {
      return "until "
          + condition
          + " (probes so far "
          + probes
          + ", next probe "
          + time.apply(nextProbeAt)
          + ")";
    }

    @Override
    public String line(String workflowId) {
      return step
          + " waits until "
          + condition
          + " (probes so far "
          + probes
          + ", next probe "
          + nextProbeAt
          + ", deadline "
          + deadline
          + ")";
    }
  }

  /**
   * A sleep step sleeps.
   *
   * @param until when it wakes
   */
  @JsonPropertyOrder({"step", "kind", "until"})
  @JsonIgnoreProperties(value = "kind", allowGetters = true)
  record Sleep(String step, String until) implements Wait {
    public static final String KIND = "sleep";

    @Override
    public String kind() {
      return KIND;
    }

    @Override
    public String summary(Function<Object, String> time) {
      return "sleeping until " + time.apply(until);
    }

    @Override
    public String line(String workflowId) {
      return step + " sleeps until " + until;
    }
  }
}
